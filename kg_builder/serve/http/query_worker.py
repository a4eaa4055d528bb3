"""The loop of one query worker process.

A worker opens the build's store read-only, bounds its own address space (``RLIMIT_AS``) so that a
runaway query fails inside it instead of exhausting the machine, and then answers the tasks the
server sends it over a pipe, one at a time: a task is a module-level function called with the
graph first. It dies with its parent and ends when the pipe closes.
"""

from __future__ import annotations

import resource
from multiprocessing.connection import Connection
from pathlib import Path

from kg_builder.errors import KgBuilderError
from kg_builder.processes import die_with_parent
from kg_builder.serve.sparql_service import ProtocolError
from kg_builder.store.local import KnowledgeGraph

READY = "ready"


def address_space() -> int:
    """This process's virtual memory size in bytes (``VmSize``), 0 where /proc cannot tell."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def bound_memory(extra_bytes: int) -> None:
    """Let the process grow by at most ``extra_bytes`` beyond what it has mapped now."""
    if extra_bytes <= 0:
        return
    limit = address_space() + extra_bytes
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def serve(conn: Connection, store_path: str, memory_bytes: int) -> None:
    """Open the store, then answer ``(function, args)`` jobs until the pipe closes or ``None`` comes."""
    die_with_parent()
    try:
        graph = KnowledgeGraph.open_build(Path(store_path))
        bool(graph.query("ASK { ?s ?p ?o }"))  # open what every query needs before the bound is set
    except KgBuilderError as error:  # it names the store and what went wrong
        conn.send(("raise", error))
        return
    except OSError as error:
        conn.send(("raise", KgBuilderError(f"{store_path}: cannot read the store: {error}")))
        return
    bound_memory(memory_bytes)
    conn.send((READY, None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        func, args = job
        try:
            reply = ("ok", func(graph, *args))
        except (ProtocolError, KgBuilderError) as error:
            reply = ("raise", error)
        except MemoryError:
            reply = ("raise", ProtocolError(503, "the query needed more memory than the endpoint allows a query"))
        except Exception as error:  # a bug in a task must not end the worker; the server reports it as a 500
            reply = ("raise", KgBuilderError(f"{type(error).__name__}: {error}"))
        try:
            conn.send(reply)
        except (EOFError, OSError):
            return
        except Exception as error:  # an answer that cannot be pickled
            conn.send(("raise", KgBuilderError(f"the answer could not be sent: {type(error).__name__}: {error}")))
