"""Keep a build's terminal output to what an editor needs, unless asked for more (`-v`).

mkdocs-macros announces its module, functions and variables at INFO on every build, and jieba
(material's Chinese search) prints its dictionary loading to stderr: noise around the lines that
matter (errors, warnings, "built in N seconds"). `mkdocs -v` shows them again.
"""
from __future__ import annotations

import logging

NOISY = ("mkdocs.plugins.mkdocs_macros",)


def quiet_unless_verbose() -> None:
    if logging.getLogger("mkdocs").getEffectiveLevel() <= logging.DEBUG:  # mkdocs -v
        return
    for name in NOISY:
        logging.getLogger(name).setLevel(logging.WARNING)
    import jieba  # imported here: only the search plugin needs it, and only when it is configured
    jieba.setLogLevel(logging.WARNING)
