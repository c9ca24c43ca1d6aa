"""Plan text into Markdown that shows exactly the characters typed, and nothing else.

Plan text is data, never markup: ``{{ }}`` must not reach the macros engine, ``<script>`` must not
reach the browser, ``*`` or ``[`` must not become emphasis or links. Every special character
becomes a numeric character reference, which Markdown passes through and the browser shows as the
character itself.
"""
from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup

from plansite.site import sitemap
from plansite.data.model import Plan

_SPECIAL = re.compile(r"[\\`*_{}\[\]<>&#|!~^=+:$%@]")


def escape(value) -> Markup:
    if isinstance(value, Markup):
        return value
    return Markup(_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", str(value)))


def link(label, target) -> Markup:
    """A Markdown link whose label is escaped plan text and whose target is a site URL."""
    return Markup(f"[{escape(label)}]({sitemap.url(target) if not isinstance(target, str) else target})")


def linked(text: str, plan: Plan, current=None) -> Markup:
    """Escaped *text* with every department name linked to its page (except the page itself)."""
    out = str(escape(text))
    pattern, by_name = _department_names(plan)
    if pattern is None:
        return Markup(out)

    def replace(match):
        department = by_name[match.group(0)]
        if department is current:
            return f"**{match.group(0)}**"
        return f"[{match.group(0)}]({sitemap.url(department)})"

    return Markup(pattern.sub(replace, out))


@lru_cache(maxsize=2)
def _department_names(plan: Plan) -> tuple[re.Pattern | None, dict]:
    """One pattern per plan, not per text: building it costs as much as the departments are many."""
    names = sorted(plan.departments, key=lambda d: -len(d.name))
    if not names:
        return None, {}
    pattern = re.compile("|".join(re.escape(str(escape(d.name))) for d in names))
    return pattern, {str(escape(d.name)): d for d in names}
