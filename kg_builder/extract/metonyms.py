"""Capitals that stand for their states ("Beijing imposed export controls" is China acting)
versus capitals as places ("talks in Beijing").

A capital is read as a government when it acts: it starts a clause or is
coordinated with another actor, is the partner of "with"/"between"/"against",
or owns an action ("Washington's effort"). After a preposition of place, or
before a capitalised word ("Tokyo's Akasaka Palace"), it is a place. Inside a
longer name ("George Washington", "Washington Post") it is neither.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from kg_builder.extract.candidates import Candidate
from kg_builder.extract.tokens import MONTHS, is_name_token
from kg_builder.model import Kind
from kg_builder.reference import Reference

PLACE_WORDS = {"in", "at", "to", "from", "into", "near", "outside", "across", "around", "via", "toward",
               "towards", "visit", "visited", "visiting", "visits", "landing", "arrived", "reached", "of",
               "inside", "through", "left", "leave", "leaves", "departs", "departed", "embassy"}
PARTNER_WORDS = {"with", "between", "against", "by", "and", "both", "that", "while", "as", "but", "whether",
                 "said", "says", "say", "since", "because", "if", "unless", "until"}
VERB_WORDS = {"has", "have", "had", "is", "was", "are", "were", "will", "would", "could", "should", "may",
              "might", "can", "must", "said", "says", "wants", "plans", "aims", "seeks", "agreed", "announced"}
CLAUSE_STARTS = {",", ";", ":", "“", '"', "(", "—", "–"}
POSSESSIVES = {"’s", "'s"}


def read_metonyms(doc: Doc, candidates: list[Candidate], reference: Reference) -> list[Candidate]:
    """Re-read capitals that can stand for their states; others pass through unchanged."""
    out = []
    for cand in candidates:
        entity = reference.entities.get(cand.key)
        if cand.kind is not Kind.PLACE or entity is None or not entity.stands_for:
            out.append(cand)
            continue
        reading = _reading(doc, cand)
        if reading == "name-part":
            continue
        if reading == "actor":  # the country acts, as it does when named ("China imposed ..."), or the body
            target = reference.entities[entity.stands_for]
            out.append(replace(cand, kind=target.kind, key=target.key, extractor="rule:metonym", confidence=0.75,
                               label="", subtype=target.subtype))
        else:
            out.append(cand)
    return out


def _reading(doc: Doc, cand: Candidate) -> str:
    prev = doc[cand.start - 1] if cand.start > 0 else None
    nxt = doc[cand.end] if cand.end < len(doc) else None
    after = doc[cand.end + 1] if cand.end + 1 < len(doc) else None
    if prev is not None and is_name_token(prev) and not prev.is_sent_start and prev.lower_ not in PARTNER_WORDS:
        return "name-part"
    if nxt is not None and is_name_token(nxt) and nxt.lower_ not in MONTHS:
        return "name-part"
    if nxt is not None and nxt.text in POSSESSIVES:
        if after is not None and after.text[:1].isupper():
            return "place"
        return "actor"
    if nxt is not None and nxt.text == "," and after is not None and after.lower_ in MONTHS:
        return "place"  # a dateline: "Tokyo, October 28:"
    if prev is not None and prev.lower_ in PLACE_WORDS:
        return "place"
    if nxt is not None and (nxt.lower_ in VERB_WORDS or (nxt.is_lower and nxt.is_alpha and nxt.text.endswith("ed"))):
        return "actor"
    if prev is None or doc[cand.start].is_sent_start or prev.text in CLAUSE_STARTS or prev.lower_ in PARTNER_WORDS:
        return "actor"
    return "place"
