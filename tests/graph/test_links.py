"""The links of the sample corpus, checked by hand against the project's reference identifiers
(every entity the articles mention that has a checked identifier is linked, and to the right one;
entities with no known identifier stay unlinked)."""

from kg_builder.graph.links import link_triples, read_links
from kg_builder.namespaces import Iris
from kg_builder.serve.queries import get_query, run_query, to_records
from kg_builder.store.local import KnowledgeGraph

WD = "http://www.wikidata.org/entity/"
EXPECTED_WIKIDATA = {
    "Australia": "Q408", "Cambodia": "Q424", "China": "Q148", "Japan": "Q17", "Malaysia": "Q833",
    "South Korea": "Q884", "Thailand": "Q869", "United States": "Q30", "Vietnam": "Q881",
    "Chinese Communist Party": "Q17427", "Democratic Party of Korea": "Q15978686", "European Union": "Q458",
    "Liberal Democratic Party": "Q232595", "Republican Party": "Q29468",
    "White House": "Q35525", "Donald Trump": "Q22686", "Shinzo Abe": "Q132345", "Xi Jinping": "Q15031",
    "Gaza": "Q39760", "Kuala Lumpur": "Q1865", "Tokyo": "Q1490", "Washington, D.C.": "Q61",
}
NO_KNOWN_IDENTIFIER = {"Sanae Takaichi", "Hideki Matsuyama", "Akasaka Palace", "Yokosuka",
                       "rare-earth elements", "critical minerals"}
EXPECTED_GEONAMES = {"Tokyo": "1850147", "Kuala Lumpur": "1735161", "Washington, D.C.": "4140963",
                     "Yokosuka": "1848313", "Japan": "1861060", "United States": "6252001", "China": "1814991"}
EXPECTED_ISO = {"Japan": ("JP", "JPN"), "United States": ("US", "USA"), "Vietnam": ("VN", "VNM"),
                "South Korea": ("KR", "KOR")}


def links(sample_kg):
    with KnowledgeGraph.open(sample_kg) as graph:
        return {r["label"]: r for r in to_records(run_query(graph, get_query("wikidata-links")))}


def test_links_sample_entities_link_to_the_checked_wikidata_items(sample_kg):
    rows = links(sample_kg)
    linked = {label: r["wikidata"].removeprefix(WD) for label, r in rows.items() if r["wikidata"]}
    assert {k: v for k, v in linked.items() if k in EXPECTED_WIKIDATA} == EXPECTED_WIKIDATA
    assert not NO_KNOWN_IDENTIFIER & set(linked)
    sourced = {"electric vehicles": "Q13629441", "Government of the United States": "Q48525"}  # two sources each
    assert set(linked) <= set(EXPECTED_WIKIDATA) | set(sourced)
    assert all(linked[label] == qid for label, qid in sourced.items() if label in linked)
    assert not {"Reuters", "Bloomberg"} & set(rows)  # named only as sources: "Bloomberg reported", photo credits


def test_links_sample_places_and_countries_carry_geonames_and_iso_codes(sample_kg):
    rows = links(sample_kg)
    for label, geonames in EXPECTED_GEONAMES.items():
        assert rows[label]["geonames"] == f"https://sws.geonames.org/{geonames}/"
    for label, (iso2, iso3) in EXPECTED_ISO.items():
        assert (rows[label]["iso2"], rows[label]["iso3"]) == (iso2, iso3)


def test_links_unlinked_report_on_the_sample_is_exactly_what_has_no_identifier(sample_kg):
    with KnowledgeGraph.open(sample_kg) as graph:
        report = to_records(run_query(graph, get_query("unlinked")))
    labels = {r["label"] for r in report}
    assert NO_KNOWN_IDENTIFIER <= labels
    assert not labels & set(EXPECTED_WIKIDATA)
    assert all(int(r["mentions"]) >= int(r["articles"]) >= 1 and r["forms"] for r in report)
    ranks = [(int(r["articles"]), int(r["mentions"])) for r in report]
    assert ranks == sorted(ranks, reverse=True)  # what most articles name comes first: link it next
    people = {r["label"] for r in report if r["type"] == "Person"}
    assert people == {"Sanae Takaichi", "Hideki Matsuyama"}


def test_links_curated_file_links_individuals_and_concepts(tmp_path):
    path = tmp_path / "links.tsv"
    path.write_text("key\twikidata\tgeonames\tsource\tnote\nperson/sanae-takaichi\tQ1000001\t\tcurator\t\n"
                    "sector/magnets\tQ1000002\t\tcurator\t\nplace/yokosuka\t\t1848313\tcurator\t\n", encoding="utf-8")
    triples = {(t.subject.value.rsplit("/", 2)[-2:][1], t.predicate.value.rsplit("#")[-1], t.object.value)
               for t in link_triples(read_links(path), Iris())}
    assert triples == {("sanae-takaichi", "sameAs", WD + "Q1000001"), ("magnets", "exactMatch", WD + "Q1000002"),
                       ("yokosuka", "geonames", "https://sws.geonames.org/1848313/")}


def test_links_build_applies_a_links_file_and_warns_about_unknown_keys(tmp_path):
    from kg_builder import paths
    from kg_builder.pipeline.build import build

    path = tmp_path / "links.tsv"
    path.write_text("key\twikidata\nperson/sanae-takaichi\tQ1000001\nperson/nobody-here\tQ1000009\n", encoding="utf-8")
    summary = build([paths.sample_articles_dir()], tmp_path / "kg", owl=False, links=[path])
    assert summary.report.conforms
    assert any("person/nobody-here is neither reference data nor mentioned" in w for w in summary.warnings)
    assert links(tmp_path / "kg")["Sanae Takaichi"]["wikidata"] == WD + "Q1000001"
