import pyoxigraph as ox

from kg_builder.graph.rdf_terms import canonical_decimal
from kg_builder.graph.statistics import statistics_quads
from kg_builder.namespaces import Iris
from tests.conftest import make_article

COUNTED = """
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
SELECT ?entity (COUNT(DISTINCT ?m) AS ?mentions) (COUNT(DISTINCT ?g) AS ?articles)
       (GROUP_CONCAT(DISTINCT ?exact; separator="|") AS ?forms) WHERE {
  GRAPH ?g { ?m itsrdf:taIdentRef ?entity ; nif:anchorOf ?exact }
} GROUP BY ?entity
"""
STORED = """
PREFIX cmkg: <https://w3id.org/cmkg/ontology#>
SELECT ?entity ?mentions ?articles (GROUP_CONCAT(?form; separator="|") AS ?forms) WHERE {
  GRAPH ?g { ?entity cmkg:mentionCount ?mentions ; cmkg:articleCount ?articles ; cmkg:surfaceForm ?form }
  FILTER(STRENDS(STR(?g), "/graph/statistics"))
} GROUP BY ?entity ?mentions ?articles
"""


FACTS_COUNTED = """
PREFIX cmkg: <https://w3id.org/cmkg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?fact (COUNT(DISTINCT ?g) AS ?sources) (MAX(?c) AS ?best) WHERE {
  VALUES ?type { cmkg:Agreement cmkg:Event cmkg:Figure }
  GRAPH ?g { ?g <http://www.w3.org/ns/prov#wasDerivedFrom> ?article . ?fact a ?type }
  OPTIONAL { GRAPH ?g { ?e oa:hasBody ?fact ; cmkg:confidence ?c } }
} GROUP BY ?fact
"""
FACTS_STORED = """
PREFIX cmkg: <https://w3id.org/cmkg/ontology#>
SELECT ?fact ?sources ?best WHERE {
  GRAPH ?g { ?fact cmkg:sourceCount ?sources OPTIONAL { ?fact cmkg:maxConfidence ?best } }
  FILTER(STRENDS(STR(?g), "/graph/statistics"))
}
"""


def _rows(store, query):
    return {s["entity"].value: (int(s["mentions"].value), int(s["articles"].value),
                                frozenset(s["forms"].value.split("|"))) for s in store.query(query)}


def test_statistics_of_the_built_sample_equal_what_the_article_graphs_count(sample_kg):
    store = ox.Store.read_only(str(sample_kg / "current" / "store"))
    counted, stored = _rows(store, COUNTED), _rows(store, STORED)
    assert stored == counted
    assert stored["https://w3id.org/cmkg/id/country/jp"][1] == 5  # every sample article names Japan


def test_fact_statistics_of_the_built_sample_equal_what_the_article_graphs_count(sample_kg):
    """Sources of each agreement, event and figure are the graphs that type it, its best confidence the
    highest of its evidence; the framework of 28 October 2025 is reported by all five articles."""
    store = ox.Store.read_only(str(sample_kg / "current" / "store"))

    def rows(query):
        return {s["fact"].value: (int(s["sources"].value), s["best"] and s["best"].value) for s in store.query(query)}

    counted, stored = rows(FACTS_COUNTED), rows(FACTS_STORED)
    assert stored == counted
    assert len(stored) == 22 and all(best for _, best in stored.values())
    assert max(sources for sources, _ in stored.values()) == 5


def test_fact_statistics_count_each_article_once_and_keep_the_best_confidence(reference):
    from kg_builder.corpus.merge import merge
    from kg_builder.extract import extract

    one = make_article("Japan and India signed a trade agreement on lithium on 3 March 2025.", "a")
    two = make_article("India and Japan signed a trade agreement on 3 March 2025. The pact covers lithium.", "b")
    merged = merge([extract(one, reference), extract(two, reference)], reference)
    keys = {a.key for e in merged for a in e.agreements}
    assert len(keys) == 1  # one agreement, reported by both
    quads = statistics_quads(merged + merged[:1], Iris())  # the same article twice counts once
    stats = {q.predicate.value.rsplit("#")[-1]: q.object.value for q in quads
             if q.subject.value.endswith(next(iter(keys)))}
    best = max(ev.confidence for e in merged for a in e.agreements for ev in a.evidence)
    assert stats == {"sourceCount": "2", "maxConfidence": canonical_decimal(f"{best:.2f}")}


def test_statistics_count_a_span_once_and_each_article_once(reference):
    from kg_builder.extract import extract

    one = extract(make_article("Japan signed. Japan agreed. Tokyo said so.", "a"), reference)
    two = extract(make_article("Japan and India met.", "b"), reference)
    quads = statistics_quads([one, two, one], Iris())  # the same article twice counts once
    japan = {q.predicate.value.rsplit("#")[-1]: [] for q in quads}
    for q in quads:
        if q.subject.value.endswith("/country/jp"):
            japan[q.predicate.value.rsplit("#")[-1]].append(q.object.value)
    assert japan["articleCount"] == ["2"]
    assert japan["mentionCount"] == [str(sum(m.key == "country/jp" for e in (one, two) for m in e.mentions))]
    assert set(japan["surfaceForm"]) >= {"Japan"}
    assert {q.graph_name.value for q in quads} == {"https://w3id.org/cmkg/graph/statistics"}


def test_statistics_come_back_from_the_store_as_written(reference):
    """What is written is what a store gives back (decimals in canonical form), so add and remove can tell
    an unchanged statistics graph from a changed one by comparing it with the store's."""
    from kg_builder.corpus.merge import merge
    from kg_builder.extract import extract

    text = "Japan and India signed a trade agreement on lithium on 3 March 2025. China holds 90% of rare earths."
    quads = statistics_quads(merge([extract(make_article(text, "a"), reference)], reference), Iris())
    store = ox.Store()
    store.extend(quads)
    assert {q.predicate.value.rsplit("#")[-1] for q in quads} >= {"maxConfidence", "sourceCount", "mentionCount"}
    assert set(store) == set(quads)
