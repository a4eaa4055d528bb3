"""What a page about one node of the graph shows: its label and types, its identifiers in open
data, what it says and what points to it, the evidence and mentions that tie it to sentences,
and its neighbourhood. Every query binds the node as a term, in a ``VALUES`` block at the start of
its pattern (where the engine plans from it; bound by substitution, it is applied last, and the
evidence of a node mentioned in many articles took seconds instead of milliseconds).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from kg_builder.namespaces import CMKG, GEONAMES, OWL, RDF, RDFS, SKOS, WD
from kg_builder.store.bindings import with_bindings

P = "PREFIX cmkg: <https://w3id.org/cmkg/ontology#> PREFIX oa: <http://www.w3.org/ns/oa#> " \
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> " \
    "PREFIX dcterms: <http://purl.org/dc/terms/> " \
    "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> " \
    "PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#> "
OUTGOING = P + """SELECT DISTINCT ?node ?p ?o ?olabel WHERE {
  ?node ?p ?o . OPTIONAL { ?o rdfs:label|skos:prefLabel ?l } BIND(STR(?l) AS ?olabel) } ORDER BY ?p ?o"""
INCOMING = P + """SELECT DISTINCT ?node ?s ?p ?slabel WHERE {
  ?s ?p ?node . FILTER(?p != oa:hasBody && ?p != itsrdf:taIdentRef)
  OPTIONAL { ?s rdfs:label|skos:prefLabel ?l } BIND(STR(?l) AS ?slabel) } ORDER BY ?p ?s LIMIT 200"""
EVIDENCE = P + """SELECT DISTINCT ?node ?kind ?article ?id ?sentence ?exact ?extractor ?confidence WHERE {
  { ?t itsrdf:taIdentRef ?node ; itsrdf:taConfidence ?confidence . BIND(cmkg:Mention AS ?kind) BIND("" AS ?extractor) }
  UNION
  { ?a oa:hasBody ?node ; a cmkg:Evidence ; oa:hasTarget ?t ; cmkg:extractor ?extractor ; cmkg:confidence ?confidence .
    BIND(cmkg:Evidence AS ?kind) }
  ?t nif:anchorOf ?exact ; nif:sentence ?s .
  ?s cmkg:text ?sentence ; cmkg:inArticle ?article . ?article dcterms:identifier ?id }
ORDER BY ?id ?sentence LIMIT 200"""
LABEL = P + "SELECT ?node ?label WHERE { ?node rdfs:label|skos:prefLabel ?label } LIMIT 1"
HIDDEN = {OWL + "sameAs", SKOS + "exactMatch", CMKG + "geonames", RDFS + "label", SKOS + "prefLabel",
          CMKG + "isoAlpha2", CMKG + "isoAlpha3", CMKG + "isoNumeric", "https://schema.org/articleBody"}
LINKING = {CMKG + p for p in ("party", "signatory", "participant", "place", "covers", "targetsSector", "about",
                              "agreement", "holdsPost", "postIn", "memberOf", "country", "governmentOf", "topic",
                              "standsFor", "role")}


@dataclass
class Link:
    label: str
    iri: str | None = None


@dataclass
class EntityView:
    iri: str
    label: str
    types: list[str] = field(default_factory=list)
    identifiers: list[tuple[str, str, str]] = field(default_factory=list)  # (name, value, url)
    properties: dict[str, list[Link]] = field(default_factory=dict)
    incoming: dict[str, list[Link]] = field(default_factory=dict)
    evidence: list[dict[str, str]] = field(default_factory=list)
    neighbours: list[tuple[str, Link]] = field(default_factory=list)  # (property, node)

    @property
    def exists(self) -> bool:
        return bool(self.types or self.properties or self.incoming)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _rows(graph, query: str, iri: str):
    return graph.query(with_bindings(query, {"node": ox.NamedNode(iri)}))


def label_of(graph, iri: str) -> str:
    for row in _rows(graph, LABEL, iri):
        return row["label"].value
    return _local(iri)


def describe(graph, iri: str) -> EntityView:
    """The view of the node ``iri`` (``exists`` is false when the graph knows nothing of it)."""
    view = EntityView(iri, label_of(graph, iri))
    for row in _rows(graph, OUTGOING, iri):
        p, o = row["p"].value, row["o"]
        if p == RDF + "type":
            view.types.append(_local(o.value))
        elif p == OWL + "sameAs" or p == SKOS + "exactMatch":
            if o.value.startswith(WD):
                view.identifiers.append(("Wikidata", _local(o.value), o.value))
        elif p == CMKG + "geonames":
            view.identifiers.append(("GeoNames", o.value.removeprefix(GEONAMES).strip("/"), o.value))
        elif p in (CMKG + "isoAlpha2", CMKG + "isoAlpha3", CMKG + "isoNumeric"):
            view.identifiers.append((f"ISO 3166 {_local(p)[3:].lower()}", o.value, ""))
        elif p not in HIDDEN:
            link = Link(row["olabel"].value if row["olabel"] else o.value, o.value) if isinstance(o, ox.NamedNode) \
                else Link(o.value)
            view.properties.setdefault(_local(p), []).append(link)
            if p in LINKING and isinstance(o, ox.NamedNode):
                view.neighbours.append((_local(p), link))
    for row in _rows(graph, INCOMING, iri):
        p, s = row["p"].value, row["s"].value
        link = Link(row["slabel"].value if row["slabel"] else _local(s), s)
        view.incoming.setdefault(_local(p), []).append(link)
        if p in LINKING:
            view.neighbours.append((_local(p), link))
    for row in _rows(graph, EVIDENCE, iri):
        view.evidence.append({"kind": _local(row["kind"].value), "article": row["article"].value,
                              "id": row["id"].value, "sentence": row["sentence"].value, "exact": row["exact"].value,
                              "extractor": row["extractor"].value, "confidence": row["confidence"].value})
    view.types = sorted(set(view.types))
    view.identifiers = sorted(set(view.identifiers))
    return view

