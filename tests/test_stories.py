"""Stories of other kinds than the samples, built end to end and read through the saved queries."""

from pathlib import Path

import pytest

from kg_builder.pipeline.build import build
from kg_builder.serve.queries import get_query, run_query, to_records
from kg_builder.store.local import KnowledgeGraph
from tests.conftest import DATA

STORIES = DATA / "stories"


@pytest.fixture(scope="module")
def stories_kg(tmp_path_factory) -> Path:
    kg = tmp_path_factory.mktemp("stories") / "kg"
    summary = build([STORIES], kg, owl=False)
    assert summary.report.conforms, summary.report.violations[:3]
    return kg


def rows(kg, name, **params):
    with KnowledgeGraph.open(kg) as graph:
        return to_records(run_query(graph, get_query(name), params))


def test_stories_framework_signed_by_two_leaders(stories_kg):
    (a,) = [r for r in rows(stories_kg, "agreements") if "India" in r["parties"]]
    assert (a["kind"], a["date"], a["place"], a["sources"]) == ("Framework agreement", "2025-03-07", "Canberra", "1")
    assert set(a["signatories"].split(" | ")) == {"Anthony Albanese", "Narendra Modi"}
    assert set(a["minerals"].split(" | ")) == {"lithium", "cobalt", "critical minerals"}
    assert set(a["sectors"].split(" | ")) == {"batteries", "electric vehicles"}
    commitments = {r["commitment"]: r["deadline"] for r in rows(stories_kg, "commitments")}
    assert commitments["identify five lithium projects for investment"] == "2025-09"


def test_stories_memorandum_between_ministry_and_company(stories_kg):
    (a,) = [r for r in rows(stories_kg, "agreements") if "Eramet Group" in r["parties"]]
    assert a["kind"] == "Memorandum of understanding" and a["amounts"] == "2600000000 USD"
    assert set(a["parties"].split(" | ")) == {"Indonesia", "Ministry of Energy and Mineral Resources of Indonesia",
                                              "Eramet Group"}
    assert a["date"] == "2024-06-12"


def test_stories_export_controls_planned_and_lifted(stories_kg):
    events = {(r["kind"], r["participants"]): r["date"] for r in rows(stories_kg, "events", status="any")}
    assert events[("planned export control", "China")] == "2023-08-01"
    assert events[("export control lifting", "United States")] == "2023-05"
    happened = {(r["kind"], r["participants"]) for r in rows(stories_kg, "events")}
    assert ("export control lifting", "United States") in happened
    assert not any(kind.startswith("planned") for kind, _ in happened)
    planned = {r["kind"] for r in rows(stories_kg, "events", status="planned")}
    assert planned and all(kind.startswith("planned") for kind in planned)


def test_stories_tariff_threat(stories_kg):
    (tariff,) = [r for r in rows(stories_kg, "events") if "tariff" in r["kind"]]  # threats are listed
    assert [r["kind"] for r in rows(stories_kg, "events", status="threatened")] == ["threatened tariff"]
    assert tariff["date"] == "2025-02-01" and tariff["kind"] == "threatened tariff"
    assert {"Donald Trump", "Canada", "Mexico"} <= set(tariff["participants"].split(" | "))


def test_stories_summit_meeting_planned_visit_and_membership(stories_kg):
    events = rows(stories_kg, "events", participant="person/emmanuel-macron", status="any")
    assert {(r["kind"], r["date"], r["place"]) for r in events} == {("meeting", "2025-06-16", ""),
                                                                    ("planned visit", "2025-07", "Berlin")}
    roles = {(r["person"], r["role"], r["of"]) for r in rows(stories_kg, "roles")}
    assert ("Keir Starmer", "Member", "Labour Party") in roles


def test_stories_conflicting_figures_are_listed_with_their_sources(stories_kg):
    found = rows(stories_kg, "conflicting-figures")
    assert {(r["quantity"], r["articles"], r["sources"]) for r in found} == {
        ("65", "figures_a", "1"), ("60", "figures_b", "1")}
    assert len({r["measure"] for r in found}) == 1


def test_stories_timeline_is_in_date_order_and_filters(stories_kg):
    dates = [r["date"] for r in rows(stories_kg, "timeline")]
    assert dates == sorted(dates) and len(dates) >= 6
    assert [r["date"] for r in rows(stories_kg, "timeline", **{"from": "2025-01-01", "to": "2025-03-31"})] == \
        ["2025-02-01", "2025-03-07"]


def test_stories_actor_facts_and_agreements_by_mineral_and_sector(stories_kg):
    china = {(r["type"], r["part"], r["status"]) for r in rows(stories_kg, "actor-facts", actor="country/cn")}
    assert ("event", "participant", "planned") in china
    by_mineral = rows(stories_kg, "agreements-by-mineral", mineral="mineral/nickel")
    assert [r["label"] for r in by_mineral] == ["Eramet Group–Indonesia–Ministry of Energy and Mineral Resources of "
                                                "Indonesia memorandum of understanding"]
    assert {r["sectorLabel"] for r in rows(stories_kg, "agreements-by-sector")} >= {"batteries", "electric vehicles"}


def test_stories_every_fact_has_its_sentence(stories_kg):
    sources = rows(stories_kg, "fact-sources")
    facts = {r["agreement"] for r in rows(stories_kg, "agreements")} | {r["event"] for r in rows(stories_kg, "events")}
    assert facts <= {r["fact"] for r in sources}
    assert all(r["exact"] and r["exact"] in r["sentence"] for r in sources)


def test_stories_review_queue_lists_single_source_low_confidence_facts(stories_kg):
    queue = rows(stories_kg, "review-queue", threshold="0.95")
    assert queue and all(float(r["confidence"]) < 0.95 for r in queue)
    assert all(r["sentence"] for r in queue)
    assert rows(stories_kg, "review-queue", threshold="0.1") == []
