"""The SHACL-SPARQL constraints of the shapes (``sh:sparql`` with ``sh:select``), evaluated by
Oxigraph instead of pyshacl's rdflib engine, which re-parses each query for every graph.

The shapes file stays the one source of truth: the constraints are read from it, ``$this`` is
bound to each focus node as a term, and each row the query returns is a violation with the
constraint's message. pyshacl checks all the other constraints.

>>> sorted({c.target.rsplit("#")[-1] for c in constraints()})
['Agreement', 'NewsArticle']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
from rdflib.namespace import RDF

from kg_builder.check.shapes import SH, shapes_graph
from kg_builder.namespaces import PREFIXES


@dataclass(frozen=True)
class SparqlConstraint:
    target: str
    select: str
    message: str


@cache
def constraints() -> tuple[SparqlConstraint, ...]:
    shapes = shapes_graph()
    out = []
    for shape, _, node in shapes.triples((None, SH.sparql, None)):
        select = shapes.value(node, SH.select)
        message = shapes.value(node, SH.message)
        for target in shapes.objects(shape, SH.targetClass):
            out.append(SparqlConstraint(str(target), str(select), str(message or "SPARQL constraint violated")))
    return tuple(sorted(out, key=lambda c: (c.target, c.select)))


def evaluate(quads: list[ox.Quad]) -> list[tuple[str, str]]:
    """(focus node, message) for every row a SPARQL constraint returns on the data."""
    store = ox.Store()
    store.bulk_extend(quads)
    out = []
    for constraint in constraints():
        targets = {q.subject for q in store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)),
                                                              ox.NamedNode(constraint.target), None)}
        for focus in sorted(targets, key=str):
            rows = store.query(constraint.select, prefixes=PREFIXES, use_default_graph_as_union=True,
                               substitutions={ox.Variable("this"): focus})
            for row in rows:
                value = row["value"]
                message = re.sub(r"\{\?value\}", value.value if value is not None else "", constraint.message)
                out.append((focus.value, message))
    return out
