"""Every page's metadata as 政府网站发展指引 (国办发〔2017〕47号) asks of a content page, for the
intranet's search engines: ArticleTitle, PubDate, ContentSource, Keywords and Description.

All of it comes from the plan and its releases, never typed: the title is the page's (the plan's on
the home page); PubDate is the date of the release the page shows (the current release; on a
point-in-time page, its own), left out before the first release; keywords are the page subject's
citation code, title, departments and the terms its text marks in “” and 《》; the description is
the subject's own text (the plan's full title on pages about no part of it). The plan does not
name its issuing body, so ContentSource is the plugin's ``content_source`` setting (mkdocs.yml) where
the maintainers set one, and otherwise the site itself (its site_name): what publishes the text.
"""
from __future__ import annotations

import html
from typing import Optional

from ..data.model import Area, Department, Item, Plan, Section
from ..outputs import document
from . import search_terms, sitemap

DESCRIPTION_MAX = 200  # characters; search engines show about this much
KEYWORDS_MAX = 12


def subjects(timeline) -> dict[str, object]:
    """What each generated page (by its docs path) and the home page is about: a model object or a release."""
    plan = timeline.working
    found: dict[str, object] = {"index.md": plan}
    for obj in plan.sections + plan.areas + plan.measures.items + plan.guarantees.items + plan.departments:
        found[sitemap.url(obj).lstrip("/").partition("#")[0]] = obj
    found.update({sitemap.release_page(r): r for r in timeline.releases})
    return found


def tags(title: str, subject, timeline, content_source: str) -> list[tuple[str, str]]:
    """The (name, content) pairs of one page's metadata, as plain text (the theme escapes them)."""
    release = subject if _is_release(subject) else timeline.current
    found = [("ArticleTitle", subject.full_title if isinstance(subject, Plan) else html.unescape(title))]
    if release is not None:
        found.append(("PubDate", release.date.isoformat()))
    found.append(("ContentSource", content_source))
    keywords = _keywords(subject, timeline.working) or [html.unescape(title)]
    found.append(("Keywords", ",".join(keywords[:KEYWORDS_MAX])))
    found.append(("Description", _clip(_description(subject) or timeline.working.full_title)))
    return found


def _is_release(subject) -> bool:
    return hasattr(subject, "snapshot")


def _keywords(subject, plan: Plan) -> list[str]:
    if subject is None or _is_release(subject):
        return []
    if isinstance(subject, Plan):
        words = [d.name for d in plan.departments] + search_terms.quoted(plan.preamble)
    elif isinstance(subject, Department):
        words = [subject.name] + [item.code for item in subject.owns]
    elif isinstance(subject, Section):
        words = [subject.title] + search_terms.quoted(subject.intro or "")
    else:
        words = [subject.code, subject.title] + [d.name for d in getattr(subject, "owners", [])]
        for text in [document.heading_text(subject)] + [p.text for p in getattr(subject, "problems", [])]:
            words += search_terms.quoted(text)
    return list(dict.fromkeys(w for w in words if w))


def _description(subject) -> Optional[str]:
    if subject is None:
        return None
    if _is_release(subject):
        return f"方案{subject.label}时的全文。" + (subject.note or "")
    if isinstance(subject, Plan):
        return subject.preamble
    if isinstance(subject, (Area, Item)):
        return document.heading_text(subject)
    if isinstance(subject, Section):
        return subject.intro or subject.title
    if isinstance(subject, Department):
        owns = "、".join(item.code + item.title for item in subject.owns)
        return f"{subject.name}负责的工作措施：{owns}。" if owns else subject.name
    return None


def _clip(text: str) -> str:
    return text if len(text) <= DESCRIPTION_MAX else text[:DESCRIPTION_MAX - 1] + "…"
