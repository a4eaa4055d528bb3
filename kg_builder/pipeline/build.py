"""The build: articles -> mentions -> resolved entities -> quads -> validation -> store.

>>> import tempfile, pathlib
>>> kg = pathlib.Path(tempfile.mkdtemp()) / "kg"
>>> summary = build([paths.sample_articles_dir()], kg, owl=False)
>>> summary.articles_read, summary.report.conforms
(5, True)
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg_builder import paths
from kg_builder.check.shacl_engines import DEFAULT_ENGINE
from kg_builder.check.validate import ValidationReport, check_owl, report_turtle
from kg_builder.corpus.merge import merge
from kg_builder.corpus.resolve import resolve
from kg_builder.errors import ArticleError, ExitCode, KgBuilderError
from kg_builder.graph.corpus_graphs import corpus_graphs
from kg_builder.graph.links import link_files, load_links
from kg_builder.graph.rdf import reference_quads, schema_quads
from kg_builder.graph.void import void_from_graph, void_turtle
from kg_builder.keys import figure_key
from kg_builder.model import Extraction
from kg_builder.namespaces import DEFAULT_BASE, Iris
from kg_builder.pipeline.cache import (
    MANIFEST,
    Entry,
    cache_bytes,
    cache_name,
    fingerprint,
    manifest_bytes,
    no_cycle_collection,
)
from kg_builder.pipeline.parallel import Workers, extract_task, graph_task, write_shared
from kg_builder.read.articles import DEFAULT_MAX_BYTES, read_articles
from kg_builder.reference import load_reference
from kg_builder.store.local import StagedBuild

Progress = Callable[[str, int, int], None]



@dataclass
class BuildSummary:
    kg_dir: Path
    build_dir: Path | None = None
    articles_read: int = 0
    skipped: list[ArticleError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entities_by_type: dict[str, int] = field(default_factory=dict)
    mentions: int = 0
    facts: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    report: ValidationReport = field(default_factory=ValidationReport)
    seconds: float = 0.0

    @property
    def exit_code(self) -> ExitCode:
        """Built and conforms; built with violations; built but some inputs skipped."""
        if not self.report.conforms:
            return ExitCode.VIOLATIONS
        return ExitCode.SKIPPED if self.skipped else ExitCode.OK

    def as_json(self) -> dict:
        return {
            "articles_read": self.articles_read,
            "skipped": [str(e) for e in self.skipped],
            "warnings": self.warnings,
            "entities_by_type": self.entities_by_type,
            "mentions": self.mentions,
            "facts": self.facts,
            "triples": self.triples,
            "validation": self.report.summary(),
            "conforms": self.report.conforms,
        }


def _count_facts(extractions: list[Extraction]) -> dict[str, int]:
    """Merged agreements and events, and distinct figures, of a build."""
    return {
        "agreements": len({a.key for e in extractions for a in e.agreements}),
        "events": len({x.key for e in extractions for x in e.events}),
        "figures": len({figure_key(f) for e in extractions for f in e.figures}),
    }


def _count_entities(extractions: list[Extraction]) -> dict[str, int]:
    seen = {(m.kind.type_name, m.key) for e in extractions for m in e.mentions}
    return dict(sorted(Counter(kind for kind, _ in seen).items()))


def build(inputs: Iterable[Path] | None, kg_dir: Path, *, base: str = DEFAULT_BASE, owl: bool = True,
          max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None,
          links: Iterable[Path] = (), workers: int = 1, remote=None,
          engine: str = DEFAULT_ENGINE) -> BuildSummary:
    """Build the knowledge graph of ``inputs`` (default: the bundled articles) into ``kg_dir``;
    ``links`` are curated links files read after the bundled one and the KG's own; ``workers``
    processes share the per-article work; ``engine`` checks the shapes (see
    :mod:`kg_builder.check.shacl_engines`); with ``remote`` (a :class:`~kg_builder.store.remote.RemoteConfig`) the
    graphs also replace those of that SPARQL server."""
    started = time.perf_counter()
    iris = Iris(base)
    curated = load_links(link_files(kg_dir, links))
    inputs = list(inputs or [paths.sample_articles_dir()])
    read = read_articles(inputs, max_bytes=max_bytes)
    summary = BuildSummary(kg_dir=kg_dir, skipped=list(read.errors), warnings=list(read.warnings))
    if not read.articles:
        raise KgBuilderError("no article could be read: " + "; ".join(str(e) for e in read.errors[:5]))
    reference = load_reference()
    with Workers(workers, base, engine) as pool:
        raw = _extract_all(pool, read.articles, summary, progress)
        with no_cycle_collection():
            merged = merge(resolve(raw), reference)
        staged = StagedBuild(kg_dir)
        try:
            shared = _shared_quads(merged, reference, iris, curated, summary)
            staged.add(shared)
            summary.report = _graphs(pool, merged, raw, shared, staged, progress)
            _finish(staged, summary, merged, owl=owl, base=base, inputs=inputs)
            summary.articles_read = len(read.articles)
            if remote is not None:
                staged.mirror_to(remote)
            summary.seconds = round(time.perf_counter() - started, 2)
            staged.write("build.json", json.dumps({**summary.as_json(), "base": base, "shacl_engine": engine,
                                                   "inputs": [str(p) for p in inputs]}, indent=2).encode("utf-8"))
            summary.build_dir = staged.publish()
        except BaseException:
            staged.abort()
            raise
    return summary


def _extract_all(pool: Workers, articles: list, summary: BuildSummary, progress: Progress | None) -> list[Extraction]:
    out = []
    for index, item in enumerate(pool.map(extract_task, articles), start=1):
        if progress:
            progress(f"extracting {item.article.id}", index, len(articles))
        if item.error:
            summary.skipped.append(ArticleError(item.article.source, f"extraction failed ({item.error})",
                                                "the article is left out of this build; report it with this message"))
        else:
            out.append(item.extraction)
    if not out:
        raise KgBuilderError("no article could be extracted: " + "; ".join(str(e) for e in summary.skipped[:5]))
    return out


def _shared_quads(merged: list[Extraction], reference, iris: Iris, curated, summary: BuildSummary) -> list[ox.Quad]:
    """Ontology, vocabularies, reference entities, and the graphs the corpus makes as a whole (the other
    entities the articles name, how much the articles speak of each entity and fact, the curated links
    of what they mention)."""
    corpus = corpus_graphs(merged, reference, iris, curated)
    summary.warnings += [f"{link.where}: {link.key} is neither reference data nor mentioned; its link is not written"
                         for link in corpus.unknown_links]
    return schema_quads(iris) + reference_quads(reference, iris) + corpus.quads()


def _graphs(pool: Workers, merged: list[Extraction], raw: list[Extraction], shared: list[ox.Quad],
            staged: StagedBuild, progress: Progress | None) -> ValidationReport:
    """Each article's graph, validated as it is made and loaded into the staged store; the cache and
    manifest for incremental changes are written beside it."""
    shared_path = write_shared(shared, staged.dir / "shared.nq")
    report = ValidationReport()
    manifest = {}
    jobs = [(e, shared_path) for e in merged]
    for index, (graph, before, after) in enumerate(zip(pool.map(graph_task, jobs), raw, merged, strict=True), 1):
        if progress:
            progress(f"validating {graph.article_id}", index, len(jobs))
        staged.add_nquads(graph.nquads)
        report.violations += graph.violations
        if graph.report:
            report.report_graph.parse(data=graph.report.decode("utf-8"), format="nt")
        staged.write(cache_name(graph.article_id), cache_bytes(before))
        manifest[graph.article_id] = Entry(after.article.sha256, after.article.source, fingerprint(after))
    staged.load_pending()
    report.graphs_checked = len(jobs)
    Path(shared_path).unlink()
    staged.write(MANIFEST, manifest_bytes(manifest))
    return report


def _finish(staged: StagedBuild, summary: BuildSummary, merged: list[Extraction], *, owl: bool, base: str,
            inputs: list[Path]) -> None:
    """The OWL check, the counts, the VoID description and the validation report of a staged build."""
    if owl:
        summary.report.owl = check_owl(staged.graph().quads())
    summary.entities_by_type = _count_entities(merged)
    summary.mentions = sum(len(e.mentions) for e in merged)
    summary.facts = _count_facts(merged)
    summary.triples = len(staged.graph())
    staged.write("void.ttl", void_turtle(void_from_graph(staged.graph(), Iris(base))))
    staged.write("validation-report.ttl", report_turtle(summary.report))
