"""The one-step neighbourhood of a node, for pictures: the nodes it links to or is linked from by the
ontology's linking properties (party, signatory, participant, place, covers ...), and the articles that
mention it or report it (for an article, the entities it mentions and the facts it reports). Each node
has its label and its type (Country, Person, Organization, Agreement, Event, Mineral, Sector, Place,
Article ...: the first of :data:`TYPES` its classes fall under in the ontology) with the label of its
own class (Company, Meeting ...); each edge has the ``rdfs:label`` the ontology gives its property.
The node is bound as a term, in a ``VALUES`` block at the start of each pattern.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg_builder.namespaces import CMKG, SCHEMA, SKOS
from kg_builder.serve.entity_view import LINKING, article_title
from kg_builder.serve.term_labels import term_labels
from kg_builder.store.bindings import with_bindings

# The types a node is drawn as, first match first (a Country is also a Place; a Mineral a skos:Concept).
TYPES = (("Country", CMKG + "Country"), ("Person", CMKG + "Person"), ("Organization", CMKG + "Organization"),
         ("Agreement", CMKG + "Agreement"), ("Event", CMKG + "Event"), ("Figure", CMKG + "Figure"),
         ("Mineral", CMKG + "Mineral"), ("Sector", CMKG + "Sector"), ("Place", CMKG + "Place"),
         ("Post", CMKG + "Post"), ("Role", CMKG + "Role"), ("Article", CMKG + "NewsArticle"),
         ("Commitment", CMKG + "Commitment"), ("Amount", SCHEMA + "MonetaryAmount"), ("Concept", SKOS + "Concept"))
OTHER = "Other"
MAX_NEIGHBOURS = 150  # a node linked to more shows the first ones (``truncated`` says so)
MENTIONS, REPORTS = "mentions", "reports"  # an article's links to what it names and what it states

PREFIXES = """PREFIX cmkg: <https://w3id.org/cmkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#> PREFIX schema: <https://schema.org/>
"""
_LINKING = " ".join(f"<{p}>" for p in sorted(LINKING))
# (edge from, property or relation, edge to): ?node is one end, ?other the other.
EDGES = PREFIXES + f"""SELECT DISTINCT ?from ?p ?to ?other WHERE {{
  #@bind
  {{ VALUES ?p {{ {_LINKING} }} ?node ?p ?other . FILTER(isIRI(?other)) BIND(?node AS ?from) BIND(?other AS ?to) }}
  UNION
  {{ VALUES ?p {{ {_LINKING} }} ?other ?p ?node . BIND(?other AS ?from) BIND(?node AS ?to) }}
  UNION
  {{ GRAPH ?g {{ {{ ?x itsrdf:taIdentRef ?node BIND("{MENTIONS}" AS ?p) }}
                UNION {{ ?x oa:hasBody ?node ; a cmkg:Evidence BIND("{REPORTS}" AS ?p) }}
                ?g prov:wasDerivedFrom ?other }}
     BIND(?other AS ?from) BIND(?node AS ?to) }}
  UNION
  {{ GRAPH ?g {{ ?g prov:wasDerivedFrom ?node .
                {{ ?x itsrdf:taIdentRef ?other BIND("{MENTIONS}" AS ?p) }}
                UNION {{ ?x oa:hasBody ?other ; a cmkg:Evidence BIND("{REPORTS}" AS ?p) }} }}
     FILTER NOT EXISTS {{ ?other a cmkg:Commitment }} FILTER NOT EXISTS {{ ?other a <{SCHEMA}MonetaryAmount> }}
     BIND(?node AS ?from) BIND(?other AS ?to) }}
}} ORDER BY ?p ?other LIMIT {MAX_NEIGHBOURS * 4}"""
DESCRIPTION = PREFIXES + """SELECT ?label ?opening ?type ?typeLabel ?top WHERE {
  #@bind
  OPTIONAL { ?node rdfs:label|skos:prefLabel|schema:headline ?label }
  OPTIONAL { ?node schema:articleBody ?body BIND(SUBSTR(?body, 1, 200) AS ?opening) }
  OPTIONAL { ?node a ?type . OPTIONAL { ?type rdfs:label ?typeLabel } OPTIONAL { ?type rdfs:subClassOf* ?top } }
}"""


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _rows(graph, query: str, iri: str):
    return graph.query(with_bindings(query, {"node": ox.NamedNode(iri)}))


def describe_node(graph, iri: str) -> dict:
    """A node of the picture: its IRI, label, type (one of :data:`TYPES`, else Other) and kind (the label
    of its own class); ``known`` is false when the graph says nothing of its label or class."""
    label, tops, kinds = None, set(), {}
    for row in _rows(graph, DESCRIPTION, iri):
        if row["label"] is not None and label is None:
            label = row["label"].value
        if row["opening"] is not None and label is None:  # an article read without a headline
            label = article_title("", row["opening"].value, _local(iri))
        if row["top"] is not None:
            tops.add(row["top"].value)
        if row["type"] is not None:
            kinds[row["type"].value] = row["typeLabel"].value if row["typeLabel"] else _local(row["type"].value)
    kind_of = next(((name, cls) for name, cls in TYPES if cls in tops), (OTHER, ""))
    own = sorted(label for cls, label in kinds.items() if cls != kind_of[1] and cls.startswith(CMKG))
    return {"id": iri, "label": label or _local(iri), "type": kind_of[0],
            "kind": own[0] if own else kind_of[0], "known": bool(label or kinds)}


def neighbourhood(graph, iri: str) -> dict | None:
    """The picture of ``iri`` and its neighbours: ``nodes`` (the centre first, ``center`` true) and
    ``edges`` (source, target, label); None when the graph knows nothing of the node."""
    centre = describe_node(graph, iri)
    rows = list(_rows(graph, EDGES, iri))
    if not centre["known"] and not rows:
        return None
    nodes, edges, seen = {iri: {**centre, "center": True}}, [], set()
    truncated = False
    for row in rows:
        other = row["other"].value
        if other not in nodes:
            if len(nodes) > MAX_NEIGHBOURS:
                truncated = True
                continue
            nodes[other] = {**describe_node(graph, other), "center": False}
        p = row["p"]
        label = term_labels().forward(p.value) if isinstance(p, ox.NamedNode) else p.value
        key = (row["from"].value, label, row["to"].value)
        if key not in seen:
            seen.add(key)
            edges.append({"source": key[0], "target": key[2], "label": label})
    for node in nodes.values():
        del node["known"]
    return {"nodes": list(nodes.values()), "edges": edges, "truncated": truncated}
