"""A change re-merges only the claims it can reach: every claim left out of the reach of a change
keeps the cluster a full merge gives it after the change.

The claims are drawn from a small world (few actors, kinds, dates and places) so that signatures
hold each other in every way merging allows: plain deals completed by a kind, dates made precise,
holders that stop being full when a larger signature appears, unnamed participants.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg_builder.corpus.merge import AgreementRecord, EventRecord, Reach, assign_agreements, assign_events

ACTORS = ["country/au", "country/cn", "country/jp", "country/us", "org/kestrel"]
DATES = [None, "2024", "2025", "2025-10", "2025-10-28", "2025-11"]
PLACES = ["place/tokyo", "place/perth", "country/jp"]


def label(key: str) -> str:
    return key.split("/")[1]


def country(key: str) -> str | None:
    return {"place/tokyo": "country/jp", "country/jp": "country/jp", "place/perth": "country/au"}.get(key)


actors = st.frozensets(st.sampled_from(ACTORS), max_size=3)
agreement_fields = st.tuples(st.sampled_from(["Agreement", "SupplyAgreement", "Loan"]), actors,
                             st.sampled_from(DATES), st.frozensets(st.sampled_from(["lithium", "loan 5 USD"])))
event_fields = st.tuples(st.sampled_from(["Meeting", "ExportControl"]), st.sampled_from(["occurred", "planned"]),
                         actors, st.sampled_from(DATES), st.frozensets(st.sampled_from(PLACES), max_size=2),
                         st.booleans())


def agreements(fields, article: str) -> list[AgreementRecord]:
    return [AgreementRecord((article, j), kind, parties, date, extra)
            for j, (kind, parties, date, extra) in enumerate(fields)]


def events(fields, article: str) -> list[EventRecord]:
    return [EventRecord((article, j), kind, status, people, date, places, unnamed)
            for j, (kind, status, people, date, places, unnamed) in enumerate(fields)]


def check(assign, make, articles: list, new: list, data) -> None:
    """Some stored articles removed and a new one added: the claims left out of the change's reach
    keep their cluster, and every claim of the new article is named."""
    kept = [r for i, fields in enumerate(articles) for r in make(fields, f"a{i}")]
    gone = data.draw(st.sets(st.sampled_from(sorted({r.ref[0] for r in kept}))), label="removed articles")
    removed = [r for r in kept if r.ref[0] in gone]
    kept = [r for r in kept if r.ref[0] not in gone]
    added = make(new, "new")
    before = assign(kept + removed, None)
    after = assign(kept + added, None)
    named = assign(kept + added, Reach(removed + added))
    assert {ref: after[ref] for ref in named} == named
    unreached = [r.ref for r in kept if r.ref not in named]
    assert {ref: after[ref] for ref in unreached} == {ref: before[ref] for ref in unreached}
    assert {r.ref for r in added} <= set(named)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(agreement_fields, min_size=1, max_size=3), min_size=1, max_size=8),
       st.lists(agreement_fields, max_size=3), st.data())
def test_agreements_out_of_reach_keep_their_cluster(articles, new, data):
    check(lambda records, reach: assign_agreements(records, label, reach), agreements, articles, new, data)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(event_fields, min_size=1, max_size=3), min_size=1, max_size=8),
       st.lists(event_fields, max_size=3), st.data())
def test_events_out_of_reach_keep_their_cluster(articles, new, data):
    check(lambda records, reach: assign_events(records, label, country, reach), events, articles, new, data)


def test_a_larger_deal_moves_claims_held_by_the_deal_it_completes():
    """A loan of 2025 between Japan and the US is full, and an undated plain deal between them
    joins it; a loan of 2025 that adds Australia makes the first one not full, so the plain deal
    (which the new loan does not hold: its dates need not agree) is in reach."""
    kept = [AgreementRecord(("a", 0), "Loan", frozenset({"country/jp", "country/us"}), None),
            AgreementRecord(("b", 0), "Agreement", frozenset({"country/jp", "country/us"}), "2024")]
    added = [AgreementRecord(("new", 0), "Loan", frozenset({"country/jp", "country/us", "country/au"}), "2025")]
    reach = Reach(added)
    named = assign_agreements(kept + added, label, reach)
    assert named[("b", 0)] != assign_agreements(kept, label)[("b", 0)]  # it moved: leaving it out would be wrong
