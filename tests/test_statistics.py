import pyoxigraph as ox

from kg_builder.namespaces import Iris
from kg_builder.statistics import statistics_quads
from tests.conftest import make_article

COUNTED = """
PREFIX cmkg: <https://w3id.org/cmkg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?entity (COUNT(DISTINCT ?m) AS ?mentions) (COUNT(DISTINCT ?g) AS ?articles)
       (GROUP_CONCAT(DISTINCT ?exact; separator="|") AS ?forms) WHERE {
  GRAPH ?g { ?m a cmkg:Mention ; oa:hasBody ?entity ; oa:hasTarget/oa:hasSelector/oa:exact ?exact }
} GROUP BY ?entity
"""
STORED = """
PREFIX cmkg: <https://w3id.org/cmkg/ontology#>
SELECT ?entity ?mentions ?articles (GROUP_CONCAT(?form; separator="|") AS ?forms) WHERE {
  GRAPH ?g { ?entity cmkg:mentionCount ?mentions ; cmkg:articleCount ?articles ; cmkg:surfaceForm ?form }
  FILTER(STRENDS(STR(?g), "/graph/statistics"))
} GROUP BY ?entity ?mentions ?articles
"""


def _rows(store, query):
    return {s["entity"].value: (int(s["mentions"].value), int(s["articles"].value),
                                frozenset(s["forms"].value.split("|"))) for s in store.query(query)}


def test_statistics_of_the_built_sample_equal_what_the_article_graphs_count(sample_kg):
    store = ox.Store.read_only(str(sample_kg / "current" / "store"))
    counted, stored = _rows(store, COUNTED), _rows(store, STORED)
    assert stored == counted
    assert stored["https://w3id.org/cmkg/id/country/jp"][1] == 5  # every sample article names Japan


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
