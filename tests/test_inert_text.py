"""Plan text is data: Jinja in it is never evaluated, HTML in it is shown, not run.

A copy of the project is built with injected text in a problem, a measure's title, a point's
body, a note and a department's name (each passes the schema: no ASCII , ; : ( ) in plan text),
and the built pages must show every string literally and contain no element it would create.
The plan injected into is the excerpt of tests/cases/00_valid, so data/plan.yaml may change freely.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitepages import all_pages

ROOT = Path(__file__).resolve().parent.parent
EXCERPT = ROOT / "tests" / "cases" / "00_valid" / "plan.yaml"

JINJA_EXPR = "{{ 7*7 }}"
JINJA_BLOCK = "{% if true %}真{% endif %}"
JINJA_COMMENT = "{#注释#}"  # " #" would start a YAML comment, which the validator rejects
SCRIPT = "<script>alert“1”</script>"
BOLD = "<b>粗</b>"
MARKDOWN = "*星号* _下划线_ [方括号]"
INJECTED = [JINJA_EXPR, JINJA_BLOCK, JINJA_COMMENT, SCRIPT, BOLD, MARKDOWN]
PAYLOAD = "".join(INJECTED)


def make_project(target: Path, plan_text: str) -> None:
    """A buildable copy of the site's sources with *plan_text* as its plan."""
    for name in ("docs", "macros", "overrides"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "build_site.py", target / "scripts" / "build_site.py")
    (target / "data").mkdir()
    shutil.copy(ROOT / "data" / "plan.schema.json", target / "data" / "plan.schema.json")
    (target / "data" / "plan.yaml").write_text(plan_text, encoding="utf-8")
    (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)


def build(project: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "scripts/build_site.py"], cwd=project, env=env,
                          capture_output=True, text=True)


def inject(plan_text: str) -> str:
    """The plan with PAYLOAD appended to one text of each kind."""
    edits = [
        (r"(\n {10}text: [^\n]*)", 1),  # first problem
        (r"(\n {6}title: [^\n]*)", 1),  # the first measure
        (r"(\n {10}body: [^\n]*)", 1),  # first point body
        (r"(\n {10}note: [^\n]*)", 1),  # first note at point level
        (r"(\n {4}name: [^\n]*)", 1),  # first department
    ]
    for pattern, nth in edits:
        matches = list(re.finditer(pattern, plan_text))
        assert len(matches) >= nth, pattern
        end = matches[nth - 1].end()
        plan_text = plan_text[:end] + PAYLOAD + plan_text[end:]
    return plan_text


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("inert")
    make_project(project, inject(EXCERPT.read_text(encoding="utf-8")))
    result = build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    return project / "site"


class _Elements(HTMLParser):
    """Start tags, and the text inside each script element."""

    def __init__(self):
        super().__init__()
        self.tags, self.scripts, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def elements(path: Path) -> _Elements:
    parser = _Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_the_injected_plan_passes_the_validator():
    from plansite.data import loader
    plan = loader.load_bytes("plan.yaml", inject(EXCERPT.read_text(encoding="utf-8")).encode())
    assert plan.problems[0].text.endswith(PAYLOAD)
    assert plan.measures.items[0].title.endswith(PAYLOAD)


def test_jinja_and_html_in_plan_text_appear_literally(injected_site):
    pages = all_pages(injected_site)
    # Visible text has whitespace removed by sitepages; compare the same way.
    literal = re.sub(r"\s+", "", PAYLOAD)
    showing = [p.relative_to(injected_site).as_posix() for p, page in pages.items() if literal in page.text]
    for expected in ("areas/decisions.html", "measures/political-guidance.html", "fulltext.html",
                     "departments/zuzhibu.html", "status.html"):
        assert expected in showing, f"{expected} does not show the text literally"
    for page in pages.values():
        assert "49真" not in page.text  # {{ 7*7 }} evaluated, {% if %} run


def test_no_injected_element_reaches_the_browser(injected_site):
    for path in injected_site.rglob("*.html"):
        found = elements(path)
        assert "b" not in found.tags, path  # the theme uses no <b>; a bold element came from plan text
        assert not [script for script in found.scripts if "alert" in script], path
        source = path.read_text(encoding="utf-8")
        assert "<script>alert" not in source and "<b>粗" not in source, path


def test_injected_text_stays_literal_in_page_titles_and_navigation(injected_site):
    page = injected_site / "measures" / "political-guidance.html"
    source = page.read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", source, re.S).group(1)
    assert "<" not in title and "&#60;script&#62;" in title
    assert "&#123;&#123; 7*7 &#125;&#125;" in title  # shown as typed, not rendered by mkdocs-macros
