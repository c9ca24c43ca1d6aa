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

from mkdocs.structure.files import Files

from ..data.errors import PlanError

TITLE = "方案数据有错误，预览暂停"

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


def write(site_dir: str, error: PlanError) -> None:
    page = render(error).encode("utf-8")
    for name in ("index.html", "404.html"):
        with open(os.path.join(site_dir, name), "wb") as handle:
            handle.write(page)


def render(error: PlanError) -> str:
    items = "\n".join(
        f'<li><code>{html.escape(p.file)}:{p.line}:{p.col}</code> 错误：{html.escape(p.message)}'
        + (f'<br><span class="hint">提示：{html.escape(p.hint)}</span>' if p.hint else "") + "</li>"
        for p in error.problems)
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{TITLE}</title>
<style>{_STYLE}</style>
</head>
<body>
<main>
<h1>{TITLE}</h1>
<p>共 {len(error.problems)} 处错误。逐条改正并保存，本页会自动换回站点。
位置写作“文件:行:列”；在 VS Code 中按 Ctrl+G 输入行号即可跳到该行。</p>
<ol>
{items}
</ol>
</main>
<script>{_RELOAD}</script>
</body>
</html>
"""
