"""The SHACL shapes and the ontology as rdflib graphs (read once), and the shapes without their
SPARQL constraints, which :mod:`kg_builder.check.sparql_constraints` evaluates with Oxigraph.

>>> len(core_shapes()) < len(shapes_graph())
True
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import RDFS

from kg_builder import paths
from kg_builder.namespaces import SH as SH_IRI

SH = Namespace(SH_IRI)


def _turtle_files(folder: Path) -> Graph:
    graph = Graph()
    for path in sorted(folder.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


@cache
def shapes_graph() -> Graph:
    """The SHACL shapes as one rdflib graph (read-only: do not modify)."""
    return _turtle_files(paths.shapes_dir())


@cache
def schema_graph() -> Graph:
    """The ontology and vocabularies as one rdflib graph (read-only: do not modify)."""
    return _turtle_files(paths.ontology_dir())


@cache
def core_shapes() -> Graph:
    """The shapes without their ``sh:sparql`` constraints (read-only: do not modify)."""
    graph = Graph()
    for triple in shapes_graph():
        if triple[1] != SH.sparql:
            graph.add(triple)
    return graph


@cache
def class_hierarchy() -> tuple[tuple[str, str], ...]:
    """Every (class, superclass) pair of the ontology, transitively closed: given with each graph
    validated, so that ``sh:class`` sees that a government body is an actor without pyshacl copying
    the whole ontology into every data graph."""
    pairs = {(str(s), str(o)) for s, o in schema_graph().subject_objects(RDFS.subClassOf)}
    closed = set(pairs)
    while True:
        more = {(a, d) for a, b in closed for c, d in closed if b == c} - closed
        if not more:
            return tuple(sorted(closed))
        closed |= more
