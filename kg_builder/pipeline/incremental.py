"""Incremental changes to a built graph: ``add`` articles (new or changed) and ``remove`` articles,
without extracting or validating the rest again.

A change is made on a copy of the current build (its store copied by hard links) and published as a
new build, as a full build is: the store, the cache and the manifest change together or not at
all, and a server sees the change at once.

The extractions of the other articles come from the build's cache; resolution and merging run
again over all of them (they are cheap and global: a new article can give an agreement its
date or a person their full name); only the graphs whose result changed are written again and
validated, in the copy. The outcome equals a full build of the same articles.
Re-adding an unchanged article changes nothing (its content hash is in the manifest).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg_builder.check.shacl_engines import DEFAULT_ENGINE
from kg_builder.check.validate import Violation
from kg_builder.corpus.merge import merge
from kg_builder.corpus.resolve import resolve
from kg_builder.errors import ArticleError, KgBuilderError, StoreError
from kg_builder.graph.corpus_graphs import corpus_graphs
from kg_builder.graph.links import link_files, load_links
from kg_builder.model import Extraction
from kg_builder.namespaces import DEFAULT_BASE, Iris
from kg_builder.pipeline.cache import (
    MANIFEST,
    Entry,
    cache_bytes,
    cache_name,
    fingerprint,
    load_extraction,
    manifest_bytes,
    no_cycle_collection,
    read_manifest,
)
from kg_builder.pipeline.parallel import Workers, extract_task, graph_task, write_shared
from kg_builder.read.articles import DEFAULT_MAX_BYTES, read_articles
from kg_builder.reference import load_reference
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


def add(inputs: Iterable[Path], kg_dir: Path, *, workers: int = 1, max_bytes: int = DEFAULT_MAX_BYTES,
        links: Iterable[Path] = (), engine: str | None = None, remote: RemoteConfig | None = None) -> ChangeSummary:
    """Add (or replace) the articles of ``inputs`` in the graph of ``kg_dir``; ``engine`` checks the
    shapes (default: the one the graph was built with); with ``remote`` the graphs that change are
    also replaced on that SPARQL server (first, so that a failure there changes nothing)."""
    started = time.perf_counter()
    build_dir = current_build(kg_dir)
    manifest = read_manifest(build_dir)
    read = read_articles(list(inputs), max_bytes=max_bytes)
    summary = ChangeSummary(skipped=list(read.errors))
    fresh = []
    for article in read.articles:
        entry = manifest.get(article.id)
        if entry and entry.sha256 == article.sha256:
            summary.unchanged.append(article.id)
        else:
            fresh.append(article)
    if not fresh:
        summary.seconds = round(time.perf_counter() - started, 2)
        return summary
    base, built_with = _settings(build_dir)
    with Workers(workers, base, engine or built_with) as pool:
        new = {}
        for item in pool.map(extract_task, fresh):
            if item.error:
                summary.skipped.append(ArticleError(item.article.source, f"extraction failed ({item.error})"))
            else:
                new[item.article.id] = item.extraction
        summary.added = sorted(new)
        if new:
            with no_cycle_collection():  # millions of small objects, none garbage until the change is done
                _change(kg_dir, new, set(), pool, summary, links, remote)
    summary.seconds = round(time.perf_counter() - started, 2)
    return summary


def remove(article_ids: Iterable[str], kg_dir: Path, *, links: Iterable[Path] = (),
           engine: str | None = None, remote: RemoteConfig | None = None) -> ChangeSummary:
    """Remove articles (by id) from the graph of ``kg_dir`` (and from the ``remote`` server)."""
    started = time.perf_counter()
    build_dir = current_build(kg_dir)
    manifest = read_manifest(build_dir)
    ids = set(article_ids)
    unknown = sorted(ids - set(manifest))
    if unknown:
        raise KgBuilderError(f"no article {unknown[0]!r} in {kg_dir} ('kg-builder query articles-by-date' lists them)")
    if ids == set(manifest):
        raise KgBuilderError("removing every article would leave an empty graph; build again instead")
    summary = ChangeSummary(removed=sorted(ids))
    base, built_with = _settings(build_dir)
    with Workers(1, base, engine or built_with) as pool, no_cycle_collection():
        _change(kg_dir, {}, ids, pool, summary, links, remote)
    summary.seconds = round(time.perf_counter() - started, 2)
    return summary


def _settings(build_dir: Path) -> tuple[str, str]:
    """The base IRI and the SHACL engine the graph was built with."""
    try:
        built = json.loads((build_dir / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        built = {}
    return built.get("base", DEFAULT_BASE), built.get("shacl_engine", DEFAULT_ENGINE)


def _change(kg_dir: Path, new: dict[str, Extraction], removed: set[str], pool: Workers, summary: ChangeSummary,
            links: Iterable[Path], remote: RemoteConfig | None) -> None:
    """Apply the change to a copy of the current build (taken under the KG's writer lock) and publish it."""
    staged = StagedBuild(kg_dir, copy_of=current_build(kg_dir))
    try:
        manifest = read_manifest(staged.dir)
        unknown = sorted(removed - set(manifest))
        if unknown:
            raise KgBuilderError(f"no article {unknown[0]!r} in {kg_dir}: another change removed it")
        _apply(kg_dir, staged, manifest, new, removed, pool, summary, links, remote)
    except BaseException:
        staged.abort()
        raise
    staged.publish(optimize=False)


def _apply(kg_dir: Path, staged: StagedBuild, manifest: dict[str, Entry], new: dict[str, Extraction],
           removed: set[str], pool: Workers, summary: ChangeSummary, links: Iterable[Path],
           remote: RemoteConfig | None) -> None:
    build_dir = staged.dir
    base, _ = _settings(build_dir)
    iris = Iris(base)
    reference = load_reference()
    raw = {i: load_extraction(build_dir, i) for i in manifest if i not in removed and i not in new}
    raw.update(new)
    merged = merge(resolve([raw[i] for i in sorted(raw)]), reference)
    entries = {m.article.id: Entry(m.article.sha256, m.article.source, fingerprint(m)) for m in merged}
    changed = [m for m in merged if m.article.id in new
               or entries[m.article.id].fingerprint != manifest[m.article.id].fingerprint]
    shared = [q for name in ("ontology", "vocabulary", "reference")
              for q in staged.graph().quads(ox.NamedNode(iris.graph(name)))]
    corpus = corpus_graphs(merged, reference, iris, load_links(link_files(kg_dir, links)))
    shared += corpus.quads()
    shared_path = write_shared(shared, build_dir / "shared.nq")
    try:
        graphs = list(pool.map(graph_task, [(m, shared_path) for m in changed]))
    finally:
        Path(shared_path).unlink(missing_ok=True)
    for graph in graphs:
        summary.violations += graph.violations
    if summary.violations:
        raise KgBuilderError(f"the change does not conform ({len(summary.violations)} violation(s), first: "
                             f"{summary.violations[0].message}); the graph is unchanged")
    written = {iris.article_graph(g.article_id): list(ox.parse(g.nquads, format=ox.RdfFormat.N_QUADS))
               for g in graphs}
    dropped = {iris.article_graph(i) for i in removed}
    changes, corpus_graphs_now = {}, corpus.by_graph(iris)
    for name, quads in corpus_graphs_now.items():  # large, little changed: only the difference is written
        before, after = staged.graph_quads(name), set(quads)
        if before != after:
            changes[name] = (before - after, after - before)
    if remote is not None:  # first, so that a server out of reach changes nothing
        replace_remote_graphs(remote, {**written, **{n: corpus_graphs_now[n] for n in changes}}, dropped)
    try:
        staged.replace_graphs(written, dropped)
        for name in sorted(changes):
            staged.change_graph(*changes[name])
    except OSError as error:
        raise StoreError(f"{kg_dir}: the change could not be written ({error}); the graph is unchanged") from error
    summary.rewritten = len(graphs)
    _write_cache(staged, entries, new, removed)
    staged.remove("void.ttl")  # stale now; the server and export count it again


def _write_cache(staged: StagedBuild, entries: dict[str, Entry], new: dict[str, Extraction],
                 removed: set[str]) -> None:
    for article_id in removed:
        staged.remove(cache_name(article_id))
    for article_id, extraction in new.items():
        staged.write(cache_name(article_id), cache_bytes(extraction))
    staged.write(MANIFEST, manifest_bytes(entries))
