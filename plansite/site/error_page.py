"""What `mkdocs serve` shows while the plan has errors: one Chinese page listing every error.

MkDocs' live-reload server holds every request until a build succeeds, so a failed build leaves
the browser hanging until the file is fixed. While serving, a plan with errors therefore builds
*successfully* into this one page instead: served for every address (as the site's index and as
its 404 answer), listing each FILE:LINE:COL error with its hint, and reloading itself as soon as
a newer build is ready. The terminal gets the same list. `mkdocs build` still fails as before.
"""
from __future__ import annotations

import html
import os
import sys
import traceback

from mkdocs.structure.files import Files
from mkdocs.utils import clean_directory

from ..data.errors import PlanError

TITLE = "方案数据有错误，预览暂停"
FAILED_TITLE = "站点构建失败，预览暂停"

# MkDocs injects its own reload script into the pages it serves, but not into its 404 answer,
# which is what every other address gets: there this script asks the same endpoint. Epoch 0 is
# answered at once with the current build's epoch; then the request waits for a newer one.
_RELOAD = """
window.addEventListener("load", function () {
  if (window.livereload) return;
  var epoch = 0;
  var poll = function () {
    fetch("/livereload/" + epoch + "/0").then(function (r) { return r.text(); }).then(function (text) {
      var latest = parseFloat(text);
      if (epoch && latest > epoch) { location.reload(); return; }
      epoch = latest || epoch;
      poll();
    }).catch(function () { setTimeout(poll, 1000); });
  };
  poll();
});
"""

_STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
       margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.6; color: #222; }
h1 { color: #b00020; font-size: 1.5rem; }
li { margin-bottom: 1rem; }
code { font-family: "Noto Sans Mono CJK SC", monospace; background: #f3f3f3; padding: 0 .25rem; }
.hint { color: #444; }
"""


def configure(config) -> None:
    """Build nothing of the site: its navigation names pages that will not be there."""
    config.nav = None


def files(files: Files) -> Files:
    """The theme's assets only: every page needs the plan."""
    return Files([file for file in files if not file.is_documentation_page()])


def announce(error: PlanError) -> None:
    # Printed, not logged: a logged error counts as a warning in strict mode and fails the build.
    print(f"{TITLE}：\n{error.report()}\n浏览器中显示同样的错误列表；改正并保存后自动恢复。", file=sys.stderr, flush=True)


def keep_answering(server) -> None:
    """Any other failed rebuild (a template, a PDF) would hold every request too: answer with it.

    MkDocs prints the traceback and waits for the next change; here the browser also gets a page
    that says so, and reloads into the site once a rebuild succeeds."""
    build = server.builder

    def builder(config=None):
        try:
            build(config)
        except Exception as exc:  # noqa: BLE001 - shown in the terminal and the browser instead
            traceback.print_exc()
            clean_directory(server.root)
            _write(server.root, _page(FAILED_TITLE, "详细信息见运行 mkdocs serve 的终端。改正并保存后，本页会自动换回站点。",
                                      [html.escape(f"{type(exc).__name__}: {exc}")]))
    server.builder = builder


def write(site_dir: str, error: PlanError) -> None:
    _write(site_dir, render(error))


def render(error: PlanError) -> str:
    items = [f'<code>{html.escape(p.file)}:{p.line}:{p.col}</code> 错误：{html.escape(p.message)}'
             + (f'<br><span class="hint">提示：{html.escape(p.hint)}</span>' if p.hint else "")
             for p in error.problems]
    return _page(TITLE, f"共 {error.count} 处错误。逐条改正并保存，本页会自动换回站点。"
                        "位置写作“文件:行:列”；在 VS Code 中按 Ctrl+G 输入行号即可跳到该行。", items)


def _write(site_dir: str, page: str) -> None:
    for name in ("index.html", "404.html"):  # the home page, and MkDocs' answer for every other address
        with open(os.path.join(site_dir, name), "w", encoding="utf-8") as handle:
            handle.write(page)


def _page(title: str, intro: str, items: list[str]) -> str:
    entries = "\n".join(f"<li>{item}</li>" for item in items)
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{_STYLE}</style>
</head>
<body>
<main>
<h1>{title}</h1>
<p>{intro}</p>
<ol>
{entries}
</ol>
</main>
<script>{_RELOAD}</script>
</body>
</html>
"""
