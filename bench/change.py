"""Benchmark: adding one article to, and removing one from, a built graph, each in a fresh process of
the CLI (process start, imports, the NLP model, validation and publishing included), on copies of
the graph so that every run starts from the same build.

    python bench/change.py --kg KG --article NEW.txt --remove ARTICLE_ID --runs 3 --out bench/RESULTS.md --append

``--equal-to KG2`` also checks that the graph after the add holds the same quads as KG2, a full
build of the same articles.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.run import MEASURED  # noqa: E402
from kg_builder.graph.rdf import sorted_nquads  # noqa: E402
from kg_builder.store.local import KnowledgeGraph  # noqa: E402


def fresh_process(*args: str) -> dict:
    """One CLI command in its own process: wall seconds, the seconds the command reports as its work,
    and its peak memory."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURED, *args], check=True, capture_output=True, text=True)
    wall = time.perf_counter() - started
    work = re.search(r"([0-9.]+) s\s*$", done.stdout)
    peak_kb = int(done.stderr.rsplit("peak-kb", 1)[1].split()[0])
    return {"wall": wall, "work": float(work.group(1)) if work else float("nan"), "peak_mb": peak_kb / 1024}


def runs(kg: Path, work: Path, count: int, *args: str) -> tuple[list[dict], Path]:
    out, copy = [], work / "copy"
    for _ in range(count):
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(kg, copy, symlinks=True)
        os.sync()  # the copy's writes reach the disk before the command starts, not while it runs
        out.append(fresh_process(*args, "--kg", str(copy)))
    return out, copy


def summary(name: str, results: list[dict]) -> str:
    walls, works = [r["wall"] for r in results], [r["work"] for r in results]
    return (f"| {name} | {statistics.median(works):.2f} | {min(works):.2f}-{max(works):.2f} | "
            f"{statistics.median(walls):.2f} | {min(walls):.2f}-{max(walls):.2f} | "
            f"{max(r['peak_mb'] for r in results):.0f} | {len(results)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kg", type=Path, required=True, help="a built KG directory (left unchanged)")
    parser.add_argument("--article", type=Path, required=True, help="an article the graph does not hold")
    parser.add_argument("--remove", required=True, help="the id of an article the graph holds")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--equal-to", type=Path, help="a full build of the graph's articles and --article")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--append", action="store_true")
    args = parser.parse_args()
    with KnowledgeGraph.open(args.kg) as graph:
        size = len(graph)
    lines = ["| change | work s (median) | work s (range) | wall s (median) | wall s (range) | peak MB | runs |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    with tempfile.TemporaryDirectory(dir=args.kg.parent) as tmp:
        work = Path(tmp)
        removed, _ = runs(args.kg, work, args.runs, "remove", args.remove)
        added, copy = runs(args.kg, work, args.runs, "add", str(args.article))
        lines += [summary(f"add {args.article.name}", added), summary(f"remove {args.remove}", removed)]
        equal = None
        if args.equal_to:  # last: a process forked after it would report this one's peak memory as its own
            with KnowledgeGraph.open(copy) as changed, KnowledgeGraph.open(args.equal_to) as full:
                equal = sorted_nquads(changed.quads()) == sorted_nquads(full.quads())
    text = "\n".join(lines) + "\n"
    text = (f"Changes to a graph of {size} quads (`{' '.join(sys.argv[1:])}`), each in a fresh process on a "
            f"copy of the graph:\n\n{text}")
    if equal is not None:
        text += f"\nThe graph after the add {'equals' if equal else 'DIFFERS FROM'} the full build: {equal}.\n"
    print(text)
    if args.out:
        if args.append and args.out.exists():
            text = args.out.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
