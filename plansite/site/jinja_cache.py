"""Compiled Jinja templates kept between builds, for the theme's and the pages' templates.

MkDocs creates its Jinja environments afresh on every build and every `mkdocs serve` rebuild, so
without a cache every template is compiled again each time (about 0.3 s for mkdocs-material).
Jinja's own bytecode cache checks each template's source, so an edited template is recompiled.
"""
from __future__ import annotations

import jinja2


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """A cache in the user's private temporary directory; None (compile as usual) where there is none."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # Jinja refuses a temp dir it cannot make private
        return None
