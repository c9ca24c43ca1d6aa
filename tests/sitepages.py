"""Reading a built site as a reader's browser would: visible text, links and element ids."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from plansite.site import sitemap

# The site's own pages as built files, by sitemap's names: PAGE["downloads"] == "downloads.html".
PAGE = {name: sitemap.built(link) for name, link in sitemap.SITE_PAGES.items()}


@dataclass
class Page:
    path: Path
    text: str = ""
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    resources: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    _SKIP = {"script", "style", "svg"}

    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page, self.skip, self.chunks = page, 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.page.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.page.links.append(attrs["href"])
        for key in ("src", "href"):
            if attrs.get(key) and tag != "a":
                self.page.resources.append(attrs[key])
        if tag in self._SKIP:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in self._SKIP and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.chunks.append(data)


def read_page(path: Path) -> Page:
    page = Page(path)
    parser = _Parser(page)
    parser.feed(path.read_text(encoding="utf-8"))
    page.text = re.sub(r"\s+", "", html.unescape("".join(parser.chunks)))
    return page


def article_text(path: Path) -> str:
    """Visible text of the page's main article only (no navigation)."""
    source = path.read_text(encoding="utf-8")
    match = re.search(r"<article[^>]*>(.*?)</article>", source, re.S)
    page = Page(path)
    parser = _Parser(page)
    parser.feed(match.group(1) if match else "")
    return re.sub(r"\s+", "", "".join(parser.chunks))


def all_pages(site: Path) -> dict[Path, Page]:
    return {p: read_page(p) for p in sorted(site.rglob("*.html"))}
