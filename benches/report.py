#!/usr/bin/env python3
"""Prints the markdown tables of BENCHMARKS.md from criterion's results of a run of
`cargo bench --bench gemm` (reads benches/target/criterion/*/*/new/{benchmark,estimates}.json).

Usage (from benches/): python3 report.py > /tmp/table.md

Per row: the median time of each implementation, shaped's GFLOP/s, and the ratios of medians
shaped / raw matrixmultiply and shaped / best anchor (the fastest of nalgebra, ndarray, faer).
"""

import glob
import json
import os
import re
from collections import defaultdict

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "target", "criterion")
ANCHORS = ["nalgebra", "ndarray", "faer"]
IMPLS = ["shaped_into", "shaped", "raw_mm", "raw_mm_loop"] + ANCHORS


def load():
    """{group: {size: {impl: (median_ns, flops)}}}"""
    out = defaultdict(lambda: defaultdict(dict))
    for bj in glob.glob(os.path.join(ROOT, "*", "*", "new", "benchmark.json")):
        with open(bj) as f:
            meta = json.load(f)
        with open(os.path.join(os.path.dirname(bj), "estimates.json")) as f:
            est = json.load(f)
        impl, _, size = meta["function_id"].partition("/")
        flops = (meta.get("throughput") or {}).get("Elements")
        out[meta["group_id"]][size][impl] = (est["median"]["point_estimate"], flops)
    return out


def fmt_time(ns):
    if ns < 1e3:
        return f"{ns:.1f} ns"
    if ns < 1e6:
        return f"{ns / 1e3:.2f} us"
    return f"{ns / 1e6:.2f} ms"


def size_key(s):
    return [int(x) for x in re.findall(r"\d+", s)]


def table(group, rows):
    impls = [i for i in IMPLS if any(i in r for r in rows.values())]
    head = ["size"] + impls + ["shaped GFLOP/s", "shaped_into / raw", "shaped / raw", "shaped_into / best anchor", "shaped / best anchor"]
    lines = [f"### {group}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for size in sorted(rows, key=size_key):
        r = rows[size]
        cells = [size] + [fmt_time(r[i][0]) if i in r else "" for i in impls]
        flops = next((v[1] for v in r.values() if v[1]), None)
        best = min((r[a][0] for a in ANCHORS if a in r), default=None)
        raw = r.get("raw_mm", r.get("raw_mm_loop", (None,)))[0]
        into = r.get("shaped_into", (None,))[0]
        alloc = r.get("shaped", (None,))[0]
        cells.append(f"{flops / into:.2f}" if flops and into else "")
        for num, den in [(into, raw), (alloc, raw), (into, best), (alloc, best)]:
            cells.append(f"{num / den:.2f}" if num and den else "")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    data = load()
    order = ["gemm_f32", "gemm_f64", "gemm_t_f32", "gemm_t_f64", "batched_f32", "batched_f64"]
    for g in order + sorted(set(data) - set(order)):
        if g in data:
            print(table(g, data[g]))
            print()


if __name__ == "__main__":
    main()
