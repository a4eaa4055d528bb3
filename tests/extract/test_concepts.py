"""Minerals and sectors in ordinary words: the vocabulary's names, false friends, shared and elided names."""

from rdflib import SKOS, Graph, Literal, URIRef

from kg_builder import paths
from kg_builder.extract import extract
from kg_builder.namespaces import CMKG, VOCAB_BASE
from tests.conftest import make_article

SECTOR = VOCAB_BASE + "sector/"


def concepts(text):
    return {m.key for m in extract(make_article(text)).mentions if m.kind.value in ("mineral", "sector")}


def test_concepts_minerals_in_ordinary_words():
    found = concepts("Gold and copper prices rose while lithium carbonate fell. The plant makes NdPr oxide "
                     "and other rare-earth material, plus nickel matte.")
    assert {"mineral/gold", "mineral/copper", "mineral/lithium", "mineral/neodymium", "mineral/praseodymium",
            "mineral/rare-earth-elements", "mineral/nickel"} <= found


def test_concepts_false_friends_name_no_mineral_or_sector():
    found = concepts("Its safety record is the gold standard, and the deal is a silver lining for a bargaining "
                     "chip. The aircraft carrier docked.")
    assert not found & {"mineral/gold", "mineral/silver", "sector/semiconductors", "sector/aerospace"}


def test_concepts_mining_industry_but_not_supply_chain_stages():
    assert "sector/mining" in concepts("Mining companies and lithium miners welcomed the rules.")
    assert "sector/mining" not in concepts("The deal covers the mining and processing of rare earths.")


def test_concepts_sectors_news_names():
    found = concepts("The metals go into data centres, artificial intelligence, solar panels, wind turbines, "
                     "energy storage, power grids, robotics, smartphones, infrastructure and recycling.")
    assert {"sector/" + k for k in (
        "data-centres", "artificial-intelligence", "solar-panels", "wind-turbines", "energy-storage",
        "power-grids", "robotics", "smartphones", "infrastructure", "recycling")} <= found


def test_concepts_coordinated_words_share_the_head():
    found = concepts("The projects serve the EU's green and digital transitions.")
    assert {"sector/green-transition", "sector/digital-transition"} <= found


def test_concepts_sector_scheme_is_a_hierarchy_keyed_to_isic():
    g = Graph().parse(paths.ontology_dir() / "sectors.ttl")
    broader = {(str(s), str(o)) for s, o in g.subject_objects(SKOS.broader)}
    assert (SECTOR + "electric-vehicles", SECTOR + "automotive") in broader
    assert (SECTOR + "batteries", SECTOR + "energy-storage") in broader
    assert (SECTOR + "solar-panels", SECTOR + "clean-energy") in broader
    isic = URIRef(CMKG + "ISIC4")
    assert g.value(URIRef(SECTOR + "mining"), SKOS.notation) == Literal("B", datatype=isic)
    tops = set(g.subjects(SKOS.topConceptOf, None))
    for concept in g.subjects(SKOS.inScheme, None):  # every concept is a top concept or has a broader one
        assert (concept in tops) != (g.value(concept, SKOS.broader) is not None), concept
    labels = [str(o).lower() for p in (SKOS.prefLabel, SKOS.altLabel) for o in g.objects(None, p)]
    assert len(labels) == len(set(labels)), "a sector name is used twice"
