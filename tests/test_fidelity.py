"""Quality floors on real news the rules were not written for (tests/data/dev): the dev
articles are built and scored against their hand-written gold; a score under its recorded
floor fails. This is a regression test, not a timed one."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from kg_builder.build import build
from kg_builder.evaluation import evaluate, read_gold
from kg_builder.evaluation.names import normalise
from kg_builder.queries import get_query, run_query
from kg_builder.results import to_records
from kg_builder.store import KnowledgeGraph

DEV = Path(__file__).parent / "data" / "dev"
FLOORS = yaml.safe_load((DEV / "floors.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dev_kg(tmp_path_factory) -> Path:
    kg = tmp_path_factory.mktemp("dev") / "kg"
    build([DEV / "articles"], kg, owl=False)
    return kg


@pytest.fixture(scope="module")
def dev_report(dev_kg):
    with KnowledgeGraph.open(dev_kg) as graph:
        return evaluate(graph, read_gold(DEV / "gold.yaml"))


@pytest.fixture(scope="module")
def dev_rows(dev_kg) -> dict[str, list[dict[str, str]]]:
    with KnowledgeGraph.open(dev_kg) as graph:
        return {name: to_records(run_query(graph, get_query(name))) for name in ("entities",)}


@pytest.mark.parametrize("kind", sorted(FLOORS["entities"]))
def test_fidelity_entities_stay_above_floor(dev_report, kind):
    measure = dev_report.entities[kind]
    assert measure.f1 >= FLOORS["entities"][kind], (kind, measure.missed, measure.extra)


def test_fidelity_agreements_stay_above_floor(dev_report):
    assert dev_report.agreements.f1 >= FLOORS["agreements"]["f1"], dev_report.agreements.missed
    assert dev_report.slot_mean >= FLOORS["agreements"]["slot_mean"], dev_report.slots


def test_fidelity_events_stay_above_floor(dev_report):
    assert dev_report.events.f1 >= FLOORS["events"]["f1"], (dev_report.events.missed, dev_report.events.extra)


def _checked_links() -> dict[str, str | None]:
    """Label -> QID checked by hand (None: checked, and no QID is known)."""
    out: dict[str, str | None] = {}
    with (DEV / "checked-links.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            out[normalise(row["label"])] = row["wikidata_qid"] or None
    return out


def test_fidelity_no_wrong_wikidata_link(dev_rows):
    """Every Wikidata link the dev build makes is the one checked by hand for that name, and a name
    checked to have no known QID stays unlinked."""
    checked = _checked_links()
    linked = [(row["label"], row["wikidata"].rsplit("/", 1)[-1]) for row in dev_rows["entities"] if row["wikidata"]]
    assert linked
    for label, qid in linked:
        assert normalise(label) in checked, f"{label} is linked to {qid}, which no one checked"
        assert checked[normalise(label)] == qid, f"{label} is linked to {qid}, checked: {checked[normalise(label)]}"
