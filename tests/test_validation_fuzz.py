"""Random damage to plan.yaml never produces a traceback: the result is a valid plan or located errors.

Mutations are the slips of hand editing and of broken tools: deleted, duplicated and swapped
lines, changed indentation, inserted YAML-significant characters, truncated files, bytes that are
not UTF-8. Checked in-process through the loader, and a few examples through the real command.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from plansite.data import loader
from plansite.data.errors import PlanError

ROOT = Path(__file__).resolve().parent.parent
PLAN = (ROOT / "data" / "plan.yaml").read_bytes()
LINES = PLAN.split(b"\n")

SNIPPETS = [b":", b": ", b"-", b"- ", b"&", b"&a ", b"*", b"*a", b"\t", b"{", b"}", b"[", b"]", b"'", b'"',
            b"#", b" #", b"|", b">", b"!", b"!!str ", b"%", b"@", b"`", b"?", b",", b"---", b"\r", b"\x00",
            b"\x07", b"\xff", b"\xe4\xb8", "\u2028".encode(), "：".encode(), b"~", b"null", b"2021-13-01"]


@st.composite
def mutations(draw) -> bytes:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["delete", "duplicate", "indent", "insert", "swap", "truncate", "bytes"]))
        i = draw(st.integers(0, len(lines) - 1))
        if kind == "delete" and len(lines) > 1:
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "indent":
            lines[i] = b" " * draw(st.integers(0, 12)) + lines[i].lstrip(b" ")
        elif kind == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.sampled_from(SNIPPETS)) + lines[i][at:]
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "truncate":
            data = b"\n".join(lines)
            lines = data[:draw(st.integers(0, len(data)))].split(b"\n")
        elif kind == "bytes":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.binary(min_size=1, max_size=4)) + lines[i][at:]
    return b"\n".join(lines)


def editor_lines(raw: bytes) -> int:
    """How many lines an editor shows for *raw* (CRLF and lone CR each end a line)."""
    return raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations())
def test_damage_yields_a_plan_or_located_errors(raw):
    try:
        loader.load_bytes("plan.yaml", raw)
    except PlanError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert 1 <= problem.line <= editor_lines(raw), problem.format()
            assert problem.col >= 1, problem.format()
            assert problem.message and problem.hint, problem.format()


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations())
def test_the_command_never_shows_a_traceback(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("fuzz") / "plan.yaml"
    path.write_bytes(raw)
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_data.py"), "check", str(path)],
                            capture_output=True, text=True)
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1)
    if result.returncode:
        assert f"{path}:" in result.stderr and " 错误: " in result.stderr
