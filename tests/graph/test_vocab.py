import pytest
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


def test_element_ids_are_sourced_twice_checked_and_never_shared():
    import csv

    from kg_builder import paths
    from kg_builder.graph.vocab import _cas_check_digit_holds, element_ids

    rows = list(csv.DictReader((line for line in (paths.reference_dir() / "element_ids.tsv").open()
                                if not line.startswith("#")), delimiter="\t"))
    assert [int(r["atomic_number"]) for r in rows] == list(range(1, 119))  # every element, once
    ids = element_ids()
    qids = [q for q, _ in ids.values() if q]
    cas = [c for _, c in ids.values() if c]
    assert len(qids) == len(set(qids)) and len(cas) == len(set(cas))
    assert all(_cas_check_digit_holds(c) for c in cas)
    for row in rows:
        if "verified" in (row["wikidata_confidence"], row["cas_confidence"]):
            assert len([s for s in row["sources"].split(";") if s.strip()]) >= 2, row
        if row["cas_confidence"] != "verified":
            assert ids[row["symbol"]][1] is None  # an unconfirmed CAS number is not used


def test_minerals_link_every_element_and_no_qid_names_two_things():
    from kg_builder.graph.vocab import element_ids, read_mineral_rows
    from kg_builder.reference import load_reference

    graph = minerals_graph()
    ids = element_ids()
    for row in read_mineral_rows():
        if row["kind"] != "element":
            continue
        concept = URIRef(MINERAL + row["key"])
        matches = [str(o) for o in graph.objects(concept, URIRef(SKOS + "exactMatch"))]
        assert len(matches) == 1, row["key"]  # every element is linked
        symbol = str(graph.value(concept, URIRef(CMKG + "chemicalSymbol")))
        assert row["wikidata"] in ("", ids[symbol][0])  # a hand-checked QID agrees with the sources
    graphite = [str(o) for o in graph.objects(URIRef(MINERAL + "graphite"), URIRef(SKOS + "exactMatch"))]
    assert graphite == ["http://www.wikidata.org/entity/Q5309"]  # the mineral, not carbon
    everything = [str(o) for o in graph.objects(None, URIRef(SKOS + "exactMatch"))]
    everything += [f"http://www.wikidata.org/entity/{e.wikidata}" for e in load_reference().entities.values()
                   if e.wikidata]
    assert len(everything) == len(set(everything)), "a QID names two things"


def test_minerals_that_are_not_elements_link_only_where_two_sources_agree():
    from kg_builder.reference import sourced_qids
    from kg_builder.tables import read_tsv

    path = paths.reference_dir() / "mineral_ids.tsv"
    table = sourced_qids(path, "key")
    graph = minerals_graph()
    for row in read_tsv(path, ("key", "wikidata", "confidence", "sources", "note")):
        linked = {str(o) for o in graph.objects(URIRef(MINERAL + row["key"]), URIRef(SKOS + "exactMatch"))}
        if row["confidence"] == "verified":
            assert linked == {f"http://www.wikidata.org/entity/{row['wikidata']}"} and table[row["key"]]
        else:  # one source, or none: unlinked, the groups a curator found no QID for among them
            assert not linked, row["key"]
    assert {"fluorspar", "bauxite", "feldspar"} <= set(table)
    assert "platinum-group-metals" not in table and "rare-earth-elements" not in table


def test_a_mineral_qid_must_name_a_mineral_of_the_vocabulary(tmp_path, monkeypatch):
    import shutil

    from kg_builder.errors import ReferenceDataError

    shutil.copytree(paths.reference_dir(), tmp_path / "reference")
    ids = tmp_path / "reference" / "mineral_ids.tsv"
    ids.write_text(ids.read_text() + "unobtainium\tQ1\tverified\ta/b:x ; c/d:y\t\n")
    monkeypatch.setattr(paths, "reference_dir", lambda: tmp_path / "reference")
    with pytest.raises(ReferenceDataError, match="unobtainium"):
        minerals_graph()
