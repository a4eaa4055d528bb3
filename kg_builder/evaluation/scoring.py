"""Precision, recall and F1 of a graph's entities, agreements (with each slot) and events
against gold, with what was missed and what was extra.

Entities are compared as sets of normalised labels per type. Agreements and events are
matched one to one, best first: an agreement by its parties (at least half shared), date,
signatories and minerals; an event by its kind, participants and a date that does not
contradict. Matched agreements are then scored slot by slot.

>>> from kg_builder.evaluation.gold import read_gold_text
>>> gold = read_gold_text("articles: [{countries: [Japan, China]}]", "inline")
>>> report = score(gold, [{"type": "Country", "label": "Japan"}], [], [])
>>> report.entities["Country"].recall, report.entities["Country"].missed
(0.5, ['china'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg_builder.evaluation.gold import TYPES, Gold, GoldAgreement, event_kind

SEP = "|"
SLOTS = ("parties", "signatories", "date", "place", "minerals", "amounts")
TYPE_KEYS = (("person", "Person"), ("countr", "Country"), ("state", "Country"), ("mineral", "Mineral"),
             ("element", "Mineral"), ("commodit", "Mineral"), ("sector", "Sector"), ("industr", "Sector"),
             ("place", "Place"), ("location", "Place"), ("city", "Place"), ("organi", "Organization"),
             ("company", "Organization"), ("party", "Organization"), ("government", "Organization"),
             ("agency", "Organization"))


@dataclass
class Measure:
    tp: int
    predicted: int
    expected: int
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else (1.0 if not self.expected else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"p": round(self.precision, 3), "r": round(self.recall, 3), "f1": round(self.f1, 3), "tp": self.tp,
                "pred": self.predicted, "gold": self.expected, "missed": self.missed, "extra": self.extra}


@dataclass
class Report:
    entities: dict[str, Measure]
    agreements: Measure
    slots: dict[str, float | None]
    events: Measure
    event_date_accuracy: float | None
    matched_agreements: list[tuple[str, str]]

    @property
    def slot_mean(self) -> float:
        values = [v for v in self.slots.values() if v is not None]
        return sum(values) / len(values) if values else 0.0

    def as_dict(self) -> dict:
        return {"entities": {t: m.as_dict() for t, m in self.entities.items()},
                "agreements": {**self.agreements.as_dict(), "slots": self.slots,
                               "slot_mean": round(self.slot_mean, 3),
                               "matched": [list(pair) for pair in self.matched_agreements]},
                "events": {**self.events.as_dict(), "date_accuracy": self.event_date_accuracy}}


def score(gold: Gold, entities: list[dict], agreements: list[dict], events: list[dict]) -> Report:
    """Score rows of the saved queries ``entities``, ``agreements`` and ``events`` (cells as strings)."""
    agreement_measure, slots, matched = _score_agreements(gold, agreements)
    event_measure, accuracy = _score_events(gold, events)
    return Report(_score_entities(gold, entities), agreement_measure, slots, event_measure, accuracy, matched)


def entity_type(text: str) -> str:
    t = (text or "").rsplit("#", 1)[-1].rsplit("/", 1)[-1].lower()
    return next((name for key, name in TYPE_KEYS if key in t), text)


def split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split(SEP) if part.strip()]


def _score_entities(gold: Gold, rows: list[dict]) -> dict[str, Measure]:
    predicted: dict[str, set[str]] = {t: set() for t in TYPES}
    for row in rows:
        t = entity_type(row.get("type", ""))
        if t in predicted:
            predicted[t].add(gold.norm(row.get("label")))
    out = {}
    total = Measure(0, 0, 0)
    for t in TYPES:
        pred = predicted[t] - gold.optional[t]
        if t == "Organization":  # a bloc may be typed either way
            pred -= gold.entities["Country"]
        if t == "Country":
            pred -= gold.entities["Organization"]
        expected = gold.entities[t]
        measure = Measure(len(pred & expected), len(pred), len(expected), sorted(expected - pred),
                          sorted(pred - expected))
        out[t] = measure
        total.tp += measure.tp
        total.predicted += measure.predicted
        total.expected += measure.expected
    out["all"] = total
    return out


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def _set_f1(pred: set, expected: set) -> float:
    return Measure(len(pred & expected), len(pred), len(expected)).f1


def _match(preds: list, golds: list, similarity, threshold: float) -> list[tuple[int, int]]:
    pairs = sorted(((similarity(p, g), i, j) for i, p in enumerate(preds) for j, g in enumerate(golds)), reverse=True)
    used_p, used_g, out = set(), set(), []
    for s, i, j in pairs:
        if s >= threshold and i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def _amounts(cell: str) -> set[float]:
    values = set()
    for item in split(cell):
        if m := re.search(r"[\d.]+(?:e\d+)?", item.replace(",", "")):
            try:
                values.add(float(m.group()))
            except ValueError:
                pass
    return values


def _agreement_similarity(p: dict, g: GoldAgreement) -> float:
    return (_jaccard(p["parties"], g.parties) + 0.5 * (p["date"] is not None and p["date"] == g.lenient_date)
            + 0.3 * _jaccard(p["signatories"], g.signatories) + 0.2 * _jaccard(p["minerals"], g.minerals))


def _score_agreements(gold: Gold, rows: list[dict]) -> tuple[Measure, dict[str, float | None], list]:
    preds = [{"label": r.get("label") or r.get("agreement") or "", "parties": gold.norms(split(r.get("parties"))),
              "signatories": gold.norms(split(r.get("signatories"))), "date": (r.get("date") or "")[:10] or None,
              "place": gold.norm(r.get("place")), "minerals": gold.norms(split(r.get("minerals"))),
              "amounts": _amounts(r.get("amounts", ""))} for r in rows]
    golds = gold.agreements
    pairs = [(i, j) for i, j in _match(preds, golds, _agreement_similarity, 0.5)
             if _jaccard(preds[i]["parties"], golds[j].parties) >= 0.5]
    slots: dict[str, list[float]] = {name: [] for name in SLOTS}
    for i, j in pairs:
        p, g = preds[i], golds[j]
        slots["parties"].append(_set_f1(p["parties"], g.parties))
        if g.signatories:
            slots["signatories"].append(_set_f1(p["signatories"], g.signatories))
        if g.lenient_date:
            slots["date"].append(float(p["date"] == g.lenient_date))
        if g.places:
            slots["place"].append(float(bool(p["place"]) and any(p["place"] in gp or gp in p["place"]
                                                                 for gp in g.places)))
        if g.minerals:
            slots["minerals"].append(_set_f1(p["minerals"], g.minerals))
        if g.amounts:
            hit = sum(any(abs(a - b) <= 0.01 * b for a in p["amounts"]) for b in g.amounts)
            slots["amounts"].append(hit / len(g.amounts))
    means = {k: round(sum(v) / len(v), 3) if v else None for k, v in slots.items()}
    got_p, got_g = {i for i, _ in pairs}, {j for _, j in pairs}
    measure = Measure(len(pairs), len(preds), len(golds), [golds[j].label for j in range(len(golds)) if j not in got_g],
                      [preds[i]["label"] for i in range(len(preds)) if i not in got_p])
    return measure, means, [(preds[i]["label"], golds[j].label) for i, j in pairs]


def _score_events(gold: Gold, rows: list[dict]) -> tuple[Measure, float | None]:
    preds = []
    for r in rows:
        if kind := event_kind(r.get("kind")):
            preds.append({"kind": kind, "participants": gold.norms(split(r.get("participants"))),
                          "date": (r.get("date") or "")[:10] or None, "label": r.get("event") or kind})

    def similarity(p: dict, g) -> float:
        if p["kind"] != g.kind or (p["date"] and g.date and p["date"] != g.date):
            return 0.0
        return 0.5 + _jaccard(p["participants"], g.participants)

    golds = gold.events
    pairs = _match(preds, golds, similarity, 1.0)
    got_p, got_g = {i for i, _ in pairs}, {j for _, j in pairs}
    measure = Measure(len(pairs), len(preds), len(golds),
                      [_describe(g.kind, g.participants, g.date) for j, g in enumerate(golds) if j not in got_g],
                      [_describe(p["kind"], p["participants"], p["date"]) for i, p in enumerate(preds)
                       if i not in got_p])
    dated = [(preds[i], golds[j]) for i, j in pairs if golds[j].date]
    accuracy = round(sum(p["date"] == g.date for p, g in dated) / len(dated), 3) if dated else None
    return measure, accuracy


def _describe(kind: str, participants: set[str], date: str | None) -> str:
    return f"{kind}: {', '.join(sorted(participants))} ({date or 'undated'})"
