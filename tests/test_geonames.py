"""The GeoNames tables: countries' points and the places news names, each used only on two sources'
word, and the coordinates a built graph gives countries, continents and places."""

import re
import shutil

import pycountry
import pytest
import rdflib

from kg_builder import paths
from kg_builder.errors import ReferenceDataError
from kg_builder.geonames import (
    country_coordinates,
    geonames_continents,
    geonames_coordinates,
    geonames_countries,
    place_ids,
)
from kg_builder.graph.rdf import reference_quads
from kg_builder.namespaces import Iris
from kg_builder.reference import load_reference
from kg_builder.tables import CONFIDENCES, read_tsv, sources_of
from tests.graph.test_rdf import as_rdflib

GEO = rdflib.Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
CMKG = rdflib.Namespace("https://w3id.org/cmkg/ontology#")
ID = "https://w3id.org/cmkg/id/"
COUNTRY_COLUMNS = ("alpha2", "lat", "long", "confidence", "sources")
PLACE_COLUMNS = ("key", "label", "geonames", "lat", "long", "confidence", "sources")


def rows(name, columns):
    return read_tsv(paths.reference_dir() / name, columns)


def assert_sourced_points(table):
    for row in table:
        assert row["confidence"] in CONFIDENCES, row
        if row["confidence"] == "verified":
            assert len([s for s in row["sources"].split(";") if s.strip()]) >= 2, row
        if row["lat"] or row["long"]:
            assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["long"]) <= 180, row
        elif row["confidence"] != "verified":
            assert row["confidence"] in ("conflict", "none") or row["sources"], row


def test_country_coordinates_table_has_every_country_once_and_verified_rows_sourced_twice():
    table = rows("country_coordinates.tsv", COUNTRY_COLUMNS)
    assert [r["alpha2"] for r in table] == sorted(c.alpha_2 for c in pycountry.countries)
    assert_sourced_points(table)
    verified = [r for r in table if r["confidence"] == "verified"]
    assert all(r["lat"] and r["long"] for r in verified)
    assert len(verified) >= 190
    assert not [r for r in table if r["confidence"] in ("conflict", "none") and (r["lat"] or r["long"])]


def test_a_built_graph_gives_countries_and_continents_their_geonames_points(reference):
    graph = as_rdflib(reference_quads(reference, Iris()))
    table = country_coordinates(paths.reference_dir() / "country_coordinates.tsv")
    au = rdflib.URIRef(ID + "country/au")
    assert (float(graph.value(au, GEO.lat)), float(graph.value(au, GEO.long))) == table["AU"] == (-25.0, 135.0)
    assert graph.value(au, GEO.lat).datatype == rdflib.XSD.decimal
    placed = {str(s).removeprefix(ID + "country/").upper() for s in graph.subjects(GEO.lat, None)
              if "/country/" in str(s)}
    assert placed == set(table)  # every verified country, and only those
    assert "MA" not in placed  # its sources disagree
    assert "HT" in placed and "GL" in placed  # two named files agree, an older one differs; a territory
    africa = rdflib.URIRef(ID + "place/africa")
    assert (float(graph.value(africa, GEO.lat)), float(graph.value(africa, GEO.long))) == (7.1881, 21.09375)
    assert geonames_coordinates(geonames_continents()["South America"]) == (-14.60485, -57.65625)
    assert geonames_coordinates(geonames_countries()["CH"]) == (47.00016, 8.01427)


def test_country_coordinates_refuse_a_point_off_the_globe_and_a_verified_row_with_one_source(tmp_path):
    path = tmp_path / "country_coordinates.tsv"
    path.write_text("alpha2\tlat\tlong\tconfidence\tsources\nFR\t46\t182\tverified\ta/b:c ; d/e:f\n")
    with pytest.raises(ReferenceDataError, match="not a WGS84 point"):
        country_coordinates(path)
    path.write_text("alpha2\tlat\tlong\tconfidence\tsources\nFR\t46\t2\tverified\ta/b:c\n")
    with pytest.raises(ReferenceDataError, match="two sources"):
        country_coordinates(path)
    path.write_text("alpha2\tlat\tlong\tconfidence\tsources\nFR\t46\t2\tlikely\ta/b:c\n")
    assert country_coordinates(path) == {}


@pytest.mark.parametrize(("sources", "error"), [
    ("a/b:c 46,2 ; a/b:d 46,2", "two named repositories"),  # one repository twice
    ("a/b:c 46,2 ; d/e:f 46.5,2 (differs: an older file)", "two named repositories"),
    ("a/b:c 46,2 ; file 44836710384 46,2", "is not 'owner/name:path"),  # its repository is not known
    ("a/b:c 46,2 ; d/e 46,2", "is not 'owner/name:path"),
])
def test_a_verified_country_needs_files_in_two_named_repositories_giving_its_point(tmp_path, sources, error):
    path = tmp_path / "country_coordinates.tsv"
    head = "alpha2\tlat\tlong\tconfidence\tsources\n"
    path.write_text(f"{head}FR\t46\t2\tverified\t{sources}\n")
    with pytest.raises(ReferenceDataError, match=error):
        country_coordinates(path)
    path.write_text(f"{head}FR\t46\t2\tverified\ta/b:c@ff00f9e 46,2 ; d/e:f 46.00004,2.00009 ; g/h:i 45,3 (differs)\n")
    assert country_coordinates(path) == {"FR": (46.0, 2.0)}


def test_every_country_source_names_its_repository_and_two_give_each_verified_point():
    source = re.compile(r"([\w.-]+/[\w.-]+):\S+@[0-9a-f]{7,40} (-?[0-9.]+),(-?[0-9.]+)(?: \((differs: .+)\))?")
    for row in rows("country_coordinates.tsv", COUNTRY_COLUMNS):
        quoted = [source.fullmatch(s) for s in sources_of(row)]
        assert all(quoted), row  # none is a bare file id
        if row["confidence"] == "verified":
            point = (float(row["lat"]), float(row["long"]))
            giving = {m[1] for m in quoted
                      if abs(float(m[2]) - point[0]) <= 1e-4 and abs(float(m[3]) - point[1]) <= 1e-4 and not m[4]}
            assert len(giving) >= 2, row
            assert all(m[4] for m in quoted if m[1] not in giving), row
        if row["confidence"] == "none":
            assert not quoted, row


def test_place_table_form_each_key_a_place_and_no_geonames_id_given_to_two_keys(reference):
    table = rows("place_ids.tsv", PLACE_COLUMNS)
    assert_sourced_points(table)
    for row in table:
        assert reference.entities[row["key"]].kind.value == "place", row
        assert row["label"] == reference.entities[row["key"]].label, row
    ids = [r["geonames"] for r in table if r["geonames"]]
    assert len(ids) == len(set(ids))
    assert all(r["geonames"] for r in table if r["confidence"] == "verified")


def test_place_table_refuses_one_geonames_id_for_two_keys(tmp_path):
    path = tmp_path / "place_ids.tsv"
    head = "key\tlabel\tgeonames\tlat\tlong\tconfidence\tsources\n"
    path.write_text(head + "place/a\tA\t123\t\t\tverified\tx/y:z ; u/v:w\nplace/b\tB\t123\t\t\tlikely\tx/y:z\n")
    with pytest.raises(ReferenceDataError, match="place/a's too"):
        place_ids(path)


def test_a_verified_place_gets_its_id_and_point_and_a_likely_one_is_not_used(tmp_path):
    shutil.copytree(paths.reference_dir(), tmp_path / "ref")
    table = tmp_path / "ref" / "place_ids.tsv"
    lines = [line for line in table.read_text(encoding="utf-8").splitlines(keepends=True)
             if not line.startswith(("place/inner-mongolia\t", "place/mountain-pass\t"))]
    table.write_text("".join(lines)
                     + "place/inner-mongolia\tInner Mongolia\t900000001\t44\t113\tverified\ta/b:c ; d/e:f\n"
                     + "place/mountain-pass\tMountain Pass\t900000002\t35.5\t-115.5\tlikely\ta/b:c\n",
                     encoding="utf-8")
    reference = load_reference(tmp_path / "ref")
    assert reference.entities["place/inner-mongolia"].geonames == "900000001"
    assert reference.entities["place/mountain-pass"].geonames is None
    table.write_text(table.read_text(encoding="utf-8") + "place/nowhere-at-all\tNowhere\t900000003\t\t\tverified\t"
                     "a/b:c ; d/e:f\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="nowhere-at-all"):
        load_reference(tmp_path / "ref")


def test_a_verified_place_carries_its_geonames_id_and_point_and_unverified_rows_link_nothing(reference):
    graph = as_rdflib(reference_quads(reference, Iris()))
    table = place_ids(paths.reference_dir() / "place_ids.tsv")
    ontario = rdflib.URIRef(ID + "place/ontario")
    assert (ontario, CMKG.geonames, rdflib.URIRef("https://sws.geonames.org/6093943/")) in graph
    point = (float(graph.value(ontario, GEO.lat)), float(graph.value(ontario, GEO.long)))
    assert point == table["place/ontario"][1] == (49.25014, -84.49983)
    jiangxi = rdflib.URIRef(ID + "place/jiangxi")
    assert graph.value(jiangxi, CMKG.geonames) == rdflib.URIRef("https://sws.geonames.org/1806222/")
    assert graph.value(jiangxi, GEO.lat) is None  # no source gives its point: none is written
    unverified = [r["key"] for r in rows("place_ids.tsv", PLACE_COLUMNS) if r["confidence"] != "verified"]
    assert unverified and not [k for k in unverified if graph.value(rdflib.URIRef(ID + k), CMKG.geonames)]


def test_news_naming_a_province_links_the_reference_place(reference):
    from kg_builder.extract import extract
    from tests.conftest import make_article

    extraction = extract(make_article("Lithium output rose in Western Australia and Jiangxi last year."), reference)
    keys = {m.key for m in extraction.mentions}
    assert {"place/western-australia", "place/jiangxi"} <= keys and "country/au" not in keys
    assert reference.entities["place/western-australia"].geonames == "2058645"
