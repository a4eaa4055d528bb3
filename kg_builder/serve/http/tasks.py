"""What the server asks of its graph, as module-level functions of the graph, so that a query
worker process can run them (see :mod:`kg_builder.serve.http.query_pool`) and send back plain data."""

from __future__ import annotations

import pyoxigraph as ox

from kg_builder.errors import ServiceError
from kg_builder.graph.void import void_from_graph
from kg_builder.namespaces import Iris
from kg_builder.serve.entity_view import EntityView, describe
from kg_builder.serve.queries import Page, SavedQuery, run_query
from kg_builder.serve.results import QueryResult
from kg_builder.serve.sparql_service import Answer, Limits, ProtocolError, execute
from kg_builder.store.bindings import with_bindings

ARTICLE_MENTIONS = """PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?node ?start ?end ?entity ?label WHERE {
  GRAPH ?g { ?g prov:wasDerivedFrom ?node . ?m itsrdf:taIdentRef ?entity }
  BIND(STRAFTER(STR(?m), "#char=") AS ?chars)
  BIND(xsd:integer(STRBEFORE(?chars, ",")) AS ?start) BIND(xsd:integer(STRAFTER(?chars, ",")) AS ?end)
  OPTIONAL { ?entity rdfs:label|skos:prefLabel ?l } BIND(STR(?l) AS ?label)
} ORDER BY ?start"""
ARTICLE_BODY = ox.NamedNode("https://schema.org/articleBody")


def sparql(graph, query: str, accept: str | None, limits: Limits, default_graphs: list[str],
           named_graphs: list[str], base: str | None = None) -> Answer:
    """A SPARQL Protocol query, answered in the format asked for (relative IRIs against ``base``)."""
    return execute(graph, query, accept=accept, limits=limits, default_graphs=default_graphs,
                   named_graphs=named_graphs, base=base)


def saved(graph, query: SavedQuery, given: dict[str, str], page: Page | None = None) -> QueryResult:
    """A saved query with its parameters (one page of its rows, when given)."""
    try:
        return run_query(graph, query, given, page=page)
    except ServiceError as error:  # a federated query whose endpoint failed: the gateway's fault
        raise ProtocolError(502, str(error)) from None


def entity(graph, iri: str) -> EntityView:
    """What the page about a node shows."""
    return describe(graph, iri)


def triples_about(graph, iri: str) -> list[ox.Triple]:
    """Every triple with the node as subject, once, in a stable order."""
    node = ox.NamedNode(iri)
    return sorted({ox.Triple(q.subject, q.predicate, q.object)
                   for q in graph.quads(subject=node)}, key=str)


def article_text(graph, iri: str) -> tuple[str, list[tuple[int, int, str, str]]] | None:
    """An article's text and its mentions (start, end, entity IRI, entity label), by position."""
    body = next(graph.quads(subject=ox.NamedNode(iri), predicate=ARTICLE_BODY), None)
    if body is None:
        return None
    rows = graph.query(with_bindings(ARTICLE_MENTIONS, {"node": ox.NamedNode(iri)}))
    mentions = [(int(r["start"].value), int(r["end"].value), r["entity"].value, r["label"].value if r["label"] else "")
                for r in rows]
    return body.object.value, mentions


def void_triples(graph, base: str) -> list[ox.Triple]:
    """The dataset's VoID description, counted by the store now."""
    return void_from_graph(graph, Iris(base))


def count_triples(graph) -> int:
    return len(graph)
