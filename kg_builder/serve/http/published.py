"""The build the server answers from: the one ``current`` points at now.

``build``, ``add`` and ``remove`` publish a new build by swapping the ``current`` link. Each request
looks at the link (one ``readlink``): when it has moved, new requests go to workers over the new
build, requests in flight finish on the old one, and the old workers (and their open store) are
closed when the last of them is done. A remote store has no builds: it is always current.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi.concurrency import run_in_threadpool

from kg_builder.namespaces import DEFAULT_BASE
from kg_builder.serve.http.limits import within_time_limit
from kg_builder.serve.http.query_pool import DEFAULT_MEMORY_MB, QueryPool
from kg_builder.serve.sparql_service import Limits
from kg_builder.store.local import CURRENT, STORE, KnowledgeGraph, current_build


class InlineRunner:
    """Tasks run in a thread of this process, against a remote SPARQL server (which bounds its own
    queries); past the time limit the request answers 503."""

    def __init__(self, graph: KnowledgeGraph) -> None:
        self.graph = graph

    async def call(self, limits: Limits, func, *args):
        return await within_time_limit(limits, func, self.graph, *args)

    def close(self) -> None:
        self.graph.close()


class PoolRunner:
    """Tasks run in the worker processes of a :class:`QueryPool` over one build's store."""

    def __init__(self, pool: QueryPool) -> None:
        self.pool = pool

    async def call(self, limits: Limits, func, *args):
        return await run_in_threadpool(self.pool.run, func, *args, seconds=limits.seconds)

    def close(self) -> None:
        self.pool.close()


@dataclass
class Snapshot:
    """One build as the server answers from it."""

    build_dir: Path | None
    base: str
    runner: InlineRunner | PoolRunner
    link: str | None = None
    active: int = 0
    retired: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def name(self) -> str | None:
        return self.build_dir.name if self.build_dir else None


def build_base(build_dir: Path | None) -> str:
    """The base IRI a build was made with (its build.json), else the default."""
    info = build_dir / "build.json" if build_dir else None
    if info and info.exists():
        return json.loads(info.read_text(encoding="utf-8")).get("base", DEFAULT_BASE)
    return DEFAULT_BASE


class Published:
    """The current build of ``kg_dir`` (or a remote ``graph``) with the runner of its tasks."""

    def __init__(self, kg_dir: Path, *, workers: int | None = None, memory_mb: int = DEFAULT_MEMORY_MB,
                 remote: KnowledgeGraph | None = None) -> None:
        self.kg_dir = kg_dir
        self.workers = workers
        self.memory_mb = memory_mb
        self._lock = threading.Lock()
        if remote is not None:
            self._current = Snapshot(None, DEFAULT_BASE, InlineRunner(remote))
        else:
            self._current = self._open(self._link())

    @property
    def current(self) -> Snapshot:
        """The snapshot new requests use (after looking at the link)."""
        self._refresh()
        return self._current

    @property
    def base(self) -> str:
        """The base IRI of the snapshot last looked at."""
        return self._current.base

    @contextmanager
    def using(self) -> Iterator[Snapshot]:
        """The current snapshot, kept open until the block ends."""
        with self._lock:
            self._refresh_locked()
            snapshot = self._current
            with snapshot.lock:
                snapshot.active += 1
        try:
            yield snapshot
        finally:
            with snapshot.lock:
                snapshot.active -= 1
                done = snapshot.retired and snapshot.active == 0
            if done:
                snapshot.runner.close()

    def close(self) -> None:
        with self._lock:
            self._current.runner.close()

    def _link(self) -> str | None:
        try:
            return os.readlink(self.kg_dir / CURRENT)
        except OSError:
            return None

    def _open(self, link: str | None) -> Snapshot:
        build_dir = current_build(self.kg_dir)
        pool = QueryPool(build_dir / STORE, workers=self.workers, memory_mb=self.memory_mb)
        return Snapshot(build_dir, build_base(build_dir), PoolRunner(pool), link)

    def _refresh(self) -> None:
        with self._lock:
            self._refresh_locked()

    def _refresh_locked(self) -> None:
        old = self._current
        if old.build_dir is None:
            return
        link = self._link()
        if link is None or link == old.link:
            return
        self._current = self._open(link)
        with old.lock:
            old.retired = True
            idle = old.active == 0
        if idle:
            old.runner.close()


async def ask(request, func, *args):
    """``func(graph, *args)`` on the build current when the request came, within the time limit."""
    state = request.app.state
    with state.published.using() as snapshot:
        return await snapshot.runner.call(state.limits, func, *args)
