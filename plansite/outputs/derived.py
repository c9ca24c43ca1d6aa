"""Text derived from plans, cached under build/ by a key over everything it is made from.

A release never changes, so what is derived from it (its open data, the redlines between it and the
other versions) is made once per content and read back by every later build: a warm build costs a
hash per release. Keys cover the models' content (not their files) and the code that derives them.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
import weakref
from typing import Callable

from ..data.model import Plan
from . import export

_digests: "weakref.WeakKeyDictionary[Plan, str]" = weakref.WeakKeyDictionary()
_code: dict[tuple, str] = {}


def digest(plan: Plan) -> str:
    """A key over *plan*'s content as the model holds it (comments and formatting do not count)."""
    if plan not in _digests:
        text = json.dumps(export.model_dict(plan), ensure_ascii=False, sort_keys=True)
        _digests[plan] = hashlib.sha256(text.encode()).hexdigest()
    return _digests[plan]


def code_key(*modules: str) -> str:
    """A key over the source files of *modules* (dotted names, imported), read once per process."""
    if modules not in _code:
        hashed = hashlib.sha256()
        for name in modules:
            with open(sys.modules[name].__file__, "rb") as handle:
                hashed.update(handle.read())
        _code[modules] = hashed.hexdigest()
    return _code[modules]


def key(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


class Cache:
    """One folder of derived texts; what a build did not ask for is dropped by :meth:`prune`."""

    def __init__(self, folder: str):
        self.folder = folder
        self.used: set[str] = set()

    def text(self, name: str, make: Callable[[], str]) -> str:
        self.used.add(name)
        path = os.path.join(self.folder, name)
        with contextlib.suppress(FileNotFoundError):
            with open(path, encoding="utf-8") as handle:
                return handle.read()
        text = make()
        os.makedirs(self.folder, exist_ok=True)
        # Written aside, then renamed: a concurrent build never reads half a file.
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".writing-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o644)  # as build/'s other files, not mkstemp's owner-only
        os.replace(temporary, path)
        return text

    def prune(self) -> None:
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.folder):
                if entry.is_file() and entry.name not in self.used and not entry.name.startswith("."):
                    with contextlib.suppress(OSError):
                        os.remove(entry.path)
