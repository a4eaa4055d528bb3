"""Latency of every saved query on a built graph: p50 and p95 of the first page (100 rows) with the
query's example parameters and without, and of the whole table, each run in this process.

    python bench/queries.py KG [--runs 15] [--queries DIR]
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.run import example_params  # noqa: E402
from kg_builder.serve.queries import Page, list_queries, run_query  # noqa: E402
from kg_builder.store.local import KnowledgeGraph  # noqa: E402


def latency(graph, query, params: dict, page: Page | None, runs: int, budget: float = 8.0):
    """p50 and p95 (nearest rank) in ms, the runs made and the rows of the last; a slow query is run
    fewer times."""
    times: list[float] = []
    end = time.perf_counter() + budget
    rows = 0
    while len(times) < runs and (not times or time.perf_counter() < end):
        started = time.perf_counter()
        rows = len(run_query(graph, query, params, page=page).rows)
        times.append(1000 * (time.perf_counter() - started))
    times.sort()
    return statistics.median(times), times[math.ceil(0.95 * len(times)) - 1], len(times), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kg", type=Path)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--queries", type=Path, default=None, help="a folder of saved queries (default: the project's)")
    args = parser.parse_args()
    print("| query | first page, example params p50 / p95 ms | first page, no params p50 ms | whole table ms (rows) |")
    print("| --- | --- | --- | --- |")
    with KnowledgeGraph.open(args.kg) as graph:
        for query in list_queries(args.queries):
            if "SERVICE" in query.sparql:
                continue  # federated: goes online
            params = example_params(query)
            given = latency(graph, query, params, Page(), args.runs) if params else None
            bare = latency(graph, query, {}, Page(), args.runs)
            whole = latency(graph, query, {}, None, 3)
            first = f"{given[0]:.0f} / {given[1]:.0f}" if given else "-"
            print(f"| {query.name} | {first} | {bare[0]:.0f} | {whole[0]:.0f} ({whole[3]}) |", flush=True)


if __name__ == "__main__":
    main()
