"""Benchmark: build throughput with 1 and 2 workers, peak memory, validation time, triples, store
size, saved-query latency (p50/p95 per saved query, without and with its example parameters) and
adding one article, on seeded synthetic articles; with --remote, the same against Oxigraph's SPARQL
server started on loopback.

    python bench/run.py --sizes 1000 10000 --workers 1 2 --engine shacl --remote --out bench/RESULTS.md

Each build and each validation runs as its own process (the CLI), so its peak memory is measured alone.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.generate import article  # noqa: E402
from kg_builder.errors import StoreError  # noqa: E402
from kg_builder.extract import extract  # noqa: E402
from kg_builder.model import Article  # noqa: E402
from kg_builder.pipeline.incremental import add  # noqa: E402
from kg_builder.reference import load_reference  # noqa: E402
from kg_builder.serve.queries import list_queries, run_query  # noqa: E402
from kg_builder.store.local import KnowledgeGraph, current_build  # noqa: E402
from kg_builder.store.remote import RemoteConfig  # noqa: E402

QUERY_RUNS = 20
QUERY_BUDGET_S = 5.0  # a slow query is run fewer times (once if one run takes longer), not for ever


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


def timed(*args: str) -> dict:
    """One CLI command in its own process: seconds, and the peak memory of it or of one of its workers."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURED, *args], check=True, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    peak_kb = int(done.stderr.rsplit("peak-kb", 1)[1].split()[0])
    return {"seconds": seconds, "peak_mb": peak_kb / 1024}


def size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def example_params(query) -> dict[str, str]:
    """The parameters of a saved query's example command (``--param name=value``)."""
    words = shlex.split(query.example or "")
    return dict(w.split("=", 1) for i, w in enumerate(words) if i and words[i - 1] == "--param")


def query_latency(graph: KnowledgeGraph, *, whole_tables: bool = True) -> dict[str, tuple]:
    """For each saved query: p50, p95 and runs without parameters (unless not ``whole_tables``), then
    the same with its example's parameters."""
    out = {}
    skipped = (None, None, 0)
    for query in list_queries():
        if "SERVICE" in query.sparql:
            continue  # federated: goes online
        params = example_params(query)
        out[query.name] = ((_latency(graph, query, {}) if whole_tables else skipped)
                           + (_latency(graph, query, params) if params else skipped))
    return out


def _latency(graph: KnowledgeGraph, query, params: dict) -> tuple[float, float, int]:
    times: list[float] = []
    budget = time.perf_counter() + QUERY_BUDGET_S
    while len(times) < QUERY_RUNS and (not times or time.perf_counter() < budget):
        started = time.perf_counter()
        try:
            run_query(graph, query, params)
        except StoreError:  # the server's answer took longer than the client waits
            return math.inf, math.inf, 1
        times.append(1000 * (time.perf_counter() - started))
    times.sort()
    return statistics.median(times), times[math.ceil(0.95 * len(times)) - 1], len(times)  # nearest rank


def add_one(kg: Path, seed: int, work: Path, remote: RemoteConfig | None = None) -> float:
    """Seconds to add one new article, in a process that has its NLP pipeline loaded already (as a
    long-running service would)."""
    name, text = article(random.Random(seed + 1), 999_999, date(2024, 1, 1))
    path = work / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    extract(Article(id="warm-up", source="warm-up.txt", sha256="0" * 64, text=text), load_reference())
    started = time.perf_counter()
    add([path], kg, remote=remote)
    return time.perf_counter() - started


def free_port() -> int:
    """A loopback port nothing listens on now."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


class OxigraphServer:
    """Oxigraph's SPARQL server (``oxigraph`` from PyPI) on a free loopback port, with its own store."""

    def __init__(self, folder: Path) -> None:
        binary = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
        if binary is None:
            raise SystemExit("--remote needs Oxigraph's server: pip install oxigraph")
        port = free_port()
        self.process = subprocess.Popen([binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}",
                                         "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{port}/query"
        import httpx

        for _ in range(100):
            try:
                httpx.get(self.url, params={"query": "ASK {}"}, timeout=1)
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise SystemExit("Oxigraph's server did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def fmt(value) -> str:
    if value is None:
        return ""
    return "timed out" if math.isinf(value) else f"{value:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--engine", default="shacl", help="SHACL engine of the builds (pyshacl or shacl)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--remote", action="store_true", help="also measure against Oxigraph's server")
    parser.add_argument("--no-queries", action="store_true", help="skip the saved-query latencies")
    parser.add_argument("--remote-whole-tables", type=int, default=1000,
                        help="on the server, time the queries without parameters up to this many articles")
    parser.add_argument("--query-timeout", type=float, default=60.0, help="seconds to wait for the server's answer")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--append", action="store_true", help="add a section to --out instead of replacing it")
    args = parser.parse_args()
    command = "python bench/run.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    lines = ([] if args.append else
             ["# Benchmark results", "", f"Machine: {platform.platform()}, Python {platform.python_version()}, "
              f"{os.cpu_count()} CPUs. Synthetic articles from `bench/generate.py` (seeded); builds without the "
              "OWL check; SHACL runs on every article graph as it is built.", ""])
    lines += [f"## SHACL engine `{args.engine}`" + (", embedded store and Oxigraph server" if args.remote else ""),
              "", f"Command: `{command}`", "",
              "| articles | store | workers | build s | articles/s | peak MB | triples | store MB |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    latencies, adds, validations = {}, {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for size in args.sizes:
            articles = generate(size, args.seed, work / f"articles-{size}")
            stores = ["embedded"] + (["Oxigraph server"] if args.remote else [])
            for where in stores:
                server = OxigraphServer(work / f"oxigraph-{size}") if where != "embedded" else None  # empty
                remote = replace(RemoteConfig.from_url(server.url), timeout=args.query_timeout) if server else None
                try:
                    store_args = ["--store", server.url] if server else []
                    for workers in args.workers if not server else args.workers[-1:]:
                        kg = work / f"kg-{size}-{workers}-{len(store_args)}"
                        result = timed("build", str(articles), "--kg", str(kg), "--no-owl", "--workers", str(workers),
                                       "--shacl-engine", args.engine, *store_args)
                        _row(lines, size, where, workers, result, kg)
                    validations[(size, where)] = timed("validate", "--kg", str(kg), "--no-owl", "--shacl-engine",
                                                       args.engine, *store_args)
                    if not args.no_queries:
                        with (KnowledgeGraph.connect(remote) if remote else KnowledgeGraph.open(kg)) as graph:
                            latencies[(size, where)] = query_latency(
                                graph, whole_tables=not server or size <= args.remote_whole_tables)
                    adds[(size, where)] = add_one(kg, args.seed, work, remote)
                finally:
                    if server is not None:
                        server.stop()
            shutil.rmtree(work / f"articles-{size}", ignore_errors=True)
    lines += ["", "Validation of the built graph (`kg-builder validate --no-owl`, one article graph at a time, "
                  "read from the store):", ""]
    lines += [f"- {size} articles, {where}: {r['seconds']:.1f} s, peak {r['peak_mb']:.0f} MB"
              for (size, where), r in validations.items()]
    lines += ["", "Adding one article (extraction, re-merge of every cached claim, rewriting and validating the "
                  "graphs that change, one store transaction; on the server, staged graphs moved in one update):", ""]
    lines += [f"- {size} articles, {where}: {seconds:.2f} s" for (size, where), seconds in adds.items()]
    for (size, where), table in latencies.items():
        lines += ["", f"Saved-query latency on the {size}-article graph ({where}), ms: without parameters (the whole "
                      "table) and with the parameters of the query's example; up to "
                      f"{QUERY_RUNS} runs or {QUERY_BUDGET_S:g} s each:", "",
                  "| query | p50 | p95 | runs | p50 with example | p95 with example | runs |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]
        lines += [f"| {name} | {fmt(a)} | {fmt(b)} | {n} | {fmt(c)} | {fmt(d)} | {m or ''} |"
                  for name, (a, b, n, c, d, m) in sorted(table.items())]
    text = "\n".join(lines) + "\n"
    if args.append and args.out.exists():
        text = args.out.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")


def _row(lines: list[str], size: int, where: str, workers: int, result: dict, kg: Path) -> None:
    build_dir = current_build(kg)
    info = json.loads((build_dir / "build.json").read_text())
    lines.append(f"| {size} | {where} | {workers} | {result['seconds']:.1f} | {size / result['seconds']:.1f} | "
                 f"{result['peak_mb']:.0f} | {info['triples']} | {size_mb(build_dir / 'store'):.0f} |")
    print(lines[-1], flush=True)


if __name__ == "__main__":
    main()
