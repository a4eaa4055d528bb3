"""Exports of the built graph: Turtle, JSON-LD (compacted with the project's
context), TriG, N-Quads, N-Triples and RDF/XML, and its VoID/DCAT description.

Graph formats (TriG, N-Quads, JSON-LD) keep one named graph per article;
triple formats (Turtle, N-Triples, RDF/XML) give the union of the graphs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from enum import StrEnum
from functools import cache

import pyoxigraph as ox
from rdflib import Dataset

from kg_builder import paths
from kg_builder.graph.rdf import sorted_nquads
from kg_builder.graph.void import void_description, void_turtle
from kg_builder.graph.web_annotation import web_annotation_quads
from kg_builder.namespaces import PREFIXES, Iris


class ExportFormat(StrEnum):
    TURTLE = "turtle"
    JSONLD = "jsonld"
    TRIG = "trig"
    NQUADS = "nquads"
    NTRIPLES = "ntriples"
    RDFXML = "rdfxml"
    VOID = "void"

    @property
    def extension(self) -> str:
        return {"turtle": "ttl", "jsonld": "jsonld", "trig": "trig", "nquads": "nq", "ntriples": "nt",
                "rdfxml": "rdf", "void": "void.ttl"}[self.value]


OX_FORMATS = {
    ExportFormat.TURTLE: ox.RdfFormat.TURTLE,
    ExportFormat.TRIG: ox.RdfFormat.TRIG,
    ExportFormat.NTRIPLES: ox.RdfFormat.N_TRIPLES,
    ExportFormat.RDFXML: ox.RdfFormat.RDF_XML,
}


@cache
def jsonld_context() -> dict:
    return json.loads((paths.ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))["@context"]


def export(quads: Iterable[ox.Quad], fmt: ExportFormat, *, iris: Iris | None = None,
           web_annotations: bool = False) -> bytes:
    """Serialise quads in one of the export formats (deterministic output); ``iris`` gives the base
    the VoID description names the dataset under; ``web_annotations`` writes mentions and the targets
    of evidence in the full W3C Web Annotation form too (see :mod:`kg_builder.graph.web_annotation`)."""
    if web_annotations:
        quads = web_annotation_quads(quads)
    quads = sorted(set(quads), key=str)
    if fmt is ExportFormat.VOID:
        return void_turtle(void_description(quads, iris))
    if fmt is ExportFormat.NQUADS:
        return sorted_nquads(quads)
    if fmt is ExportFormat.JSONLD:
        dataset = Dataset()
        dataset.parse(data=sorted_nquads(quads).decode("utf-8"), format="nquads")
        text = dataset.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
        return text.encode("utf-8")
    if OX_FORMATS[fmt].supports_datasets:
        return ox.serialize(quads, format=OX_FORMATS[fmt], prefixes=PREFIXES)
    triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
    prefixes = PREFIXES if fmt is not ExportFormat.NTRIPLES else None
    return ox.serialize(triples, format=OX_FORMATS[fmt], prefixes=prefixes)
