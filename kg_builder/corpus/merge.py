"""One node per agreement and per event, however many articles report it.

Merging is a function of the set of claims, never of their order, and each decision looks only at
claims that share an actor with it, so that adding or removing an article re-merges only what it
can touch.

Each claim has a *signature*: for an agreement its kind, its parties and its date; for an event its
kind, status, participants and date. One signature *holds* another when it says all the other says
and more: the same kind (a plain "deal" is held by any kind), the other's parties among its own,
and the other's date, if it has one, as the start of its own ("2025" is held by "2025-10-28"). A
signature that no other holds is a *full* one: each full signature is one agreement (or event),
named from what it is (kind, parties or participants, date), so the same corpus always gives the
same IRIs. A claim whose signature is not full joins the full signature that holds it and shares
most with it (minerals, sectors, signatories, money; for events participants, date and places), on
a tie the one more articles report, then the first by name. A claim with no party or participant
is an agreement or event of its own. A signing is the signing of its agreement.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from kg_builder.keys import is_kind, slug_of
from kg_builder.model import DateValue, EventClaim, Extraction
from kg_builder.namespaces import slugify
from kg_builder.reference import Reference

GENERIC = {"Agreement"}
KIND_LABELS = {
    "Agreement": "agreement", "FrameworkAgreement": "framework agreement", "TradeAgreement": "trade agreement",
    "MemorandumOfUnderstanding": "memorandum of understanding", "InvestmentDeal": "investment deal",
    "Truce": "truce", "JointVenture": "joint venture", "Partnership": "partnership",
    "SupplyAgreement": "supply agreement", "Loan": "loan", "EquityStake": "equity stake",
    "Acquisition": "acquisition",
    "Grant": "grant", "PriceFloor": "price floor", "ActionPlan": "action plan",
    "Signing": "signing", "Meeting": "meeting", "Visit": "visit",
    "ExportControl": "export controls", "ExportControlLifting": "lifting of export controls", "Tariff": "tariffs",
    "Nomination": "nomination", "TakingOffice": "took office", "Announcement": "announcement",
}
DONE_BY_PEOPLE = {"Signing", "Meeting", "Visit", "Nomination", "TakingOffice"}
MAX_KEY_ACTORS = 4

Ref = tuple[str, int]  # (article id, index of the claim in the article)
Named = tuple[str, str]  # (key, label)
Labeller = Callable[[str], str]
Countries = Callable[[str], "str | None"]  # the country a place lies in


@dataclass(frozen=True)
class AgreementRecord:
    """What merging needs of one agreement claim."""

    ref: Ref
    kind: str
    parties: frozenset[str]
    date: str | None
    extra: frozenset[str] = frozenset()

    @property
    def actors(self) -> frozenset[str]:
        return self.parties

    @functools.cached_property
    def signature(self) -> tuple:
        own = () if self.parties else self.ref  # a claim with no party stands alone
        return (self.kind, tuple(sorted(self.parties)), self.date or "", own)

    def held_by(self, other: AgreementRecord) -> bool:
        """Whether ``other``'s signature holds this one's (and is another)."""
        if not self.parties or not other.parties or self.signature == other.signature:
            return False
        if self.kind in GENERIC and other.kind not in GENERIC:  # a plain deal's date may complete its kind's
            return self.parties <= other.parties and _dates_agree(self.date, other.date)
        if other.kind in GENERIC and self.kind not in GENERIC:  # a plain deal may name more of its parties
            return self.parties < other.parties and _dates_agree(self.date, other.date)
        return self.kind == other.kind and self.parties <= other.parties and _date_held(self.date, other.date)


@dataclass(frozen=True)
class EventRecord:
    """What merging needs of one event claim that is not the signing of an agreement."""

    ref: Ref
    kind: str
    status: str
    participants: frozenset[str]
    date: str | None
    places: frozenset[str] = frozenset()
    unnamed: bool = False

    @property
    def actors(self) -> frozenset[str]:
        return self.participants

    @functools.cached_property
    def signature(self) -> tuple:
        own = () if self.participants else self.ref
        return (self.kind, self.status, tuple(sorted(self.participants)), self.date or "", own)

    def held_by(self, other: EventRecord) -> bool:
        return (bool(self.participants) and self.kind == other.kind and self.status == other.status
                and self.participants <= other.participants and _date_held(self.date, other.date)
                and self.signature != other.signature)


def _date_held(date: str | None, other: str | None) -> bool:
    return date is None or (other is not None and other.startswith(date))


def _dates_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _date(value: DateValue | None) -> str | None:
    return value.value if value is not None and not value.value.startswith("--") else None


def agreement_records(extraction: Extraction) -> list[AgreementRecord]:
    """The agreement claims of one (resolved) article, as merging sees them."""
    return [AgreementRecord((extraction.article.id, j), a.kind, frozenset(a.parties), _date(a.date),
                            frozenset(set(a.signatories) | set(a.places) | set(a.minerals) | set(a.sectors)
                                      | {f"{m.value} {m.currency}" for m in a.amounts}))
            for j, a in enumerate(extraction.agreements)]


def event_records(extraction: Extraction) -> list[EventRecord]:
    """The event claims of one (resolved) article that are not signings of an agreement."""
    return [EventRecord((extraction.article.id, j), e.kind, e.status, frozenset(e.participants), _date(e.date),
                        frozenset(e.places), e.unnamed)
            for j, e in enumerate(extraction.events) if e.agreement is None]


@dataclass
class _Signature:
    record: AgreementRecord | EventRecord  # any member: they share the signature
    members: list = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    extra: set[str] = field(default_factory=set)  # agreements: what the members name besides parties
    places: set[str] = field(default_factory=set)
    unnamed: bool = False


class _Holding:
    """The signatures of a set of claims with their members, and which signatures hold which (found on
    demand, so that a change reads only what its claims can reach)."""

    def __init__(self, records: Iterable) -> None:
        self.signatures: dict[tuple, _Signature] = {}
        for record in records:
            sig = self.signatures.get(record.signature)
            if sig is None:
                sig = self.signatures[record.signature] = _Signature(record)
            sig.members.append(record)
            sig.sources.add(record.ref[0])
            if isinstance(record, AgreementRecord):
                sig.extra |= record.extra
            else:
                sig.places |= record.places
                sig.unnamed |= record.unnamed
        self.by_actor: dict[str, set[tuple]] = {}
        for key, sig in self.signatures.items():
            for actor in sig.record.actors:
                self.by_actor.setdefault(actor, set()).add(key)
        self._holders: dict[tuple, list[_Signature]] = {}

    def holders(self, key: tuple) -> list[_Signature]:
        """The signatures that hold this one: only those that share all of its actors are read."""
        found = self._holders.get(key)
        if found is None:
            record = self.signatures[key].record
            sets = sorted((self.by_actor[a] for a in record.actors), key=len)
            candidates = set.intersection(*sets) if sets else set()
            found = self._holders[key] = [self.signatures[k] for k in candidates
                                          if record.held_by(self.signatures[k].record)]
        return found

    def full_holders(self, key: tuple) -> list[_Signature]:
        """The full signatures that hold this one (none: it is full, or held by none that is)."""
        return [h for h in self.holders(key) if not self.holders(h.record.signature)]


def _choose(record, options: list[_Signature], score: Callable) -> _Signature | None:
    """The full signature a claim joins: the best score, then the most sources, then the first by name."""
    best = None
    for option in options:
        rank = (score(record, option), len(option.sources))
        if best is None or rank > best[0] or (rank == best[0] and option.record.signature < best[1].record.signature):
            best = (rank, option)
    return best[1] if best else None


class Reach:
    """The claims a change can move, given the claims it changed (as they were and as they are) and the
    actors whose label changed.

    A claim's cluster is chosen among the full signatures that hold it, by what their members say.
    So a claim the change did not make can move only when a changed signature holds it (one that
    appeared, went, or whose members changed), or when a changed signature holds one of its holders
    (which may then stop or start being full); new members of its own signature change neither. A
    claim with an actor whose label changed may change its cluster's label."""

    def __init__(self, changed: Iterable, relabelled: Iterable[str] = ()) -> None:
        changed = list(changed)
        self.changed = list({r.signature: r for r in changed if r.actors}.values())  # one per signature
        self.refs = {r.ref for r in changed}
        self.relabelled = frozenset(relabelled)
        self._known: dict[tuple, bool] = {}

    def __call__(self, record, holding: _Holding) -> bool:
        if record.ref in self.refs:
            return True
        if not record.actors:
            return False  # it stands alone: nothing else moves it
        if record.actors & self.relabelled:
            return True
        found = self._known.get(record.signature)
        if found is None:
            found = self._known[record.signature] = self._moves(record, holding)
        return found

    def _moves(self, record, holding: _Holding) -> bool:
        changed = [d for d in self.changed if record.actors <= d.actors]
        if not changed:
            return False
        if any(record.held_by(d) for d in changed):
            return True
        return any(h.record.held_by(d) for h in holding.holders(record.signature) for d in changed)


def _clusters(records: Iterable, score: Callable, accepts: Callable,
              reach: Reach | None = None) -> dict[Ref, _Signature]:
    """Each claim's cluster (of the claims within ``reach``, when given), named by its full signature
    (or its own when no full one takes it)."""
    holding = _Holding(records)
    out: dict[Ref, _Signature] = {}
    for key, sig in holding.signatures.items():
        for record in sig.members:
            if reach is None or reach(record, holding):
                options = [h for h in holding.full_holders(key) if accepts(record, h)]
                out[record.ref] = _choose(record, options, score) or sig
    return out


def assign_agreements(records: Iterable[AgreementRecord], label: Labeller,
                      reach: Reach | None = None) -> dict[Ref, Named]:
    """The key and label of the agreement each claim tells (each claim within ``reach``, when given).
    Exact for a claim as long as every record that shares a party with it is given too."""
    def score(record: AgreementRecord, sig: _Signature) -> int:
        return len(record.extra & sig.extra) + (record.date is not None and record.date == sig.record.date)

    clusters = _clusters(records, score, lambda record, sig: True, reach)
    return {ref: _agreement_name(sig.record, label) for ref, sig in clusters.items()}


def assign_events(records: Iterable[EventRecord], label: Labeller, country: Countries,
                  reach: Reach | None = None) -> dict[Ref, Named]:
    """The key and label of the event each claim tells (signings excepted: see :func:`apply`); exact
    under the same condition as :func:`assign_agreements`."""
    def score(record: EventRecord, sig: _Signature) -> float:
        return (_jaccard(record.participants, sig.record.participants) + (record.date == sig.record.date)
                + len(record.places & sig.places))

    def accepts(record: EventRecord, sig: _Signature) -> bool:
        if (record.unnamed or sig.unnamed) and record.participants != sig.record.participants:
            return False  # some who take part are not named: only the same people make it the same event
        return _places_agree(record.places, sig.places, country)

    clusters = _clusters(records, score, accepts, reach)
    return {ref: _event_name(sig.record, label) for ref, sig in clusters.items()}


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def _places_agree(a: frozenset[str], b: set[str], country: Countries) -> bool:
    """Places agree when one is missing, they share a place, or they lie in the same country
    (Akasaka Palace and Tokyo)."""
    if not a or not b or a & b:
        return True
    return bool({country(p) for p in a} & {country(p) for p in b} - {None})


def _hash(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:8]


def _agreement_name(record: AgreementRecord, label: Labeller) -> Named:
    kind = KIND_LABELS.get(record.kind, record.kind)
    parts = [*sorted(slug_of(a) for a in record.parties), kind, record.date or "undated"]
    if not record.parties:
        parts.append(_hash(*record.ref))
    labels = sorted(label(a) for a in record.parties)
    return "agreement/" + slugify("-".join(parts)), f"{'–'.join(labels)} {kind}".strip()


def _event_name(record: EventRecord, label: Labeller) -> Named:
    kind = KIND_LABELS.get(record.kind, record.kind)
    people = {a for a in record.participants if is_kind(a, "person")} if record.kind in DONE_BY_PEOPLE else set()
    actors = people or set(record.participants)
    codes = sorted(slug_of(a) for a in actors)
    status = "" if record.status == "occurred" else record.status
    parts = [status, kind, *codes[:MAX_KEY_ACTORS], record.date or "undated"]
    if actors != record.participants or len(codes) > MAX_KEY_ACTORS or not actors:
        parts.append(_hash(sorted(record.participants), *(record.ref if not actors else ())))  # the key names it whole
    key = "event/" + slugify("-".join(parts).strip("-"))
    names = ", ".join(sorted(label(k) for k in actors))
    return key, f"{(status + ' ') if status else ''}{kind}: {names}"


def apply(extraction: Extraction, agreements: dict[Ref, Named], events: dict[Ref, Named]) -> Extraction:
    """One article's claims under the keys and labels of what they tell; a signing takes the name of
    the agreement it signs."""
    article = extraction.article.id
    merged_agreements = tuple(replace(a, key=agreements[(article, j)][0], label=agreements[(article, j)][1])
                              for j, a in enumerate(extraction.agreements))
    merged_events = []
    for j, event in enumerate(extraction.events):
        if event.agreement is not None:
            signed = merged_agreements[event.agreement]
            key, label = "event/signing-of-" + slug_of(signed.key), f"signing of the {signed.label}"
        else:
            key, label = events[(article, j)]
        merged_events.append(replace(event, key=key, label=label))
    return replace(extraction, agreements=merged_agreements, events=_people_first(tuple(merged_events)))


def _people_first(events: tuple[EventClaim, ...]) -> tuple[EventClaim, ...]:
    """Within one article, an event told once by its countries ("the US and Japan signed") and once by
    its people ("Trump and Takaichi signed") is done by the people: they are its participants."""
    people: dict[str, set[str]] = {}
    for e in events:
        people.setdefault(e.key, set()).update(p for p in e.participants if is_kind(p, "person")
                                               and e.kind in DONE_BY_PEOPLE)
    return tuple(replace(e, participants=tuple(sorted(people[e.key]))) if people[e.key]
                 and set(e.participants) != people[e.key] else e for e in events)


def local_labels(extractions: Iterable[Extraction]) -> dict[str, str]:
    """The label the articles give each entity they mention: the first in sort order, whatever the
    order of the articles."""
    out: dict[str, str] = {}
    for extraction in extractions:
        for mention in extraction.mentions:
            if mention.label and (mention.key not in out or mention.label < out[mention.key]):
                out[mention.key] = mention.label
    return out


def labeller(reference: Reference, local: dict[str, str]) -> Labeller:
    """Labels of the entities facts name: reference labels, else the label their mentions gave."""
    def label(key: str) -> str:
        entity = reference.entities.get(key)
        return entity.label if entity else local.get(key) or reference.label(key)
    return label


def place_country(reference: Reference) -> Countries:
    """The country a place lies in (a country lies in itself), from the reference data."""
    def country(key: str) -> str | None:
        if is_kind(key, "country"):
            return key
        entity = reference.entities.get(key)
        return entity.country if entity else None
    return country


def merge(extractions: list[Extraction], reference: Reference) -> list[Extraction]:
    """Give every agreement and event claim of every (resolved) article the key of what it tells."""
    label = labeller(reference, local_labels(extractions))
    agreements = assign_agreements((r for e in extractions for r in agreement_records(e)), label)
    events = assign_events((r for e in extractions for r in event_records(e)), label, place_country(reference))
    return [apply(e, agreements, events) for e in extractions]
