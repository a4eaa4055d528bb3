"""People and organisations found by spaCy's statistical entity recogniser, for names
that neither the reference data nor the rules of form know ("Amanda Lacaze",
"Citic Securities", "Boise State University").

The recogniser's spans are checked before they are proposed: determiners and
possessives are trimmed ("the White House's" is "White House"), a person needs two
or more name words, a one-word organisation must be an acronym or a word that is
rare in ordinary English ("Glencore", not "Cabinet"), and names of documents,
plans and events ("the Critical Raw Materials Act", "MOU") are not organisations.
They rank below the gazetteer and the rules where spans overlap.
"""

from __future__ import annotations

import re

import periodictable
from spacy.tokens import Doc, Span
from wordfreq import zipf_frequency

from kg_builder.extract.candidates import Candidate
from kg_builder.extract.cities import is_city
from kg_builder.extract.given_names import is_given_name, is_initial
from kg_builder.extract.organisations import FACILITIES, LEFT_HEADS, LEGAL_SUFFIXES, RIGHT_HEADS, TITLE_WORDS
from kg_builder.extract.people import HONORIFICS, SPEECH_VERBS
from kg_builder.extract.tokens import NAME_PARTICLES, NOT_NAMES, is_name_token
from kg_builder.keys import entity_key
from kg_builder.model import Kind

CONFIDENCE = 0.6
VENUES = {"House", "Palace", "Hall", "Building", "Centre", "Center", "Hotel", "Stadium", "Tower", "Square",
          "Park", "Airport", "Station", "Street", "Avenue", "Road", "Bridge", "Museum", "Temple", "Gardens",
          "Castle", "Residence", "Pavilion", "Arena"}
LEADING = {"the", "a", "an", "its", "their", "his", "her", "our", "former", "new", "crown", "excellency",
           "highness", "royal", *HONORIFICS}
RARE_WORD = 4.0  # Zipf frequency below which a capitalised word is no ordinary English word ("Sjahrir")
# Nouns for people that stand before a name without being a post the reference knows ("investment chief X").
PERSON_NOUNS = {"chief", "head", "executive", "director", "spokesperson", "spokesman", "spokeswoman", "analyst",
                "founder", "chairman", "chairwoman", "chair", "ceo", "cfo", "economist", "envoy", "official",
                "negotiator", "adviser", "advisor", "governor", "commissioner", "secretary", "minister", "president",
                "manager", "partner", "professor", "researcher", "strategist", "lawmaker", "senator"}
TRAILING = {"’s", "'s", "’", "'", ",", ".", "-", "–", "—"}
COMMON_WORD = 3.9  # Zipf frequency above which a lone capitalised word is an ordinary English word
NOT_ORGANISATIONS = TITLE_WORDS | {
    "ceo", "cfo", "chairman", "chargé", "charge", "gdp", "ai", "ev", "evs", "ipo", "etf", "tariff", "tariffs",
    "is", "are", "was", "were", "will", "how", "why",  # a headline quoted in the text ("This Stock Is Soaring")
}
ORG_CONNECTORS = {"of", "and", "for", "&", "de", "du", "la", "des", "-", "–", ".", "’s", "'s"}
MAX_ORG_TOKENS = 8
MAX_PERSON_TOKENS = 5


def find_named_entities(doc: Doc, known: list[Candidate], skip: set[int], sent_of: list[int],
                        titles: set[str]) -> list[Candidate]:
    """Person and organisation candidates from ``doc.ents``; ``titles`` are lower-case post titles."""
    out = []
    people = {(c.start, c.end) for c in known if c.kind is Kind.PERSON}
    actors = {i for c in known if c.is_actor for i in range(c.start, c.end)}
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "GPE", "LOC") or sent_of[ent.start] in skip:
            continue
        span = _trim(doc, ent, titles)
        if span is None or _is_concept(span, known) or _is_formula(span):
            continue
        if ent.label_ != "PERSON" and is_city(span.text):  # "Kinshasa", "Lyon": a city, whatever the model says
            if not any(i in actors for i in range(span.start, span.end)):
                out.append(Candidate(span.start, span.end, Kind.PLACE, entity_key("place", span.text),
                                     "model:place", CONFIDENCE, label=span.text, subtype="City"))
            continue
        if ent.label_ in ("GPE", "LOC"):
            continue
        if ent.label_ == "ORG":
            if _joins_known(span, known):
                continue  # "JBIC and Export Development Canada": two bodies the reference data knows
            if span.end < len(doc) and doc[span.end].lower_ in FACILITIES:
                continue  # "the Arafura Nolans project", "the Graphite Creek mine": a site, not a body
            if span.end < len(doc) and doc[span.end].text in VENUES:
                continue  # "Tokyo State" of "Tokyo State House": the front of a building's name
            span = _cut_after_legal_form(_with_legal_prefix(span))
        if ent.label_ == "PERSON":
            span = _with_given_name_before(span)
        if ent.label_ == "PERSON" and _person_like(span) and (_given(span) or _said_to_be_a_person(span, titles)):
            out.append(Candidate(span.start, span.end, Kind.PERSON, entity_key("person", span.text), "model:person",
                                 CONFIDENCE, label=span.text))
        elif ent.label_ == "ORG" and _organisation_like(span) and not _stray_acronym(doc, span) \
                and not ((span.start, span.end) in people and is_given_name(span[0].text)):  # "Amanda Lacaze said"
            out.append(Candidate(span.start, span.end, Kind.ORGANIZATION, entity_key("organization", span.text),
                                 "model:organization", CONFIDENCE, label=span.text, subtype=_subtype(span)))
    return out




def _cut_after_legal_form(span: Span) -> Span:
    """"Latin Resources Ltd. Pilbara said": a name ends with its legal form (the full stop of "Ltd." hid
    the end of the sentence from the recogniser)."""
    for token in span[:-1]:
        if token.text in LEGAL_SUFFIXES and token.i > span.start:
            return span.doc[span.start:token.i + 1]
    return span


def _joins_known(span: Span, known: list[Candidate]) -> bool:
    inside = [c for c in known if c.is_actor and span.start <= c.start and c.end <= span.end]
    return len(inside) >= 2 and any(t.lower_ in ("and", ",") for t in span)


LEGAL_PREFIXES = {"PT", "PJSC", "JSC", "OAO", "PAO", "AO", "CV", "SA", "AB", "NV", "BV"}


def _with_legal_prefix(span: Span) -> Span:
    """"PT" + "Vale Indonesia": a legal form written before the name, which the recogniser left out."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].text in LEGAL_PREFIXES:
        return doc[span.start - 1:span.end]
    return span


def _is_formula(span: Span) -> bool:
    """A chemical formula written as element symbols ("NdFeB", "SmCo", "LiFePO4"), not a name."""
    if len(span) != 1:
        return False
    parts = re.findall(r"[A-Z][a-z]?\d*", span.text)
    if len(parts) < 2 or "".join(parts) != span.text:
        return False
    return all(hasattr(periodictable, re.sub(r"\d", "", p)) for p in parts)


def _given(span: Span) -> bool:
    """The name starts with a given name, or with initials before one ("G. Kishan Reddy")."""
    words = [t.text for t in span]
    while len(words) > 2 and is_initial(words[0]):
        words.pop(0)
    return is_given_name(words[0]) or is_initial(words[0]) and len(words) >= 2


def _said_to_be_a_person(span: Span, titles: set[str]) -> bool:
    """A name of rare words the given-name lexicon lacks ("Pandu Sjahrir"), which the sentence says is a
    person: a post or a noun for a person right before it, or a verb of speech right after it."""
    doc = span.doc
    if not all(zipf_frequency(t.lower_, "en") < RARE_WORD for t in span if t.text not in NAME_PARTICLES):
        return False
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return before in PERSON_NOUNS or before in titles or after in SPEECH_VERBS


def _with_given_name_before(span: Span) -> Span:
    """"Therese" + "Kayikwamba Wagner": a given name the recogniser left out, right before the span."""
    doc = span.doc
    if span.start > 0 and is_name_token(doc[span.start - 1]) and is_given_name(doc[span.start - 1].text) \
            and not is_given_name(span[0].text):
        return doc[span.start - 1:span.end]
    return span


def _stray_acronym(doc: Doc, span: Span) -> bool:
    """A lone acronym used once and defined nowhere is more likely a slogan or a code than a body."""
    text = span.text
    if len(span) != 1 or not text.isupper():
        return False
    return sum(t.text == text for t in doc) < 2


def _trim(doc: Doc, ent: Span, titles: set[str]) -> Span | None:
    start, end = ent.start, ent.end
    while start < end and (doc[start].lower_ in LEADING or doc[start].lower_ in titles):
        start += 1
    owner = next((i for i in range(start, min(end - 1, start + 3)) if doc[i].text in ("’s", "'s")), None)
    if owner is not None:
        start = owner + 1  # "the Kingdom's Manara Minerals": the owner is no part of the name
    while end > start and doc[end - 1].text in TRAILING:
        end -= 1
    return doc[start:end] if end > start else None


def _is_concept(span: Span, known: list[Candidate]) -> bool:
    """The span is exactly a mineral or sector name ("NdPr"), which an organisation may contain but not be."""
    return any(c.start == span.start and c.end == span.end and not c.is_actor for c in known)


def _person_like(span: Span) -> bool:
    words = [t for t in span if t.text not in ("-", "‐")]
    if not 2 <= len(words) <= MAX_PERSON_TOKENS or span.text.isupper():
        return False
    for token in span:
        if token.text in ("-", "‐") or (token.i > span.start and span.doc[token.i - 1].text == "-"
                                         and not span.doc[token.i - 1].whitespace_ and token.is_alpha):
            continue  # "Lee Jae-myung"
        if token.text in NAME_PARTICLES and span.start < token.i < span.end - 1:
            continue  # "Mohammed bin Salman"
        if not is_name_token(token) or token.lower_ in NOT_ORGANISATIONS:
            return False
    return True


def _organisation_like(span: Span) -> bool:
    if len(span) > MAX_ORG_TOKENS or any(t.lower_ in NOT_ORGANISATIONS for t in span):
        return False
    if any(t.text.startswith(("@", "#")) or t.like_url or t.like_num and len(span) == 1 for t in span):
        return False
    for token in span:
        if token.lower_ in ORG_CONNECTORS or token.is_upper or token.text[:1].isupper() or token.text[:1].isdigit():
            continue
        return False  # a lower-case word other than a connector: a phrase, not a name
    if len(span) == 1:
        return _lone_name(span[0])
    return not (span[0].lower_ in ORG_CONNECTORS or span[-1].lower_ in ORG_CONNECTORS)


def _lone_name(token) -> bool:
    text = token.text
    if token.lower_ in NOT_NAMES:
        return False
    if text.isupper():
        return 2 <= len(text) <= 6 and text.isalpha()
    return text[0].isupper() and zipf_frequency(text.lower(), "en") < COMMON_WORD


def _subtype(span: Span) -> str | None:
    last, first = span[-1].text, span[0].text
    if last in LEFT_HEADS:
        return LEFT_HEADS[last]
    if first in RIGHT_HEADS:
        return RIGHT_HEADS[first]
    return None
