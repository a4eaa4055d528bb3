"""The SHACL shapes and the ontology as rdflib graphs (read once), and the shapes without their
SPARQL constraints, which :mod:`kg_builder.sparql_constraints` evaluates with Oxigraph.

>>> len(core_shapes()) < len(shapes_graph())
True
"""

from __future__ import annotations

from functools import cache

from rdflib import Graph, Namespace

from kg_builder import paths

SH = Namespace("http://www.w3.org/ns/shacl#")


@cache
def shapes_graph() -> Graph:
    graph = Graph()
    for path in sorted(paths.shapes_dir().glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


@cache
def schema_graph() -> Graph:
    """The ontology and vocabularies as one rdflib graph (read-only: do not modify)."""
    graph = Graph()
    for path in sorted(paths.ontology_dir().glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


@cache
def core_shapes() -> Graph:
    """The shapes without their ``sh:sparql`` constraints (read-only: do not modify)."""
    graph = Graph()
    for triple in shapes_graph():
        if triple[1] != SH.sparql:
            graph.add(triple)
    return graph
