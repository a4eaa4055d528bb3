"""The knowledge-graph store: an embedded Oxigraph database on disk.

A KG directory holds finished builds under ``builds/`` and a ``current`` link to
the one in use. A new build is written in full beside the old one and the link
is swapped in one atomic rename, so a failed build never touches the graph that
queries see.

>>> import tempfile, pathlib, pyoxigraph as ox
>>> kg = pathlib.Path(tempfile.mkdtemp())
>>> q = ox.Quad(ox.NamedNode("http://ex/s"), ox.NamedNode("http://ex/p"), ox.Literal("o"), ox.NamedNode("http://ex/g"))
>>> _ = publish_build(kg, [q], {"note.txt": b"hi"})
>>> with KnowledgeGraph.open(kg) as graph:
...     len(graph)
1
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox

from kg_builder.errors import StoreError
from kg_builder.namespaces import PREFIXES

CURRENT = "current"
BUILDS = "builds"
STORE = "store"


def current_build(kg_dir: Path) -> Path:
    """The folder of the build in use; a clear error if there is none."""
    link = kg_dir / CURRENT
    if not kg_dir.exists():
        raise StoreError(f"{kg_dir}: no such KG directory (run 'kg-builder build --kg {kg_dir}' first)")
    if not link.exists():
        raise StoreError(f"{kg_dir}: holds no finished build (run 'kg-builder build --kg {kg_dir}')")
    return link.resolve()


class KnowledgeGraph:
    """Read access to a built graph: SPARQL over the union of all named graphs."""

    def __init__(self, store: ox.Store, build_dir: Path | None = None) -> None:
        self.store = store
        self.build_dir = build_dir

    @classmethod
    def open(cls, kg_dir: Path) -> KnowledgeGraph:
        build = current_build(kg_dir)
        try:
            return cls(ox.Store.read_only(str(build / STORE)), build)
        except OSError as error:
            raise StoreError(f"{build / STORE}: cannot open the store: {error}") from error

    @classmethod
    def in_memory(cls, quads: Iterable[ox.Quad]) -> KnowledgeGraph:
        store = ox.Store()
        store.extend(quads)
        return cls(store)

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store = None  # type: ignore[assignment]

    def __len__(self) -> int:
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, None))

    def query(self, sparql: str, substitutions: dict | None = None):
        """Run a SPARQL query over the union of the named graphs; ``substitutions`` bind projected
        variables to terms (pyoxigraph does the binding, the text is not touched)."""
        try:
            return self.store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES,
                                    substitutions=substitutions or None)
        except SyntaxError as error:
            raise StoreError(f"SPARQL syntax error: {error}") from error

    def quads(self, graph: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
        return self.store.quads_for_pattern(None, None, None, graph)

    def named_graphs(self) -> list[ox.NamedNode]:
        return sorted(self.store.named_graphs(), key=lambda g: g.value)


def publish_build(kg_dir: Path, quads: Iterable[ox.Quad], files: Mapping[str, bytes]) -> Path:
    """Write a complete build beside the current one, then swap it in atomically."""
    builds = kg_dir / BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 10**9}"
    staging = builds / f".staging-{stamp}"
    final = builds / stamp
    try:
        staging.mkdir()
        store = ox.Store(str(staging / STORE))
        store.bulk_extend(quads)
        store.flush()
        store.optimize()
        del store
        for name, content in files.items():
            (staging / name).write_bytes(content)
        staging.rename(final)
        link_tmp = kg_dir / f".{CURRENT}-{stamp}"
        link_tmp.symlink_to(Path(BUILDS) / stamp, target_is_directory=True)
        os.replace(link_tmp, kg_dir / CURRENT)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _remove_old_builds(builds, keep=final)
    return final


def _remove_old_builds(builds: Path, keep: Path) -> None:
    for entry in builds.iterdir():
        if entry != keep and entry.is_dir() and not entry.name.startswith(".staging-"):
            shutil.rmtree(entry, ignore_errors=True)
