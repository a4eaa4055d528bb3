"""Scoring a graph against gold facts: names, matching, slots, errors and the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg_builder.cli import app
from kg_builder.evaluation import read_gold, score
from kg_builder.evaluation.gold import GoldError, read_gold_text

DATA = Path(__file__).parent / "data"

GOLD = """
version: 1
articles:
  - file: a.txt
    people:
      - {name: Jane Roe}
      - {name: Reuters Desk, optional: true}
    countries: [Japan, United States]
    organisations:
      - {name: Frontier Works Organisation (FWO), type: state company}
      - {name: Lynas Rare Earths, type: company}
    minerals: [rare earths, lithium]
    sectors: [defense]
    agreements:
      - label: framework
        parties: [US, Japan]
        signatories: [Jane Roe]
        date: 2025-10-28
        place: Tokyo
        minerals: [rare earths]
        amounts: [{value: 550000000000, currency: USD, what: investment}]
      - label: a loan
        parties: [Lynas Rare Earths, Frontier Works Organisation (FWO)]
        date: null
    events:
      - {kind: signing, date: 2025-10-28, participants: [Jane Roe]}
      - {kind: planned visit, participants: [Jane Roe]}
      - {kind: bilateral meeting, date: 2025-10-27, participants: [Japan, United States]}
"""


def rows(text: str) -> list[dict]:
    header, *lines = [line.split(";") for line in text.strip().splitlines()]
    return [dict(zip(header, line, strict=True)) for line in lines]


def test_evaluation_entities_by_type_with_missed_and_extra():
    gold = read_gold_text(GOLD, "gold")
    entities = rows("""type;label
Person;Jane Roe
Person;Reuters Desk
Country;the U.S.
Organization;FWO
Organization;Bloomberg
Mineral;Rare-earth elements
Sector;defence""")
    report = score(gold, entities, [], [])
    assert report.entities["Person"].f1 == 1.0  # the optional name is neither a hit nor extra
    assert (report.entities["Country"].tp, report.entities["Country"].missed) == (1, ["japan"])
    org = report.entities["Organization"]
    assert (org.tp, org.predicted, org.expected) == (1, 2, 2)  # the acronym counts as the full name
    assert org.missed == ["lynas rare earths"] and org.extra == ["bloomberg"]
    assert report.entities["Mineral"].missed == ["lithium"]
    assert report.entities["all"].tp == 5 and report.entities["all"].expected == 8


def test_evaluation_agreements_matched_one_to_one_and_scored_by_slot():
    gold = read_gold_text(GOLD, "gold")
    agreements = rows("""label;parties;signatories;date;place;minerals;amounts
US-Japan framework;United States | Japan;Jane Roe;2025-10-28;Tokyo;rare-earth elements;550000000000 USD
US-Japan deal;United States | Japan;;;;;
Lynas loan;Lynas Rare Earths | FWO | China;;;;;""")
    report = score(gold, [], agreements, [])
    assert (report.agreements.tp, report.agreements.predicted, report.agreements.expected) == (2, 3, 2)
    assert report.matched_agreements[0] == ("US-Japan framework", "framework")
    assert report.slots["signatories"] == 1.0 and report.slots["amounts"] == 1.0
    assert report.slots["parties"] == pytest.approx((1.0 + 0.8) / 2)  # 2 of 3 parties right
    assert report.agreements.extra == ["US-Japan deal"]


def test_evaluation_agreement_needs_half_its_parties():
    gold = read_gold_text(GOLD, "gold")
    report = score(gold, [], rows("label;parties;signatories;date;place;minerals;amounts\n"
                                  "x;Japan | China | India;;2025-10-28;;;"), [])
    assert report.agreements.tp == 0 and report.agreements.missed == ["framework", "a loan"]


def test_evaluation_events_skip_planned_and_contradicting_dates():
    gold = read_gold_text(GOLD, "gold")
    assert {e.kind for e in gold.events} == {"signing", "meeting"}
    events = rows("""event;kind;date;participants
e1;Signing;2025-10-28;Jane Roe
e2;meeting;2025-10-29;Japan | United States
e3;visit;;Jane Roe""")
    report = score(gold, [], [], events)
    assert report.events.tp == 1 and report.event_date_accuracy == 1.0
    assert report.events.missed == ["meeting: japan, united states (2025-10-27)"]
    assert len(report.events.extra) == 2


@pytest.mark.parametrize(("text", "message"), [
    ("articles: [{people: [{role: x}]}]", "article 1 (no file): every entry of 'people' needs a name"),
    ("articles:\n  - file: a.txt\n    countries: Japan", "article 1 (a.txt): 'countries' must be a list"),
    ("articles: [{file: b, agreements: [{amounts: [{value: lots}]}]}]", "an amount needs a numeric value"),
    ("articles: [\n  {file: a", "line 2"),
    ("people: []", "a list under 'articles'"),
])
def test_evaluation_bad_gold_says_what_and_where(text, message):
    with pytest.raises(GoldError, match="gold.yaml") as error:
        read_gold_text(text, "gold.yaml")
    assert message in str(error.value)


def test_evaluation_missing_gold_file(tmp_path):
    with pytest.raises(GoldError, match="cannot read"):
        read_gold(tmp_path / "none.yaml")


def test_evaluation_command_on_the_sample_build(sample_kg, tmp_path):
    out = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["evaluate", str(DATA / "sample_gold.yaml"), "--kg", str(sample_kg),
                                      "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "Organization" in result.output and "slot mean" in result.output
    report = json.loads(out.read_text())
    assert report["agreements"]["tp"] == report["agreements"]["gold"] == 6
    assert report["entities"]["Person"]["f1"] == 1.0
    last = result.output.strip().splitlines()[-1]  # the summary line says what the JSON report holds
    assert last == (f"score: entities F1 {report['entities']['all']['f1']:.2f} | agreements F1 "
                    f"{report['agreements']['f1']:.2f} slots {report['agreements']['slot_mean']:.2f} | "
                    f"events F1 {report['events']['f1']:.2f}")
    assert report["entities"]["all"]["f1"] >= 0.96


def test_evaluation_command_reports_a_bad_gold_file(sample_kg, tmp_path):
    bad = tmp_path / "gold.yaml"
    bad.write_text("articles: 3\n")
    result = CliRunner().invoke(app, ["evaluate", str(bad), "--kg", str(sample_kg)])
    assert result.exit_code == 2 and "gold.yaml" in result.output
