"""Page titles that show plan text literally.

MkDocs and the theme treat a page title as HTML: it is printed unescaped in the navigation, the
header and the footer, and mkdocs-macros renders any title containing ``{{``, ``{%`` or ``{#`` as
a Jinja template. Titles made from plan text are therefore written as character references,
which every one of those places shows as the characters typed and none of them interprets.
"""
from __future__ import annotations

import re

# HTML's specials, and Jinja's delimiters so that no title looks like a template.
_SPECIAL = re.compile(r"[&<>\"'{}%#]")


def html_text(text: str) -> str:
    return _SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", text)


def safe_nav(nav: list) -> list:
    """*nav* (MkDocs' nested list of {title: path or children}) with every title escaped."""
    result = []
    for entry in nav:
        if isinstance(entry, dict):
            result.append({html_text(title): safe_nav(value) if isinstance(value, list) else value
                           for title, value in entry.items()})
        else:
            result.append(entry)
    return result
