"""What the query workbench completes as people type: the prefixes the graph uses, the ontology's
classes and properties, and the graph's nodes by label (the picker of a saved query's IRI parameter).

The text typed is bound into the node search as a literal, never pasted into its SPARQL.

>>> [t["iri"] for t in terms("class", "Agreem")][:1]
['https://w3id.org/cmkg/ontology#Agreement']
>>> classes_for("mineral")
['Mineral']
"""

from __future__ import annotations

import re
from functools import cache

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg_builder import paths
from kg_builder.namespaces import CMKG, Iris
from kg_builder.store.bindings import with_bindings

KINDS = ("Country", "Organization", "Person", "Place", "Mineral", "Sector", "Agreement", "Event", "Figure")
ACTORS = ("Country", "Organization", "Person")
PARAMETER_KINDS = {  # the nodes a saved query's IRI parameter names, by the parameter's name
    "mineral": ("Mineral",), "sector": ("Sector",), "person": ("Person",), "country": ("Country",),
    "party": ACTORS, "participant": ACTORS, "actor": ACTORS, "signatory": ("Person", "Country", "Organization"),
    "agreement": ("Agreement",), "event": ("Event",), "fact": ("Agreement", "Event", "Figure"), "place": ("Place",),
}
MAX_HITS = 20
SEARCH = """PREFIX cmkg: <https://w3id.org/cmkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?node ?label ?type (MAX(?w) AS ?weight) WHERE {
  #@bind
  VALUES_OF_KINDS
  ?node a ?class ; rdfs:label|skos:prefLabel ?name .
  BIND(STR(?name) AS ?label)
  FILTER(CONTAINS(REPLACE(LCASE(?label), "[\\\\W_]+", " "), ?words) || CONTAINS(LCASE(STR(?node)), LCASE(?text)))
  OPTIONAL { ?node cmkg:mentionCount ?mentions } OPTIONAL { ?node cmkg:sourceCount ?sources }
  BIND(COALESCE(?mentions, ?sources, 0) AS ?w)
} GROUP BY ?node ?label ?type ORDER BY DESC(?weight) STRLEN(?label) ?label LIMIT 200"""


def classes_for(parameter: str) -> list[str]:
    """The kinds of node a parameter of this name can take (every kind when the name says nothing)."""
    return list(PARAMETER_KINDS.get(parameter, KINDS))


def search_nodes(graph, text: str, kinds: list[str], base: str) -> list[dict]:
    """Nodes of these kinds whose label or IRI holds ``text`` (any case), the most mentioned first: one
    hit per node, with its key under ``base``, its label and kind."""
    chosen = [k for k in KINDS if k in kinds] or list(KINDS)
    values = "VALUES (?class ?type) { " + " ".join(f'(<{CMKG}{k}> "{k}")' for k in chosen) + " }"
    words = re.sub(r"[\W_]+", " ", text.lower()).strip() or text.lower()  # "rare earth" finds "rare-earth"
    query = with_bindings(SEARCH.replace("VALUES_OF_KINDS", values), {"text": ox.Literal(text),
                                                                       "words": ox.Literal(words)})
    hits: dict[str, dict] = {}
    for row in graph.query(query):
        iri = row["node"].value
        if iri not in hits:
            hits[iri] = {"iri": iri, "key": Iris(base).key_of(iri) or iri, "label": row["label"].value,
                         "type": row["type"].value}
        if len(hits) == MAX_HITS:
            break
    return list(hits.values())


@cache
def _ontology_terms() -> tuple[dict, ...]:
    graph = Graph()
    for path in sorted(paths.ontology_dir().glob("*.ttl")):
        graph.parse(path)
    found: dict[str, dict] = {}
    kinds = {OWL.Class: "class", RDFS.Class: "class", OWL.ObjectProperty: "property",
             OWL.DatatypeProperty: "property", OWL.AnnotationProperty: "property", RDF.Property: "property"}
    for rdf_type, kind in kinds.items():
        for term in graph.subjects(RDF.type, rdf_type):
            if not isinstance(term, type(OWL.Class)):
                continue
            label = graph.value(term, RDFS.label) or graph.value(term, SKOS.prefLabel) or ""
            found[str(term)] = {"iri": str(term), "kind": kind, "label": str(label)}
    return tuple(sorted(found.values(), key=lambda t: t["iri"]))


def terms(kind: str, text: str) -> list[dict]:
    """The ontology's classes or properties that complete ``text``: those whose IRI starts with it
    (the editor expands a prefixed name before asking), or, for plain words, whose label or local
    name holds it."""
    text = text.strip().strip("<>")
    lowered = text.lower()
    hits = []
    for term in _ontology_terms():
        if term["kind"] != kind:
            continue
        iri = term["iri"]
        local = iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        if iri.startswith(text) or (":" not in text and (lowered in local.lower() or lowered in term["label"].lower())):
            hits.append(term)
    return hits[:100]
