"""The browser suite's world: the built site served by nginx (as deployed) and by Python, and
Debian's Chromium driven by Playwright.

Nothing is downloaded: the browser is /usr/bin/chromium (installed by `make test`); a missing
browser or nginx fails the suite rather than skipping it.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading

import pytest

from browsing import CHROMIUM, CHROMIUM_ARGS, local_nginx


@pytest.fixture(scope="session")
def nginx_url(built_site, tmp_path_factory):
    """The site served by nginx with deploy/nginx.conf on an ephemeral 127.0.0.1 port."""
    try:
        with local_nginx.serve(built_site, tmp_path_factory.mktemp("nginx")) as url:
            yield url
    except (FileNotFoundError, RuntimeError) as problem:
        pytest.fail(str(problem))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def static_server(directory):
    """*directory* served by Python's static server on an ephemeral 127.0.0.1 port; yields its URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def python_url(built_site):
    """The site served by a plain static server: it needs nothing nginx-specific."""
    with static_server(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def released_url(released):
    """The three-release fixture project's site (tests/released.py), served the same way."""
    with static_server(released.site) as url:
        yield url


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
