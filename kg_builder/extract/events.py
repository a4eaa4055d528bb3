"""Events: meetings and summits, visits and tours, export controls and their lifting,
tariffs and tariff threats, nominations, taking office, and the signing of each signed
agreement. Each has its participants, date, place and status: ``planned`` when the
sentence speaks of plans ("will visit", "is scheduled to meet on Thursday") or dates it
after the article, ``threatened`` for threats, else ``occurred``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.matcher import PhraseMatcher
from spacy.tokens import Span
from spacy.vocab import Vocab

from kg_builder.extract.context import ArticleContext
from kg_builder.extract.timex import FUTURE_CUES
from kg_builder.keys import is_kind
from kg_builder.model import AgreementClaim, EventClaim, Kind

TRIGGERS = {
    "Meeting": ("meet", "meets", "met", "meeting", "meetings", "talks", "summit", "summits", "held talks"),
    "Visit": ("visit", "visits", "visited", "visiting", "tour", "trip", "travel", "travels", "travelled", "traveled",
              "heads to", "head to", "headed to", "heading to", "arrived in", "arrives in", "arrive in",
              "departs for", "departed for", "flew to", "fly to", "flies to"),
    "ExportControl": ("export controls", "export control", "export curbs", "export restrictions", "export ban",
                      "export bans", "export licensing", "export licences", "export licenses", "export quota",
                      "export quotas", "export embargo"),
    "Tariff": ("tariff", "tariffs", "duties", "levies"),
    "Nomination": ("nominate", "nominates", "nominated", "nominating", "nomination"),
    "TakingOffice": ("took office", "taking office", "takes office", "take office", "sworn in", "assumed office",
                     "became", "becomes"),
}
LIFTING = {"lift", "lifts", "lifted", "lifting", "ease", "eases", "eased", "easing", "suspend", "suspends",
           "suspended", "pause", "paused", "scrap", "scrapped", "relax", "relaxed", "remove", "removed", "drop",
           "dropped", "rescind", "rescinded"}
THREAT = re.compile(r"\b(threat\w*|warn\w*|vow\w*|could impose|may impose)\b", re.I)
SPEECH_BEFORE = re.compile(r"\b(said|says|told|announced|stated|added|reported|confirmed)\s*$", re.I)
NOT_A_TARIFF = re.compile(r"^\s*(barriers?|and non-tariff|and other|-free|free)\b", re.I)
PEOPLE_EVENTS = {"Meeting", "Visit", "Nomination", "TakingOffice"}
WITH_OBJECT = {"Meeting", "Nomination", "Tariff"}
PLACE_WINDOW = 10
_MATCHERS: dict[int, PhraseMatcher] = {}


def _matcher(vocab: Vocab) -> PhraseMatcher:
    if id(vocab) not in _MATCHERS:
        from spacy.lang.en import English

        maker = English(vocab=vocab)
        matcher = PhraseMatcher(vocab, attr="LOWER")
        for kind, phrases in TRIGGERS.items():
            matcher.add(kind, [maker.make_doc(p) for p in phrases])
        _MATCHERS[id(vocab)] = matcher
    return _MATCHERS[id(vocab)]


def find_events(ctx: ArticleContext, agreements: tuple[AgreementClaim, ...]) -> tuple[EventClaim, ...]:
    """The events one article reports, signings of its agreements included."""
    events: list[EventClaim] = []
    for index, agreement in enumerate(agreements):
        if agreement.signed:
            signing = next(e for e in agreement.evidence if e.rule == "agreement:signed")
            events.append(EventClaim("Signing", "occurred", agreement.signatories or agreement.parties,
                                     agreement.date, agreement.date_text, agreement.places, index,
                                     (replace(signing, rule="event:signing"),)))
    matches = sorted(_matcher(ctx.doc.vocab)(ctx.doc) + _bans_on_exports(ctx), key=lambda m: (m[1], -m[2]))
    taken: set[int] = set()
    found: list[tuple[int, EventClaim]] = []
    for match_id, start, end in matches:
        if start in taken or ctx.sentence_number(start) in ctx.skip:
            continue
        taken.update(range(start, end))
        event = _event(ctx, ctx.doc.vocab.strings[match_id], start, end)
        if event is not None:
            found.append((start, event))
    for event in _dated(ctx, found):
        _add(ctx, events, event)
    return tuple(events)


MEASURE_NOUNS = {"ban", "bans", "restrictions", "curbs", "controls", "limits", "quotas", "embargo", "prohibition"}


def _bans_on_exports(ctx: ArticleContext) -> list[tuple[int, int, int]]:
    """"a ban on raw lithium exports", "curbs on the export of gallium": export controls in other words."""
    kind = ctx.doc.vocab.strings["ExportControl"]
    out = []
    for token in ctx.doc:
        if token.lower_ in MEASURE_NOUNS and token.i + 1 < len(ctx.doc) and ctx.doc[token.i + 1].lower_ == "on":
            for j in range(token.i + 2, min(len(ctx.doc), token.i + 7)):
                if ctx.doc[j].lower_ in ("exports", "export", "exporting"):
                    out.append((kind, token.i, j + 1))
                    break
                if ctx.doc[j].is_punct or ctx.doc[j].pos_ == "VERB":
                    break
    return out


def _dated(ctx: ArticleContext, found: list[tuple[int, EventClaim]]) -> list[EventClaim]:
    """Give each time expression to the nearest event trigger of its sentence, then settle the status:
    an event dated after the article is planned."""
    owner: dict[int, object] = {}
    for start, _ in found:
        sent = ctx.sentence_of(start)
        for t in ctx.times(sent):
            if t.deadline or SPEECH_BEFORE.search(sent.text[:t.start - sent.start_char]):
                continue  # "said on Monday" dates the statement, not the event
            rivals = [s for s, _ in found if sent.start <= s < sent.end]
            nearest = min(rivals, key=lambda s: abs(ctx.doc[s].idx - t.start))
            if nearest == start:
                owner.setdefault(start, t)
    out = []
    for start, event in found:
        when = owner.get(start)
        if when is not None:
            event = replace(event, date=when.value, date_text=when.text)
            if event.status == "occurred" and when.value and _after_anchor(ctx, when.value.value):
                event = replace(event, status="planned")
        out.append(event)
    return out


def _event(ctx: ArticleContext, kind: str, start: int, end: int) -> EventClaim | None:
    sent = ctx.sentence_of(start)
    if kind == "TakingOffice" and ctx.doc[start].lower_.startswith("becam") and not _role_follows(ctx, end, sent):
        return None
    lo = ctx.clause_start(start)
    before = ctx.doc[max(sent.start, start - 3):start]
    if kind == "ExportControl" and any(t.lower_ in LIFTING for t in before):
        kind = "ExportControlLifting"
    if kind == "Tariff" and NOT_A_TARIFF.match(ctx.doc[end:min(sent.end, end + 3)].text):
        return None
    if kind == "Tariff" and _rate_only(ctx, start, end, sent):
        return None  # "a tariff rate of 19 per cent on exports" is a figure, not an act of imposing
    if kind == "Meeting" and _named_occasion(ctx, start, end, sent):
        return None  # "on the sidelines of the APEC summit", "at the G7 summit": a time or place
    if kind == "Meeting" and _meets_a_target(ctx, start, end, sent):
        return None  # "meeting 10 percent of demand", "to meet its 2030 targets"
    imposers = _imposers(ctx, start, end, lo) if kind in MEASURES else []
    participants = imposers or ctx.actors_in(lo, start)
    relative = lo > sent.start and ctx.doc[lo - 1].lower_ in RELATIVE
    if not participants and lo > sent.start and not (relative and kind in PEOPLE_EVENTS):
        participants = ctx.actors_in(ctx.clause_start(lo - 1), lo)  # not "..., where leaders were to meet"
    if not participants and kind in ("Tariff", "ExportControl", "ExportControlLifting"):
        return None  # who imposes them is not said
    unnamed = kind == "Meeting" and _meets_someone_unnamed(ctx, start, end, sent)
    if kind in WITH_OBJECT and not imposers and not unnamed:
        participants += [a for a in ctx.actors_in(end, ctx.phrase_end(end)) if a not in participants]
    if kind in PEOPLE_EVENTS and any(is_kind(p, "person") for p in participants):
        participants = [p for p in participants if is_kind(p, "person")]
    located = _located(ctx, max(sent.start, lo - 1), ctx.phrase_end(end))
    participants = [p for p in participants if not is_kind(p, "place") and p not in located]
    if not participants:
        return None
    clause = ctx.doc[lo:end].text
    status = "occurred"
    if kind in ("Tariff", "ExportControl") and THREAT.search(clause):
        status = "threatened"
    elif FUTURE_CUES.search(clause):
        status = "planned"
    places = _places(ctx, kind, start, end, sent)
    rule = f"event:{kind[0].lower() + kind[1:]}"
    confidence = 0.8 if len(participants) > 1 or kind not in ("Meeting",) else 0.6
    evidence = ctx.evidence(start, end, rule, confidence)
    return EventClaim(kind, status, tuple(participants), places=tuple(places), evidence=(evidence,),
                      unnamed=unnamed)


MEASURES = {"Tariff", "ExportControl", "ExportControlLifting"}
RELATIVE = {"where", "which", "whose"}  # "Trump, who will meet Xi" and "when meeting with" keep the subject
FAMILIES = ({"meet", "meets", "met", "meeting", "meetings", "talks"}, {"summit", "summits"})
LOCATIVE = {"in", "at", "to", "across", "around", "inside", "into", "within", "throughout"}
NOT_MET = {"target", "targets", "demand", "needs", "need", "goal", "goals", "requirements", "requirement",
           "standards", "standard", "deadline", "deadlines", "criteria", "expectations", "obligations",
           "conditions", "threshold", "quota", "quotas", "commitments", "benchmarks", "benchmark", "share"}


def _meets_a_target(ctx: ArticleContext, start: int, end: int, sent: Span) -> bool:
    """"meet"/"meeting" with a target, a share or a need for object: no one meets anyone."""
    if ctx.doc[start].lower_ not in ("meet", "meets", "met", "meeting"):
        return False
    for token in ctx.doc[end:min(sent.end, end + 4)]:
        if token.like_num or token.lower_ in NOT_MET:
            return True
        if token.lower_ not in ("the", "its", "their", "our", "this", "a", "an") and token.pos_ not in ("ADJ", "DET"):
            return False
    return False


def _meets_someone_unnamed(ctx: ArticleContext, start: int, end: int, sent: Span) -> bool:
    """"meet business leaders", "met with investors": the verb's object is people the article does not name."""
    if ctx.doc[start].lower_ not in ("meet", "meets", "met", "meeting"):
        return False
    i = end + 1 if end < sent.end and ctx.doc[end].lower_ == "with" else end
    named = {s for s, _, m in ctx.spans if m.kind in (Kind.PERSON, Kind.ORGANIZATION, Kind.COUNTRY)}
    words = 0
    while i < sent.end and words < 4 and not ctx.doc[i].is_punct and ctx.doc[i].pos_ != "ADP":
        if i in named or ctx.doc[i].pos_ in ("PROPN", "VERB", "AUX", "PRON"):
            return False
        if ctx.doc[i].pos_ == "NOUN" and ctx.doc[i].tag_ == "NNS":
            return True  # "business leaders", "investors", "executives"
        i, words = i + 1, words + 1
    return False


def _imposers(ctx: ArticleContext, start: int, end: int, lo: int) -> list[str]:
    """Who imposes a tariff or an export control: "curbs ... by China", "China's recent decision to
    tighten export controls", "Trump's reciprocal tariffs"."""
    stop = next((i for i in range(end, ctx.phrase_end(end)) if ctx.doc[i].text == ","), ctx.phrase_end(end))
    by = next((i for i in range(end, min(stop, end + 6)) if ctx.doc[i].lower_ == "by"), None)
    if by is not None:
        agents = ctx.actors_in(by + 1, min(stop, by + 6))
        if agents:
            return agents[-1:]  # "by US President Donald Trump": Trump
    owners = [m for s, e, m in ctx.spans if lo <= s < start and e < len(ctx.doc)
              and ctx.doc[e].text in ("’s", "'s") and m.kind in (Kind.COUNTRY, Kind.ORGANIZATION, Kind.PERSON)]
    return [a for a in dict.fromkeys(ctx.actor(m) for m in owners) if a][-1:]


def _located(ctx: ArticleContext, lo: int, hi: int) -> set[str]:
    """Countries and places named only as where something is ("who is in Japan"): not who takes part."""
    where, who = set(), set()
    for s, _, m in ctx.spans:
        if lo <= s < hi and m.kind in (Kind.COUNTRY, Kind.PLACE):
            (where if s > 0 and ctx.doc[s - 1].lower_ in LOCATIVE else who).add(m.key)
    return where - who


def _rate_only(ctx: ArticleContext, start: int, end: int, sent: Span) -> bool:
    """A tariff named by its rate with no verb that imposes, raises, cuts or threatens it in the clause."""
    lo, hi = ctx.clause_start(start), ctx.clause_end(end - 1)
    window = ctx.doc[lo:hi]
    has_rate = any(t.like_num or t.text == "%" or t.lower_ in ("percent", "per") for t in window)
    acts = any(t.lower_ in TARIFF_ACTS for t in window)
    return has_rate and not acts and not THREAT.search(window.text)


def _named_occasion(ctx: ArticleContext, start: int, end: int, sent: Span) -> bool:
    """A named summit or meeting after "at", "during", "on the sidelines of", "ahead of", "after" or "before"
    ("at the G7 summit"): the article uses it as a time or a place ("during a meeting" is still a meeting)."""
    if ctx.doc[start].lower_ not in ("summit", "summits", "meeting", "meetings"):
        return False
    i, named = start - 1, False
    while i >= sent.start and start - i <= OCCASION_WINDOW and (ctx.doc[i].text[:1].isupper() or ctx.doc[i].is_digit
                                                                or ctx.doc[i].lower_ in ("the", "a", "an", "-")):
        named = named or ctx.doc[i].text[:1].isupper() or ctx.doc[i].is_digit
        i -= 1
    return named and i >= sent.start and ctx.doc[i].lower_ in OCCASION_WORDS


TARIFF_ACTS = {"impose", "imposes", "imposed", "imposing", "slap", "slapped", "raise", "raised", "raises", "hike",
               "hiked", "cut", "cuts", "lower", "lowered", "levy", "levied", "announce", "announced", "set",
               "double", "doubled", "lift", "lifted", "suspend", "suspended", "reduce", "reduced", "hit", "add",
               "added", "apply", "applied", "place", "placed", "pause", "paused", "extend", "extended"}
OCCASION_WORDS = {"at", "during", "of", "ahead", "after", "before", "on", "for", "attend", "attending", "attended",
                  "following", "since", "until"}
OCCASION_WINDOW = 6


def _role_follows(ctx: ArticleContext, end: int, sent: Span) -> bool:
    following = ctx.doc[end:min(sent.end, end + 5)].text.lower().removeprefix("the ").removeprefix("a ")
    return any(following.startswith(title) for title in ctx.reference.roles)


def _after_anchor(ctx: ArticleContext, value: str) -> bool:
    return ctx.anchor is not None and len(value) == 10 and value > ctx.anchor.isoformat()


def _places(ctx: ArticleContext, kind: str, start: int, end: int, sent: Span) -> list[str]:
    """Where: "in"/"at" places close after the trigger; for visits the destination after it or the
    place just before it ("his Asia tour"), cities and buildings before countries."""
    stop = min([i for i in range(end, sent.end) if ctx.doc[i].text == ","] + [sent.end, end + PLACE_WINDOW])
    if kind != "Visit":
        return ctx.places_in(end, stop)[:2]
    after = ctx.mentions_in(end, stop, (Kind.PLACE, Kind.COUNTRY))
    before = [(s, m) for s, e, m in ctx.spans if e == start and m.kind is Kind.PLACE]
    found = [m for _, m in after + before]
    places = [m.key for m in found if m.kind is Kind.PLACE] or [m.key for m in found]
    return list(dict.fromkeys(places))[:2]


def _add(ctx: ArticleContext, events: list[EventClaim], event: EventClaim) -> None:
    """Add an event, folding it into an earlier one it tells more of: one of the same kind in the same
    sentence whose participants include or are included in its own ("Trump met Takaichi ... holding
    talks"), or the last of its kind when a definite noun refers back ("after the meeting")."""
    for i in range(len(events) - 1, -1, -1):
        other = events[i]
        if other.kind != event.kind:
            continue
        mine, theirs = set(event.participants), set(other.participants)
        same_sentence = other.evidence[0].sentence == event.evidence[0].sentence and (mine <= theirs or theirs <= mine)
        if same_sentence or _refers_back(ctx, event) and _same_family(other, event):
            participants = other.participants + tuple(p for p in event.participants if p not in theirs) \
                if same_sentence else other.participants
            events[i] = replace(other, participants=participants,
                                places=tuple(dict.fromkeys(other.places + event.places)),
                                date=other.date or event.date, date_text=other.date_text or event.date_text,
                                evidence=other.evidence + event.evidence)
            return
    events.append(event)


def _same_family(other: EventClaim, event: EventClaim) -> bool:
    """"the summit" refers back to a summit, not to a bilateral meeting."""
    word = event.evidence[0].text.lower().split()[-1]
    family = next((f for f in FAMILIES if word in f), {word})
    return any(e.text.lower().split()[-1] in family for e in other.evidence)


def _refers_back(ctx: ArticleContext, event: EventClaim) -> bool:
    """"the meeting", "the talks", "this summit" with nothing after it that says which."""
    evidence = event.evidence[0]
    span = ctx.doc.char_span(evidence.start, evidence.end, alignment_mode="expand")
    if span is None or span.start == 0 or ctx.doc[span.start - 1].lower_ not in ("the", "this", "that", "these"):
        return False
    after = ctx.doc[span.end].lower_ if span.end < len(ctx.doc) else ""
    return after not in ("between", "with", "of", "in", "on", "at")
