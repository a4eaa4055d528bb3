"""Load test: ``kg-builder serve`` on the synthetic graph under many clients, driven by locust
headless (bench/locustfile.py: SPARQL SELECTs, saved queries, entity pages and /health in equal
shares, each drawn from many). Records requests/s, errors and latency percentiles, with the
server's answer cache on (its default) and off, in bench/RESULTS.md.

    pip install -e '.[bench]'
    python bench/load.py --articles 1000 --clients 50 --seconds 60 --out bench/RESULTS.md
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.run import free_port, generate  # noqa: E402

SECTION = "## Load"
TARGETS = {"errors": 0, "rps": 150.0, "p95_ms": 500.0}


def kg_builder(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg_builder.cli", *args]


def serve(kg: Path, answer_cache: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(kg_builder("serve", "--kg", str(kg), "--port", str(port), "--answer-cache",
                                          str(answer_cache)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start")


def run_locust(url: str, clients: int, seconds: int, think: float, prefix: Path) -> dict:
    """One headless locust run; its aggregated figures (and the task errors, counted as errors)."""
    binary = shutil.which("locust", path=str(Path(sys.executable).parent)) or shutil.which("locust")
    if binary is None:
        raise SystemExit("bench/load.py needs locust: pip install -e '.[bench]'")
    env = {**os.environ, "KG_LOAD_THINK": str(think)}
    with open(f"{prefix}.log", "wb") as log:  # locust exits 1 when a request failed: the figures say how many
        subprocess.run([binary, "-f", str(HERE / "locustfile.py"), "--headless", "-u", str(clients), "-r",
                        str(clients), "-t", f"{seconds}s", "--host", url, "--csv", str(prefix), "--only-summary"],
                       env=env, stdout=log, stderr=subprocess.STDOUT)
    if not Path(f"{prefix}_stats.csv").exists():
        raise SystemExit(f"locust did not run:\n{Path(f'{prefix}.log').read_text(errors='replace')[-3000:]}")
    rows = {row["Name"]: row for row in csv.DictReader(open(f"{prefix}_stats.csv", encoding="utf-8"))}
    exceptions = list(csv.DictReader(open(f"{prefix}_exceptions.csv", encoding="utf-8")))
    total = rows.pop("Aggregated")
    failures = list(csv.DictReader(open(f"{prefix}_failures.csv", encoding="utf-8")))
    return {"requests": int(total["Request Count"]),
            "errors": int(total["Failure Count"]) + sum(int(e["Count"]) for e in exceptions),
            "rps": float(total["Requests/s"]), "p50_ms": float(total["50%"]), "p95_ms": float(total["95%"]),
            "p99_ms": float(total["99%"]),
            "by_name": {name: (float(r["50%"]), float(r["95%"])) for name, r in sorted(rows.items())},
            "failures": [f"{f['Occurrences']} x {f['Name']}: {f['Error']}" for f in failures]
            + [f"{e['Count']} x {e['Message']}" for e in exceptions]}


def section(args, runs: list[tuple[str, dict]]) -> list[str]:
    command = "python bench/load.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    lines = [f"{SECTION}: `kg-builder serve` under {args.clients} clients for {args.seconds} s", "",
             f"Command: `{command}`. Machine: {platform.platform()}, {os.cpu_count()} CPUs; locust runs on the "
             "same machine. The graph: "
             + (f"{args.kg}" if args.kg else f"{args.articles} synthetic articles (seed {args.seed})")
             + f". Each client waits {args.think:g} s on average "
             "between requests (0 means none); the mix is SPARQL SELECTs, saved queries, entity pages and "
             "/health in equal shares, drawn from every node of the graph. Targets: "
             f"{TARGETS['errors']} errors, at least {TARGETS['rps']:g} requests/s, p95 at most "
             f"{TARGETS['p95_ms']:g} ms.", "",
             "| server | think s | requests | errors | requests/s | p50 ms | p95 ms | p99 ms | "
             "p50 / p95 ms: SELECT, saved query, entity page, /health |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for label, r in runs:
        names = ["/sparql SELECT", "/queries/{name}", "/id/{key}", "/health"]
        detail = ", ".join(f"{r['by_name'][n][0]:.0f} / {r['by_name'][n][1]:.0f}" for n in names if n in r["by_name"])
        lines.append(f"| {label} | {r['think']:g} | {r['requests']} | {r['errors']} | {r['rps']:.1f} | "
                     f"{r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['p99_ms']:.0f} | {detail} |")
    return lines


def write(out: Path, lines: list[str]) -> None:
    """Replace the load section of ``out`` (or add it), leaving the other sections as they are."""
    text = out.read_text(encoding="utf-8") if out.exists() else "# Benchmark results\n"
    kept, skipping = [], False
    for line in text.splitlines():
        if line.startswith("## "):
            skipping = line.startswith(SECTION)
        if not skipping:
            kept.append(line)
    out.write_text("\n".join(kept).rstrip("\n") + "\n\n" + "\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--think", type=float, default=0.2, help="mean seconds a client waits between requests")
    parser.add_argument("--capacity", action="store_true", help="also run with clients that never wait")
    parser.add_argument("--kg", type=Path, help="a built graph to serve instead of building one")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        kg = args.kg
        if kg is None:
            kg = work / "kg"
            articles = generate(args.articles, args.seed, work / "articles")
            subprocess.run(kg_builder("build", str(articles), "--kg", str(kg), "--no-owl", "--workers", "2",
                                      "--shacl-engine", "shacl"), check=True, stdout=subprocess.DEVNULL)
        plan = [("answer cache on (default)", 64, args.think), ("answer cache off", 0, args.think)]
        if args.capacity:
            plan += [("answer cache on (default)", 64, 0.0), ("answer cache off", 0, 0.0)]
        for label, cache, think in plan:
            process, url = serve(kg, cache)
            try:
                result = run_locust(url, args.clients, args.seconds, think, work / f"locust-{cache}-{think}")
            finally:
                process.terminate()
                process.wait(timeout=30)
            result["think"] = think
            runs.append((label, result))
            print(f"{label}, think {think:g} s: {result['requests']} requests, {result['errors']} errors, "
                  f"{result['rps']:.1f}/s, p95 {result['p95_ms']:.0f} ms", *result["failures"], sep="\n  ",
                  flush=True)
    write(args.out, section(args, runs))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
