"""Small constructors for the RDF terms the writers use.

Decimals are written in their canonical form, as a store gives them back (so that what is written
and what is read compare equal):

>>> lit(0.5).value, lit(1.0).value, lit("12.50", "decimal").value, lit(3).datatype.value.rsplit("#")[-1]
('0.5', '1', '12.5', 'integer')
"""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox

from kg_builder.namespaces import CMKG, ITSRDF, NIF, OA, RDF, XSD

TYPE = ox.NamedNode(RDF + "type")


def c(local: str) -> ox.NamedNode:
    """A term of the cmkg ontology."""
    return ox.NamedNode(CMKG + local)


def n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def lit(value: object, datatype: str | None = None) -> ox.Literal:
    if datatype == "decimal":
        return ox.Literal(canonical_decimal(str(value)), datatype=n(XSD + datatype))
    if datatype:
        return ox.Literal(str(value), datatype=n(XSD + datatype))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=n(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=n(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(canonical_decimal(f"{value:.2f}"), datatype=n(XSD + "decimal"))
    return ox.Literal(str(value))


def canonical_decimal(text: str) -> str:
    """The canonical lexical form of an xsd:decimal: no trailing zeros, no trailing point."""
    plain = format(Decimal(text), "f")
    return plain.rstrip("0").rstrip(".") if "." in plain else plain


def span(iri: str, exact: str, sentence: ox.NamedNode) -> list[ox.Triple]:
    """Words of an article as a NIF 2.0 string: its IRI is an RFC 5147 fragment of the article's
    (``#char=start,end``, which gives the offsets), with the exact text and the sentence it lies in."""
    s = n(iri)
    return [ox.Triple(s, n(NIF + "anchorOf"), lit(exact)), ox.Triple(s, n(NIF + "sentence"), sentence)]


def identifies(iri: str, entity: ox.NamedNode, confidence: float) -> list[ox.Triple]:
    """The words ``iri`` name ``entity`` (ITS 2.0 entity identification), with the confidence of the rule
    that read them so."""
    s = n(iri)
    return [ox.Triple(s, n(ITSRDF + "taIdentRef"), entity),
            ox.Triple(s, n(ITSRDF + "taConfidence"), lit(float(confidence)))]


def evidence_annotation(iri: str, fact: ox.NamedNode, target: str, rule: str, confidence: float) -> list[ox.Triple]:
    """A Web Annotation that the words ``target`` (a span) state ``fact``, with the rule that read them and
    its confidence."""
    a = n(iri)
    return [
        ox.Triple(a, TYPE, c("Evidence")),
        ox.Triple(a, n(OA + "hasBody"), fact),
        ox.Triple(a, n(OA + "hasTarget"), n(target)),
        ox.Triple(a, c("extractor"), lit(rule)),
        ox.Triple(a, c("confidence"), lit(float(confidence))),
    ]
