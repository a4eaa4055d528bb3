"""One run of the shapes over a data graph: the core constraints by a SHACL engine, the SPARQL ones
by Oxigraph, and one report graph holding both. Checking one article graph and checking a batch of
them are both one run."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF as RDF_NS

from kg_builder.check import shacl_engines, sparql_constraints
from kg_builder.check.shacl_engines import Outcome
from kg_builder.check.shapes import SH
from kg_builder.errors import ValidationRunError


def run_shapes(quads: list[ox.Quad], engine: str, where: str) -> tuple[Outcome, list[tuple[str, str]]]:
    """The engine's outcome on the quads' triples, and (focus, message) of each SPARQL constraint
    broken; ``where`` names the data in an error."""
    data = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads), format=ox.RdfFormat.N_TRIPLES)
    try:
        return shacl_engines.check(data, engine), sparql_constraints.evaluate(quads)
    except ValidationRunError:
        raise
    except Exception as error:  # the engines raise many kinds; report where it happened
        raise ValidationRunError(f"shape validation failed on {where}: {error}") from error


def with_sparql_results(report: Graph, sparql: list[tuple[str, str]]) -> Graph:
    """The engine's report with a result for each broken SPARQL constraint (and not conforming then)."""
    root = next(report.subjects(RDF_NS.type, SH.ValidationReport), None)
    if root is None:
        root = BNode()
        report.add((root, RDF_NS.type, SH.ValidationReport))
    if sparql:
        report.set((root, SH.conforms, Literal(False)))
    for focus, message in sparql:
        result = BNode()
        report.add((root, SH.result, result))
        for p, o in ((RDF_NS.type, SH.ValidationResult), (SH.focusNode, URIRef(focus)),
                     (SH.resultMessage, Literal(message)), (SH.resultSeverity, SH.Violation),
                     (SH.sourceConstraintComponent, SH.SPARQLConstraintComponent)):
            report.add((result, p, o))
    return report
