"""Resolved models kept between builds, so an unchanged file is never read, validated and resolved twice.

Reading a plan costs ~20 ms for the real plan and ~4 s at k = 100, and jsonschema's import as much
again; a release snapshot never changes, data/plan.yaml rarely between two builds. What a file
gave (the model and its plain data, or the release record's entries) is pickled under
``build/models/`` by a key over the file's sha256, the path it is shown as (models and messages
keep it), the reading mode, and the data layer's code and schemas: a change to any of them reads
the file again. Only what read without error is kept: problems are always found afresh.

The folder is the project's own build output, written only here (read/write, which the search
cache shares); a file that cannot be unpickled (another Python, a cut-short write) is a miss.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Callable, TypeVar

FOLDER = "models"  # under the build folder
SUFFIX = ".pickle"
HERE = Path(__file__).resolve().parent
SCHEMAS = sorted((HERE.parents[1] / "data").glob("*.schema.json"))

T = TypeVar("T")
MISSING = object()


@lru_cache(maxsize=1)
def code_version() -> str:
    """The data layer as it reads files now: its modules, the schemas and the Python that pickles."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(HERE.glob("*.py")) + SCHEMAS:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class Cache:
    """The models of one load: each got from *folder* (None: no folder, always computed), and the
    entries this load did not use dropped afterwards (older edits of the plan, earlier code)."""

    def __init__(self, folder: str | None):
        self.folder = folder
        self.used: set[str] = set()

    def get(self, key: tuple[str, ...], compute: Callable[[], T]) -> T:
        """What *compute* returns, or what it returned in an earlier build for the same *key*."""
        name = self.keep(key)
        if self.folder is None:
            return compute()
        path = os.path.join(self.folder, name + SUFFIX)
        found = read(path)
        if found is not MISSING:
            return found
        value = compute()
        write(path, value)
        return value

    def keep(self, key: tuple[str, ...]) -> str:
        """Mark *key* as used by this load (got from memory, say), so prune() keeps it; its name."""
        name = hashlib.sha256("\0".join((code_version(),) + key).encode()).hexdigest()[:32]
        self.used.add(name)
        return name

    def prune(self) -> None:
        if self.folder is None:
            return
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.folder):
                if entry.name.endswith(SUFFIX) and entry.name[:-len(SUFFIX)] not in self.used:
                    with contextlib.suppress(OSError):  # a concurrent build may prune too
                        os.remove(entry.path)


def read(path: str):
    """What *path* holds, or MISSING: missing, cut short, from another version (a miss, never an error)."""
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except Exception:  # noqa: BLE001 - unpickling fails in many ways, each only a miss
        return MISSING


def write(path: str, value) -> None:
    """Pickle *value* to *path* whole or not at all: a concurrent build never reads half a file."""
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    except OSError:  # a cache that cannot be written only costs the next build the time
        return
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except Exception:  # noqa: BLE001 - not writable, or not picklable: not cached
        with contextlib.suppress(OSError):
            os.remove(temporary)
