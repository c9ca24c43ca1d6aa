"""MkDocs plugin ``plan``: loads the plan once per build and turns it into pages and navigation.

It only collects and hands off (the habit of mkdocs-material's own plugins): reading is
:mod:`plansite.data.releases`, page layout is :mod:`plansite.site.sitemap`, rendering is the ``macros`` module.
List it before ``search`` and ``macros``: both read what it sets up in ``on_config``.
"""
from __future__ import annotations

import ast
import logging
import os
import threading

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel

from ..data import releases
from ..data.errors import PlanError
from ..outputs import handouts, open_data, release_copies, revisions
from . import (build_log, data_files, error_page, jinja_cache, page_cache, page_meta, release_texts, search_cache,
               search_index, search_terms, sitemap, titles)

log = logging.getLogger("mkdocs.plugins.plan")

# The offline plugin loads its file:// worker shim from unpkg unless a polyfill already names
# iframe-worker; ours is the npm package's own file, installed by `npm ci` and served with the site.
SHIM_SOURCE = os.path.join("node_modules", "iframe-worker", "shim", "index.js")
SHIM_TARGET = "assets/javascripts/iframe-worker-shim.js"
# Written when a background render of the handouts finishes during `mkdocs serve`.
READY_MARK = "handouts.ready"
RELEASE_TEXTS = "release-texts"  # under build_dir: each release's full text as HTML (release_texts.py)


class PlanConfig(Config):
    plan_file = c.Type(str, default="data/plan.yaml")
    # Release mode (`check --release`): a complete measure with pending owners is an error.
    release = c.Type(bool, default=False)
    # Where generated helper files (the jieba dictionary) go; not published.
    build_dir = c.Type(str, default="build")
    # PDF handouts; off only for measurements of the site build alone (PLAN_HANDOUTS=false).
    handouts = c.Type(bool, default=True)
    # The issuing body, for every page's ContentSource metadata (page_meta.py): the plan does not name
    # it, so the maintainers may set it here, e.g. content_source: 发文机关全称; empty = the site's name.
    content_source = c.Type(str, default="")


class PlanPlugin(BasePlugin[PlanConfig]):
    supports_multiple_instances = False
    serving = False
    failure: PlanError | None = None
    _rendering: threading.Thread | None = None

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"
        build_log.quiet_unless_verbose()

    def on_config(self, config):
        root = os.path.dirname(os.path.abspath(config.config_file_path))
        self.data_path = os.path.join(root, self.config.plan_file)
        self.build_dir = os.path.join(root, self.config.build_dir)
        self.failure = None
        try:  # the working plan and every release, each read and validated once per change of its file
            self.timeline = releases.load(self.data_path, release=self.config.release, cache_dir=self.build_dir)
        except PlanError as exc:
            if not self.serving:
                raise PluginError("data/plan.yaml 或 data/releases/ 有错误，站点未生成：\n" + exc.report()) from None
            self.plan, self.failure = None, exc  # the preview shows the errors (see error_page)
            error_page.announce(exc)
            error_page.configure(config)
            return config
        except FileNotFoundError:
            raise PluginError(f"找不到方案数据文件：{self.data_path}") from None
        self.plan = self.timeline.working
        self.history = revisions.History(self.timeline)
        self.subjects = page_meta.subjects(self.timeline)
        self.release_texts = release_texts.ReleaseTexts(os.path.join(self.build_dir, RELEASE_TEXTS), config)
        config.site_description = self.plan.full_title  # the theme's <meta name="description">: the plan's, not a copy
        # The footer (overrides/partials/copyright.html) names the version on every page.
        config.extra["plan_version"] = revisions.version_text(self.timeline)
        config.nav = titles.safe_nav(sitemap.nav(self.plan, config.nav))  # plan text in titles stays text
        self.shim_path = os.path.join(root, SHIM_SOURCE)
        if not os.path.isfile(self.shim_path):
            raise PluginError(f"缺少离线脚本 {SHIM_SOURCE}：请先运行 make site（它会执行 npm ci）。")
        config.extra["polyfills"] = [SHIM_TARGET] + list(config.extra.get("polyfills", []))
        self._configure_search(config, self.build_dir)
        return config

    def _configure_search(self, config, build_dir: str) -> None:
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is None:
            return
        # The plan's words go to jieba only when a page is cut (search_cache): given to material's
        # config, they would load jieba's whole model (~1 s) even when every page's entries are cached.
        self.user_dict = os.path.join(build_dir, "jieba_user_dict.txt")
        search_terms.write_user_dict(self.plan, self.user_dict)
        for field, (_, boost) in search_terms.WORD_FIELDS.items():
            search.config.fields.setdefault(field, {"boost": boost})
        search.config.fields.setdefault(search_index.CODE_FIELD, {"boost": 1.0})
        self.search = search

    def on_pre_build(self, config):
        if getattr(self, "search", None) is not None and not self.failure:  # search's index exists now
            self.search_entries = search_cache.PageEntries(self.search.search_index, self.build_dir,
                                                           self.search.config.jieba_dict, self.user_dict,
                                                           getattr(self, "search_entries", None))

    @event_priority(50)  # after every page is indexed, before search writes the index
    def on_post_build(self, config):
        if self.failure:
            return error_page.write(config.site_dir, self.failure)
        self.release_texts.prune()
        self.page_html.save()
        if getattr(self, "search", None) is not None:
            self.search_entries.save()
            index = self.search.search_index
            index.entries = search_index.shape(self.plan, index.entries)
            search_terms.add_words(index.entries)

    def on_files(self, files, config):
        if self.failure:
            return error_page.files(files)
        self._generated = {}
        for page in sitemap.pages(self.plan) + sitemap.history_pages(self.timeline.releases):
            inclusion = InclusionLevel.UNDEFINED if page.listed else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.path, content=page.source, inclusion=inclusion))
            self._generated[page.path] = page.macro
        files.append(File.generated(config, SHIM_TARGET, abs_src_path=self.shim_path))
        for path, content in data_files.files(self.history, self.build_dir).items():  # open data, compare.html's
            files.append(File.generated(config, path, content=content))
        files.append(File.generated(config, data_files.SCHEMA, abs_src_path=open_data.SCHEMA))
        if self.config.handouts:
            for site_path, path in handouts.files(self._handouts()):
                files.append(File.generated(config, site_path, abs_src_path=path))
            for handout, path in self._release_handouts().items():
                files.append(File.generated(config, handout.site_path, abs_src_path=path))
        return files

    def _release_handouts(self) -> dict:
        """Each release's full text and 修订说明, cached by content: new ones render once."""
        try:
            return release_copies.build_releases(self.history, os.path.join(self.build_dir, release_copies.RELEASES_CACHE))
        except Exception as exc:  # WeasyPrint or fonts: say what failed, in the build's language
            raise PluginError(f"历次发布的 PDF 生成失败：{type(exc).__name__}: {exc}") from exc

    def _handouts(self) -> dict:
        """The current handouts (PDF, Word, task table), rendered into build/handouts/ only when their inputs changed.

        While serving, an edit must show within a couple of seconds, and rendering takes longer:
        the previous set is served meanwhile, and the new one, rendered in the background,
        triggers one more rebuild when it is ready.
        """
        cache = os.path.join(self.build_dir, "handouts")
        version = revisions.version_text(self.timeline)
        try:
            if self.serving and not handouts.cached(self.plan, cache, version):
                previous = handouts.latest(self.plan, cache)
                if previous:
                    self._render_in_background(cache, version)
                    return previous
            return handouts.build(self.plan, cache, version=version)
        except Exception as exc:  # WeasyPrint or fonts: say what failed, in the build's language
            raise PluginError(f"PDF 讲义生成失败：{type(exc).__name__}: {exc}") from exc

    def _render_in_background(self, cache: str, version: str) -> None:
        if self._rendering and self._rendering.is_alive():
            return  # the next rebuild after it finishes starts the render for the newest plan

        def render(plan=self.plan):
            try:
                handouts.build(plan, cache, prune=False, version=version)
            except Exception as exc:  # noqa: BLE001 - a preview must not die of a PDF
                log.warning(f"PDF 讲义生成失败：{type(exc).__name__}: {exc}")
                return
            with open(os.path.join(self.build_dir, READY_MARK), "w", encoding="utf-8") as handle:
                handle.write(str(os.getpid()))  # watched by serve: rebuild with the new set

        self._rendering = threading.Thread(target=render, name="handouts", daemon=True)
        self._rendering.start()

    def on_nav(self, nav, config, files):
        if not self.failure:  # the site's files are all known now: each page's HTML may come from before
            self.page_html = page_cache.PageHTML(self.build_dir, config, files, getattr(self, "page_html", None))

    def on_page_markdown(self, markdown, page, config, files):
        """A generated page is its one macro call: made here, by calling the macro mkdocs-macros has
        registered, rather than compiled as a template of its own for every page (most of what
        mkdocs-macros costs as the plan grows). The result is the same Markdown, with nothing left
        for mkdocs-macros to expand."""
        if not self.failure:
            self.page_html.wrap(page)
        call = getattr(self, "_generated", {}).get(page.file.src_uri)
        macros = config.plugins.get("macros")
        if call is None or macros is None or self.failure:
            return markdown
        name, args = _macro_call(call)
        page.meta["render_macros"] = False
        return macros.macros[name](*args) + "\n"

    def on_page_content(self, html, page, config, files):
        return html if self.failure else self.release_texts.fill(html, page)

    def on_page_context(self, context, page, config, nav):
        # The theme's <title> runs page.title through striptags, which unescapes it again; a
        # meta title is printed as it is, so an escaped title stays escaped there too.
        page.meta["title"] = page.title
        if not self.failure:  # overrides/main.html: 政府网站发展指引's metadata
            context["plan_meta"] = page_meta.tags(page.title, self.subjects.get(page.file.src_uri), self.timeline,
                                                  self.config.content_source or config.site_name)
        return context

    def on_env(self, env, config, files):
        if env.bytecode_cache is None:  # the theme's templates, compiled once rather than every build
            env.bytecode_cache = jinja_cache.bytecode_cache()
        return env

    def on_serve(self, server, config, builder):
        error_page.keep_answering(server)  # a failed rebuild shows a page rather than holding requests
        server.watch(self.data_path)
        if os.path.isdir(releases.folder(self.data_path)):  # a release made while previewing shows too
            server.watch(releases.folder(self.data_path))
        server.watch(handouts.TEMPLATES)
        mark = os.path.join(self.build_dir, READY_MARK)
        os.makedirs(self.build_dir, exist_ok=True)
        open(mark, "a").close()
        server.watch(mark)
        return server


def _macro_call(text: str) -> tuple[str, list]:
    """``item_page("measures", "x")`` as ("item_page", ["measures", "x"]): sitemap's calls take literals only."""
    call = ast.parse(text, mode="eval").body
    return call.func.id, [ast.literal_eval(arg) for arg in call.args]
