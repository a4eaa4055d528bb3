"""Small constructors for the RDF terms the writers use.

>>> lit(0.5).value, lit(3).datatype.value.rsplit("#")[-1]
('0.50', 'integer')
"""

from __future__ import annotations

import pyoxigraph as ox

from kg_builder.namespaces import CMKG, XSD


def c(local: str) -> ox.NamedNode:
    """A term of the cmkg ontology."""
    return ox.NamedNode(CMKG + local)


def n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def lit(value: object, datatype: str | None = None) -> ox.Literal:
    if datatype:
        return ox.Literal(str(value), datatype=n(XSD + datatype))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=n(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=n(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(f"{value:.2f}", datatype=n(XSD + "decimal"))
    return ox.Literal(str(value))
