"""The one entry point for reading the plan: read → schema → resolve, cached per file version.

MkDocs calls hooks and macros many times per build and again on every live reload; caching on the
file's identity (path, size, mtime) parses the YAML once per change, never once per page.
"""
from __future__ import annotations

import os

from ..site import sitemap
from . import reader, resolve, schema
from .errors import PlanError
from .model import Plan

_cache: dict = {}


def load(file: str, strict: bool = False) -> Plan:
    """The resolved plan in *file*; raises PlanError listing every problem."""
    stat = os.stat(file)
    key = (os.path.abspath(file), stat.st_size, stat.st_mtime_ns, strict)
    if key not in _cache:
        _cache.clear()
        _cache[key] = load_bytes(file, None, strict)
    return _cache[key]


def load_bytes(file: str, raw: bytes | None, strict: bool = False) -> Plan:
    """Uncached: *raw* bytes shown as *file* (or the file itself when *raw* is None)."""
    doc = reader.read(file, raw, schema.field_names())
    problems = doc.problems + schema.check(doc)
    if problems:  # cross-checks only make sense on well-formed data
        raise PlanError(problems)
    plan, problems = resolve.resolve(doc, strict)
    # Ids name pages and anchors: those the site names itself are taken (see sitemap).
    problems += resolve.clashing_ids(doc, sitemap.generated_names(plan))
    if problems:
        raise PlanError(problems)
    return plan
