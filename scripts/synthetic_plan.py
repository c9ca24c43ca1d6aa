#!/usr/bin/env python3
"""Write a synthetic plan of scale k (k times the real plan's parts), for benchmarks and scale tests.

    python scripts/synthetic_plan.py K OUT.yaml [--seed N]

The output passes `python scripts/build_data.py check OUT.yaml`; see plansite/data/synthetic.py.
"""
from __future__ import annotations

import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from plansite.data import synthetic  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="synthetic_plan.py", description="生成规模为 k 倍的合成方案数据（仅供性能测试）。")
    parser.add_argument("k", type=int, help="规模：治理重点、问题、措施、保障和部门都是原方案的 k 倍")
    parser.add_argument("out", help="输出的 YAML 文件")
    parser.add_argument("--seed", type=int, default=0, help="随机种子（同一种子生成同一文件）")
    parser.add_argument("--source", default=os.path.join(ROOT, "data", "plan.yaml"), help="取分句的真实方案")
    args = parser.parse_args(argv)
    synthetic.write(args.k, args.out, args.seed, args.source)
    return 0


if __name__ == "__main__":
    sys.exit(main())
