"""The plan's history as readers see it: what each release changed, per release and per page.

Built once per build from a :class:`plansite.data.releases.Timeline` (models only, never files or
git) with :func:`plansite.outputs.plan_diff.compare`: each release against the one before it, the
working plan against the latest release (尚未发布的修改), and the working plan against the original
release, which is what marks a text 本条已修订 and keeps its original wording at hand.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from ..data.model import Area, Department, Item, Plan, Point, ProblemItem
from . import plan_diff

if TYPE_CHECKING:  # the data layer's types, for readers of this module
    from ..data.releases import Release, Timeline

UNRELEASED_SLUG = "unreleased"
UNRELEASED_TITLE = "尚未发布的修改"
NOT_RELEASED = "方案尚未发布"
# What a release did to one thing, in the order pages list it.
KINDS = tuple(plan_diff.KINDS.values())
ADDED, REMOVED, MOVED, OWNERS, TEXTS = KINDS


def version_text(timeline: "Timeline") -> str:
    """The one wording of “which version is this” for the home page, every footer and the PDFs."""
    current = timeline.current
    if current is None:
        return NOT_RELEASED
    text = f"现行版本：{current.label}"
    return text + "（另有尚未发布的修改）" if timeline.unreleased else text


@dataclass(eq=False)
class Revision:
    """One step of the history: a release against the one before, or the unreleased edits."""

    release: Optional["Release"]  # None: the working plan's unreleased changes
    previous: Optional["Release"]  # None: the original release (首次发布)
    changes: Optional[plan_diff.Changes]  # None for the original release

    @property
    def slug(self) -> str:
        return self.release.slug if self.release else UNRELEASED_SLUG

    @property
    def label(self) -> str:
        return self.release.label if self.release else UNRELEASED_TITLE

    @property
    def is_original(self) -> bool:
        return self.release is not None and self.previous is None


@dataclass
class Touch:
    """A revision that changed one page's subject, and how."""

    revision: Revision
    kinds: list[str] = field(default_factory=list)


@dataclass
class Original:
    """How one piece of the working plan stood at the original release, where it differs."""

    added: bool = False  # not in the original release
    added_in: Optional[Revision] = None  # the revision that added it, where one step says so
    texts: list[tuple[str, str, str]] = field(default_factory=list)  # (field name, original wording, now)
    owners: Optional[str] = None  # the original owners, where they changed

    def __bool__(self) -> bool:
        return bool(self.added or self.texts or self.owners)


def key(obj) -> tuple:
    """The plan_diff unit key of a model object: the same identity the comparison uses."""
    if isinstance(obj, Area):
        return ("area", obj.id)
    if isinstance(obj, ProblemItem):
        return ("problem", obj.id)
    if isinstance(obj, Item):
        return ("item", obj.id)
    if isinstance(obj, Point):
        return ("point", obj.item.id, obj.number)
    if isinstance(obj, Department):
        return ("department", obj.id)
    raise TypeError(obj)


def places(plan: Plan, whole: bool = False) -> dict[tuple, object]:
    """Every area, problem, item, point and department of *plan* by its key; *whole* adds the parts and the plan."""
    items = plan.measures.items + plan.guarantees.items
    found = {key(obj): obj for obj in plan.areas + plan.problems + items + [p for i in items for p in i.points]
             + plan.departments}
    if whole:
        found.update({("section", s.key): s for s in plan.sections})
        found[("plan",)] = plan
    return found


class History:
    """Every revision, newest first, and which of them touched each area, item and department."""

    def __init__(self, timeline: "Timeline"):
        self.timeline = timeline
        releases = timeline.releases
        steps = [Revision(r, releases[i - 1] if i else None,
                          plan_diff.compare(releases[i - 1].plan, r.plan) if i else None)
                 for i, r in enumerate(releases)]
        if timeline.current is not None and timeline.unreleased:
            steps.append(Revision(None, timeline.current, plan_diff.compare(timeline.current.plan, timeline.working)))
        self.revisions = steps[::-1]
        self._touches: dict[tuple, list[Touch]] = {}
        for revision in self.revisions:
            if revision.changes is not None:
                self._record(revision)
        self._originals = self._since_original()
        self._present: dict[str, set] = {}  # release slug -> the keys of what it holds (in_release)

    @property
    def unreleased(self) -> Optional[Revision]:
        return next((r for r in self.revisions if r.release is None), None)

    def of(self, obj) -> list[Touch]:
        """The revisions that changed *obj* (an area with its problems, an item with its points,
        a department with the measures it owns), newest first."""
        return self._touches.get(key(obj), [])

    def in_release(self, obj, release: "Release") -> bool:
        """Whether *obj* (by its identity: id, or item and number for a point) is in *release*."""
        if release.slug not in self._present:
            self._present[release.slug] = set(places(release.plan))
        return key(obj) in self._present[release.slug]

    def original(self, obj) -> Original:
        """How *obj* stood at the original release; false where it is unchanged since."""
        return self._originals.get(key(obj), Original())

    # --- building ------------------------------------------------------------------------------

    def _record(self, revision: Revision) -> None:
        changes = revision.changes
        found: dict[tuple, set[str]] = {}

        def touch(unit: plan_diff.Unit, kind: str) -> None:
            for target in self._pages_of(unit, revision):
                found.setdefault(target, set()).add(kind)

        for unit in changes.added:
            touch(unit, ADDED)
        for unit in changes.removed:
            touch(unit, REMOVED)
        for _, unit in changes.moved:
            touch(unit, MOVED)
        for old, new in changes.owners:
            touch(old, OWNERS)
            touch(new, OWNERS)
        for unit, *_ in changes.texts:
            touch(unit, TEXTS)
        for target, kinds in found.items():
            self._touches.setdefault(target, []).append(Touch(revision, [k for k in KINDS if k in kinds]))

    def _pages_of(self, unit: plan_diff.Unit, revision: Revision) -> list[tuple]:
        """The unit itself, the area or item it stands under, and the departments it names as owners."""
        targets = [unit.key] + ([unit.parent] if unit.parent else [])
        if unit.owners:
            plans = [revision.previous.plan if revision.previous else None,
                     revision.release.plan if revision.release else self.timeline.working]
            ids = {d.name: d.id for plan in plans if plan for d in plan.departments}
            targets += [("department", ids[name]) for name in unit.owners if name in ids]
        return targets

    def _since_original(self) -> dict[tuple, Original]:
        original = self.timeline.original
        if original is None:
            return {}
        changes = plan_diff.compare(original.plan, self.timeline.working)
        found: dict[tuple, Original] = {}
        for unit in changes.added:
            adding = next((t.revision for t in self._touches.get(unit.key, []) if ADDED in t.kinds), None)
            found[unit.key] = Original(added=True, added_in=adding)
        for old, new in changes.owners:
            found.setdefault(new.key, Original()).owners = "、".join(old.owners)
        for unit, name, old, new in changes.texts:
            if not found.get(unit.key, Original()).added:
                found.setdefault(unit.key, Original()).texts.append((plan_diff.field_name(name), old or "", new or ""))
        return found
