"""Queries run in worker processes that can be stopped.

An endpoint query may run far longer or grow far larger than its answer warrants, and a thread
cannot be stopped from outside. So each query runs in one of a few worker processes
(:mod:`kg_builder.serve.http.query_worker`), each with the store open read-only and its address space
bounded. A worker that overruns the time limit is killed and replaced; one that dies (out of
memory, or a crash in the engine) is replaced; the request answers 503 and the server goes on.

>>> import tempfile, pathlib
>>> from kg_builder import paths
>>> from kg_builder.pipeline.build import build
>>> from kg_builder.serve.http.tasks import count_triples
>>> kg = pathlib.Path(tempfile.mkdtemp()) / "kg"
>>> build_dir = build([paths.sample_articles_dir()], kg, owl=False).build_dir
>>> with QueryPool(build_dir / "store", workers=1) as pool:
...     pool.run(count_triples, seconds=10) > 1000
True
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from kg_builder.errors import StoreError
from kg_builder.serve.http import query_worker
from kg_builder.serve.sparql_service import ProtocolError

log = logging.getLogger("kg_builder.serve.http")
START_SECONDS = 60.0  # how long a new worker may take to open the store
DEFAULT_MEMORY_MB = 1024
SIGNALS = {-signal.SIGKILL: "killed", -signal.SIGABRT: "aborted", -signal.SIGSEGV: "crashed"}


def _context():
    """Workers fork from a small server process started once (no threads of ours are forked)."""
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        ctx.set_forkserver_preload(["kg_builder.serve.http.query_worker", "kg_builder.serve.http.tasks"])
    return ctx


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class QueryPool:
    """Up to ``workers`` processes over the store at ``store``, started when first needed; each may
    grow by ``memory_mb`` MB. :meth:`run` is blocking and thread-safe."""

    def __init__(self, store: Path, *, workers: int | None = None, memory_mb: int = DEFAULT_MEMORY_MB,
                 grace: float = 0.5) -> None:
        self.store = Path(store)
        self.size = max(1, workers or os.cpu_count() or 1)
        self.memory_mb = memory_mb
        self.grace = grace
        self._ctx = _context()
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._started = 0
        self._closed = False

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, func, *args, seconds: float):
        """``func(graph, *args)`` in a worker, answered within ``seconds`` (plus a grace for sending
        the answer back); past it the worker is killed and the call raises a 503. A call that waits
        ``seconds`` for a free worker raises a 503 too."""
        worker = self._take(seconds)
        keep = False
        try:
            worker.conn.send((func, args))
            if not worker.conn.poll(seconds + self.grace):
                log.warning("query worker %s ran past %g s: killed", worker.process.pid, seconds)
                raise ProtocolError(503, f"the query ran past the time limit of {seconds:g} s and was stopped")
            reply = worker.conn.recv()
            keep = True
        except (EOFError, OSError):
            worker.process.join(timeout=5)
            how = SIGNALS.get(worker.process.exitcode, f"ended with {worker.process.exitcode}")
            log.warning("query worker %s %s while answering", worker.process.pid, how)
            raise ProtocolError(503, f"the query needed more than the {self.memory_mb} MB of memory the endpoint "
                                     f"allows a query, or crashed the engine (its worker {how}); the server goes "
                                     "on") from None
        finally:
            self._give_back(worker, keep)
        if reply[0] == "raise":
            raise reply[1]
        return reply[1]

    def close(self) -> None:
        """Stop every worker (the store closes with them)."""
        with self._lock:
            self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            try:
                worker.conn.send(None)
            except OSError:
                pass
            worker.process.join(timeout=2)
            worker.kill()
            with self._lock:
                self._started -= 1

    @property
    def pids(self) -> list[int]:
        """The process ids of the idle workers (for tests and logs)."""
        workers = []
        while True:
            try:
                workers.append(self._idle.get_nowait())
            except queue.Empty:
                break
        for worker in workers:
            self._idle.put(worker)
        return [w.process.pid for w in workers]

    def _take(self, seconds: float) -> _Worker:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._closed:
                raise ProtocolError(503, "the server is switching to a new build; try again")
            start = self._started < self.size
            if start:
                self._started += 1
        if start:
            try:
                return self._start()
            except BaseException:
                with self._lock:
                    self._started -= 1
                raise
        try:
            return self._idle.get(timeout=seconds)
        except queue.Empty:
            raise ProtocolError(503, f"every query worker stayed busy for {seconds:g} s; try again later") from None

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=query_worker.serve, args=(child, str(self.store), self.memory_mb * 2**20),
                                    daemon=True, name="kg-builder-query")
        process.start()
        child.close()
        worker = _Worker(process, parent)
        started = time.monotonic()
        try:
            if not parent.poll(START_SECONDS):
                raise StoreError(f"{self.store}: a query worker did not open the store in {START_SECONDS:g} s")
            kind, value = parent.recv()
        except (EOFError, OSError):
            worker.kill()
            raise StoreError(f"{self.store}: a query worker ended while opening the store") from None
        except BaseException:
            worker.kill()
            raise
        if kind != query_worker.READY:
            worker.kill()
            raise value
        log.info("query worker %s ready in %.0f ms", process.pid, 1000 * (time.monotonic() - started))
        return worker

    def _give_back(self, worker: _Worker, keep: bool) -> None:
        with self._lock:
            closed = self._closed
            if not keep or closed:
                self._started -= 1
        if keep and not closed:
            self._idle.put(worker)
        else:
            worker.kill()
