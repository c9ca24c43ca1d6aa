"""The browser suite's world: the built site served by nginx (as deployed) and by Python, opened
from a folder, and Debian's Chromium driven by Playwright.

Nothing is downloaded: the browser is /usr/bin/chromium (installed by `make test`); a missing
browser or nginx fails the suite rather than skipping it.
"""
from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def site_pages(site: Path) -> list[str]:
    """Every built page, as a site-relative path."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


# --- servers -----------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, log: Path) -> bool:
    for _ in range(100):
        if process.poll() is not None:
            return False
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def render_nginx_conf(site: Path, prefix: Path, port: int) -> str:
    """deploy/nginx.conf as shipped, with only its machine-specific lines pointed at the test."""
    text = NGINX_CONF.read_text(encoding="utf-8")
    swaps = {
        r"^\s*listen\s+80;": f"    listen 127.0.0.1:{port};",
        r"^\s*root\s+/srv/plan-site;": f"    root {site};",
        r"^pid\s+\S+;": f"pid {prefix}/nginx.pid;",
        r"^error_log\s+\S+;": f"error_log {prefix}/error.log;",
        r"^\s*access_log\s+\S+;": f"    access_log {prefix}/access.log;",
        r"^\s*include\s+mime\.types;": "    include /etc/nginx/mime.types;",
    }
    for pattern, replacement in swaps.items():
        text, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
        assert count == 1, f"deploy/nginx.conf 中找不到 {pattern}：测试无法改写它"
    if os.geteuid() == 0:  # workers would drop to nobody, who cannot read the test's tmp dir
        text = "user root;\n" + text
    return text


@pytest.fixture(scope="session")
def nginx_url(built_site, tmp_path_factory):
    """The site served by nginx with deploy/nginx.conf on an ephemeral 127.0.0.1 port."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(nginx):
        pytest.fail("找不到 nginx：请运行 make test（它会安装 Debian 软件包 nginx）")
    prefix = tmp_path_factory.mktemp("nginx")
    for _ in range(5):  # another process may take the port between probing and binding it
        port = _free_port()
        conf = prefix / "nginx.conf"
        conf.write_text(render_nginx_conf(built_site, prefix, port), encoding="utf-8")
        process = subprocess.Popen([nginx, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log"),
                                    "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if _wait_for_port(port, process, prefix / "error.log"):
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


@dataclass
class Traffic:
    """Every request a page made and every console error it logged."""
    origin: str  # "http://127.0.0.1:port" or "file://"
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def outside(self) -> list[str]:
        def local(url: str) -> bool:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                return True
            if self.origin == "file://":
                return parts.scheme == "file"
            return f"{parts.scheme}://{parts.netloc}" == self.origin
        return [url for url in self.requests if not local(url)]


def watch(context, origin: str) -> Traffic:
    """Record the context's requests (pages and their workers) and console errors."""
    traffic = Traffic(origin.rstrip("/") if origin != "file://" else origin)
    context.on("request", lambda request: traffic.requests.append(request.url))

    def on_page(page):
        page.on("console", lambda msg: msg.type == "error" and traffic.errors.append(f"{page.url}: {msg.text}"))
        page.on("pageerror", lambda exc: traffic.errors.append(f"{page.url}: {exc}"))
    context.on("page", on_page)
    return traffic


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


def search_ready(page) -> None:
    """Wait until material's search worker has loaded the index (its status line says so)."""
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !m.textContent.includes('正在初始化'); }")


_META = "document.querySelector('.md-search-result__meta').textContent"


def type_query(page, text: str) -> None:
    """Open the search with its keyboard shortcut and type *text* as a reader would."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.keyboard.press("s")
    if box.input_value():  # clear the last query and wait for its results to go
        box.fill("")
        box.press("End")
        page.wait_for_function(f"() => !/结果/.test({_META})")
    box.press_sequentially(text)
    box.press("End")  # material searches on keyup; typed CJK characters do not send one
    page.wait_for_function(f"() => /结果/.test({_META})")


def result_pages(page, base: str, limit: int) -> list[str]:
    """The site-relative pages of the first *limit* search result groups, in order."""
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item",
        f"(items) => items.slice(0, {limit}).map(li => li.querySelector('a.md-search-result__link').href)")
    base_path = urlsplit(base).path
    pages = []
    for href in hrefs:
        path = urlsplit(href).path
        pages.append(path[len(base_path):] if path.startswith(base_path) else path)
    return pages
