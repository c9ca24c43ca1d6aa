"""Helpers for the browser suite: where things are, what a page fetched and logged, and how a
reader uses material's search box. Serving with nginx is scripts/local_nginx.py."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import local_nginx  # noqa: E402  (scripts/ is not a package: the nginx helper is also a CLI)

CHROMIUM = "/usr/bin/chromium"
# For containers (CI runs the suite as root in Debian's): no sandbox (root has none), and
# /dev/shm, often 64 MB there, not used for rendering (it crashes the tab when full).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def site_pages(site: Path) -> list[str]:
    """Every built page, as a site-relative path."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@dataclass
class Traffic:
    """Every request a page made and every console error it logged."""
    origin: str  # "http://127.0.0.1:port" or "file://"
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def csp_violations(self) -> list[str]:
        return [error for error in self.errors if CSP_MARK in error or "Content Security Policy" in error]

    def outside(self) -> list[str]:
        def local(url: str) -> bool:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                return True
            if self.origin == "file://":
                return parts.scheme == "file"
            return f"{parts.scheme}://{parts.netloc}" == self.origin
        return [url for url in self.requests if not local(url)]


CSP_MARK = "CSP violation:"
# Every Content-Security-Policy violation as a console error, whatever the browser logs itself.
REPORT_CSP = ("document.addEventListener('securitypolicyviolation', e => console.error("
              f"'{CSP_MARK} ' + e.effectiveDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber))")


def watch(context, origin: str) -> Traffic:
    """Record the context's requests (pages and their workers), console errors and CSP violations."""
    traffic = Traffic(origin.rstrip("/") if origin != "file://" else origin)
    context.add_init_script(REPORT_CSP)
    context.on("request", lambda request: traffic.requests.append(request.url))

    def on_page(page):
        page.on("console", lambda msg: msg.type == "error" and traffic.errors.append(f"{page.url}: {msg.text}"))
        page.on("pageerror", lambda exc: traffic.errors.append(f"{page.url}: {exc}"))
    context.on("page", on_page)
    return traffic


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
        page.wait_for_function(f"() => !/结果/.test({_META})")
    # (CJK characters arrive without a key event, as an input method's commit: search.js searches)
    box.press_sequentially(text)
    page.wait_for_function(f"() => /结果/.test({_META})")


def site_relative(href: str, base: str, anchor: bool = False) -> str:
    """*href* as a site-relative page (and its #anchor if *anchor*)."""
    parts, base_path = urlsplit(href), urlsplit(base).path
    path = parts.path[len(base_path):] if parts.path.startswith(base_path) else parts.path
    return path + (f"#{parts.fragment}" if anchor and parts.fragment else "")


def result_pages(page, base: str, limit: int) -> list[str]:
    """The site-relative pages of the first *limit* search result groups, in order."""
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item",
        f"(items) => items.slice(0, {limit}).map(li => li.querySelector('a.md-search-result__link').href)")
    return [site_relative(href, base) for href in hrefs]


def first_result(page, base: str) -> str | None:
    """Where the first search result leads: its site-relative page and #anchor, None if none."""
    href = page.evaluate("() => { const a = document.querySelector('.md-search-result__item a.md-search-result__link');"
                         " return a ? a.href : null; }")
    return None if href is None else site_relative(href, base, anchor=True)


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now (animations settled)."""
    # Waits are written as functions: Playwright evaluates a bare expression with eval, which the
    # site's Content-Security-Policy refuses, as it should.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    page.evaluate(AXE.read_text(encoding="utf-8"))  # not a <script> tag: the site's CSP refuses inline ones
    return page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
                         ".then(r => r.violations.map(v => v.id + '（' + v.help + '）：'"
                         " + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))", WCAG)
