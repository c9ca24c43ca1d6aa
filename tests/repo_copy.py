"""A throwaway copy of the repository (its files, not its git history), to try an editor's change
or a maintainer's release on without touching the real one. The virtualenv and node_modules are
linked, not copied."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Made by builds and tools, not part of the repository (only at its top level: plansite/site is code).
_GENERATED = {".git", ".venv", "node_modules", "site", "site.new", "build", ".pytest_cache", "plansite.egg-info"}
_LINKED = (".venv", "node_modules")


def copy_repository(target: Path) -> Path:
    def ignore(directory, names):
        top = Path(directory) == ROOT
        return {n for n in names if n == "__pycache__" or (top and n in _GENERATED)}

    shutil.copytree(ROOT, target, ignore=ignore, dirs_exist_ok=True)
    for name in _LINKED:
        (target / name).symlink_to(ROOT / name, target_is_directory=True)
    return target


def run(project: Path, *command: str, **kwargs) -> subprocess.CompletedProcess:
    """A command in *project* with the project's Python first, as `make` would run it."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONIOENCODING="utf-8", **kwargs.pop("env", {}))
    return subprocess.run(list(command), cwd=project, env=env, capture_output=True, text=True, **kwargs)


def build_data(project: Path, *args: str) -> subprocess.CompletedProcess:
    return run(project, sys.executable, "scripts/build_data.py", *args)
