"""Handouts in official-document style (GB/T 9704-2012): PDF (WeasyPrint) and Word, plus the task table.

One handout holds the whole plan; each department that the plan names as owner of a measure gets
its own, holding those measures with the plan's context (what goes in each: handout_content). Each
is rendered as a PDF and as a .docx; the responsibility matrix is rendered once as an .xlsx.
Rendering CJK PDFs takes seconds, so the set is cached under ``build/handouts/`` by a key over
everything that shapes it: the model's content (data.fingerprint: not the file, so a comment or
a commit elsewhere renders nothing), the print templates and stylesheet, the output modules, and
the version shown in the 版记. ``mkdocs serve`` therefore renders again only when one of them
changed. The 版记 names the release in words (现行版本：…, from the plugin) and the fingerprint.
Each release's point-in-time copies are rendered by :mod:`plansite.outputs.release_copies`.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import pathlib
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import jinja2

from . import document
from ..data.fingerprint import fingerprint
from ..data.model import MARKS, Area, Department, Plan, citation
from ..data.numerals import chinese

TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "print_templates")
SITE_DIR = "downloads"  # where the handouts and the task table live on the site
FULL_SLUG = "plan"
# The modules whose code shapes the files: a change to any of them renders the set anew.
OUTPUT_MODULES = ("handouts.py", "handout_content.py", "grid.py", "docx_handouts.py", "task_table.py",
                  "print_fonts.py", "document.py", "plan_diff.py", "export.py", "revisions.py",
                  "release_copies.py")


@dataclass(frozen=True)
class Handout:
    slug: str  # file stem: ASCII, so links also work opened from a folder
    name: str  # what a reader calls it
    department: Optional[Department] = field(default=None, repr=False)

    @property
    def file_name(self) -> str:
        return f"{self.slug}.pdf"

    @property
    def site_path(self) -> str:
        return f"{SITE_DIR}/{self.file_name}"

    @property
    def download_name(self) -> str:
        """The name the browser saves it under."""
        return f"{self.name}.pdf"

    @property
    def docx_name(self) -> str:
        return f"{self.slug}.docx"

    @property
    def docx_site_path(self) -> str:
        return f"{SITE_DIR}/{self.docx_name}"

    @property
    def docx_download_name(self) -> str:
        return f"{self.name}.docx"


@dataclass(frozen=True)
class TaskTable:
    """The responsibility matrix as a spreadsheet, built with the handouts."""

    file_name: str = "tasks.xlsx"
    name: str = "工作措施责任分工表"

    @property
    def site_path(self) -> str:
        return f"{SITE_DIR}/{self.file_name}"

    @property
    def download_name(self) -> str:
        return f"{self.name}.xlsx"


TASK_TABLE = TaskTable()


def handouts(plan: Plan) -> list[Handout]:
    """The full plan first, then one per department that owns anything, in the plan's order."""
    result = [Handout(FULL_SLUG, "方案全文")]
    for department in plan.departments:
        if department.owns:
            result.append(Handout(f"department-{department.id}", f"{department.name}分册", department))
    return result


def handout_for(plan: Plan, department: Department) -> Optional[Handout]:
    return next((h for h in handouts(plan) if h.department is department), None)


def without_handout(plan: Plan) -> list[Department]:
    """Departments the plan names but never as owner: their handout would hold no measure."""
    return [d for d in plan.departments if not d.owns]


# --- revision ---------------------------------------------------------------------------------

def revision(plan: Plan) -> str:
    """Which data the handouts are built from, as the 版记 prints it: the model's checksum, which any
    copy of the data gives alike (no git, no file: a tarball or a clone prints the same)."""
    return f"校验值 {fingerprint(plan)}"


# --- rendering --------------------------------------------------------------------------------

def environment(plan: Plan) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # The model's helpers, for templates that lay out other documents on the same frame.
    env.globals.update(plan=plan, heading_text=document.heading_text, is_area=lambda o: isinstance(o, Area),
                       notes=plan.notes(), incomplete=plan.incomplete(), citation=citation, marks=MARKS)
    env.filters["chinese"] = chinese
    return env


def _content(plan: Plan, handout: Handout) -> tuple[list, list]:
    from . import handout_content  # rendering modules are imported late: a cached build never needs them

    if handout.department is None:
        return handout_content.full_plan(plan)
    return handout_content.department(plan, handout.department)


def render_html(plan: Plan, handout: Handout, revision_text: str, version: str = "") -> str:
    """The handout as HTML with its paragraphs already broken into justified grid lines.

    *version* names the release in words (现行版本：…); *revision_text* the data (revision()).
    """
    from . import grid, handout_content

    body, front = _content(plan, handout)
    template = "full.html.j2" if handout.department is None else "department.html.j2"
    html = environment(plan).get_template(template).render(
        handout=handout, department=handout.department, body=body, front=front,
        colophon=handout_content.colophon(plan, handout.department is None, revision_text, version))
    return grid.set_on_grid(html)


def render_docx(plan: Plan, handout: Handout, revision_text: str, target: str, version: str = "") -> None:
    """The handout as a Word document: the same paragraphs as its PDF."""
    from . import docx_handouts, handout_content  # imported late, like WeasyPrint: the cached path never needs them

    body, front = _content(plan, handout)
    subtitle = handout.name if handout.department else ""
    docx_handouts.write(plan.full_title, subtitle, front + body,
                        handout_content.colophon(plan, handout.department is None, revision_text, version), target)


def render_pdf(html: str, target: str) -> None:
    import weasyprint  # imported late: loading it costs a second the cached path never needs

    from weasyprint.text.fonts import FontConfiguration

    from . import print_fonts

    fonts = FontConfiguration()
    allowed = set()
    stylesheets = [weasyprint.CSS(filename=os.path.join(TEMPLATES, "print.css"), font_config=fonts)]
    kai = print_fonts.kai_with_body_metrics()
    if kai:
        url = pathlib.Path(kai).as_uri()
        allowed.add(url)
        stylesheets.append(weasyprint.CSS(string=f'@font-face {{ font-family: "{print_fonts.CSS_FAMILY}"; '
                                                 f'src: url("{url}"); }}', font_config=fonts,
                                          url_fetcher=_fetcher(allowed)))
    # No base URL and a fetcher that refuses all but that font: a handout loads nothing else.
    weasyprint.HTML(string=html, url_fetcher=_fetcher(allowed)).write_pdf(
        target, stylesheets=stylesheets, font_config=fonts)


def _fetcher(allowed: set):
    from weasyprint.urls import URLFetcher

    class OwnFontsOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url not in allowed:
                raise ValueError(f"讲义不加载外部资源：{url}")
            return super().fetch(url, headers)

    return OwnFontsOnly(allowed_protocols={"file"}, fail_on_errors=True)


# --- cache ------------------------------------------------------------------------------------

def cache_key(plan: Plan, version: str) -> str:
    digest = hashlib.sha256(code_digest())
    digest.update(f"{fingerprint(plan)}\0{version}".encode())
    return digest.hexdigest()


def code_digest() -> bytes:
    """What renders every handout: the output modules (as this process imported them) and the print
    templates (read each time: `mkdocs serve` watches them)."""
    digest = hashlib.sha256(_modules_digest())
    for name in sorted(os.listdir(TEMPLATES)):
        with open(os.path.join(TEMPLATES, name), "rb") as handle:
            digest.update(name.encode() + b"\0" + handle.read() + b"\0")
    return digest.digest()


@lru_cache(maxsize=1)
def _modules_digest() -> bytes:
    here = os.path.dirname(os.path.abspath(__file__))
    digest = hashlib.sha256()
    for name in OUTPUT_MODULES:
        with open(os.path.join(here, name), "rb") as handle:
            digest.update(name.encode() + b"\0" + handle.read() + b"\0")
    return digest.digest()


def _paths(plan: Plan, folder: str) -> dict[Handout, str]:
    return {h: os.path.join(folder, h.file_name) for h in handouts(plan)}


def files(paths: dict[Handout, str]) -> list[tuple[str, str]]:
    """Every file of a rendered set as (path on the site, path on disk): PDFs, Word files, the table."""
    result = []
    for handout, pdf in paths.items():
        folder = os.path.dirname(pdf)
        result += [(handout.site_path, pdf), (handout.docx_site_path, os.path.join(folder, handout.docx_name))]
    if paths:
        result.append((TASK_TABLE.site_path, os.path.join(folder, TASK_TABLE.file_name)))
    return result


def _complete(paths: dict) -> bool:
    return all(os.path.isfile(p) for _, p in files(paths))


def cached(plan: Plan, cache_dir: str, version: str = "") -> Optional[dict[Handout, str]]:
    """The handouts for exactly this plan and these templates, if they are rendered already."""
    paths = _paths(plan, os.path.join(cache_dir, cache_key(plan, version)[:16]))
    return paths if _complete(paths) else None


def latest(plan: Plan, cache_dir: str) -> Optional[dict[Handout, str]]:
    """The newest complete set with these handouts' names, whatever inputs it was rendered from."""
    with contextlib.suppress(OSError):
        folders = [e.path for e in os.scandir(cache_dir) if e.is_dir() and not e.name.startswith(".")]
        for folder in sorted(folders, key=os.path.getmtime, reverse=True):
            paths = _paths(plan, folder)
            if _complete(paths):
                return paths
    return None


def build(plan: Plan, cache_dir: str, prune: bool = True, version: str = "") -> dict[Handout, str]:
    """Every handout as a PDF in *cache_dir*/<key>/, rendered only when no folder has that key yet.

    *prune* drops older sets; a background render during `mkdocs serve` keeps them, since the
    running build may still be copying the previous set.
    """
    revision_text = revision(plan)
    key = cache_key(plan, version)[:16]
    paths = _paths(plan, os.path.join(cache_dir, key))

    def write(folder: str) -> None:
        for handout in paths:
            render_pdf(render_html(plan, handout, revision_text, version), os.path.join(folder, handout.file_name))
            render_docx(plan, handout, revision_text, os.path.join(folder, handout.docx_name), version)
        from . import task_table

        task_table.write(plan, os.path.join(folder, TASK_TABLE.file_name))

    write_set(os.path.join(cache_dir, key), lambda: _complete(paths), write)
    if prune:
        _prune(cache_dir, keep=key)
    return paths


def write_set(folder: str, complete, write) -> None:
    """*write* a set of files into *folder* unless *complete*() says it is there already.

    Writes into a private folder, then renames: a concurrent or interrupted build never sees half a set.
    """
    if complete():
        return
    cache_dir = os.path.dirname(folder)
    os.makedirs(cache_dir, exist_ok=True)
    fresh = tempfile.mkdtemp(prefix=".rendering-", dir=cache_dir)
    try:
        write(fresh)
        if not complete():  # else a concurrent build won the race
            shutil.rmtree(folder, ignore_errors=True)  # an incomplete set left by an older version
            os.rename(fresh, folder)
    except OSError:
        if not complete():
            raise
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def _prune(cache_dir: str, keep: str) -> None:
    """Drop sets for older inputs, so build/ does not grow with every edit during `mkdocs serve`."""
    for name in os.listdir(cache_dir):
        path = os.path.join(cache_dir, name)
        # A .rendering- folder may be another build's work in progress; only an hour-old one is left over.
        with contextlib.suppress(OSError):  # a concurrent build may be pruning too
            if name == keep or (name.startswith(".") and time.time() - os.path.getmtime(path) < 3600):
                continue
            if os.path.isdir(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                os.remove(path)
