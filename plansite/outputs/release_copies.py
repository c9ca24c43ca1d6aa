"""Point-in-time copies of every release: its full text and its 修订说明, as PDFs on the handouts' grid.

Rendered from each release's own model (and the one before it), cached by content under
``build/releases/`` beside ``build/handouts/``, so neither prunes the other: a release never changes,
so after the first build of it its copies cost a hash each.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from typing import TYPE_CHECKING

from markupsafe import Markup

from . import handouts, plan_diff
from ..data.fingerprint import fingerprint

if TYPE_CHECKING:
    from ..data.releases import Release
    from . import revisions

RELEASES_CACHE = "releases"
CHANGES_SLUG = "changes"


def release_handouts(release: "Release") -> tuple[handouts.Handout, handouts.Handout]:
    """The full text and the 修订说明 of *release*, named by its date and title."""
    return (handouts.Handout(f"{handouts.FULL_SLUG}-{release.slug}", f"方案全文（{release.label}）"),
            handouts.Handout(f"{CHANGES_SLUG}-{release.slug}", f"修订说明（{release.label}）"))


def build_releases(history: "revisions.History", cache_dir: str) -> dict[handouts.Handout, str]:
    """Both PDFs of every release, in *cache_dir*/<content key>/, rendered only when new."""
    found, keep, code = {}, set(), handouts.code_digest()
    for step in history.revisions:
        if step.release is None:
            continue
        key = _release_key(step, code)
        keep.add(key)
        full, changes = release_handouts(step.release)
        folder = os.path.join(cache_dir, key)
        paths = {full: os.path.join(folder, full.file_name), changes: os.path.join(folder, changes.file_name)}

        def write(fresh: str, step=step, paths=paths) -> None:
            for handout in paths:
                handouts.render_pdf(render_release_html(step, handout), os.path.join(fresh, handout.file_name))

        handouts.write_set(folder, lambda paths=paths: all(os.path.isfile(p) for p in paths.values()), write)
        found.update(paths)
    with contextlib.suppress(OSError):
        for entry in os.scandir(cache_dir):  # releases no longer in the record, or older templates
            if entry.is_dir() and entry.name not in keep and not entry.name.startswith("."):
                shutil.rmtree(entry.path, ignore_errors=True)
    return found


def _release_key(step: "revisions.Revision", code: bytes) -> str:
    """A key over the release's content (its model, not its file), its predecessor's, and the
    rendering *code* (handouts.code_digest)."""
    digest = hashlib.sha256(code)
    for plan in (step.release.plan, step.previous.plan if step.previous else None):
        digest.update((fingerprint(plan) if plan else "").encode() + b"\0")
    digest.update(f"{step.release.label}\0{step.release.note or ''}\0{step.release.slug}".encode())
    return digest.hexdigest()[:16]


def render_release_html(step: "revisions.Revision", handout: handouts.Handout) -> str:
    """A release's full text or its 修订说明, set on the grid like every handout."""
    from . import grid, handout_content  # only when a release is rendered: cached builds never are

    release = step.release
    plan = release.plan
    env = handouts.environment(plan)
    full, _ = release_handouts(release)
    version = f"版本：{release.label}"
    if handout == full:
        body, front = handout_content.full_plan(plan)
        made = (f"本材料是方案{release.label}时的全文，由当时的方案数据自动排版生成，此后的修订不在其中；"
                "原文副本中断、仅存标题和责任部门待明确之处，均照原样标出，不补写。")
        html = env.get_template("release_full.html.j2").render(
            handout=handout, department=None, body=body, front=front, release=release,
            colophon=handout_content.colophon(plan, True, "", version, made))
    else:
        compared = f"与{step.previous.label}时的方案数据逐项比较后" if step.previous else ""
        made = f"本说明由{release.label}时的方案数据{compared}自动生成，与内网站点“修订记录”页一致。"
        html = env.get_template("release_changes.html.j2").render(
            handout=handout, department=None, release=release, previous=step.previous, full=full,
            summary=plan_diff.summary(step.changes) if step.changes else "",
            parts=change_parts(step.changes) if step.changes else [],
            parts_have_texts=bool(step.changes and step.changes.texts),
            colophon=handout_content.colophon(plan, False, "", version, made))
    return grid.set_on_grid(html)


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
        parts.append((plan_diff.KINDS["added"], [para(cite(u), "：", Markup(f"<ins>{plan_diff.escape(wording(u))}</ins>"))
                               for u in changes.added]))
    if changes.removed:
        parts.append((plan_diff.KINDS["removed"], [para(cite(u), "：", Markup(f"<del>{plan_diff.escape(wording(u))}</del>"))
                               for u in changes.removed]))
    if changes.moved:
        parts.append((plan_diff.KINDS["moved"], [para(cite(b), f"：{a.code}改为{b.code}。") for a, b in changes.moved]))
    if changes.owners:
        parts.append((plan_diff.KINDS["owners"], [para(cite(b), f"：{'、'.join(a.owners)}改为{'、'.join(b.owners)}。")
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
        parts.append((plan_diff.KINDS["texts"], lines))
    return parts
