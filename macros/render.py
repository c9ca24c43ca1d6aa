"""Render the pages of the site from the resolved plan, as Markdown, through Jinja templates.

Each macro renders one kind of page. Templates see model objects only; every value they print is
escaped by ``finalize`` unless it was built as Markup here (links, linked text), so plan text can
never become markup by accident.
"""
from __future__ import annotations

import os

import jinja2
import markup
from plansite.outputs import document, handouts
from plansite.site import jinja_cache, sitemap
from plansite.data.model import MARKS, Plan, citation

MACROS = ["home", "section_page", "item_page", "departments_page", "department_page",
          "matrix", "full_text", "status", "plan_title", "downloads"]

_TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")


class SiteRenderer:
    def __init__(self, plan: Plan, with_handouts: bool = True):
        self.plan = plan
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
            anchor=lambda obj: markup.Markup(sitemap.anchor(obj)),
            link=markup.link,
            heading_text=document.heading_text,
            marks=MARKS,
            citation=citation,
            handouts=handouts.handouts(plan) if with_handouts else [],
            handout_for=lambda department: handouts.handout_for(plan, department) if with_handouts else None,
            handout_link=handout_link,
            task_table=handouts.TASK_TABLE if with_handouts else None,
        )
        self.env.filters["linked"] = lambda text, current=None: markup.linked(text, plan, current)

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
        return self._render("matrix.md.j2")

    def full_text(self) -> str:
        return self._render("full_text.md.j2", blocks=list(document.full_text(self.plan)))

    def status(self) -> str:
        return self._render("status.md.j2")

    def downloads(self) -> str:
        return self._render("downloads.md.j2", without=handouts.without_handout(self.plan))


def handout_link(handout, label=None, word=False) -> markup.Markup:
    """A link to a handout's PDF (its Word file if *word*), or to the task table, that the browser
    saves under its Chinese name."""
    path, name = (handout.docx_site_path, handout.docx_download_name) if word else \
        (handout.site_path, handout.download_name)
    return markup.Markup(f'{markup.link(label or handout.name, "/" + path)}'
                         f'{{: download="{markup.escape(name)}" }}')

