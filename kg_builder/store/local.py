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

import json
import os
import shutil
import time
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox

from kg_builder.errors import QuerySyntaxError, StoreError
from kg_builder.namespaces import DEFAULT_BASE, PREFIXES
from kg_builder.store.remote import RemoteStore
from kg_builder.store.writer_lock import WriterLock

CURRENT = "current"
BUILDS = "builds"
STORE = "store"
LOAD_BATCH_BYTES = 64 * 2**20  # N-Quads queued before the bulk loader runs


def current_build(kg_dir: Path) -> Path:
    """The folder of the build in use; a clear error if there is none."""
    link = kg_dir / CURRENT
    if not kg_dir.exists():
        raise StoreError(f"{kg_dir}: no such KG directory (run 'kg-builder build --kg {kg_dir}' first)")
    if not link.exists():
        raise StoreError(f"{kg_dir}: holds no finished build (run 'kg-builder build --kg {kg_dir}')")
    return link.resolve()


def build_record(build_dir: Path | None) -> dict:
    """What a build folder's ``build.json`` records (its base IRI, its SHACL engine ...); empty when
    there is none or it cannot be read."""
    try:
        return json.loads((build_dir / "build.json").read_text(encoding="utf-8")) if build_dir else {}
    except (OSError, ValueError):
        return {}


class KnowledgeGraph:
    """Read access to a built graph (embedded, remote, or a staged build's store): SPARQL over the
    union of all named graphs, quad patterns, graph names. Nothing outside ``store/`` writes."""

    def __init__(self, store, build_dir: Path | None = None) -> None:
        self._store = store
        self.build_dir = build_dir
        self.base = build_record(build_dir).get("base") or DEFAULT_BASE

    @classmethod
    def open(cls, kg_dir: Path) -> KnowledgeGraph:
        """The current build of a KG directory, read-only."""
        return cls.open_build(current_build(kg_dir) / STORE)

    @classmethod
    def open_build(cls, store_dir: Path) -> KnowledgeGraph:
        """The store of one build folder, read-only (a query worker's view of it)."""
        try:
            return cls(ox.Store.read_only(str(store_dir)), store_dir.parent)
        except OSError as error:
            raise StoreError(f"{store_dir}: cannot open the store: {error}") from error

    @classmethod
    def connect(cls, config) -> KnowledgeGraph:
        """A remote SPARQL 1.1 server (a :class:`kg_builder.store.remote.RemoteConfig`) as the store."""
        return cls(RemoteStore(config))

    @classmethod
    def in_memory(cls, quads: Iterable[ox.Quad]) -> KnowledgeGraph:
        store = ox.Store()
        store.bulk_extend(quads)
        return cls(store)

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if hasattr(self._store, "close"):
            self._store.close()
        self._store = None

    def __len__(self) -> int:
        if isinstance(self._store, ox.Store):
            return len(self._store)  # counted by the store, not quad by quad here
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, None))

    def query(self, sparql: str, substitutions: dict | None = None, *, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None, base: str | None = None):
        """Run a SPARQL query over the union of the named graphs (or over ``default_graphs``, with
        ``named_graphs`` for GRAPH clauses); ``substitutions`` bind projected variables to terms
        (pyoxigraph does the binding, the text is not touched); relative IRIs resolve against ``base``."""
        options: dict = {"prefixes": PREFIXES, "substitutions": substitutions or None}
        if default_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        else:
            options["use_default_graph_as_union"] = True
        if named_graphs:
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        if base:
            options["base_iri"] = base
        try:
            return self._store.query(sparql, **options)
        except SyntaxError as error:
            raise QuerySyntaxError(f"SPARQL syntax error: {error}") from None

    def quads(self, graph: ox.NamedNode | None = None, *, subject=None, predicate=None, obj=None) -> Iterator[ox.Quad]:
        return self._store.quads_for_pattern(subject, predicate, obj, graph)

    def named_graphs(self) -> list[ox.NamedNode]:
        return sorted(self._store.named_graphs(), key=lambda g: g.value)


class StagedBuild:
    """A new build written beside the current one, then swapped in by one atomic rename; a build that
    fails or is abandoned leaves the current one untouched."""

    def __init__(self, kg_dir: Path, *, copy_of: Path | None = None) -> None:
        self.kg_dir = kg_dir
        self.builds = kg_dir / BUILDS
        self.lock = WriterLock(kg_dir, self.builds)
        self.copied = copy_of is not None
        self.builds.mkdir(parents=True, exist_ok=True)
        self.stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 10**9}"
        self.dir = self.builds / f".staging-{self.stamp}"
        try:
            self.dir.mkdir()
            if copy_of is not None:
                _copy_build(copy_of, self.dir)
            self._store = ox.Store(str(self.dir / STORE))
        except BaseException:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.lock.release()
            raise
        self._pending: list[bytes] = []
        self._pending_bytes = 0
        self._loader: ThreadPoolExecutor | None = None
        self._loading: Future | None = None

    def add(self, quads: Iterable[ox.Quad]) -> None:
        self._store.bulk_extend(quads)

    def graph(self) -> KnowledgeGraph:
        """Read access to what the build holds so far (load what is queued first: :meth:`load_pending`)."""
        return KnowledgeGraph(self._store, self.dir)

    def graph_quads(self, name: str) -> set[ox.Quad]:
        return set(self._store.quads_for_pattern(None, None, None, ox.NamedNode(name)))

    def replace_graphs(self, graphs: Mapping[str, Iterable[ox.Quad]], drop: Iterable[str] = ()) -> None:
        """Each graph of ``graphs`` (name: quads) in place of the one of that name; the graphs of
        ``drop`` removed."""
        for name in sorted(set(drop) | set(graphs)):
            node = ox.NamedNode(name)
            if self._store.contains_named_graph(node):
                self._store.remove_graph(node)
        for name in sorted(graphs):
            self._store.extend(graphs[name])

    def change_graph(self, removed: Iterable[ox.Quad], added: Iterable[ox.Quad]) -> None:
        """Remove and add quads (a large graph changed a little)."""
        for quad in removed:
            self._store.remove(quad)
        self._store.extend(added)

    def mirror_to(self, remote) -> int:
        """Replace the graphs of the remote server (a RemoteConfig) with this build's; the number written."""
        return publish_remote(RemoteStore(remote), graphs_of(self._store))

    def add_nquads(self, data: bytes) -> None:
        """Queue N-Quads for loading: the bulk loader runs once per batch of about
        :data:`LOAD_BATCH_BYTES`, not once per article (each run writes new files), on a thread of its
        own (Oxigraph releases the GIL), so that the build goes on feeding the workers meanwhile. One
        batch loads while the next one fills: memory holds at most two batches."""
        self._pending.append(data)
        self._pending_bytes += len(data)
        if self._pending_bytes >= LOAD_BATCH_BYTES:
            self._wait_for_loader()
            if self._loader is None:
                self._loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-builder-load")
            self._loading = self._loader.submit(self._store.bulk_load, self._take_pending(),
                                                format=ox.RdfFormat.N_QUADS)

    def load_pending(self) -> None:
        """Load what :meth:`add_nquads` queued, and wait for the loads under way; call before reading
        the store. A load that failed raises here."""
        self._wait_for_loader()
        if self._pending:
            self._store.bulk_load(self._take_pending(), format=ox.RdfFormat.N_QUADS)

    def _take_pending(self) -> bytes:
        batch = b"".join(self._pending)
        self._pending, self._pending_bytes = [], 0
        return batch

    def _wait_for_loader(self) -> None:
        loading, self._loading = self._loading, None
        if loading is not None:
            loading.result()

    def _stop_loader(self) -> None:
        if self._loader is not None:
            self._loader.shutdown(wait=True, cancel_futures=True)
            self._loader = None

    def write(self, name: str, content: bytes) -> Path:
        path = self.dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(content)
        tmp.replace(path)  # a new file: one hard-linked from the build it was copied from stays as it was
        return path

    def remove(self, name: str) -> None:
        (self.dir / name).unlink(missing_ok=True)

    def publish(self, *, optimize: bool = True) -> Path:
        """Close the store, move the build into place and point ``current`` at it (the one step that
        makes it the graph; a kill before it leaves the old one in use, a kill after it the new)."""
        final = self.builds / self.stamp
        try:
            self.load_pending()
            self._stop_loader()
            self._store.flush()
            if optimize:
                self._store.optimize()
            self._store = None
            self.dir.rename(final)
            link_tmp = self.kg_dir / f".{CURRENT}-{self.stamp}"
            link_tmp.symlink_to(Path(BUILDS) / self.stamp, target_is_directory=True)
            os.replace(link_tmp, self.kg_dir / CURRENT)
        except BaseException:
            self.abort()
            raise
        _remove_old_builds(self.builds, keep=final)
        self.lock.release()
        return final

    def abort(self) -> None:
        self._stop_loader()  # a load under way finishes first: its files are then removed with the rest
        self._pending, self._loading = [], None
        self._store = None
        shutil.rmtree(self.dir, ignore_errors=True)
        self.lock.release()


def _copy_build(source: Path, target: Path) -> None:
    """A build to change: its store as an Oxigraph backup (hard links to the immutable data files), its
    cache files hard-linked (they are replaced, never written in place), its other files copied."""
    store = ox.Store(str(source / STORE))
    try:
        store.backup(str(target / STORE))
    except OSError as error:
        raise StoreError(f"{source / STORE}: cannot copy the store to change it: {error}") from error
    finally:
        del store
    for entry in source.iterdir():
        if entry.name == STORE:
            continue
        if entry.is_dir():
            shutil.copytree(entry, target / entry.name, copy_function=os.link)
        else:
            shutil.copy2(entry, target / entry.name)


def publish_build(kg_dir: Path, quads: Iterable[ox.Quad], files: Mapping[str, bytes]) -> Path:
    """Write a complete build beside the current one, then swap it in atomically."""
    staged = StagedBuild(kg_dir)
    try:
        staged.add(quads)
        for name, content in files.items():
            staged.write(name, content)
    except BaseException:
        staged.abort()
        raise
    return staged.publish()


def _remove_old_builds(builds: Path, keep: Path) -> None:
    for entry in builds.iterdir():
        if entry != keep and entry.is_dir() and not entry.name.startswith(".staging-"):
            shutil.rmtree(entry, ignore_errors=True)


def publish_remote(remote, graphs: Iterable[tuple[str, Iterable[ox.Triple]]], *,
                   drop: Iterable[str] | None = None) -> int:
    """Replace named graphs of a remote server with ``graphs`` (name, triples; read one at a time,
    uploaded with the Graph Store Protocol) and drop the graphs of ``drop`` (by default: every graph
    the server has that ``graphs`` lacks, so that the server holds exactly the build).

    Where the server holds graphs already, each is uploaded under a staging name and one update
    request then moves them all into place, so readers never see half a change; into an empty
    server the graphs go straight to their names (there is nothing to protect, and moving costs
    more than uploading). Either way a failure removes what was uploaded. Returns the number of
    graphs written."""
    existing = {g.value for g in remote.named_graphs()} if drop is None else None
    staged = existing is None or bool(existing)
    stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}"
    uploaded: dict[str, str] = {}
    try:
        for graph, triples in graphs:
            uploaded[graph] = f"{graph}#staging-{stamp}" if staged else graph
            remote.put_graph(uploaded[graph], list(triples))
        if drop is None:
            drop = existing - set(uploaded)
        ops = [f"MOVE SILENT GRAPH <{target}> TO GRAPH <{graph}>"
               for graph, target in sorted(uploaded.items()) if target != graph]
        ops += [f"DROP SILENT GRAPH <{g}>" for g in sorted(set(drop) - set(uploaded))]
        if ops:
            remote.update(" ;\n".join(ops))
    except BaseException:
        for name in uploaded.values():
            try:
                remote.update(f"DROP SILENT GRAPH <{name}>")
            except StoreError:
                pass
        raise
    return len(uploaded)


def replace_remote_graphs(remote, graphs: Mapping[str, Iterable[ox.Quad]], drop: Iterable[str]) -> int:
    """Replace (staged, then moved in one update) the graphs of ``graphs`` on the remote server (a
    RemoteConfig) and drop those of ``drop``."""
    return publish_remote(RemoteStore(remote), ((name, (ox.Triple(q.subject, q.predicate, q.object)
                                                         for q in graphs[name])) for name in sorted(graphs)),
                          drop=drop)


def graphs_of(store: ox.Store) -> Iterator[tuple[str, Iterator[ox.Triple]]]:
    """Each named graph of an embedded store with its triples, one graph at a time."""
    for graph in sorted(store.named_graphs(), key=lambda g: g.value):
        yield graph.value, (ox.Triple(q.subject, q.predicate, q.object)
                            for q in store.quads_for_pattern(None, None, None, graph))
