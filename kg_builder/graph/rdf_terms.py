"""Small constructors for the RDF terms the writers use.

Decimals are written in their canonical form, as a store gives them back (so that what is written
and what is read compare equal):

>>> lit(0.5).value, lit(1.0).value, lit("12.50", "decimal").value, lit(3).datatype.value.rsplit("#")[-1]
('0.5', '1', '12.5', 'integer')
"""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox

from kg_builder.namespaces import CMKG, OA, RDF, XSD

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


def annotation(iri: str, cls: str, motivation: str, body: ox.NamedNode, article: ox.NamedNode,
               sentence: ox.NamedNode, span: tuple[int, int, str], rule: str, confidence: float) -> list[ox.Triple]:
    """A W3C Web Annotation tying ``body`` to the words ``span`` (start, end, exact text) of an article,
    with the sentence, the rule that found it and its confidence."""
    a, target, pos, quote = n(iri), n(iri + "#target"), n(iri + "#position"), n(iri + "#quote")
    start, end, exact = span
    return [
        ox.Triple(a, TYPE, c(cls)),
        ox.Triple(a, n(OA + "motivatedBy"), n(OA + motivation)),
        ox.Triple(a, n(OA + "hasBody"), body),
        ox.Triple(a, n(OA + "hasTarget"), target),
        ox.Triple(a, c("inSentence"), sentence),
        ox.Triple(a, c("extractor"), lit(rule)),
        ox.Triple(a, c("confidence"), lit(float(confidence))),
        ox.Triple(target, TYPE, n(OA + "SpecificResource")),
        ox.Triple(target, n(OA + "hasSource"), article),
        ox.Triple(target, n(OA + "hasSelector"), pos),
        ox.Triple(target, n(OA + "hasSelector"), quote),
        ox.Triple(pos, TYPE, n(OA + "TextPositionSelector")),
        ox.Triple(pos, n(OA + "start"), lit(start)),
        ox.Triple(pos, n(OA + "end"), lit(end)),
        ox.Triple(quote, TYPE, n(OA + "TextQuoteSelector")),
        ox.Triple(quote, n(OA + "exact"), lit(exact)),
    ]
