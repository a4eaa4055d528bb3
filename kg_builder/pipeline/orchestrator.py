"""One pipeline for ``build``, ``add`` and ``remove``: a build is a change made to an empty graph.

    read -> extract (cached by content) -> resolve + merge (only what the change reaches)
         -> corpus-wide graphs (only the subjects it touches) -> article graphs, validated -> store

The change is made on a staged build: an empty one for ``build``, a copy of the current one (its
store copied by hard links) for ``add`` and ``remove``. It is published in one atomic step, so a
failure leaves the graph that queries see as it was.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox

from kg_builder.check.shacl_engines import DEFAULT_ENGINE
from kg_builder.check.validate import SharedDescriptions, ValidationReport, prepare_validation
from kg_builder.errors import ArticleError, KgBuilderError, StoreError
from kg_builder.graph.contributions import graph_of, subject_node
from kg_builder.graph.links import CuratedLink, link_files, links_graph, load_links
from kg_builder.graph.rdf import reference_quads, schema_quads
from kg_builder.graph.rdf_terms import n
from kg_builder.model import Article, Extraction
from kg_builder.namespaces import Iris
from kg_builder.pipeline.cache import ExtractionCache, extractor_version, no_cycle_collection
from kg_builder.pipeline.corpus_change import CorpusChange, apply_change
from kg_builder.pipeline.parallel import ArticleGraph, Workers, article_graph, graph_task, write_shared
from kg_builder.pipeline.state import CorpusState
from kg_builder.reference import Reference, load_reference
from kg_builder.store.local import StagedBuild, build_record, current_build

Progress = Callable[[str, int, int], None]
IN_PROCESS_GRAPHS = 32  # up to this many article graphs are made and checked here, reading the store
SHARED_GRAPHS = ("ontology", "vocabulary", "reference", "entities", "statistics", "links")


@dataclass
class Outcome:
    """What a run did: articles extracted (or skipped), the graphs written and their validation."""

    extracted: dict[str, Extraction] = field(default_factory=dict)
    skipped: list[ArticleError] = field(default_factory=list)
    change: CorpusChange = field(default_factory=CorpusChange)
    report: ValidationReport = field(default_factory=ValidationReport)
    warnings: list[str] = field(default_factory=list)
    staged: StagedBuild | None = None


def run(kg_dir: Path, articles: list[Article], removed: Iterable[str] = (), *, fresh: bool, base: str,
        engine: str = DEFAULT_ENGINE, workers: int = 1, links: Iterable[Path] = (),
        progress: Progress | None = None, strict: bool = False,
        finish: Callable[[StagedBuild, Outcome], None] | None = None) -> Outcome:
    """Add ``articles`` (new or changed) and remove the articles ``removed`` (ids), on an empty graph
    when ``fresh``; ``strict`` refuses a change that does not conform; ``finish`` writes what a
    caller adds to the staged build before it is published."""
    iris = Iris(base)
    reference = load_reference()
    cache = ExtractionCache(kg_dir)
    outcome = Outcome()
    with Workers(workers, base, engine) as pool, no_cycle_collection():
        cached, missing = _cached_extractions(cache, articles)
        if missing:
            pool.prepare_extraction()  # the model loads while the build is staged
        staged = StagedBuild(kg_dir, copy_of=None if fresh else current_build(kg_dir))
        outcome.staged = staged
        try:
            state = CorpusState.create(staged.dir) if fresh else CorpusState.open(staged.dir)
            try:
                _same_extractor(state, kg_dir, fresh)
                if missing and not fresh:
                    prepare_validation(engine)  # while the model loads in the extraction process
                outcome.extracted = _extract(pool, cache, articles, cached, missing, outcome, progress)
                removed = set(removed)
                unknown = sorted(removed - set(state.entries(removed)))
                if unknown:
                    raise KgBuilderError(f"no article {unknown[0]!r} in {kg_dir} "
                                         "('kg-builder query articles-by-date' lists them)")
                if removed and not articles and len(removed) == state.count():
                    raise KgBuilderError("removing every article would leave an empty graph; build again instead")
                change = apply_change(state, outcome.extracted, removed, _raw(cache, state), reference, iris)
                outcome.change = change
                if fresh:
                    staged.add(schema_quads(iris) + reference_quads(reference, iris))
                _corpus_graphs(staged, change, reference, iris, state, load_links(link_files(kg_dir, links)),
                               outcome)
                outcome.report = _article_graphs(pool, staged, change, iris, engine, fresh, progress)
                if strict and outcome.report.violations:
                    violations = outcome.report.violations
                    raise KgBuilderError(f"the change does not conform ({len(violations)} violation(s), first: "
                                         f"{violations[0].message}); the graph is unchanged")
                state.commit()
                if fresh:
                    cache.keep_only(_cached(state) | _cached_current(kg_dir))
            finally:
                state.close()
            if finish is not None:
                finish(staged, outcome)
            staged.publish(optimize=fresh)
        except BaseException:
            staged.abort()
            raise
    return outcome


def _cached_extractions(cache: ExtractionCache, articles: list[Article]) -> tuple[dict[str, Extraction], list[Article]]:
    """The extractions of the articles whose content was extracted before, and the other articles."""
    found: dict[str, Extraction] = {}
    missing = []
    for article in articles:
        extraction = cache.get(article.id, article.sha256)
        if extraction is not None and extraction.article == article:
            found[article.id] = extraction
        else:
            missing.append(article)
    return found, missing


def _extract(pool: Workers, cache: ExtractionCache, articles: list[Article], found: dict[str, Extraction],
             missing: list[Article], outcome: Outcome, progress: Progress | None) -> dict[str, Extraction]:
    """Each article's extraction: ``found`` in the cache, the ``missing`` ones extracted (and cached).
    Articles that say the same (the same text and metadata under other names: a wire story that
    several outlets publish) are read once, and each gets that extraction under its own name."""
    out = dict(found)
    copies: dict[Article, list[Article]] = {}
    for article in missing:
        copies.setdefault(_content(article), []).append(article)
    firsts = [same[0] for same in copies.values()]
    for index, item in enumerate(pool.extract(firsts), start=1):
        if progress:
            progress(f"extracting {item.article.id}", index, len(firsts))
        for article in copies[_content(item.article)]:
            if item.error:
                outcome.skipped.append(ArticleError(article.source, f"extraction failed ({item.error})",
                                                    "the article is left out; report it with this message"))
                continue
            extraction = item.extraction if article is item.article else replace(item.extraction, article=article)
            cache.put(extraction)
            out[article.id] = extraction
    return {a.id: out[a.id] for a in articles if a.id in out}


def _content(article: Article) -> Article:
    """What an extraction depends on: the article without its name and file."""
    return replace(article, id="", source="")


def _same_extractor(state: CorpusState, kg_dir: Path, fresh: bool) -> None:
    """A build records the version of its extraction; a change keeps it: claims extracted by two
    versions of the extraction would not merge as one build of either would."""
    if fresh:
        state.set_meta("extractor", extractor_version())
        return
    built = state.meta("extractor")
    if built is not None and built != extractor_version():
        raise KgBuilderError(f"{kg_dir} was built by another version of the extraction ({built}; this one is "
                             f"{extractor_version()}); build it again to change it")


def _raw(cache: ExtractionCache, state: CorpusState):
    def raw(article_id: str) -> Extraction:
        entry = state.entries([article_id]).get(article_id)
        if entry is None:
            raise StoreError(f"no article {article_id!r} in the corpus state; run a full build")
        return cache.load(article_id, entry.sha256)
    return raw


def _cached(state: CorpusState) -> set[tuple[str, str]]:
    return {(a, e.sha256) for a, e in state.articles().items()}


def _cached_current(kg_dir: Path) -> set[tuple[str, str]]:
    """The articles of the build in use (their cache stays until the new build is published)."""
    try:
        state = CorpusState.open(current_build(kg_dir))
    except StoreError:
        return set()
    try:
        return _cached(state)
    finally:
        state.close()


def _corpus_graphs(staged: StagedBuild, change: CorpusChange, reference: Reference, iris: Iris,
                   state: CorpusState, curated: list[CuratedLink], outcome: Outcome) -> None:
    """Write the subjects of ``graph/entities`` and ``graph/statistics`` the change touched, and the
    curated links of what is reference data or mentioned (``graph/links``)."""
    store = staged.graph()
    removed, added = [], []
    empty = not staged.copied
    for (part, subject), quads in change.subjects.items():
        before = set() if empty else set(store.quads(n(iris.graph(graph_of(part))),
                                                     subject=subject_node(part, subject, iris)))
        after = set(quads)
        removed += before - after
        added += after - before
    keys = [link.key for link in curated]
    known = {k for k in keys if k in reference.entities} | state.having("entity-statistics", keys)
    outcome.warnings += [f"{link.where}: {link.key} is neither reference data nor mentioned; its link is not written"
                         for link in curated if link.key not in known]
    links_now = set(links_graph(curated, known, iris))
    links_before = set() if empty else set(store.quads(n(iris.graph("links"))))
    removed += links_before - links_now
    added += links_now - links_before
    if empty:
        staged.add(added)
    else:
        staged.change_graph(removed, added)


def _article_graphs(pool: Workers, staged: StagedBuild, change: CorpusChange, iris: Iris, engine: str,
                    fresh: bool, progress: Progress | None) -> ValidationReport:
    """Each changed article's graph, validated, in place of its old one; the graphs of removed
    articles dropped."""
    report = ValidationReport()
    jobs = [change.write[a] for a in sorted(change.write)]
    firsts, copies = _copies(jobs)
    shared_path = None
    if len(jobs) > IN_PROCESS_GRAPHS:
        staged.load_pending()
        shared = [q for name in SHARED_GRAPHS for q in staged.graph().quads(n(iris.graph(name)))]
        shared_path = write_shared(shared, staged.dir / "shared.nq")

        def make(extractions, checks):
            return pool.map(graph_task, [(e, shared_path, check) for e, check in zip(extractions, checks, strict=True)])
    else:
        store = staged.graph()
        names = [n(iris.graph(name)) for name in SHARED_GRAPHS]

        def lookup(node):
            return [q for g in names for q in store.quads(g, subject=node)]
        descriptions = SharedDescriptions(lookup=lookup)
        reference = load_reference()

        def make(extractions, checks):
            return (article_graph(e, descriptions, reference, iris, engine, check)
                    for e, check in zip(extractions, checks, strict=True))
    conforming: set[str] = set()

    def graphs() -> Iterator[ArticleGraph]:
        for graph in make(firsts, [True] * len(firsts)):
            if not graph.violations:
                conforming.add(graph.article_id)
            yield graph
        # a copy of a graph that conforms conforms too: its own names are the only difference
        yield from make([e for e, _ in copies], [first not in conforming for _, first in copies])
    written: dict[str, list[ox.Quad]] = {}
    try:
        for index, graph in enumerate(graphs(), start=1):
            if progress:
                progress(f"validating {graph.article_id}", index, len(jobs))
            if fresh:
                staged.add_nquads(graph.nquads)
            else:
                written[iris.article_graph(graph.article_id)] = list(ox.parse(graph.nquads,
                                                                               format=ox.RdfFormat.N_QUADS))
            report.violations += graph.violations
            if graph.report:
                report.report_graph.parse(data=graph.report.decode("utf-8"), format="nt")
    finally:
        if shared_path:
            Path(shared_path).unlink(missing_ok=True)
    if not fresh:
        staged.replace_graphs(written, {iris.article_graph(a) for a in change.dropped})
    staged.load_pending()
    report.graphs_checked = len(jobs)
    return report


SAFE_ID = re.compile(r"[a-z0-9_-]+")


def _copies(jobs: list[Extraction]) -> tuple[list[Extraction], list[tuple[Extraction, str]]]:
    """The merged articles that are not copies of an earlier one, and the copies with the id of the
    article they copy: the same text, metadata and merged claims under another name. Names that the
    shapes' patterns would judge differently (outside ``[a-z0-9_-]``) are never taken for copies."""
    firsts: list[Extraction] = []
    copies: list[tuple[Extraction, str]] = []
    seen: dict[Extraction, str] = {}
    for extraction in jobs:
        key = replace(extraction, article=_content(extraction.article))
        first = seen.get(key) if SAFE_ID.fullmatch(extraction.article.id) else None
        if first is None:
            firsts.append(extraction)
            if SAFE_ID.fullmatch(extraction.article.id):
                seen.setdefault(key, extraction.article.id)
        else:
            copies.append((extraction, first))
    return firsts, copies


def write_json(staged: StagedBuild, name: str, data: dict) -> None:
    staged.write(name, json.dumps(data, indent=2).encode("utf-8"))


def settings(build_dir: Path) -> tuple[str | None, str | None]:
    """The base IRI and the SHACL engine a graph was built with."""
    built = build_record(build_dir)
    return built.get("base"), built.get("shacl_engine")


def elapsed(started: float) -> float:
    return round(time.perf_counter() - started, 2)
