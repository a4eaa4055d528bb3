"""Incremental changes to a built graph: ``add`` articles (new or changed) and ``remove`` articles.

Both run the build's one pipeline (:mod:`kg_builder.pipeline.orchestrator`) on a copy of the current
build: only the articles that change are extracted, only the claims they can reach are merged
again, only the graphs whose result changed are written and validated, and only the subjects of the
corpus-wide graphs they touch are counted again. The outcome equals a full build of the same
articles. Re-adding an unchanged article changes nothing (its content hash is in the corpus state).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg_builder.check.shacl_engines import DEFAULT_ENGINE
from kg_builder.check.validate import Violation
from kg_builder.errors import ArticleError
from kg_builder.namespaces import DEFAULT_BASE, Iris
from kg_builder.pipeline.orchestrator import SHARED_GRAPHS, Outcome, elapsed, run, settings
from kg_builder.pipeline.state import CorpusState, Entry
from kg_builder.read.articles import DEFAULT_MAX_BYTES, read_articles
from kg_builder.store.local import StagedBuild, current_build, replace_remote_graphs
from kg_builder.store.remote import RemoteConfig


@dataclass
class ChangeSummary:
    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    rewritten: int = 0
    skipped: list[ArticleError] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    seconds: float = 0.0


def read_manifest(build_dir: Path, ids: Iterable[str] | None = None) -> dict[str, Entry]:
    """The articles a build holds (those of ``ids`` only, when given), with their content hashes."""
    state = CorpusState.open(build_dir)
    try:
        return state.articles() if ids is None else state.entries(ids)
    finally:
        state.close()


def add(inputs: Iterable[Path], kg_dir: Path, *, workers: int = 1, max_bytes: int = DEFAULT_MAX_BYTES,
        links: Iterable[Path] = (), engine: str | None = None, remote: RemoteConfig | None = None) -> ChangeSummary:
    """Add (or replace) the articles of ``inputs`` in the graph of ``kg_dir``; ``engine`` checks the
    shapes (default: the one the graph was built with); with ``remote`` the graphs that change are
    also replaced on that SPARQL server (before the local change is published, so that a failure
    there changes nothing)."""
    started = time.perf_counter()
    build_dir = current_build(kg_dir)
    read = read_articles(list(inputs), max_bytes=max_bytes)
    manifest = read_manifest(build_dir, [a.id for a in read.articles])
    summary = ChangeSummary(skipped=list(read.errors))
    fresh = []
    for article in read.articles:
        entry = manifest.get(article.id)
        if entry and entry.sha256 == article.sha256:
            summary.unchanged.append(article.id)
        else:
            fresh.append(article)
    if fresh:
        outcome = _change(kg_dir, build_dir, fresh, set(), workers, links, engine, remote, summary)
        summary.added = sorted(outcome.extracted)
        summary.skipped += outcome.skipped
    summary.seconds = elapsed(started)
    return summary


def remove(article_ids: Iterable[str], kg_dir: Path, *, links: Iterable[Path] = (),
           engine: str | None = None, remote: RemoteConfig | None = None) -> ChangeSummary:
    """Remove articles (by id) from the graph of ``kg_dir`` (and from the ``remote`` server)."""
    started = time.perf_counter()
    build_dir = current_build(kg_dir)
    ids = set(article_ids)  # run() refuses an unknown id, and removing every article
    summary = ChangeSummary(removed=sorted(ids))
    _change(kg_dir, build_dir, [], ids, 1, links, engine, remote, summary)
    summary.seconds = elapsed(started)
    return summary


def _change(kg_dir: Path, build_dir: Path, articles: list, removed: set[str], workers: int, links, engine,
            remote: RemoteConfig | None, summary: ChangeSummary) -> Outcome:
    base, built_with = settings(build_dir)

    def finish(staged: StagedBuild, outcome: Outcome) -> None:
        summary.rewritten = len(outcome.change.write)
        if remote is not None:
            _mirror(staged, outcome, Iris(base or DEFAULT_BASE), remote)
        staged.remove("void.ttl")  # stale now; the server and export count it again

    return run(kg_dir, articles, removed, fresh=False, base=base or DEFAULT_BASE,
               engine=engine or built_with or DEFAULT_ENGINE, workers=workers, links=links, strict=True,
               finish=finish)


def _mirror(staged: StagedBuild, outcome: Outcome, iris: Iris, remote: RemoteConfig) -> None:
    """The graphs the change wrote, and the corpus-wide ones whole, in place of the server's."""
    store = staged.graph()
    corpus = [*SHARED_GRAPHS[3:], "facts"]
    names = [iris.article_graph(a) for a in outcome.change.write] + [iris.graph(g) for g in corpus]
    graphs = {name: list(store.quads(ox.NamedNode(name))) for name in names}
    replace_remote_graphs(remote, graphs, {iris.article_graph(a) for a in outcome.change.dropped})
