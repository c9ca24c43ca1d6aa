"""The plan's releases: dated, titled, point-in-time copies of data/plan.yaml, one resolved model each.

Everything about releases lives in one folder beside the plan, so a shallow clone, a tarball or a
pull request carries it and it is reviewed like any other change (no git history or tags needed)::

    data/releases/index.yaml        the record (date, title, note, snapshot, sha256), oldest first
    data/releases/2022-06-01.yaml   byte-exact copy of data/plan.yaml as released that day
    data/releases/2022-06-01-2.yaml a second release the same day

The index is read with the plan's located reader and checked against data/releases.schema.json, so
its errors read like the plan's. Each snapshot goes through the same loader as the working plan.
"""
from __future__ import annotations

import datetime
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import errors, loader, model_cache, reader, schema
from .fingerprint import fingerprint
from .errors import PlanError, Problem
from .model import Plan

FOLDER = "releases"  # beside the plan file
INDEX = "index.yaml"
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "data" / "releases.schema.json"
HEADER = "# 发布记录：由 make release 写入，请勿手工修改（见 CONTRIBUTING.md“维护者：发布新版本”）。\n"


@dataclass(frozen=True, eq=False)
class Release:
    number: int  # 1 = the original release (首次发布), in index order
    date: datetime.date
    title: str
    note: str | None
    snapshot: str  # absolute path of the snapshot file
    plan: Plan  # the snapshot, read + validated + resolved by the same loader

    @property
    def date_label(self) -> str:
        return f"{self.date.year}年{self.date.month}月{self.date.day}日"

    @property
    def label(self) -> str:
        return f"{self.date_label} {self.title}"

    @property
    def slug(self) -> str:
        """The snapshot's file-name stem (2022-06-01, 2022-06-01-2): for ids, anchors and file names."""
        return os.path.splitext(os.path.basename(self.snapshot))[0]


@dataclass(frozen=True, eq=False)
class Timeline:
    releases: list[Release]  # oldest first; may be empty
    working: Plan  # data/plan.yaml as it is now
    _working_data: object = field(default=None, repr=False)
    _current_data: object = field(default=None, repr=False)

    @property
    def original(self) -> Release | None:
        return self.releases[0] if self.releases else None

    @property
    def current(self) -> Release | None:
        return self.releases[-1] if self.releases else None

    @property
    def unreleased(self) -> bool:
        """True when the working plan's content differs from the current release (or nothing is released).

        Compared as read data, so comments and formatting do not count as changes.
        """
        return not self.releases or self._working_data != self._current_data


def folder(plan_file: str) -> str:
    """data/releases beside *plan_file* (relative if it is, so messages show the path as typed)."""
    return os.path.join(os.path.dirname(plan_file), FOLDER)


_cache: dict = {}
_snapshots: dict = {}  # (path, sha256) -> (Plan, data): a snapshot never changes once released


def load(plan_file: str, *, release: bool = False, cache_dir: str | None = None) -> Timeline:
    """The working plan with every release; raises PlanError listing every problem.

    *release*: check the working plan in release mode. Cached on the versions of the plan file and
    of every file in the releases folder, so MkDocs' many calls per build read them once; with a
    *cache_dir* (the build folder), each file's model is kept there between builds (model_cache).
    """
    key = (os.path.abspath(plan_file), release, _versions(plan_file))
    if key not in _cache:
        _cache.clear()
        _cache[key] = _load(plan_file, release, os.path.join(cache_dir, model_cache.FOLDER) if cache_dir else None)
    return _cache[key]


def _versions(plan_file: str) -> tuple:
    paths = [plan_file]
    where = folder(plan_file)
    if os.path.isdir(where):
        paths += sorted(os.path.join(where, name) for name in os.listdir(where))
    stats = []
    for path in paths:
        try:
            stat = os.stat(path)
        except FileNotFoundError:  # e.g. a release's temporary file, gone since the listing
            continue
        stats.append((path, stat.st_size, stat.st_mtime_ns))
    return tuple(stats)


def _load(plan_file: str, release: bool, cache: str | None) -> Timeline:
    found: list[Problem] = []
    models = model_cache.Cache(cache)
    try:
        working, working_data = _working(plan_file, release, models)
    except PlanError as exc:
        working, working_data = None, None
        found += exc.problems
    releases, current_data = [], None
    try:
        releases, current_data = _read_releases(plan_file, models)
    except PlanError as exc:
        found += exc.problems
    if found:
        raise PlanError(found)
    models.prune()
    return Timeline(releases, working, working_data, current_data)


def _working(plan_file: str, release: bool, models: model_cache.Cache) -> tuple[Plan, object]:
    try:
        with open(plan_file, "rb") as handle:
            raw = handle.read()
    except OSError:  # the loader says what is wrong with the file, in Chinese
        return loader.load_with_data(plan_file, None, release)
    digest = hashlib.sha256(raw).hexdigest()
    key = ("plan", os.path.abspath(plan_file), str(release), digest)
    return models.get(key, lambda: _read(plan_file, raw, release))


def _read(path: str, raw: bytes, release: bool = False) -> tuple[Plan, object]:
    """A file's model and data, its fingerprint taken now: the cached model carries it to later builds."""
    plan, data = loader.load_with_data(path, raw, release)
    fingerprint(plan)
    return plan, data

@dataclass
class _Entry:
    """One index entry as read, with where its fields stand in the index."""

    date: datetime.date
    title: str
    note: str | None
    snapshot: str
    sha256: str
    where: dict  # field -> (line, col)


def today() -> datetime.date:
    """The date releases are checked against (a function, so that tests can move it)."""
    return datetime.date.today()


def _snapshot_files(plan_file: str) -> list[str]:
    """The snapshot-like files in the releases folder: every YAML file but the index."""
    where = folder(plan_file)
    if not os.path.isdir(where):
        return []
    return sorted(name for name in os.listdir(where)
                  if name.endswith((".yaml", ".yml")) and name != INDEX and not name.startswith("."))


def _read_index(plan_file: str, raw: bytes | None = None) -> tuple[str, list[_Entry]]:
    """The index's path and its entries, checked (structure, order, unique titles, dates up to today,
    a snapshot for every entry and an entry for every snapshot); no index and no snapshot = none.
    *raw*: the index's bytes, already read."""
    index = os.path.join(folder(plan_file), INDEX)
    if raw is None and not os.path.isfile(index):
        snapshots = _snapshot_files(plan_file)
        if snapshots:
            raise PlanError([errors.release_record_missing(index, snapshots)])
        return index, []
    doc = reader.read(index, raw)
    _check_index(doc)
    entries, found = [], []
    now = today()
    titles: dict[str, int] = {}
    snapshots: dict[str, int] = {}
    for i, raw in enumerate(doc.data["releases"]):
        path = ("releases", i)
        where = {name: doc.where(path + (name,)) for name in ("date", "title", "snapshot", "sha256")}
        try:
            date = datetime.date.fromisoformat(raw["date"])
        except ValueError:
            found.append(errors.release_date_invalid(index, *where["date"], raw["date"]))
            continue
        if date > now:
            found.append(errors.release_in_future(index, *where["date"], raw["date"], now.isoformat()))
        if entries and date < entries[-1].date:
            found.append(errors.release_out_of_order(index, *where["date"], raw["date"], entries[-1].date.isoformat()))
        if raw["title"] in titles:
            found.append(errors.release_title_repeated(index, *where["title"], raw["title"], titles[raw["title"]]))
        titles.setdefault(raw["title"], where["title"][0])
        if raw["snapshot"] in snapshots:
            found.append(errors.release_snapshot_repeated(index, *where["snapshot"], raw["snapshot"],
                                                          snapshots[raw["snapshot"]]))
        snapshots.setdefault(raw["snapshot"], where["snapshot"][0])
        if not _slug_fits(raw["snapshot"], raw["date"]):
            found.append(errors.release_snapshot_name(index, *where["snapshot"], raw["snapshot"], raw["date"]))
        entries.append(_Entry(date, raw["title"], raw.get("note"), raw["snapshot"], raw["sha256"], where))
    listed = {raw["snapshot"] for raw in doc.data["releases"]}
    found += [errors.release_unlisted(os.path.join(folder(plan_file), name), index)
              for name in _snapshot_files(plan_file) if name not in listed]
    if found:
        raise PlanError(found)
    return index, entries


def _check_index(doc: reader.Document) -> None:
    """The record's structure, checked against data/releases.schema.json."""
    _dates_as_text(doc.data)
    problems = doc.problems + schema.check(doc, SCHEMA_PATH)
    if problems:
        raise PlanError(problems)


def _dates_as_text(data) -> None:
    # An unquoted 2022-06-01 is read as a date; the schema speaks JSON, where dates are text.
    for raw in (data.get("releases") or []) if isinstance(data, dict) else []:
        if isinstance(raw, dict) and isinstance(raw.get("date"), datetime.date):
            raw["date"] = raw["date"].isoformat()


def _slug_fits(snapshot: str, date: str) -> bool:
    stem = snapshot.removesuffix(".yaml")
    return stem == date or (stem.startswith(date + "-") and stem[len(date) + 1:].isdigit())


def _cached_index(plan_file: str, models: model_cache.Cache) -> tuple[str, list[_Entry]]:
    index = os.path.join(folder(plan_file), INDEX)
    try:
        with open(index, "rb") as handle:
            raw = handle.read()
    except OSError:
        return _read_index(plan_file)
    # The listing is part of the key: a snapshot the record does not name is an error (_read_index).
    key = ("index", os.path.abspath(index), hashlib.sha256(raw).hexdigest(), "\n".join(_snapshot_files(plan_file)))
    return models.get(key, lambda: _read_index(plan_file, raw))


def _read_releases(plan_file: str, models: model_cache.Cache) -> tuple[list[Release], object]:
    index, entries = _cached_index(plan_file, models)
    releases, found, data = [], [], None
    for number, entry in enumerate(entries, start=1):
        path = os.path.abspath(os.path.join(folder(plan_file), entry.snapshot))
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except OSError:
            found.append(errors.release_snapshot_missing(index, *entry.where["snapshot"], entry.snapshot))
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if digest != entry.sha256:
            found.append(errors.release_snapshot_changed(index, *entry.where["sha256"], entry.snapshot))
            continue
        try:
            plan, data = _snapshot(path, raw, digest, models)
        except PlanError as exc:  # e.g. a snapshot the current schema no longer accepts
            found += exc.problems
            continue
        releases.append(Release(number, entry.date, entry.title, entry.note, path, plan))
    if found:
        raise PlanError(found)
    return releases, data


def _snapshot(path: str, raw: bytes, digest: str, models: model_cache.Cache) -> tuple[Plan, object]:
    key = (path, digest)
    if key not in _snapshots:
        # Released plans were checked in release mode when released; read them as they are.
        _snapshots[key] = models.get(("snapshot",) + key, lambda: _read(path, raw))
    else:
        models.keep(("snapshot",) + key)
    return _snapshots[key]


# --- recording a release (`build_data.py release`) --------------------------------------------

def record(plan_file: str, date: datetime.date, title: str, note: str | None = None) -> Release:
    """Release the working plan: check it in release mode, copy it, add it to the index.

    Refuses (PlanError, in Chinese) a plan with errors, a date before the latest release, a title
    already used, a bad title, and a plan unchanged since the latest release.
    """
    timeline = load(plan_file, release=True)
    index, entries = _read_index(plan_file)
    found = []
    latest = timeline.current
    if date > today():
        found.append(errors.release_future(plan_file, date.isoformat(), today().isoformat()))
    if latest and date < latest.date:
        found.append(errors.release_backdated(index, *entries[-1].where["date"], date.isoformat(), latest.label))
    for entry, made in zip(entries, timeline.releases):
        if entry.title == title:
            found.append(errors.release_title_taken(index, *entry.where["title"], title, made.date_label))
    if not title or title != title.strip() or any(c in title for c in "\n\r\t"):
        found.append(errors.release_title_invalid(plan_file, 1, 1, title))
    if latest and not timeline.unreleased:
        found.append(errors.release_unchanged(plan_file, latest.label))
    if found:
        raise PlanError(found)

    with open(plan_file, "rb") as handle:
        # Stored as git stores YAML (.gitattributes: LF, no BOM), so a plan saved on Windows gives a
        # snapshot whose checksum still holds in every clone.
        raw = handle.read().removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
    snapshot = _free_name(plan_file, date, {e.snapshot for e in entries})
    new = _Entry(date, title, (note or "").strip() or None, snapshot, hashlib.sha256(raw).hexdigest(), {})
    text = render_index([_row(e) for e in entries + [new]]).encode("utf-8")
    _check_index(reader.read(index, text))  # the record must read back before anything is written
    os.makedirs(folder(plan_file), exist_ok=True)
    snapshot_path = os.path.join(folder(plan_file), snapshot)
    _write(snapshot_path, raw)
    try:
        _write(index, text)
    except BaseException:
        os.remove(snapshot_path)  # never leave a snapshot the index does not name
        raise
    return load(plan_file).current


def _free_name(plan_file: str, date: datetime.date, taken: set[str]) -> str:
    stem, n = date.isoformat(), 1
    while True:
        name = f"{stem}.yaml" if n == 1 else f"{stem}-{n}.yaml"
        if name not in taken and not os.path.exists(os.path.join(folder(plan_file), name)):
            return name
        n += 1


def _row(entry: _Entry) -> dict:
    row = {"date": entry.date, "title": entry.title}
    if entry.note:
        row["note"] = entry.note
    row.update(snapshot=entry.snapshot, sha256=entry.sha256)
    return row


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key, as the repository's yamllint settings want."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def render_index(rows: list[dict]) -> str:
    body = yaml.dump({"releases": rows}, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=1 << 20)
    return HEADER + body


def _write(path: str, data: bytes) -> None:
    """All or nothing: a half-written index or snapshot would be worse than none."""
    temporary = path + ".tmp"
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)
