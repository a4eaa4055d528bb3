from pathlib import Path

import pytest
from rdflib import RDFS, SKOS, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg_builder import paths
from kg_builder.errors import ReferenceDataError
from kg_builder.graph.sector_matches import COLUMNS, SECTOR, sector_matches, sector_matches_graph

HEADER = "\t".join(COLUMNS) + "\n"
SOURCES_2 = "a/b:x.json ('Q1': 'x'); c/d:y.py ('x' Q1)"


def _sectors() -> Graph:
    return Graph().parse(paths.ontology_dir() / "sectors.ttl")


def test_committed_mappings_are_the_tables():
    committed = Graph().parse(paths.ontology_dir() / "sector-matches.ttl")
    assert isomorphic(committed, sector_matches_graph())


def test_every_sector_concept_is_mapped_to_nace_or_wikidata():
    concepts = {str(c)[len(SECTOR):] for c in _sectors().subjects(SKOS.prefLabel, None) if str(c).startswith(SECTOR)}
    mapped = {m.sector for m in sector_matches()}
    assert len(concepts) > 30
    assert mapped <= concepts, mapped - concepts
    assert concepts <= mapped, sorted(concepts - mapped)


def test_a_close_nace_match_is_the_activity_the_isic_notation_names():
    """NACE Rev. 2 shares ISIC Rev. 4's sections and divisions; a close match to NACE is the concept's
    own ISIC code, or the NACE group that is that ISIC class."""
    sectors = _sectors()
    close = [m for m in sector_matches() if m.scheme == "nace" and m.relation in ("close", "exact")]
    assert len(close) > 10
    for match in close:
        notation = sectors.value(URIRef(SECTOR + match.sector), SKOS.notation)
        assert notation is not None, f"{match.sector} has no ISIC notation to match"
        assert str(notation).startswith(match.code), (match.sector, str(notation), match.code)


def test_narrow_and_broad_matches_point_the_right_way():
    """The defence industry includes the NACE classes of weapons and of fighting vehicles (narrower);
    semiconductors are within NACE's electronic components (broader)."""
    g = sector_matches_graph()
    defence, chips = URIRef(SECTOR + "defence"), URIRef(SECTOR + "semiconductors")
    assert {str(o).rsplit("/", 1)[1] for o in g.objects(defence, SKOS.narrowMatch)} == {"2540", "3040"}
    assert {str(o).rsplit("/", 1)[1] for o in g.objects(chips, SKOS.broadMatch)} == {"2611"}
    assert not [o for o in g.objects(chips, SKOS.closeMatch) if "/nace2/" in str(o)]


def _table(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "sector_matches.tsv"
    path.write_text("# a comment\n" + HEADER + "".join(r + "\t\n" for r in rows), encoding="utf-8")
    return path


def test_only_verified_rows_are_written(tmp_path):
    path = _table(tmp_path,
                  "mining\tclose\tnace:B\tMining and quarrying\tverified\tNACE Rev. 2 section B",
                  "mining\texact\twd:Q1\tx\tlikely\tone file ('Q1': 'x')",
                  f"steel\tclose\twd:Q2\ty\tverified\t{SOURCES_2}")
    g = sector_matches_graph(path)
    section_b, q2 = URIRef("http://data.europa.eu/ux2/nace2/B"), URIRef("http://www.wikidata.org/entity/Q2")
    assert set(g) == {(URIRef(SECTOR + "mining"), SKOS.closeMatch, section_b),
                      (section_b, RDFS.label, Literal("Mining and quarrying", lang="en")),
                      (URIRef(SECTOR + "steel"), SKOS.closeMatch, q2),
                      (q2, RDFS.label, Literal("y", lang="en"))}


@pytest.mark.parametrize(("row", "message"), [
    ("mining\tsame\tnace:B\tx\tverified\ts", "relation 'same'"),
    ("mining\tclose\tnace:07.10\tx\tverified\ts", "'nace:07.10' is neither"),
    ("mining\tclose\tisic:B\tx\tverified\ts", "'isic:B' is neither"),
    ("mining\tclose\twd:Q1\tx\tverified\ta/b:x.json 'Q1'", "files of two named repositories"),
    ("mining\tclose\twd:Q1\tx\tverified\ta/b:x.json 'Q1'; a/b:y.json 'Q1'", "files of two named repositories"),
    ("mining\tclose\twd:Q1\tx\tverified\ta/b:x.json 'Q1'; search-index file id 7 ('Q1' x)",
     "files of two named repositories"),
    ("mining\tclose\tnace:B\tx\tsure\ts", "confidence 'sure'"),
])
def test_a_malformed_row_is_named_with_its_line(tmp_path, row, message):
    path = _table(tmp_path, row)
    with pytest.raises(ReferenceDataError, match=message) as error:
        sector_matches(path)
    assert f"{path}:3" in str(error.value)


def test_a_target_has_one_title(tmp_path):
    path = _table(tmp_path, "mining\tclose\tnace:B\tMining and quarrying\tverified\ts",
                  "steel\tbroad\tnace:B\tMining\tverified\ts")
    with pytest.raises(ReferenceDataError, match=f"{path}:4: nace:B is titled 'Mining and quarrying'"):
        sector_matches(path)


def test_no_target_is_the_close_match_of_two_concepts(tmp_path):
    path = _table(tmp_path, "mining\tclose\tnace:B\tMining and quarrying\tverified\ts",
                  "steel\tbroad\tnace:B\tMining and quarrying\tverified\ts")
    assert len(sector_matches(path)) == 2  # a broader match may be shared
    path = _table(tmp_path, "mining\tclose\tnace:B\tMining and quarrying\tverified\ts",
                  "steel\tclose\tnace:B\tMining and quarrying\tverified\ts")
    with pytest.raises(ReferenceDataError, match="nace2/B is the exact or close match of both mining and steel"):
        sector_matches(path)


def test_a_qid_checked_by_hand_needs_no_second_source(tmp_path):
    path = _table(tmp_path, "mining\tclose\twd:Q1\tx\tverified\tchecked by hand: 'x' is Q1 on wikidata.org")
    assert [m.code for m in sector_matches(path)] == ["Q1"]
