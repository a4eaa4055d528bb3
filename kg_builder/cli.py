"""The ``kg-builder`` command line: parses options, calls the library, prints results."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Annotated

import pyoxigraph as ox
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg_builder import __version__
from kg_builder.check.shacl_engines import DEFAULT_ENGINE, ENGINES
from kg_builder.check.validate import validate_store
from kg_builder.errors import ExitCode, KgBuilderError
from kg_builder.evaluation import Report, evaluate, read_gold
from kg_builder.linking.linker import DEFAULT_THRESHOLD, link_online, unlinked_report
from kg_builder.linking.wikidata import DEFAULT_API
from kg_builder.namespaces import DEFAULT_BASE, Iris
from kg_builder.pipeline.build import build
from kg_builder.pipeline.incremental import add, remove
from kg_builder.read.articles import DEFAULT_MAX_BYTES
from kg_builder.serve.export import ExportFormat, export
from kg_builder.serve.missing_nodes import missing_nodes
from kg_builder.serve.queries import (
    DEFAULT_LIMIT,
    Page,
    get_query,
    list_queries,
    run_query,
    to_csv,
    to_sparql_json,
)
from kg_builder.serve.terminal_tables import Layout, Sheet, compact, parse_columns, pick_columns, show
from kg_builder.store.local import KnowledgeGraph
from kg_builder.store.remote import RemoteConfig

EXAMPLES: dict[str, tuple[str, ...]] = {
    "": ("kg-builder build", "kg-builder query agreements", "kg-builder query --help"),
    "build": (
        "kg-builder build",
        "kg-builder build data/articles --kg kg-out --no-owl",
        "kg-builder build data/articles --workers 2 --shacl-engine pyshacl",
    ),
    "add": ("kg-builder add tests/data/stories/mou.txt",),
    "remove": ("kg-builder remove mou",),
    "validate": ("kg-builder validate", "kg-builder validate --no-owl --full"),
    "queries": ("kg-builder queries",),
    "query": (
        "kg-builder query agreements",
        "kg-builder query agreements --param mineral=mineral/rare-earth-elements",
        "kg-builder query agreements --columns label,date,parties --layout table",
        "kg-builder query timeline --param participant=country/cn --layout records",
        "kg-builder query roles --param person=person/sanae-takaichi",
        "kg-builder query entities --param type=Country --format csv --all",
        "kg-builder query entities --limit 10 --offset 10",
        "kg-builder query fact-sources -p fact=event/export-controls-cn-2025-04 -f json",
    ),
    "link": (
        "kg-builder link",
        "kg-builder link --columns key,label,mentions --format csv",
        "kg-builder link --online --threshold 0.95 --no-report",
    ),
    "export": (
        "kg-builder export --format turtle --output graph.ttl",
        "kg-builder export -f jsonld -o graph.jsonld --web-annotations",
        "kg-builder export --format void",
    ),
    "serve": ("kg-builder serve", "kg-builder serve --port 8080 --time-limit 30 --query-workers 2"),
    "evaluate": ("kg-builder evaluate tests/data/sample_gold.yaml --show 3",),
}


def examples(command: str) -> str:
    """A command's help epilog (the program's: ``""``): its :data:`EXAMPLES`, which run as written from
    the project's folder on the bundled sample graph (built by 'kg-builder build' into kg-out, or named
    by KG_BUILDER_KG)."""
    return "Examples:\n\n\b\n" + "\n".join(EXAMPLES[command])  # \b: click keeps the lines as they are


app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Build, validate, query and export a knowledge graph of critical-minerals news.",
                  epilog=examples(""))
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

KgOption = Annotated[Path, typer.Option("--kg", envvar="KG_BUILDER_KG", help="KG directory", show_default=True)]
DEFAULT_KG = Path("kg-out")


StoreOption = Annotated[str | None, typer.Option(
    "--store", help="A SPARQL 1.1 server's query URL to use instead of the embedded store "
                    "(credentials: KG_BUILDER_STORE_USER/PASSWORD or KG_BUILDER_STORE_TOKEN)")]


ShaclEngine = Enum("ShaclEngine", {name: name for name in ENGINES}, type=str)
EngineOption = Annotated[ShaclEngine, typer.Option(
    "--shacl-engine", help="What checks the SHACL shapes: shacl (compiled, the default) or pyshacl (the reference, "
                           "about forty times slower; same results on the project's shapes)")]
DEFAULT_SHACL = ShaclEngine(DEFAULT_ENGINE)
MirrorOption = Annotated[str | None, typer.Option(
    "--store", help="A SPARQL 1.1 server's query URL whose graphs are changed too (the KG directory keeps the "
                    "cached extractions)")]


ColumnsOption = Annotated[str | None, typer.Option(
    "--columns", "-c", help="The columns to show, in this order, separated by commas (e.g. label,date,parties)")]
LayoutOption = Annotated[Layout, typer.Option(
    "--layout", help="table, records (one block of 'column │ value' lines per row) or auto: a table when it "
                     "fits the terminal's width, else records")]


@contextmanager
def _progress() -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar on stderr, told (name, index, total) of each step."""
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task("starting", total=None)

        def progress(name: str, index: int, total: int) -> None:
            bar.update(task, total=total, completed=index, description=name)

        yield progress


def open_graph(kg: Path, store: str | None) -> KnowledgeGraph:
    """The embedded store of ``kg``, or the remote server at ``store``."""
    return KnowledgeGraph.connect(RemoteConfig.from_url(store)) if store else KnowledgeGraph.open(kg)



def fail(error: Exception, code: int = ExitCode.FAILED) -> typer.Exit:
    err.print(f"[bold red]error:[/] {error}", highlight=False, markup=True)
    return typer.Exit(code)


@app.callback(invoke_without_command=True)
def main(version: Annotated[bool, typer.Option("--version", help="Print the version and exit")] = False) -> None:
    if version:
        out.print(f"kg-builder {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.command("build", epilog=examples("build"))
def build_cmd(
    paths: Annotated[list[Path] | None,
                     typer.Argument(help="Article files or folders (default: the bundled sample)")] = None,
    kg: KgOption = DEFAULT_KG,
    base: Annotated[str, typer.Option(help="Base IRI for instances and graphs")] = DEFAULT_BASE,
    owl: Annotated[bool, typer.Option("--owl/--no-owl", help="Run the OWL consistency check (HermiT)")] = True,
    max_article_size: Annotated[int, typer.Option(help="Largest article file, in bytes")] = DEFAULT_MAX_BYTES,
    links: Annotated[list[Path] | None, typer.Option(
        "--links", help="Curated links file (TSV: key, wikidata, geonames, source, note); may repeat")] = None,
    workers: Annotated[int, typer.Option(help="Processes to share the per-article work")] = 1,
    store: StoreOption = None,
    shacl_engine: EngineOption = DEFAULT_SHACL,
) -> None:
    """Build the graph from articles; validate it; swap it in when complete."""
    try:
        with _progress() as progress:
            summary = build(paths, kg, base=base, owl=owl, max_bytes=max_article_size, progress=progress,
                            links=links or (), workers=workers, engine=shacl_engine.value,
                            remote=RemoteConfig.from_url(store) if store else None)
    except (KgBuilderError, ValueError) as error:
        raise fail(error) from None
    for problem in summary.skipped:
        err.print(f"[yellow]skipped:[/] {problem}", highlight=False)
    for warning in summary.warnings:
        err.print(f"[yellow]warning:[/] {warning}", highlight=False)
    table = Table(title="kg-builder build", show_header=False, title_justify="left")
    table.add_row("articles read", str(summary.articles_read))
    table.add_row("articles skipped", str(len(summary.skipped)))
    table.add_row("entities", ", ".join(f"{k} {v}" for k, v in summary.entities_by_type.items()))
    table.add_row("mentions", str(summary.mentions))
    table.add_row("facts", ", ".join(f"{k} {v}" for k, v in summary.facts.items()))
    table.add_row("triples", str(summary.triples))
    table.add_row("validation", summary.report.summary())
    table.add_row("store", str(kg / "current" / "store"))
    table.add_row("report", str(kg / "current" / "validation-report.ttl"))
    table.add_row("time", f"{summary.seconds} s")
    out.print(table)
    for violation in summary.report.violations[:10]:
        err.print(f"[red]violation:[/] {violation.focus} {violation.path}: {violation.message}", highlight=False)
    raise typer.Exit(summary.exit_code)


@app.command("validate", epilog=examples("validate"))
def validate_cmd(
    kg: KgOption = DEFAULT_KG,
    owl: Annotated[bool, typer.Option("--owl/--no-owl", help="Run the OWL consistency check (HermiT)")] = True,
    full: Annotated[bool, typer.Option("--full", help="One run over the whole graph (slow with pyshacl)")] = False,
    store: StoreOption = None,
    shacl_engine: EngineOption = DEFAULT_SHACL,
) -> None:
    """Validate the built graph: exit 0 conforms, 1 violations, 2 could not run."""
    try:
        with open_graph(kg, store) as graph, _progress() as progress:
            report = validate_store(graph, owl=owl, full=full, engine=shacl_engine.value, progress=progress)
    except KgBuilderError as error:
        raise fail(error) from None
    for violation in report.violations:
        out.print(f"{violation.severity}: {violation.focus}\n  path: {violation.path}\n  {violation.message}",
                  highlight=False, markup=False)
    out.print(("conforms" if report.conforms else "does not conform") + f": {report.summary()}", markup=False)
    if report.owl.status == "error":
        raise typer.Exit(ExitCode.FAILED)
    raise typer.Exit(report.exit_code)


@app.command("queries", epilog=examples("queries"))
def queries_cmd(layout: LayoutOption = Layout.AUTO) -> None:
    """List the saved queries with their parameters."""
    def shown(param) -> str:
        default = param.default and (compact(ox.NamedNode(param.default), DEFAULT_BASE) if param.type == "iri"
                                     else param.default)
        return f"{param.name} ({param.type}{', default ' + default if default else ''})"

    rows = []
    for query in list_queries():
        params = "\n".join(shown(p) for p in query.parameters)
        rows.append([query.name, query.summary, params or "-"])
    show(Console(), Sheet(f"saved queries: {len(rows)}", ["name", "summary", "parameters"], rows), layout)


def _params(values: list[str]) -> dict[str, str]:
    given = {}
    for item in values:
        if "=" not in item:
            raise KgBuilderError(f"--param {item!r}: write it as NAME=VALUE")
        name, value = item.split("=", 1)
        given[name.strip()] = value
    return given


@app.command("query", epilog=examples("query"))
def query_cmd(
    name: Annotated[str, typer.Argument(help="Saved query name (see 'kg-builder queries')")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE, repeatable")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
    limit: Annotated[int, typer.Option(help="Rows in the page shown")] = DEFAULT_LIMIT,
    offset: Annotated[int, typer.Option(help="Rows skipped before the page (in the query's order)")] = 0,
    every: Annotated[bool, typer.Option("--all", help="Every row, not one page")] = False,
    columns: ColumnsOption = None,
    layout: LayoutOption = Layout.AUTO,
    kg: KgOption = DEFAULT_KG,
    store: StoreOption = None,
) -> None:
    """Run a saved query: one page of its rows (--limit, --offset), or --all. A table is fitted to the
    terminal: IRIs of the graph are shown as keys (country/jp), cells wrap, and rows become blocks
    when the columns cannot fit (--layout). CSV and JSON keep full IRIs."""
    if fmt not in ("table", "csv", "json"):
        raise fail(KgBuilderError(f"--format {fmt!r}: use table, csv or json"))
    try:
        query = get_query(name)
        given = _params(param or [])
        page = None if every else Page(limit, offset)
        with open_graph(kg, store) as graph:
            iris = Iris(graph.base)
            result = run_query(graph, query, given, iris=iris, page=page)
            missing = missing_nodes(graph, query, given, iris)
        if columns is not None:
            kept = pick_columns(result.columns, parse_columns(columns), f"query {query.name!r}")
            result = replace(result, columns=[result.columns[i] for i in kept],
                             rows=[[row[i] for i in kept] for row in result.rows])
    except KgBuilderError as error:
        raise fail(error) from None
    for node in missing:
        err.print(f"warning: {node.message()}", highlight=False, markup=False, soft_wrap=True)
    shown = f"rows {result.offset + 1}-{result.offset + len(result.rows)}" if result.rows else "no rows"
    follow = (f"more rows follow: --offset {result.offset + len(result.rows)} for the next page, --all for every row"
              if result.more else "")
    if fmt == "csv":
        sys.stdout.write(to_csv(result))
    elif fmt == "json":
        sys.stdout.write(to_sparql_json(result) + "\n")
    else:
        rows = [[compact(term, iris.base) for term in row] for row in result.rows]
        show(Console(), Sheet(f"{query.name}: {shown}", result.columns, rows, [follow] if follow else []), layout)
        return
    if follow:
        err.print(follow)


@app.command("add", epilog=examples("add"))
def add_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders to add (or replace)")],
    kg: KgOption = DEFAULT_KG,
    workers: Annotated[int, typer.Option(help="Processes to share the per-article work")] = 1,
    max_article_size: Annotated[int, typer.Option(help="Largest article file, in bytes")] = DEFAULT_MAX_BYTES,
    shacl_engine: Annotated[ShaclEngine | None, typer.Option(
        "--shacl-engine", help="What checks the SHACL shapes (default: what the graph was built with)")] = None,
    store: MirrorOption = None,
) -> None:
    """Add articles to a built graph without rebuilding the rest (and to the --store server)."""
    try:
        summary = add(paths, kg, workers=workers, max_bytes=max_article_size,
                      engine=shacl_engine.value if shacl_engine else None,
                      remote=RemoteConfig.from_url(store) if store else None)
    except KgBuilderError as error:
        raise fail(error) from None
    for problem in summary.skipped:
        err.print(f"[yellow]skipped:[/] {problem}", highlight=False)
    out.print(f"added {len(summary.added)}, unchanged {len(summary.unchanged)}, graphs rewritten "
              f"{summary.rewritten}, {summary.seconds} s", highlight=False)
    raise typer.Exit(ExitCode.SKIPPED if summary.skipped else ExitCode.OK)


@app.command("remove", epilog=examples("remove"))
def remove_cmd(
    articles: Annotated[list[str], typer.Argument(help="Ids of the articles to remove")],
    kg: KgOption = DEFAULT_KG,
    store: MirrorOption = None,
) -> None:
    """Remove articles from a built graph without rebuilding the rest (and from the --store server)."""
    try:
        summary = remove(articles, kg, remote=RemoteConfig.from_url(store) if store else None)
    except KgBuilderError as error:
        raise fail(error) from None
    out.print(f"removed {len(summary.removed)}, graphs rewritten {summary.rewritten}, {summary.seconds} s",
              highlight=False)


@app.command("link", epilog=examples("link"))
def link_cmd(
    kg: KgOption = DEFAULT_KG,
    online: Annotated[bool, typer.Option("--online", help="Ask the Wikidata API for candidates (off by default)")
                      ] = False,
    api: Annotated[str, typer.Option(help="Wikidata API address (for --online)")] = DEFAULT_API,
    threshold: Annotated[float, typer.Option(help="Lowest score of a link written by --online (0-1)")
                         ] = DEFAULT_THRESHOLD,
    report: Annotated[bool, typer.Option("--report/--no-report", help="Print the entities still unlinked")] = True,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or csv")] = "table",
    columns: ColumnsOption = None,
    layout: LayoutOption = Layout.AUTO,
) -> None:
    """Report entities without identifiers; with --online, propose Wikidata links."""
    names = ["key", "type", "label", "mentions", "articles", "forms", "suggestion"]
    try:
        names = [names[i] for i in pick_columns(names, parse_columns(columns), "the report")] \
            if columns is not None else names
        if online:
            accepted, suggested = link_online(kg, api=api, threshold=threshold)
            err.print(f"{accepted} link(s) written to {kg / 'links.tsv'}; {suggested} suggestion(s) in "
                      f"{kg / 'link-suggestions.tsv'}. Build again to apply the links.", highlight=False)
        rows = unlinked_report(kg) if report else []
    except KgBuilderError as error:
        raise fail(error) from None
    if not report:
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(names)
        writer.writerows([row[c] for c in names] for row in rows)
        return
    advice = (f"To link one, add a row (key, wikidata, geonames, source, note) to {kg / 'links.tsv'} or to a file "
              "given with 'kg-builder build --links FILE', then build again.")
    show(Console(), Sheet(f"unlinked entities: {len(rows)}", names, [[row[c] for c in names] for row in rows],
                          [advice]), layout)


@app.command("export", epilog=examples("export"))
def export_cmd(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format")] = ExportFormat.TURTLE,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout)")] = None,
    kg: KgOption = DEFAULT_KG,
    store: StoreOption = None,
    web_annotations: Annotated[bool, typer.Option(
        "--web-annotations", help="Write mentions and the words of evidence as full W3C Web Annotations too "
                                  "(oa:Annotation, with position, quote and RFC 5147 fragment selectors)")] = False,
) -> None:
    """Export the graph as Turtle, JSON-LD, TriG, N-Quads, N-Triples or RDF/XML."""
    try:
        with open_graph(kg, store) as graph:
            data = export(graph.quads(), fmt, web_annotations=web_annotations)
    except KgBuilderError as error:
        raise fail(error) from None
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)
        err.print(f"wrote {output} ({len(data)} bytes, {fmt.value})", highlight=False)


@app.command("serve", epilog=examples("serve"))
def serve_cmd(
    kg: KgOption = DEFAULT_KG,
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    time_limit: Annotated[float, typer.Option(help="Longest a query may run, in seconds")] = 10.0,
    result_limit: Annotated[int, typer.Option(help="Most rows or triples an answer may hold")] = 10_000,
    store: StoreOption = None,
    allow_service: Annotated[list[str] | None, typer.Option(
        "--allow-service", help="A SPARQL endpoint (http or https) that SERVICE clauses and federated saved "
                                "queries may call; repeat for more. None by default")] = None,
    query_workers: Annotated[int | None, typer.Option(
        help="Processes that run queries (each is stopped and replaced when a query overruns); default: one per "
             "core")] = None,
    query_memory: Annotated[int, typer.Option(help="Most memory a query may take, in MB; past it the query "
                                                   "answers 503")] = 1024,
    answer_cache: Annotated[int, typer.Option(help="MB of answers kept for the current build (a build never "
                                                   "changes, so they stay right until the next one); 0 keeps "
                                                   "none")] = 64,
) -> None:
    """Serve the graph: SPARQL endpoint, saved-query API, entity pages and a web page."""
    import logging

    import uvicorn

    from kg_builder.serve.http import ServerSettings, create_app, uvicorn_config
    from kg_builder.serve.sparql_service import Limits

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        application = create_app(ServerSettings(kg, Limits(time_limit, result_limit),
                                                remote=RemoteConfig.from_url(store) if store else None,
                                                allow_service=tuple(allow_service or ()),
                                                query_workers=query_workers, query_memory_mb=query_memory,
                                                answer_cache_mb=answer_cache))
    except KgBuilderError as error:
        raise fail(error) from None
    err.print(f"serving {kg} on http://{host}:{port}/ (SPARQL at /sparql, API at /docs)", highlight=False)
    uvicorn.Server(uvicorn_config(application, host, port, log_level="info")).run()


@app.command("evaluate", epilog=examples("evaluate"))
def evaluate_cmd(
    gold: Annotated[Path, typer.Argument(help="Gold facts written by hand (YAML, see the README)")],
    kg: KgOption = DEFAULT_KG,
    store: StoreOption = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the full report as JSON")] = None,
    show: Annotated[int, typer.Option("--show", help="How many missed and extra items to list per row")] = 10,
) -> None:
    """Score the graph against gold facts: precision, recall and F1 per entity type, agreements
    with each slot, and events, with what was missed and what was extra."""
    try:
        expected = read_gold(gold)
        with open_graph(kg, store) as graph:
            report = evaluate(graph, expected)
    except KgBuilderError as error:
        raise fail(error) from None
    out.print(_report_table(report))
    for name, measure in [*report.entities.items(), ("agreements", report.agreements), ("events", report.events)]:
        for what, items in (("missed", measure.missed), ("extra", measure.extra)):
            if name != "all" and items:
                more = f" (+{len(items) - show} more)" if len(items) > show else ""
                out.print(f"{name} {what}: {'; '.join(items[:show])}{more}", highlight=False)
    out.print(f"score: entities F1 {report.entities['all'].f1:.2f} | agreements F1 {report.agreements.f1:.2f} "
              f"slots {report.slot_mean:.2f} | events F1 {report.events.f1:.2f}", highlight=False)
    if json_out is not None:
        json_out.write_text(json.dumps(report.as_dict(), indent=2) + "\n", encoding="utf-8")


def _report_table(report: Report) -> Table:
    table = Table("what", "P", "R", "F1", "found", "predicted", "gold", title_justify="left",
                  title=f"fidelity against gold ({report.agreements.expected} agreements, "
                        f"{report.events.expected} events)")

    def row(name: str, m) -> None:
        table.add_row(name, f"{m.precision:.2f}", f"{m.recall:.2f}", f"{m.f1:.2f}", str(m.tp), str(m.predicted),
                      str(m.expected))

    for name, measure in report.entities.items():
        row("entities" if name == "all" else name, measure)
    row("agreements", report.agreements)
    for slot, value in report.slots.items():
        table.add_row(f"  {slot}", "", "", "-" if value is None else f"{value:.2f}", "", "", "")
    table.add_row("  slot mean", "", "", f"{report.slot_mean:.2f}", "", "", "")
    row("events", report.events)
    if report.event_date_accuracy is not None:
        table.add_row("  date accuracy", "", "", f"{report.event_date_accuracy:.2f}", "", "", "")
    return table


if __name__ == "__main__":
    app()
