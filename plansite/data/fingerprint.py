"""The model's checksum: what the handouts' 版记 prints and the caches of rendered files are keyed by.

Taken over every field of every model object, so a field added to the model later changes it without
anyone remembering to, and the same for the same plan whatever the file's comments, layout or path
(positions are left out). Kept on the model itself, so a model from build/models/ brings its own.
"""
from __future__ import annotations

import dataclasses
import hashlib

from .model import Plan

# Where a thing stands in its file, not what it says: a comment or a blank line changes no output.
_POSITIONS = {"line", "file"}
_ATTRIBUTE = "_fingerprint"
_FIELDS: dict[type, tuple[str, ...]] = {}


def fingerprint(plan: Plan) -> str:
    """12 hex digits of sha256 over the model."""
    found = plan.__dict__.get(_ATTRIBUTE)
    if found is None:
        out: list[str] = []
        _write(plan, out, {})
        found = plan.__dict__[_ATTRIBUTE] = hashlib.sha256("".join(out).encode("utf-8")).hexdigest()[:12]
    return found


def _write(value, out: list[str], seen: dict) -> None:
    """*value* spelled out; a model object met before (the model links back and forth) by its number."""
    kind = type(value)
    names = _FIELDS.get(kind)
    if names is None and dataclasses.is_dataclass(value):
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value) if f.name not in _POSITIONS)
    if names is not None:
        if id(value) in seen:
            out.append(f"@{seen[id(value)]};")
            return
        seen[id(value)] = len(seen)
        out.append(kind.__name__ + "{")
        for name in names:
            out.append(name + "=")
            _write(getattr(value, name), out, seen)
        out.append("}")
    elif isinstance(value, (list, tuple)):
        out.append("[")
        for item in value:
            _write(item, out, seen)
        out.append("]")
    elif isinstance(value, dict):
        out.append("{")
        for key in sorted(value, key=str):
            out.append(repr(key) + ":")
            _write(value[key], out, seen)
        out.append("}")
    else:
        out.append(repr(value) + ";")
