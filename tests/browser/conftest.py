"""The browser suite's world: the built site served by nginx (as deployed) and by Python, and
Debian's Chromium driven by Playwright.

Nothing is downloaded: the browser is /usr/bin/chromium (installed by `make test`); a missing
browser or nginx fails the suite rather than skipping it.
"""
from __future__ import annotations

import functools
import http.server
import os
import socket
import subprocess
import threading
import time

import pytest

from browsing import CHROMIUM, CHROMIUM_ARGS, NGINX, render_nginx_conf


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen) -> bool:
    for _ in range(100):
        if process.poll() is not None:
            return False
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


@pytest.fixture(scope="session")
def nginx_url(built_site, tmp_path_factory):
    """The site served by nginx with deploy/nginx.conf on an ephemeral 127.0.0.1 port."""
    if not os.access(NGINX, os.X_OK):
        pytest.fail("找不到 nginx：请运行 make test（它会安装 Debian 软件包 nginx）")
    prefix = tmp_path_factory.mktemp("nginx")
    for _ in range(5):  # another process may take the port between probing and binding it
        port = _free_port()
        conf = prefix / "nginx.conf"
        conf.write_text(render_nginx_conf(built_site, prefix, port), encoding="utf-8")
        process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log"),
                                    "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if _wait_for_port(port, process):
            break
        process.kill()
        process.wait()
    else:
        pytest.fail("nginx 无法启动：\n" + (prefix / "error.log").read_text(errors="replace")[-2000:])
    yield f"http://127.0.0.1:{port}/"
    process.terminate()
    process.wait(timeout=10)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def python_url(built_site):
    """The site served by Python's http.server (what `mkdocs serve`-less readers might use)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


# --- browser -----------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"找不到 {CHROMIUM}：请运行 make test（它会安装 Debian 软件包 chromium）")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser):
    """Factory for fresh browser contexts (closed after the test)."""
    contexts = []

    def make(**options):
        context = browser.new_context(**options)
        contexts.append(context)
        return context
    yield make
    for context in contexts:
        context.close()
