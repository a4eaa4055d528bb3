import pyoxigraph as ox
from rdflib import RDFS, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg_builder.corpus.merge import merge
from kg_builder.extract import extract
from kg_builder.graph.facts_rdf import fact_sentences, fact_triples, measure_triples
from kg_builder.namespaces import Iris
from kg_builder.read.dates import parse_date
from tests.conftest import DATA, make_article


def as_rdflib(triples) -> Graph:
    return Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")


def test_facts_rdf_small_article_is_isomorphic_to_expected_graph(reference):
    art = make_article("Japan and Australia signed a lithium pact in Canberra on Monday.", "pact",
                       published=parse_date("2025-10-28"))
    (extraction,) = merge([extract(art, reference)], reference)
    got, expected = as_rdflib(fact_triples(extraction, Iris())), Graph().parse(DATA / "pact.ttl")
    if not isomorphic(got, expected):
        _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
        raise AssertionError(f"extra: {sorted(only_got)}\nmissing: {sorted(only_expected)}")
    assert fact_sentences(extraction) == {0}


def test_facts_rdf_amounts_commitments_and_figures(reference):
    art = make_article("Japan and Australia signed a pact to fund lithium mines. The pact includes a US$2 billion "
                       "fund for refining. China refines about 60% of the world's lithium.", "f")
    (extraction,) = merge([extract(art, reference)], reference)
    graph = as_rdflib(fact_triples(extraction, Iris()) + measure_triples(extraction, Iris()))
    rows = graph.query("""
        PREFIX cmkg: <https://w3id.org/cmkg/ontology#> PREFIX schema: <https://schema.org/>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?value ?currency ?commitment ?quantity WHERE {
          ?a cmkg:amount [ schema:value ?value ; schema:currency ?currency ] ; cmkg:commitment/rdfs:label ?commitment .
          ?f a cmkg:Figure ; cmkg:quantity ?quantity ; cmkg:measure ?m . ?m a cmkg:Measure }""")
    assert [tuple(str(x) for x in row) for row in rows] == [("2000000000", "USD", "fund lithium mines", "60")]
    measure = [(str(s), str(o)) for s, o in graph.subject_objects(RDFS.label) if "/measure/" in str(s)]
    assert len(measure) == 1 and measure[0][1].startswith("China: ") and measure[0][1].endswith(" in percent (lithium)")
    assert not [t for t in fact_triples(extraction, Iris()) if "/measure/" in t.subject.value]  # not per article
