"""Gold facts written by hand, read from YAML and checked.

>>> gold = read_gold_text('''
... version: 1
... articles:
...   - file: a.txt
...     people: [{name: Jane Roe}]
...     countries: [Japan]
...     agreements:
...       - {label: a deal, parties: [Japan, US], date: 2025-10-28, minerals: [rare earths]}
... ''', "inline")
>>> sorted(gold.entities["Person"]), sorted(gold.entities["Mineral"])
(['jane roe'], ['rare earth elements'])
>>> gold.agreements[0].parties == {"japan", "united states"}
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg_builder.errors import KgBuilderError
from kg_builder.evaluation.names import bracket_forms, normalise

TYPES = ("Person", "Country", "Organization", "Mineral", "Sector")
EVENT_KINDS = (("sign", "signing"), ("export control", "export_control"), ("tariff", "tariff"),
               ("meet", "meeting"), ("talk", "meeting"), ("summit", "meeting"),
               ("visit", "visit"), ("tour", "visit"), ("travel", "visit"), ("took office", "took_office"))


class GoldError(KgBuilderError):
    """A gold file is missing or malformed."""


@dataclass
class GoldAgreement:
    label: str
    parties: set[str]
    signatories: set[str] = field(default_factory=set)
    date: str | None = None
    lenient_date: str | None = None
    places: set[str] = field(default_factory=set)
    minerals: set[str] = field(default_factory=set)
    amounts: set[float] = field(default_factory=set)


@dataclass
class GoldEvent:
    kind: str
    participants: set[str]
    date: str | None = None


@dataclass
class Gold:
    """What a gold file asks of a graph, in normalised names."""

    entities: dict[str, set[str]]
    optional: dict[str, set[str]]
    agreements: list[GoldAgreement]
    events: list[GoldEvent]
    variants: dict[str, str]
    articles: int

    def norm(self, text: str | None) -> str:
        return normalise(text, self.variants)

    def norms(self, values) -> set[str]:
        return {n for v in values or [] if v and (n := self.norm(str(v)))}


def event_kind(text: str | None) -> str | None:
    """The scored kind of an event's kind label ("bilateral meeting", "ExportControl", "signing")."""
    if not text:
        return None
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text).lower().replace("_", " ")
    return next((kind for key, kind in EVENT_KINDS if key in spaced), None)


def read_gold(path: Path) -> Gold:
    """Read and check a gold file; errors name the file and the article."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise GoldError(f"{path}: cannot read the gold file ({error.strerror})") from None
    return read_gold_text(text, str(path))


def read_gold_text(text: str, where: str) -> Gold:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise GoldError(f"{where}:{at} not valid YAML ({getattr(error, 'problem', error)})") from None
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise GoldError(f"{where}: a gold file is a mapping with a list under 'articles'")
    articles = data["articles"]
    for number, art in enumerate(articles, 1):
        _check_article(art, f"{where}: article {number}")
    variants = _variants(articles)
    gold = Gold({t: set() for t in TYPES}, {t: set() for t in TYPES}, [], [], variants, len(articles))
    for art in articles:
        _add_entities(gold, art)
    gold.agreements = _agreements(gold, articles)
    gold.events = _events(gold, articles)
    for t in TYPES:
        gold.optional[t] -= gold.entities[t]
    return gold


LISTS = ("people", "countries", "organisations", "minerals", "sectors", "agreements", "events")


def _check_article(art, where: str) -> None:
    if not isinstance(art, dict):
        raise GoldError(f"{where}: each article is a mapping (file, people, countries, ...)")
    where = f"{where} ({art.get('file', 'no file')})"
    for key in LISTS:
        if art.get(key) is not None and not isinstance(art[key], list):
            raise GoldError(f"{where}: '{key}' must be a list")
    for key in ("people", "organisations"):
        for item in art.get(key) or []:
            if not isinstance(item, dict) or not item.get("name"):
                raise GoldError(f"{where}: every entry of '{key}' needs a name ({item!r})")
    for ag in art.get("agreements") or []:
        if not isinstance(ag, dict):
            raise GoldError(f"{where}: every agreement is a mapping ({ag!r})")
        for amount in ag.get("amounts") or []:
            if not isinstance(amount, dict) or not isinstance(amount.get("value"), int | float):
                raise GoldError(f"{where}: agreement {ag.get('label')!r}: an amount needs a numeric value")


def _variants(articles: list[dict]) -> dict[str, str]:
    """Other forms of the names gold writes with a note in brackets."""
    names = []
    for art in articles:
        names += [p.get("name") for p in art.get("people") or []]
        names += [o.get("name") for o in art.get("organisations") or []]
        for fact in (art.get("agreements") or []) + (art.get("events") or []):
            for key in ("parties", "signatories", "participants"):
                names += [str(n) for n in fact.get(key) or []]
    out: dict[str, str] = {}
    for name in names:
        if name and "(" in name:
            canonical, others = bracket_forms(name)
            for other in others:
                out.setdefault(other, canonical)
            written = normalise(name)
            if written != canonical:
                out.setdefault(written, canonical)
    return out


def _add_entities(gold: Gold, art: dict) -> None:
    for person in art.get("people") or []:
        (gold.optional if person.get("optional") else gold.entities)["Person"].add(gold.norm(person["name"]))
    for country in art.get("countries") or []:
        gold.entities["Country"].add(gold.norm(str(country)))
    for org in art.get("organisations") or []:
        bucket = "Country" if gold.norm(org.get("type")) == "country" else "Organization"
        (gold.optional if org.get("optional") else gold.entities)[bucket].add(gold.norm(org["name"]))
    gold.entities["Mineral"] |= gold.norms(art.get("minerals"))
    gold.entities["Sector"] |= gold.norms(art.get("sectors"))
    for ag in art.get("agreements") or []:
        gold.entities["Mineral"] |= gold.norms(ag.get("minerals"))
        gold.entities["Sector"] |= gold.norms(ag.get("sectors"))


def _agreements(gold: Gold, articles: list[dict]) -> list[GoldAgreement]:
    """One gold agreement per (parties, date), or per ``canonical_id``, across articles."""
    merged: dict = {}
    for art in articles:
        for ag in art.get("agreements") or []:
            parties = frozenset(gold.norms(ag.get("parties")))
            date = ag.get("date") or ag.get("inferred_date")
            key = ag.get("canonical_id") or (parties, str(date or ""), "" if parties else gold.norm(ag.get("label")))
            item = merged.setdefault(key, GoldAgreement(str(ag.get("label") or ""), set(parties)))
            item.signatories |= gold.norms(ag.get("signatories"))
            item.date = item.date or (str(ag["date"]) if ag.get("date") else None)
            item.lenient_date = item.lenient_date or (str(date) if date else None)
            if ag.get("place"):
                item.places.add(gold.norm(str(ag["place"])))
            item.minerals |= gold.norms(ag.get("minerals"))
            item.amounts |= {float(a["value"]) for a in ag.get("amounts") or []}
    return list(merged.values())


def _events(gold: Gold, articles: list[dict]) -> list[GoldEvent]:
    """Events that happened (planned and past ones are not scored), one per kind and participants."""
    merged: dict = {}
    for art in articles:
        for ev in art.get("events") or []:
            label = str(ev.get("kind") or "")
            kind = event_kind(label)
            if not kind or "planned" in label or "past" in label:
                continue
            participants = frozenset(gold.norms(ev.get("participants")))
            item = merged.setdefault((kind, participants), GoldEvent(kind, set(participants)))
            item.date = item.date or (str(ev.get("date") or ev.get("inferred_date") or "") or None)
    return list(merged.values())
