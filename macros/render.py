"""Render the pages of the site from the resolved plan, as Markdown, through Jinja templates.

Each macro renders one kind of page. Templates see model objects only; every value they print is
escaped by ``finalize`` unless it was built as Markup here (links, linked text), so plan text can
never become markup by accident.
"""
from __future__ import annotations

import os

import jinja2
import markup
from plansite.outputs import derived, document, handouts, plan_diff, release_copies, revisions
from plansite.outputs import task_table, verified
from plansite.site import data_files, jinja_cache, release_texts, search_index, sitemap
from plansite.data.model import MARKS, citation

MACROS = ["home", "section_page", "item_page", "departments_page", "department_page",
          "matrix", "full_text", "status", "plan_title", "downloads", "releases_page", "search_context_example",
          "release_page", "compare_page"]
RELEASES_PAGE = sitemap.SITE_PAGES["releases"]
# The responsibility matrix has a column per department: with more than this, each measure lists
# its owners instead, so the page grows with the plan rather than with measures × departments.
MATRIX_COLUMNS_MAX = 10

_TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")
# What renders a release's text: the macros and templates, the text's wording and its anchors.
_CODE = release_texts.code_key(os.path.dirname(os.path.abspath(__file__))) + derived.code_key(document.__name__,
                                                                                               sitemap.__name__)


class SiteRenderer:
    def __init__(self, history: revisions.History, with_handouts: bool = True, texts=None):
        """*texts*: the plan plugin's release_texts.ReleaseTexts, where each release's full text is kept."""
        self.history = history
        self.texts = texts
        self.plan = plan = history.timeline.working
        self._pages = {key: sitemap.url(obj) for key, obj in revisions.places(plan).items()}  # for links from redlines
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(_TEMPLATES),
            undefined=jinja2.StrictUndefined,
            finalize=markup.escape,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=jinja_cache.bytecode_cache(),  # compiled once, not on every build
        )
        self.env.globals.update(
            plan=plan,
            url=lambda obj: markup.Markup(sitemap.url(obj)),
            site_page=lambda name: markup.Markup(sitemap.SITE_PAGES[name]),  # e.g. [下载]({{ site_page("downloads") }})
            anchor=lambda obj: markup.Markup(sitemap.anchor(obj)),
            link=markup.link,
            heading_text=document.heading_text,
            marks=MARKS,
            citation=citation,
            handouts=handouts.handouts(plan) if with_handouts else [],
            handout_for=lambda department: handouts.handout_for(plan, department) if with_handouts else None,
            handout_link=handout_link,
            task_table=handouts.TASK_TABLE if with_handouts else None,
            task_table_columns=task_table.HEADER,
            history=history,
            version=revisions.version_text(history.timeline),
            release_handouts=release_copies.release_handouts if with_handouts else lambda release: None,
            revision_link=lambda revision: markup.link(revision.label, f"{RELEASES_PAGE}#{revision.slug}"),
            changes_markdown=lambda changes: markup.Markup("\n".join(plan_diff.details(changes, 3, self._page_of))),
            changes_summary=plan_diff.summary,
            redline=lambda old, new: markup.Markup(plan_diff.marked(old, new, elide=False)),
            release_url=lambda release, obj=None: markup.Markup(sitemap.release_url(release, obj)),
            address=lambda link: markup.Markup(sitemap.address(link)),  # in raw HTML on a page at the root
            unreleased=revisions.UNRELEASED_SLUG,  # 修订记录's anchor for the edits since the latest release
            release_json=data_files.release_json,
            data_files=data_files,
            task_table_name=handouts.TASK_TABLE.name,
            compare_url=compare_url,
            comparable=data_files.comparable(history.timeline),
        )
        self.env.filters["linked"] = lambda text, current=None: markup.linked(text, plan, current)

    def _page_of(self, unit: plan_diff.Unit) -> str | None:
        """Where a unit of a redline stands in the working plan now, if it still does."""
        return self._pages.get(unit.key)

    def _render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context)

    # --- macros -----------------------------------------------------------------------------

    def plan_title(self) -> str:
        return str(markup.escape(self.plan.full_title))

    def home(self) -> str:
        return self._render("home.md.j2")

    def section_page(self, key: str) -> str:
        section = next(s for s in self.plan.sections if s.key == key)
        return self._render("section.md.j2", section=section)

    def item_page(self, key: str, ident: str) -> str:
        section = next(s for s in self.plan.sections if s.key == key)
        index = next(i for i, item in enumerate(section.items) if item.id == ident)
        item = section.items[index]
        neighbours = dict(previous=section.items[index - 1] if index else None,
                          next=section.items[index + 1] if index + 1 < len(section.items) else None)
        template = "area.md.j2" if key == "focus_areas" else "item.md.j2"
        return self._render(template, item=item, **neighbours)

    def departments_page(self) -> str:
        return self._render("departments.md.j2")

    def department_page(self, ident: str) -> str:
        departments = self.plan.departments
        index = next(i for i, d in enumerate(departments) if d.id == ident)
        return self._render("department.md.j2", department=departments[index],
                            previous=departments[index - 1] if index else None,
                            next=departments[index + 1] if index + 1 < len(departments) else None)

    def matrix(self) -> str:
        return self._render("matrix.md.j2", matrix_columns_max=MATRIX_COLUMNS_MAX)

    def full_text(self) -> str:
        """The original release's text (the working plan's until the first release).

        Its problems link to their pages only where the working plan still has them there.
        """
        original = self.history.timeline.original
        shown = original.plan if original else self.plan
        current = {sitemap.url(p) for p in self.plan.problems}
        return self._render("full_text.md.j2", blocks=list(document.full_text(shown)), original=original,
                            problem_link=lambda p: markup.link(f"（{p.code}）", p) if sitemap.url(p) in current else None)

    def status(self) -> str:
        return self._render("status.md.j2")

    def downloads(self) -> str:
        return self._render("downloads.md.j2", without=handouts.without_handout(self.plan),
                            verified_in=verified.VERIFIED_IN)

    def search_context_example(self) -> str:
        """How a search result names its place, shown with the plan's first problem (质量与无障碍)."""
        return markup.escape(search_index.context(self.plan.problems[0])) if self.plan.problems else ""

    def releases_page(self) -> str:
        return self._render("releases.md.j2")

    def release_page(self, slug: str) -> str:
        """One release's full text, as the plan stood then, with where it stands among the releases."""
        releases = self.history.timeline.releases
        index = next(i for i, r in enumerate(releases) if r.slug == slug)
        release = releases[index]
        revision = next(r for r in self.history.revisions if r.release is release)
        return self._render("release.md.j2", release=release, revision=revision,
                            previous=releases[index - 1] if index else None,
                            next=releases[index + 1] if index + 1 < len(releases) else None,
                            text=markup.Markup(self._release_text(release)))

    def _release_text(self, release) -> str:
        """The release's plan as a document: its Markdown, or the plugin's placeholder for its cached HTML."""
        plan = release.plan

        def text() -> str:
            return self._render("release_text.md.j2", blocks=list(document.full_text(plan)), departments=plan.departments)

        if self.texts is None:
            return text()
        return self.texts.placeholder(sitemap.release_page(release), release, text, _CODE)

    def compare_page(self) -> str:
        versions = data_files.versions(self.history.timeline)
        named = {v.slug: v.label for v in versions}

        def option_label(version) -> str:  # the current text says whether it is the latest release
            if version.slug != sitemap.CURRENT:
                return version.label
            return f"{version.label}（即{named[version.same_as]}）" if version.same_as else f"{version.label}（含尚未发布的修改）"

        return self._render("compare.md.j2", versions=versions, option_label=option_label)


def compare_url(old, new) -> markup.Markup:
    """compare.html comparing two versions: releases, or None for the working text (current)."""
    slug = lambda release: release.slug if release else sitemap.CURRENT  # noqa: E731
    return markup.Markup(f"/{sitemap.COMPARE_PAGE}?from={slug(old)}&to={slug(new)}")


def handout_link(handout, label=None, word=False) -> markup.Markup:
    """A link to a handout's PDF (its Word file if *word*), or to the task table, that the browser
    saves under its Chinese name."""
    path, name = (handout.docx_site_path, handout.docx_download_name) if word else \
        (handout.site_path, handout.download_name)
    return markup.Markup(f'{markup.link(label or handout.name, "/" + path)}'
                         f'{{: download="{markup.escape(name)}" }}')

