"""mkdocs-macros entry point: registers the page macros; the rendering lives in :mod:`render`.

The models (the working plan and the history of its releases) come from the ``plan`` plugin, which
loaded and validated them in its ``on_config`` (listed before ``macros``), so no macro reads the plan.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))  # macros/ is loaded by path, not installed

import bench_figures  # noqa: E402
import render  # noqa: E402
import schema_reference  # noqa: E402


def define_env(env):
    plugin = env.conf.plugins["plan"]
    if plugin.plan is None:  # mkdocs serve with a broken plan: no pages to render (error_page)
        return
    site = render.SiteRenderer(plugin.history, with_handouts=plugin.config.handouts, texts=plugin.release_texts)
    for name in render.MACROS:
        env.macro(getattr(site, name), name)
    schema_reference.define_env(env)
    bench_figures.define_env(env)
