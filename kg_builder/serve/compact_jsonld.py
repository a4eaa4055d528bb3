"""A node's triples as JSON-LD compacted with the project's context (``ontology/context.jsonld``):
short terms (``label``, ``party``, ``holdsPost``) and prefixed IRIs instead of full ones.

>>> import pyoxigraph as ox
>>> from kg_builder.namespaces import RDFS
>>> s, label = ox.NamedNode("https://w3id.org/cmkg/id/country/jp"), ox.NamedNode(RDFS + "label")
>>> text = triples_jsonld([ox.Triple(s, label, ox.Literal("Japan"))])
>>> '"label": "Japan"' in text.decode() and '"@context"' in text.decode()
True
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph

from kg_builder.serve.export import jsonld_context


def triples_jsonld(triples: Iterable[ox.Triple]) -> bytes:
    graph = Graph()
    graph.parse(data=ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
    return graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True).encode("utf-8")
