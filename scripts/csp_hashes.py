#!/usr/bin/env python3
"""The hashes deploy/nginx.conf's Content-Security-Policy allows: those of the built site's inline scripts.

    .venv/bin/python scripts/csp_hashes.py [SITE]            list them; exit 1 if nginx.conf allows others
    .venv/bin/python scripts/csp_hashes.py [SITE] --write    put them into deploy/nginx.conf

Material writes a few small scripts into every page (its settings, the palette, the page's depth
as `new URL("..", location)`, so they differ by page depth): the policy allows exactly these by
their SHA-256, not every inline script. Upgrading Material may change them; the test suite fails
until this is run with --write (tests/browser/test_nginx.py).
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
_SCRIPT_SRC = re.compile(r"(script-src 'self')((?: 'sha256-[A-Za-z0-9+/=]+')*)")
# Types a browser runs as script; others (Material's application/json settings) are data.
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


class _InlineScripts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)  # a script's text is hashed exactly as written
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and (attrs.get("type") or "").lower() in _SCRIPT_TYPES:
            self._current = []

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def site_hashes(site: Path) -> set[str]:
    """'sha256-…' of every distinct inline script in the built *site*."""
    found = set()
    for page in site.rglob("*.html"):
        parser = _InlineScripts()
        parser.feed(page.read_text(encoding="utf-8"))
        for script in parser.scripts:
            found.add("sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode())
    return found


def allowed_hashes(conf: str) -> set[str]:
    match = _SCRIPT_SRC.search(conf)
    if not match:
        raise ValueError("deploy/nginx.conf 中找不到 script-src 'self'")
    return set(re.findall(r"'(sha256-[^']+)'", match.group(2)))


def with_hashes(conf: str, hashes: set[str]) -> str:
    return _SCRIPT_SRC.sub(lambda m: m.group(1) + "".join(f" '{h}'" for h in sorted(hashes)), conf, count=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"))
    parser.add_argument("--write", action="store_true", help="write the hashes into deploy/nginx.conf")
    args = parser.parse_args(argv)
    found = site_hashes(Path(args.site))
    if not found:
        sys.exit(f"{args.site} 中没有页面：先运行 make site")
    conf = NGINX_CONF.read_text(encoding="utf-8")
    print("\n".join(sorted(found)))
    if args.write:
        NGINX_CONF.write_text(with_hashes(conf, found), encoding="utf-8")
        return 0
    if found != allowed_hashes(conf):
        print("deploy/nginx.conf 允许的脚本哈希与站点不符：运行 scripts/csp_hashes.py --write 更新。", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
