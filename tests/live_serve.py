"""`mkdocs serve` for a throwaway project, for tests: free port, bounded waits, always killed."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from plansite.data import synthetic
from plansite.site.error_page import FAILED_TITLE, TITLE as ERROR_TITLE


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(directory: Path, plan: Path, **overrides):
    """Yield (base URL, the project's own plan file, the server's terminal output file).

    *overrides* are further mkdocs.yml keys for the throwaway project (e.g. hooks)."""
    config = synthetic.project(str(directory), str(plan), **overrides)
    log = directory / "serve.log"
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PLAN_HANDOUTS="false")
    with open(log, "w") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", config, "-a", f"127.0.0.1:{port}"],
                                  cwd=directory, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield f"http://127.0.0.1:{port}/", directory / "data" / "plan.yaml", log
    finally:
        server.kill()
        server.wait(timeout=30)


def get(url: str) -> tuple[int, str]:
    """Status and text; a request that hangs fails the test (the timeout)."""
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait(url: str, predicate, timeout: float = 120) -> tuple[int, str]:
    """The first answer from *url* that satisfies predicate(status, text), polled within *timeout*."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = get(url)
        except (urllib.error.URLError, ConnectionError):  # not listening yet
            last = None
        if last and predicate(*last):
            return last
        time.sleep(0.2)
    raise AssertionError(f"{url}: no such answer within {timeout} s; last: {last and (last[0], last[1][-1500:])}")


def shows_site(status: int, text: str) -> bool:
    return status == 200 and ERROR_TITLE not in text and FAILED_TITLE not in text and "<nav" in text
