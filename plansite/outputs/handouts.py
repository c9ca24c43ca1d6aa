"""PDF handouts in official-document style (GB/T 9704-2012), laid out from the model by WeasyPrint.

One handout holds the whole plan; each department that the plan names as owner of a measure gets
its own, holding those measures with the plan's context. Rendering CJK PDFs takes seconds, so the
results are cached under ``build/handouts/`` by a key over everything that shapes them: the plan
file's bytes, the print templates and stylesheet, this module, and the revision shown in the
colophon. ``mkdocs serve`` therefore renders again only when one of them changed. The colophon
names the release in words (现行版本：…); the commit is small print.

Each release also keeps its full text and a 修订说明 (what it changed against the release before),
rendered from the release's own model and cached by content under ``build/releases/``.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

import jinja2
from markupsafe import Markup

from . import document, export, plan_diff
from ..data.model import MARKS, Area, Department, Plan, citation
from ..data.numerals import chinese

if TYPE_CHECKING:
    from ..data.releases import Release
    from . import revisions

TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "print_templates")
SITE_DIR = "downloads"  # where the PDFs live on the site
UNKNOWN = "未知"
FULL_SLUG = "plan"


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

def revision(plan_file: str) -> str:
    """The commit the handouts are built from, as the colophon prints it; 未知 outside a git checkout."""
    folder = os.path.dirname(os.path.abspath(plan_file))
    try:
        log = subprocess.run(["git", "log", "-1", "--format=%h %cs"], cwd=folder,
                             capture_output=True, text=True, timeout=10)
        if log.returncode != 0 or not log.stdout.strip():
            return UNKNOWN
        commit, date = log.stdout.split()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", os.path.basename(plan_file)],
                               cwd=folder, capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, ValueError, subprocess.SubprocessError):
        return UNKNOWN
    text = f"提交 {commit}（{date}）"
    # A PDF built from edited, uncommitted data must not claim to be that commit.
    return text + "，数据文件另有未提交的修改" if dirty else text


# --- rendering --------------------------------------------------------------------------------

def _environment(plan: Plan) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(plan=plan, heading_text=document.heading_text, is_area=lambda o: isinstance(o, Area),
                       notes=plan.notes(), incomplete=plan.incomplete(), citation=citation,
                       marks=MARKS)
    env.filters["chinese"] = chinese
    return env


def render_html(plan: Plan, handout: Handout, revision_text: str, version: str = "") -> str:
    """*version* names the release in words (现行版本：…); *revision_text* is the commit, in small print."""
    env = _environment(plan)
    if handout.department is None:
        return env.get_template("full.html.j2").render(
            handout=handout, blocks=list(document.full_text(plan)), revision=revision_text, version=version)
    measures = handout.department.owns
    return env.get_template("department.html.j2").render(
        handout=handout, department=handout.department, measures=measures,
        notes=[n for n in plan.notes() if _item_of(n) in measures], revision=revision_text, version=version)


def _item_of(holder):
    return getattr(holder, "item", holder)


def render_pdf(html: str, target: str) -> None:
    import weasyprint  # imported late: loading it costs a second the cached path never needs

    css = weasyprint.CSS(filename=os.path.join(TEMPLATES, "print.css"))
    # No base URL and a fetcher that refuses everything: a handout never loads anything.
    weasyprint.HTML(string=html, url_fetcher=_refuse).write_pdf(target, stylesheets=[css])


def _refuse(url, *args, **kwargs):
    raise ValueError(f"讲义不加载外部资源：{url}")


# --- cache ------------------------------------------------------------------------------------

def cache_key(plan_file: str, revision_text: str) -> str:
    digest = hashlib.sha256()
    sources = [plan_file, os.path.abspath(__file__)]
    sources += sorted(os.path.join(TEMPLATES, name) for name in os.listdir(TEMPLATES))
    for path in sources:
        with open(path, "rb") as handle:
            digest.update(os.path.basename(path).encode() + b"\0" + handle.read() + b"\0")
    digest.update(revision_text.encode())
    return digest.hexdigest()


def _paths(plan: Plan, folder: str) -> dict[Handout, str]:
    return {h: os.path.join(folder, h.file_name) for h in handouts(plan)}


def _complete(paths: dict) -> bool:
    return all(os.path.isfile(p) for p in paths.values())


def cached(plan: Plan, plan_file: str, cache_dir: str, version: str = "") -> Optional[dict[Handout, str]]:
    """The handouts for exactly this plan and these templates, if they are rendered already."""
    paths = _paths(plan, os.path.join(cache_dir, cache_key(plan_file, revision(plan_file) + version)[:16]))
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


def build(plan: Plan, plan_file: str, cache_dir: str, revision_text: Optional[str] = None,
          prune: bool = True, version: str = "") -> dict[Handout, str]:
    """Every handout as a PDF in *cache_dir*/<key>/, rendered only when no folder has that key yet.

    *prune* drops older sets; a background render during `mkdocs serve` keeps them, since the
    running build may still be copying the previous set.
    """
    revision_text = revision(plan_file) if revision_text is None else revision_text
    key = cache_key(plan_file, revision_text + version)[:16]
    paths = _paths(plan, os.path.join(cache_dir, key))
    _render_set(paths, lambda handout: render_html(plan, handout, revision_text, version))
    if prune:
        _prune(cache_dir, keep=key)
    return paths


def _render_set(paths: dict[Handout, str], html) -> None:
    """Render each handout's *html* to its path, all in one folder, unless the set is complete already.

    Renders into a private folder, then renames: a concurrent or interrupted build never sees half a set.
    """
    if _complete(paths):
        return
    folder = os.path.dirname(next(iter(paths.values())))
    cache_dir = os.path.dirname(folder)
    os.makedirs(cache_dir, exist_ok=True)
    fresh = tempfile.mkdtemp(prefix=".rendering-", dir=cache_dir)
    try:
        for handout, path in paths.items():
            render_pdf(html(handout), os.path.join(fresh, os.path.basename(path)))
        if not _complete(paths):  # else a concurrent build won the race
            shutil.rmtree(folder, ignore_errors=True)  # an incomplete set left by an older version
            os.rename(fresh, folder)
    except OSError:
        if not _complete(paths):
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




# --- point-in-time copies ---------------------------------------------------------------------
# Every release keeps its full text and its 修订说明 as PDFs, rendered from the release's own model
# and cached by content under build/releases/ (beside build/handouts/, so neither prunes the other):
# a release never changes, so after the first build of it they cost a hash each.

RELEASES_CACHE = "releases"
CHANGES_SLUG = "changes"


def release_handouts(release: "Release") -> tuple[Handout, Handout]:
    """The full text and the 修订说明 of *release*, named by its date and title."""
    return (Handout(f"{FULL_SLUG}-{release.slug}", f"方案全文（{release.label}）"),
            Handout(f"{CHANGES_SLUG}-{release.slug}", f"修订说明（{release.label}）"))


def build_releases(history: "revisions.History", cache_dir: str) -> dict[Handout, str]:
    """Both PDFs of every release, in *cache_dir*/<content key>/, rendered only when new."""
    found, keep = {}, set()
    for step in history.revisions:
        if step.release is None:
            continue
        key = _release_key(step)
        keep.add(key)
        full, changes = release_handouts(step.release)
        paths = {full: os.path.join(cache_dir, key, full.file_name), changes: os.path.join(cache_dir, key, changes.file_name)}
        _render_set(paths, lambda handout, step=step: render_release_html(step, handout))
        found.update(paths)
    with contextlib.suppress(OSError):
        for entry in os.scandir(cache_dir):  # releases no longer in the record, or older templates
            if entry.is_dir() and entry.name not in keep and not entry.name.startswith("."):
                shutil.rmtree(entry.path, ignore_errors=True)
    return found


def _release_key(step: "revisions.Revision") -> str:
    """A key over the release's content (its model, not its file), its predecessor's, and the templates."""
    digest = hashlib.sha256()
    for plan in (step.release.plan, step.previous.plan if step.previous else None):
        digest.update(json.dumps(export.model_dict(plan) if plan else None, ensure_ascii=False, sort_keys=True).encode())
    digest.update(f"{step.release.label}\0{step.release.note or ''}\0{step.release.slug}".encode())
    sources = [os.path.abspath(__file__)] + sorted(os.path.join(TEMPLATES, n) for n in os.listdir(TEMPLATES))
    for path in sources:
        with open(path, "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()[:16]


def render_release_html(step: "revisions.Revision", handout: Handout) -> str:
    release = step.release
    env = _environment(release.plan)
    version = f"版本：{release.label}"
    full, _ = release_handouts(release)
    if handout == full:
        return env.get_template("release_full.html.j2").render(
            handout=handout, blocks=list(document.full_text(release.plan)), release=release,
            revision="", version=version)
    return env.get_template("release_changes.html.j2").render(
        handout=handout, release=release, previous=step.previous, full=full, notes=[],
        summary=plan_diff.summary(step.changes) if step.changes else "",
        parts=change_parts(step.changes) if step.changes else [], revision="", version=version)


def change_parts(changes: "plan_diff.Changes") -> list[tuple[str, list[Markup]]]:
    """The redline as 公文 paragraphs, kind by kind; changed text whole, <del>/<ins> marked."""
    def cite(unit) -> str:  # a problem's or point's name is its own text, given in full below
        if unit.parent:
            return f"{unit.kind}{unit.code}"
        return f"{unit.kind}{unit.code}“{unit.name}”" if unit.code else f"{unit.kind}“{unit.name}”"

    def para(*parts) -> Markup:  # plain parts are escaped; marked text is escaped by plan_diff
        return Markup("").join(parts)

    def wording(unit) -> str:  # what an added unit says, pieces joined as the document joins them
        text = ""
        for name in ("title", "subtitle", "heading", "target", "text", "lead", "body", "name"):
            piece = unit.fields.get(name)
            if piece:
                text += ("，" if text and text[-1] not in "。；：，" else "") + piece
        return text

    parts = []
    if changes.added:
        parts.append(("新增", [para(cite(u), "：", Markup(f"<ins>{plan_diff.escape(wording(u))}</ins>"))
                               for u in changes.added]))
    if changes.removed:
        parts.append(("删除", [para(cite(u), "：", Markup(f"<del>{plan_diff.escape(wording(u))}</del>"))
                               for u in changes.removed]))
    if changes.moved:
        parts.append(("编号变化", [para(cite(b), f"：{a.code}改为{b.code}。") for a, b in changes.moved]))
    if changes.owners:
        parts.append(("责任部门变化", [para(cite(b), f"：{'、'.join(a.owners)}改为{'、'.join(b.owners)}。")
                                       for a, b in changes.owners]))
    if changes.texts:
        lines = []
        for unit, name, old, new in changes.texts:
            what = plan_diff.field_name(name)
            if old is None:
                lines.append(para(cite(unit), f"，新增{what}：", Markup(f"<ins>{plan_diff.escape(str(new))}</ins>")))
            elif new is None:
                lines.append(para(cite(unit), f"，删去{what}：", Markup(f"<del>{plan_diff.escape(str(old))}</del>")))
            else:
                lines.append(para(cite(unit), f"，{what}：", Markup(plan_diff.marked(str(old), str(new), elide=False))))
        parts.append(("文字修改", lines))
    return parts
