#!/usr/bin/env python3
"""Print the search index's size against mkdocs-material's own index for the same entries.

    .venv/bin/python scripts/search_index_size.py [--scales 10,100] [--keep DIR]

Builds the real site and synthetic plans of scale k (no PDFs). Material's own index is what it
writes for the same entries: location (with its #anchor), title and text, and its three fields;
everything else is ours: the hidden word fields, citation-code tokens, result context, boosts.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from benchmark import build, synthetic_config, workspace  # noqa: E402
from plansite.site import recorded_runs  # noqa: E402

ZWSP = "\u200b"
MATERIAL_FIELDS = ("title", "text", "tags")


def materials_own(index: dict) -> dict:
    """*index* as material alone would have written it for the same entries."""
    config = dict(index["config"], fields={f: b for f, b in index["config"]["fields"].items() if f in MATERIAL_FIELDS})
    docs = [{"location": d["location"].replace("?at=", "#"), "title": d["title"].strip(ZWSP), "text": d["text"].strip(ZWSP)}
            for d in index["docs"]]
    return {"config": config, "docs": docs}


def size(data: dict) -> int:
    """Bytes as material's plugin writes them (json.dumps with its defaults: \\u escapes)."""
    return len(json.dumps(data, separators=(",", ":"), default=str).encode("utf-8"))


def report(name: str, site: Path) -> dict:
    path = site / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    ours, own = size(index), size(materials_own(index))
    print(f"{name}：索引 {ours / 1e6:.2f} MB，material 自己的同样条目 {own / 1e6:.2f} MB，比值 {ours / own:.2f}"
          f"（目标 ≤ 1.5；k = 100 时 ≤ 20 MB）")
    return {f"{name}_index": (round(ours / 1e6, 2), "MB"), f"{name}_index_gz": (round(len(gzip.compress(path.read_bytes())) / 1e6, 2), "MB"),
            f"{name}_vs_material": (round(ours / own, 2), "倍")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="10,100", help="synthetic scales k, comma-separated ('' for none)")
    parser.add_argument("--keep", help="build into this directory (kept) instead of a temporary one")
    args = parser.parse_args(argv)
    with workspace(args.keep) as work:
        build(ROOT / "mkdocs.yml", work / "site")
        figures = report("real", work / "site")
        for k in [int(s) for s in args.scales.split(",") if s]:
            build(synthetic_config(work, k), work / f"site-k{k}")
            figures |= report(f"k{k}", work / f"site-k{k}")
    recorded_runs.record("search_index_size", figures, argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
