"""Per-article work spread over processes: extraction, and each article's graph with its validation.

Extraction of an article depends only on the article and the reference data, and an article's
graph (once facts are merged) only on its merged extraction and the shared descriptions; so both
run in worker processes, in order, and give the same output whatever the number of workers.
With one worker, the graphs are made in this process and extraction runs in one child process
(:meth:`Workers.prepare_extraction`), which loads the NLP model while this one does other work.
"""

from __future__ import annotations

import functools
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from kg_builder.check.shacl_engines import DEFAULT_ENGINE, check_engine
from kg_builder.check.validate import SharedDescriptions, Violation, validate_graph
from kg_builder.graph.rdf import article_quads
from kg_builder.model import Article, Extraction
from kg_builder.namespaces import Iris
from kg_builder.processes import die_with_parent
from kg_builder.reference import load_reference

_STATE: dict = {}


@dataclass(frozen=True)
class Extracted:
    article: Article
    extraction: Extraction | None
    error: str | None = None


@dataclass(frozen=True)
class ArticleGraph:
    """One article's named graph (N-Quads), its violations, and its SHACL report when it has some."""

    article_id: str
    nquads: bytes
    violations: tuple[Violation, ...]
    report: bytes = b""


def _init_worker(base: str, engine: str, parent: int) -> None:
    die_with_parent(parent)  # a build killed with SIGKILL takes its workers with it
    _init(base, engine)


def _init(base: str, engine: str) -> None:
    _STATE.clear()
    _STATE["reference"] = load_reference()
    _STATE["iris"] = Iris(base)
    _STATE["engine"] = engine


def extract_chunk(articles: list[Article]) -> list[Extracted]:
    from kg_builder.extract import extract_many  # spaCy loads only where articles are read: remove needs none

    made = extract_many(articles, _STATE["reference"])
    return [Extracted(article, None, f"{type(one).__name__}: {one}") if isinstance(one, Exception)
            else Extracted(article, one) for article, one in zip(articles, made, strict=True)]


def _init_extractor(base: str, engine: str, parent: int) -> None:
    _init_worker(base, engine, parent)
    try:
        from kg_builder.extract import prepare

        prepare(_STATE["reference"])
    except Exception:  # noqa: BLE001 - the first extraction reports it, with its article
        pass


def _started() -> None:
    """A task that makes a pool start its process now."""


def graph_task(job: tuple[Extraction, str, bool]) -> ArticleGraph:
    extraction, shared_path, check = job
    shared = _STATE.get(shared_path)
    if shared is None:
        shared = _STATE[shared_path] = SharedDescriptions(ox.parse(path=shared_path, format=ox.RdfFormat.N_QUADS))
    return article_graph(extraction, shared, _STATE["reference"], _STATE["iris"], _STATE["engine"], check)


def article_graph(extraction: Extraction, shared: SharedDescriptions, reference, iris: Iris,
                  engine: str, check: bool = True) -> ArticleGraph:
    """One article's graph, validated with the shared descriptions of what it touches (unless not
    ``check``: a copy of a graph found to conform)."""
    quads = article_quads(extraction, reference, iris)
    if not check:
        return ArticleGraph(extraction.article.id, ox.serialize(quads, format=ox.RdfFormat.N_QUADS), ())
    name = iris.article_graph(extraction.article.id)
    violations, report = validate_graph(name, shared.bounded(quads), engine)
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    report_bytes = report.serialize(format="nt").encode("utf-8") if violations else b""
    return ArticleGraph(extraction.article.id, nquads, tuple(violations), report_bytes)


class Workers:
    """A pool of ``count`` processes (none for one) sharing the reference data, the base IRI and the
    SHACL engine."""

    def __init__(self, count: int, base: str, engine: str = DEFAULT_ENGINE) -> None:
        self.count = max(1, count)
        self.pool = None
        self.settings = (base, engine)
        self._extractor: ProcessPoolExecutor | None = None
        check_engine(engine)
        if self.count > 1:
            self.pool = ProcessPoolExecutor(max_workers=self.count, initializer=_init_worker,
                                            initargs=(base, engine, os.getpid()))
        else:
            _init(base, engine)

    def prepare_extraction(self) -> None:
        """With one worker, start a process that loads what extraction needs (the NLP model, the
        lexicons) and then extracts: the model loads while this process does other work (a change
        copies the build), and its memory goes back when the extraction is done. With more workers
        each loads its own."""
        if self.pool is None and self._extractor is None:
            self._extractor = ProcessPoolExecutor(max_workers=1, initializer=_init_extractor,
                                                  initargs=(*self.settings, os.getpid()))
            self._extractor.submit(_started)

    def extract(self, articles: list[Article], chunksize: int = 16) -> Iterator[Extracted]:
        """Each article extracted, in order, in chunks that the model reads in one batch."""
        pool = self.pool or self._extractor
        chunks = (articles[i:i + chunksize] for i in range(0, len(articles), chunksize))
        if pool is None:
            for chunk in chunks:
                yield from extract_chunk(chunk)
            return
        yield from _in_order(pool, extract_chunk, chunks, window=2 * self.count)
        if self._extractor is not None:
            self._extractor.shutdown(wait=False)  # it exits while the change goes on
            self._extractor = None

    def map(self, func, items: Iterable, chunksize: int = 8) -> Iterator:
        """``func`` over ``items``, results in order; with processes, at most a few chunks per process
        are in flight, so a slow consumer (the store) holds back the workers instead of their results
        piling up: memory is bounded by the batch, not by the corpus."""
        if self.pool is None:
            return map(func, items)
        items = iter(items)
        chunks = iter(lambda: list(islice(items, chunksize)), [])
        return _in_order(self.pool, functools.partial(_run_chunk, func), chunks, window=2 * self.count)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        for pool in (self.pool, self._extractor):
            if pool is not None:
                pool.shutdown(cancel_futures=True)


def _run_chunk(func, chunk: list) -> list:
    return [func(item) for item in chunk]


def _in_order(pool: ProcessPoolExecutor, run, chunks: Iterator[list], window: int) -> Iterator:
    """``run`` over each chunk in the pool, results in order, at most ``window`` chunks in flight."""
    pending: deque[Future] = deque()

    def submit() -> None:
        chunk = next(chunks, None)
        if chunk:
            pending.append(pool.submit(run, chunk))

    for _ in range(window):
        submit()
    while pending:
        done = pending.popleft()
        submit()
        yield from done.result()


def write_shared(quads: Iterable[ox.Quad], path: Path) -> str:
    """Write the shared quads where the workers can read them; returns the path as a string."""
    ox.serialize(quads, output=str(path), format=ox.RdfFormat.N_QUADS)
    return str(path)
