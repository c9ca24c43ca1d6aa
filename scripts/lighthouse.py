#!/usr/bin/env python3
"""Lighthouse scores of the site as deployed: a fresh build served by nginx with deploy/nginx.conf.

    .venv/bin/python scripts/lighthouse.py             # mobile (Lighthouse's default)
    .venv/bin/python scripts/lighthouse.py --desktop

A script, not a test: it prints the four category scores of the home page and a focus-area
page (recorded in docs/quality.md). Lighthouse comes from the npm registry through npx, pinned
below, only when this runs; Chromium is Debian's /usr/bin/chromium, as in the browser tests.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import local_nginx  # noqa: E402

from plansite.data import loader
from plansite.site import sitemap  # noqa: E402

ROOT = local_nginx.ROOT
LIGHTHOUSE = "lighthouse@12.8.2"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-dev-shm-usage --disable-gpu --disable-background-networking " \
               "--disable-component-update --disable-sync --no-first-run --disable-quic"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def pages() -> dict[str, str]:
    plan = loader.load(str(ROOT / "data" / "plan.yaml"))
    area = sitemap.url(plan.areas[0]).lstrip("/").replace(".md", ".html")
    return {"首页": "index.html", "第一个治理重点页": area}


def build(site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True)


def audit(url: str, report: Path, desktop: bool) -> dict[str, int]:
    command = ["npx", "--yes", LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={report}",
               f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"]
    if desktop:
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env=dict(os.environ, CHROME_PATH=CHROMIUM))
    result = json.loads(report.read_text(encoding="utf-8"))
    for category in result["categories"].values():  # say what cost points, so it can be fixed
        for ref in category["auditRefs"]:
            found = result["audits"][ref["id"]]
            if ref["weight"] and found.get("score") is not None and found["score"] < 1:
                print(f"  {category['title']}: {found['title']} ({found['score']})", file=sys.stderr)
    return {key: round(result["categories"][key]["score"] * 100) for key in CATEGORIES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--desktop", action="store_true", help="Lighthouse's desktop preset")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="plan-lighthouse-") as tmp:
        site = Path(tmp) / "site"
        build(site)
        with local_nginx.serve(site) as base:
            print(f"{'页面':<16}" + "".join(f"{c:>16}" for c in CATEGORIES))
            for name, path in pages().items():
                scores = audit(base + path, Path(tmp) / "report.json", args.desktop)
                print(f"{name:<16}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES), flush=True)


if __name__ == "__main__":
    main()
