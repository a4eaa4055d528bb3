"""One node per agreement and per event, however many articles report it.

Claims from all articles are clustered: two agreement claims are the same agreement when
their kinds agree (a plain "deal" agrees with any kind), their parties are the same (or
one set holds the other) and their dates do not contradict; a plain claim that fits
several agreements joins the one it shares most with. Events cluster the same way by
kind, status, date, place and participants; a signing is the signing of its agreement.
Each cluster gets a deterministic key built from what it is (kind, parties or
participants, date), so the same corpus always gives the same IRIs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from kg_builder.keys import is_kind, slug_of
from kg_builder.model import AgreementClaim, DateValue, EventClaim, Extraction
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
MIN_PARTICIPANT_OVERLAP = 0.5
DONE_BY_PEOPLE = {"Signing", "Meeting", "Visit", "Nomination", "TakingOffice"}


@dataclass(frozen=True)
class _Names:
    """Labels of the entities facts name: reference labels, else the label their mentions gave."""

    reference: Reference
    local: dict[str, str]

    def label(self, key: str) -> str:
        return self.reference.entities[key].label if key in self.reference.entities else \
            self.local.get(key) or self.reference.label(key)

    @property
    def entities(self) -> dict:
        return self.reference.entities


@dataclass
class _Cluster:
    kind: str
    actors: set[str]
    status: str = ""
    dates: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    extra: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    members: list[tuple[int, int]] = field(default_factory=list)
    name: str = ""  # what a signing signs
    unnamed: bool = False  # an event some of whose participants are not named: joined only by the same people
    order: int = 0  # when it was made: ties go to the oldest, as a scan in order would

    def join(self, actors: set[str], date: str | None, source: str, member: tuple[int, int]) -> None:
        """Take in one claim: its actors, date, article and place in the extractions."""
        self.actors |= actors
        self.dates |= {date} if date else set()
        self.sources.add(source)
        self.members.append(member)


def _date(value: DateValue | None) -> str | None:
    return value.value if value is not None and not value.value.startswith("--") else None


class _ByActor:
    """Clusters indexed by their actors and dates: a claim is only compared with clusters that share an
    actor with it and whose dates may agree with its own (see :func:`_dates_agree`: the same year for a
    year, the same month for a month or a day, or no date yet), and that are in the same ``group``
    (events: of the same kind and status)."""

    def __init__(self) -> None:
        self.index: dict[tuple, list[_Cluster]] = {}
        self.clusters: list[_Cluster] = []
        self.filed: list[set[tuple]] = []

    def candidates(self, actors: set[str], date: str | None, group: object = None) -> list[_Cluster]:
        found = {c.order: c for a in actors for key in _wanted(date)
                 for c in self.index.get((group, a, key), ())}
        return [found[order] for order in sorted(found)]

    def new(self, cluster: _Cluster) -> _Cluster:
        cluster.order = len(self.clusters)
        self.clusters.append(cluster)
        self.filed.append(set())
        return cluster

    def file(self, cluster: _Cluster, group: object = None) -> None:
        """Index a cluster under its actors and dates (after it took in a claim)."""
        filed = self.filed[cluster.order]
        for entry in {(group, a, key) for a in cluster.actors for key in _filed_as(cluster.dates)} - filed:
            self.index.setdefault(entry, []).append(cluster)
            filed.add(entry)


def _filed_as(dates: set[str]) -> set[object]:
    keys: set[object] = {"*"} if dates else {"*", "undated"}
    for d in dates:
        keys |= {("year", d)} if len(d) == 4 else {("in-year", d[:4]), ("month", d[:7])}
    return keys


def _wanted(date: str | None) -> tuple[object, ...]:
    if date is None:
        return ("*",)
    if len(date) == 4:
        return ("undated", ("year", date), ("in-year", date))
    return ("undated", ("year", date[:4]), ("month", date[:7]))


def _dates_agree(a: str | None, dates: set[str]) -> bool:
    """Dates agree unless one is missing-free and neither holds the other ("2025" holds "2025-10-28")."""
    return a is None or not dates or any(a.startswith(d) or d.startswith(a) for d in dates)


def _kinds_agree(a: str, b: str) -> bool:
    return a == b or a in GENERIC or b in GENERIC


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def merge(extractions: list[Extraction], reference: Reference) -> list[Extraction]:
    """Give every agreement and event claim of every article the key of its cluster."""
    names = _Names(reference, {m.key: m.label for e in extractions for m in e.mentions if m.label})
    agreement_keys = _merge_agreements(extractions, names)
    event_keys = _merge_events(extractions, names, agreement_keys)
    out = []
    for i, extraction in enumerate(extractions):
        agreements = tuple(replace(a, key=agreement_keys[(i, j)][0], label=agreement_keys[(i, j)][1])
                           for j, a in enumerate(extraction.agreements))
        events = tuple(replace(e, key=event_keys[(i, j)][0], label=event_keys[(i, j)][1])
                       for j, e in enumerate(extraction.events))
        out.append(replace(extraction, agreements=agreements, events=_people_first(events)))
    return out


def _people_first(events: tuple[EventClaim, ...]) -> tuple[EventClaim, ...]:
    """Within one article, an event told once by its countries ("the US and Japan signed") and once by
    its people ("Trump and Takaichi signed") is done by the people: they are its participants."""
    people: dict[str, set[str]] = {}
    for e in events:
        people.setdefault(e.key, set()).update(p for p in e.participants if is_kind(p, "person")
                                               and e.kind in DONE_BY_PEOPLE)
    return tuple(replace(e, participants=tuple(sorted(people[e.key]))) if people[e.key]
                 and set(e.participants) != people[e.key] else e for e in events)


def _agreement_extra(claim: AgreementClaim) -> set[str]:
    return (set(claim.signatories) | set(claim.places) | set(claim.minerals) | set(claim.sectors)
            | {f"{a.value} {a.currency}" for a in claim.amounts})


def _merge_agreements(extractions: list[Extraction], reference: _Names) -> dict[tuple[int, int], tuple[str, str]]:
    claims = [(i, j, a) for i, e in enumerate(extractions) for j, a in enumerate(e.agreements)]
    claims.sort(key=lambda c: (c[2].kind in GENERIC, extractions[c[0]].article.id, c[2].evidence[0].start))
    clusters = _ByActor()
    for i, j, claim in claims:
        parties, date = set(claim.parties), _date(claim.date)
        fits = [c for c in clusters.candidates(parties, date) if _kinds_agree(c.kind, claim.kind)
                and (parties <= c.actors or c.actors <= parties) and _dates_agree(date, c.dates)]
        extra = _agreement_extra(claim)
        best = max(fits, key=lambda c: (len(extra & c.extra) + (date in c.dates), len(c.sources)), default=None)
        if best is None:
            best = clusters.new(_Cluster(claim.kind, set()))
        best.kind = claim.kind if best.kind in GENERIC else best.kind
        best.extra |= extra
        best.join(parties, date, extractions[i].article.id, (i, j))
        clusters.file(best)
    return _keys(clusters.clusters, lambda c: _agreement_name(c, reference))


def _key_date(cluster: _Cluster) -> str:
    """The date a key is built from: the earliest full date, else the earliest date, else "undated"."""
    return min((d for d in cluster.dates if len(d) == 10), default=None) or min(cluster.dates, default="undated")


def _agreement_name(cluster: _Cluster, reference: _Names) -> tuple[str, str]:
    codes = sorted(slug_of(a) for a in cluster.actors)
    date = _key_date(cluster)
    kind = KIND_LABELS.get(cluster.kind, cluster.kind)
    key = "agreement/" + slugify("-".join([*codes, kind, date]))
    labels = sorted(reference.label(a) for a in cluster.actors)
    return key, f"{'–'.join(labels)} {kind}"


def _merge_events(extractions: list[Extraction], reference: _Names,
                  agreement_keys: dict[tuple[int, int], tuple[str, str]]) -> dict[tuple[int, int], tuple[str, str]]:
    claims = [(i, j, e) for i, x in enumerate(extractions) for j, e in enumerate(x.events)]
    claims.sort(key=lambda c: (c[2].date is None, -len(c[2].participants), extractions[c[0]].article.id,
                               c[2].evidence[0].start))
    clusters = _ByActor()
    signings: dict[str, _Cluster] = {}
    for i, j, event in claims:
        people, date, places = set(event.participants), _date(event.date), set(event.places)
        if event.agreement is not None:
            agreement, agreement_label = agreement_keys[(i, event.agreement)]
            best = signings.get(agreement)
            if best is None:
                best = signings[agreement] = clusters.new(_Cluster(event.kind, set(), event.status,
                                                                   extra={agreement}, name=agreement_label))
        else:
            fits = [c for c in clusters.candidates(people, date, (event.kind, event.status))
                    if c.kind == event.kind and c.status == event.status and not c.extra
                    and _jaccard(people, c.actors) >= MIN_PARTICIPANT_OVERLAP and _dates_agree(date, c.dates)
                    and _places_agree(places, c.places, reference)
                    and (not (event.unnamed or c.unnamed) or people == c.actors)]
            best = max(fits, key=lambda c: (_jaccard(people, c.actors) + (date in c.dates) + len(places & c.places),
                                            len(c.sources)), default=None)
            if best is None:
                best = clusters.new(_Cluster(event.kind, set(), event.status, unnamed=event.unnamed))
        best.places |= places
        best.join(people, date, extractions[i].article.id, (i, j))
        if not best.extra:  # a signing is found through its agreement, never by its people
            clusters.file(best, (best.kind, best.status))
    return _keys(clusters.clusters, lambda c: _event_name(c, reference))


def _places_agree(a: set[str], b: set[str], reference: _Names) -> bool:
    """Places agree when one is missing, they share a place, or they lie in the same country
    (Akasaka Palace and Tokyo)."""
    if not a or not b or a & b:
        return True
    return bool(_countries(a, reference) & _countries(b, reference))


def _countries(places: set[str], reference: _Names) -> set[str]:
    out = set()
    for key in places:
        entity = reference.entities.get(key)
        country = key if is_kind(key, "country") else entity.country if entity else None
        if country:
            out.add(country)
    return out


def _event_name(cluster: _Cluster, reference: _Names) -> tuple[str, str]:
    kind = KIND_LABELS.get(cluster.kind, cluster.kind)
    people = {a for a in cluster.actors if is_kind(a, "person")} if cluster.kind in DONE_BY_PEOPLE else set()
    actors = people or cluster.actors
    if cluster.extra:  # the signing of an agreement
        agreement = next(iter(cluster.extra))
        return "event/signing-of-" + slug_of(agreement), f"signing of the {cluster.name}"
    codes = sorted(slug_of(a) for a in actors)[:4]
    date = _key_date(cluster)
    status = "" if cluster.status == "occurred" else cluster.status
    key = "event/" + slugify("-".join([status, kind, *codes, date]).strip("-"))
    label = f"{(status + ' ') if status else ''}{kind}: {_names(actors, reference)}"
    return key, label


def _names(keys: Iterable[str], reference: _Names) -> str:
    return ", ".join(sorted(reference.label(k) for k in keys))


def _keys(clusters: list[_Cluster], name) -> dict[tuple[int, int], tuple[str, str]]:
    """Cluster names, made unique in a stable order (a second cluster with one name gets "-2")."""
    out: dict[tuple[int, int], tuple[str, str]] = {}
    seen: dict[str, int] = {}
    named = sorted(((name(c), c) for c in clusters), key=lambda item: (item[0][0], sorted(item[1].sources),
                                                                        item[1].members))
    for (key, label), cluster in named:
        seen[key] = seen.get(key, 0) + 1
        unique = key if seen[key] == 1 else f"{key}-{seen[key]}"
        for member in cluster.members:
            out[member] = (unique, label)
    return out
