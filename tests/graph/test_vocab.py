from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from kg_builder import paths
from kg_builder.graph.vocab import LISTS, MINERAL, minerals_graph
from kg_builder.namespaces import CMKG, SKOS


def test_vocab_committed_minerals_file_matches_the_tsv():
    committed = Graph().parse(paths.ontology_dir() / "minerals.ttl")
    assert isomorphic(committed, minerals_graph())


def test_vocab_every_rare_earth_has_symbol_and_number():
    g = minerals_graph()
    ree = set(g.subjects(URIRef(SKOS + "broader"), URIRef(MINERAL + "rare-earth-elements")))
    ree |= {s for group in ("light-rare-earth-elements", "heavy-rare-earth-elements")
            for s in g.subjects(URIRef(SKOS + "broader"), URIRef(MINERAL + group))}
    elements = {s for s in ree if g.value(s, URIRef(CMKG + "atomicNumber")) is not None}
    numbers = sorted(int(g.value(s, URIRef(CMKG + "atomicNumber"))) for s in elements)
    assert numbers == [21, 39, *range(57, 72)]


def test_vocab_critical_lists_membership():
    g = minerals_graph()
    usgs = set(g.objects(LISTS["usgs_2022"][0], URIRef(SKOS + "member")))
    eu = set(g.objects(LISTS["eu_2023"][0], URIRef(SKOS + "member")))
    assert len(usgs) == 50
    assert URIRef(MINERAL + "copper") in eu and URIRef(MINERAL + "copper") not in usgs
    assert URIRef(MINERAL + "promethium") not in usgs | eu
