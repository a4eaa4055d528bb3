from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg_builder import paths
from kg_builder.corpus.resolve import resolve
from kg_builder.extract import extract
from kg_builder.geonames import geonames_coordinates
from kg_builder.graph.rdf import article_quads, entity_quads, reference_quads, sorted_nquads
from kg_builder.namespaces import Iris
from kg_builder.read.articles import read_articles
from tests.conftest import DATA, make_article


def as_rdflib(quads) -> Graph:
    data = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads], format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data.decode(), format="nt")


def test_rdf_small_article_is_isomorphic_to_expected_graph(reference):
    art = make_article("Chilean President Gabriel Boric backed lithium mining.", "boric")
    extraction = extract(art, reference)
    quads = article_quads(extraction, reference)
    assert {q.graph_name.value for q in quads} == {"https://w3id.org/cmkg/graph/article/boric"}
    entities = entity_quads([extraction], reference, Iris())
    assert {q.graph_name.value for q in entities} == {"https://w3id.org/cmkg/graph/entities"}
    quads += entities
    got, expected = as_rdflib(quads), Graph().parse(DATA / "boric.ttl")
    if not isomorphic(got, expected):
        _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
        raise AssertionError(f"extra: {sorted(only_got)}\nmissing: {sorted(only_expected)}")


def test_rdf_entities_are_described_once_in_their_own_graph(reference):
    """However many articles name a person, the article graphs hold only their mentions and claims;
    the person and their post are described once, with every label the articles gave."""
    texts = {"a": "Chilean President Gabriel Boric backed lithium mining.",
             "b": "President Gabriel Boric of Chile visited a lithium mine.",
             "c": "Gabriel Boric said the mine would grow."}
    extractions = resolve([extract(make_article(text, key), reference) for key, text in texts.items()])
    boric = ox.NamedNode("https://w3id.org/cmkg/id/person/gabriel-boric")
    for extraction in extractions:
        quads = article_quads(extraction, reference)
        assert not [q for q in quads if q.subject == boric and q.predicate.value.endswith(("#type", "#label"))]
        assert [q for q in quads if q.predicate.value.endswith("#taIdentRef") and q.object == boric]
    entities = entity_quads(extractions, reference, Iris())
    about = sorted((q.predicate.value.rsplit("#", 1)[1], q.object.value) for q in entities if q.subject == boric)
    assert about == [("label", "Gabriel Boric"), ("type", "https://w3id.org/cmkg/ontology#Person")]
    posts = {q.subject.value for q in entities if q.object.value.endswith("#Post")}
    assert posts == {"https://w3id.org/cmkg/id/post/president-of-chile"}
    assert len(entities) == len(set(entities))
    assert not [q for q in entities if q.subject.value.endswith("/country/cl")]  # reference data: described there


def build_nquads(folder: Path, reference) -> bytes:
    extractions = resolve([extract(a, reference) for a in read_articles([folder]).articles])
    quads = reference_quads(reference, Iris())
    for extraction in extractions:
        quads += article_quads(extraction, reference)
    return sorted_nquads(quads)


def test_rdf_two_builds_give_identical_sorted_nquads(reference):
    first = build_nquads(paths.sample_articles_dir(), reference)
    second = build_nquads(paths.sample_articles_dir(), reference)
    assert first == second and len(first) > 10_000


def test_rdf_base_iri_is_configurable(reference):
    iris = Iris("https://example.org/kg/")
    quads = article_quads(extract(make_article("Japan buys cobalt.", "x"), reference), reference, iris)
    assert {q.graph_name.value for q in quads} == {"https://example.org/kg/graph/article/x"}
    assert any(q.subject.value == "https://example.org/kg/id/article/x" for q in quads)


def test_rdf_reference_countries_carry_iso_codes_and_checked_links(reference):
    graph = as_rdflib(reference_quads(reference, Iris()))
    jp = "https://w3id.org/cmkg/id/country/jp"
    rows = {(str(p), str(o)) for p, o in graph.predicate_objects(subject=__import__("rdflib").URIRef(jp))}
    assert ("https://w3id.org/cmkg/ontology#isoAlpha3", "JPN") in rows
    assert ("http://www.w3.org/2002/07/owl#sameAs", "http://www.wikidata.org/entity/Q17") in rows
    assert ("https://w3id.org/cmkg/ontology#geonames", "https://sws.geonames.org/1861060/") in rows


def test_rdf_places_with_a_geonames_id_carry_wgs84_coordinates(reference):
    import rdflib

    graph = as_rdflib(reference_quads(reference, Iris()))
    geo = rdflib.Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
    tokyo = rdflib.URIRef("https://w3id.org/cmkg/id/place/tokyo")
    lat, long = graph.value(tokyo, geo.lat), graph.value(tokyo, geo.long)
    assert (round(float(lat.toPython()), 3), round(float(long.toPython()), 3)) == (35.69, 139.692)
    assert lat.datatype == rdflib.XSD.decimal
    places = {s for s in graph.subjects(geo.lat, None) if "/place/" in str(s)}
    with_id = {s: str(o).rstrip("/").rsplit("/", 1)[1]
               for s, o in graph.subject_objects(rdflib.URIRef("https://w3id.org/cmkg/ontology#geonames"))
               if "/place/" in str(s)}
    placeable = {s for s, gid in with_id.items() if geonames_coordinates(gid)}
    assert places == placeable and len(places) >= 20  # every place a source places, continents too
    assert rdflib.URIRef("https://w3id.org/cmkg/id/place/jiangxi") in set(with_id) - places  # no source gives its point
    assert float(graph.value(rdflib.URIRef("https://w3id.org/cmkg/id/place/africa"), geo.lat)) == \
        pytest.approx(7.1881)  # GeoNames' continent table


def test_rdf_a_place_found_by_a_rule_that_is_a_capital_carries_its_geonames_id(reference):
    import rdflib

    extraction = extract(make_article("Talks were held in Doha on Monday.", "d"), reference)
    quads = entity_quads([extraction], reference, Iris())
    graph = as_rdflib(quads)
    doha = rdflib.URIRef("https://w3id.org/cmkg/id/place/doha")
    assert (doha, rdflib.URIRef("https://w3id.org/cmkg/ontology#geonames"),
            rdflib.URIRef("https://sws.geonames.org/290030/")) in graph
    assert graph.value(doha, rdflib.URIRef("http://www.w3.org/2003/01/geo/wgs84_pos#lat")) is not None


def test_rdf_a_governments_node_links_to_the_item_two_sources_give_it(reference):
    import rdflib

    extraction = extract(make_article("The US government said on Monday it would buy cobalt.", "g"), reference)
    graph = as_rdflib(entity_quads([extraction], reference, Iris()))
    government = rdflib.URIRef("https://w3id.org/cmkg/id/organization/government-us")
    assert (government, rdflib.OWL.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q48525")) in graph
    assert reference.government_qids["organization/government-us"] == "Q48525"
