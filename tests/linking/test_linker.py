import csv

import pytest

from kg_builder.errors import ReferenceDataError
from kg_builder.graph.links import load_links, read_links
from kg_builder.linking.linker import DEFAULT_THRESHOLD, link_online, score_candidate, unlinked_report
from kg_builder.linking.wikidata import LinkingError, WikidataCandidate, WikidataClient
from kg_builder.pipeline.build import build
from kg_builder.serve.queries import get_query, run_query, to_records
from kg_builder.store.local import KnowledgeGraph
from tests.fakes.wikidata import FakeWikidata, fake_wikidata


def test_linker_type_check_rejects_wrong_kinds():
    human = WikidataCandidate("Q1", "Bloomberg", "businessman", "alias", frozenset({"Q5"}))
    assert score_candidate("Bloomberg", "Organization", [], human)[0] == 0
    company = WikidataCandidate("Q2", "Bloomberg L.P.", "media company", "alias", frozenset({"Q4830453"}))
    assert score_candidate("Bloomberg", "Organization", [], company) == (0.9, "alias matches; type business")


def test_linker_client_caches_answers(tmp_path):
    with fake_wikidata() as base, WikidataClient(f"{base}/w/api.php", cache_dir=tmp_path) as client:
        first = client.search("Sanae Takaichi")
        asked = len(FakeWikidata.requests)
        assert client.search("Sanae Takaichi") == first and len(FakeWikidata.requests) == asked
    assert first[0].qid == "Q1000001" and first[0].types == {"Q5"}


def test_linker_unreachable_service_is_a_clear_error(tmp_path):
    with pytest.raises(LinkingError, match="127.0.0.1:9"):
        WikidataClient("http://127.0.0.1:9/w/api.php", timeout=1).search("Japan")


def test_linker_online_writes_links_above_threshold_and_suggests_the_rest(sample_kg_copy):
    kg = sample_kg_copy
    with fake_wikidata() as base:
        accepted, suggested = link_online(kg, api=f"{base}/w/api.php", threshold=DEFAULT_THRESHOLD)
    links = {link.key: link.wikidata for link in read_links(kg / "links.tsv")}
    # the samples name Bloomberg and Reuters only as sources ("Bloomberg reported"): no entity to link
    assert links == {"person/sanae-takaichi": "Q1000001", "place/akasaka-palace": "Q1000004", "place/asia": "Q48"}
    assert accepted == 3 and suggested > 0
    with (kg / "link-suggestions.tsv").open(encoding="utf-8") as handle:
        suggestions = {row["key"]: row for row in csv.DictReader(handle, delimiter="\t")}
    assert suggestions["place/yokosuka"]["reason"].startswith("ambiguous")
    assert suggestions["sector/batteries"]["reason"] == "no candidate of the right type"
    report = {row["key"]: row for row in unlinked_report(kg)}
    assert report["place/yokosuka"]["suggestion"].startswith("Q1000007")

    build(None, kg, owl=False)  # the next build reads the KG's links.tsv
    with KnowledgeGraph.open(kg) as graph:
        rows = {r["label"]: r["wikidata"] for r in to_records(run_query(graph, get_query("entities")))}
        unlinked = {r["label"] for r in to_records(run_query(graph, get_query("unlinked")))}
    assert rows["Sanae Takaichi"] == "http://www.wikidata.org/entity/Q1000001"
    assert "Sanae Takaichi" not in unlinked and "Yokosuka" in unlinked


def test_linker_bad_links_file_names_file_and_line(tmp_path):
    path = tmp_path / "links.tsv"
    path.write_text("# comment\nkey\twikidata\ngood/x\tQ1\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"links.tsv:3: 'good/x' is not an entity key"):
        read_links(path)
    path.write_text("key\twikidata\tgeonames\nperson/a\tQ1x\t\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"links.tsv:2: 'Q1x' is not a Wikidata QID"):
        read_links(path)
    path.write_text("key\twikidata\tgeonames\nperson/a\t\t123\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="only places and countries take a GeoNames id"):
        read_links(path)


def test_linker_later_links_file_wins(tmp_path):
    a, b = tmp_path / "a.tsv", tmp_path / "b.tsv"
    a.write_text("key\twikidata\nperson/x\tQ1\nplace/y\tQ2\n", encoding="utf-8")
    b.write_text("key\twikidata\nperson/x\tQ3\n", encoding="utf-8")
    assert [(link.key, link.wikidata) for link in load_links([a, b])] == [("person/x", "Q3"), ("place/y", "Q2")]


def test_linker_federated_query_joins_with_a_stand_in_for_wikidata(sample_kg):
    with fake_wikidata() as base, KnowledgeGraph.open(sample_kg) as graph:
        rows = to_records(run_query(graph, get_query("wikidata-countries"), {"service": f"{base}/sparql"}))
    by_label = {r["label"]: r for r in rows}
    assert set(by_label) == {"Japan", "United States", "China"}  # only those the stand-in knows
    assert by_label["Japan"]["population"] == "123000000" and by_label["Japan"]["isoAgrees"] == "true"
    assert by_label["China"]["wikidata"] == "http://www.wikidata.org/entity/Q148"
