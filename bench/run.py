"""Benchmark: build throughput with 1 and 2 workers, peak memory, triples, store size, saved-query
latency (p50/p95 per saved query) and adding one article, on seeded synthetic articles.

    python bench/run.py --sizes 1000 --workers 1 2 --out bench/RESULTS.md

Each build runs as its own process (`kg-builder build`), so its peak memory is measured alone.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.generate import article  # noqa: E402
from kg_builder.incremental import add  # noqa: E402
from kg_builder.queries import list_queries, run_query  # noqa: E402
from kg_builder.store import KnowledgeGraph, current_build  # noqa: E402

QUERY_RUNS = 20
QUERY_BUDGET_S = 20.0  # a slow query is run fewer times, not for ever


def generate(count: int, seed: int, out: Path) -> Path:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        name, text = article(rng, i, date(2024, 1, 1))
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
    return out


MEASURED = """
import resource, sys
from kg_builder.cli import app
try:
    app(sys.argv[1:])
except SystemExit as done:
    if done.code:
        raise
usage = resource.getrusage
print("peak-kb", max(usage(resource.RUSAGE_SELF).ru_maxrss, usage(resource.RUSAGE_CHILDREN).ru_maxrss),
      file=sys.stderr)
"""


def timed_build(articles: Path, kg: Path, workers: int) -> dict:
    """One build in its own process: seconds, and the peak memory of the build or of one of its workers."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURED, "build", str(articles), "--kg", str(kg), "--no-owl",
                           "--workers", str(workers)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    seconds = time.perf_counter() - started
    peak_kb = int(done.stderr.rsplit("peak-kb", 1)[1].split()[0])
    return {"seconds": seconds, "peak_mb": peak_kb / 1024}


def size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def query_latency(kg: Path) -> dict[str, tuple[float, float]]:
    out = {}
    with KnowledgeGraph.open(kg) as graph:
        for query in list_queries():
            if "SERVICE" in query.sparql:
                continue  # federated: goes online
            times: list[float] = []
            budget = time.perf_counter() + QUERY_BUDGET_S
            while len(times) < QUERY_RUNS and (len(times) < 3 or time.perf_counter() < budget):
                started = time.perf_counter()
                run_query(graph, query, {})
                times.append(1000 * (time.perf_counter() - started))
            times.sort()
            out[query.name] = (statistics.median(times), times[int(0.95 * (len(times) - 1))], len(times))
    return out


def add_one(kg: Path, seed: int, work: Path) -> float:
    name, text = article(random.Random(seed + 1), 999_999, date(2024, 1, 1))
    path = work / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    add([path], kg)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    lines = [
        "# Benchmark results", "",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs.",
        f"Command: `python bench/run.py --sizes {' '.join(map(str, args.sizes))} --workers "
        f"{' '.join(map(str, args.workers))} --seed {args.seed}` (synthetic articles from `bench/generate.py`, "
        "seeded; builds without the OWL check; SHACL runs on every article graph).", "",
        "| articles | workers | build s | articles/s | peak MB | triples | store MB |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    latencies, adds = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for size in args.sizes:
            articles = generate(size, args.seed, work / f"articles-{size}")
            for workers in args.workers:
                kg = work / f"kg-{size}-{workers}"
                result = timed_build(articles, kg, workers)
                build_dir = current_build(kg)
                info = json.loads((build_dir / "build.json").read_text())
                lines.append(f"| {size} | {workers} | {result['seconds']:.1f} | {size / result['seconds']:.1f} | "
                             f"{result['peak_mb']:.0f} | {info['triples']} | {size_mb(build_dir / 'store'):.0f} |")
                print(lines[-1], flush=True)
            kg = work / f"kg-{size}-{args.workers[-1]}"
            latencies[size] = query_latency(kg)
            adds[size] = add_one(kg, args.seed, work)
            shutil.rmtree(work / f"articles-{size}", ignore_errors=True)
    lines += ["", "Adding one article (extraction, re-merge, rewriting and validating the graphs that change, "
              "one store transaction):", ""]
    lines += [f"- {size} articles: {seconds:.2f} s" for size, seconds in adds.items()]
    for size, table in latencies.items():
        lines += ["", f"Saved-query latency on the {size}-article graph (embedded store, no parameters, up to "
                      f"{QUERY_RUNS} runs or {QUERY_BUDGET_S:g} s per query, ms):", "",
                  "| query | p50 | p95 | runs |", "| --- | --- | --- | --- |"]
        lines += [f"| {name} | {p50:.1f} | {p95:.1f} | {runs} |" for name, (p50, p95, runs) in sorted(table.items())]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
