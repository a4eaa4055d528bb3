"""Known people under a misspelt name ("Donal Trump", "Sanae Takaichy"), matched with RapidFuzz.

A person the article names who is not in the reference data is taken for a reference person only
when the match is unambiguous: one of the two names' words is spelt alike, the other differs by a
letter or two and starts with the same letter, and no other reference person comes close.

>>> from kg_builder.reference import load_reference
>>> names = KnownNames(load_reference())
>>> names.match("Donal Trump"), names.match("Sanae Takaichy"), names.match("Donald Tusk")
('person/donald-trump', 'person/sanae-takaichi', None)
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from kg_builder.extract.candidates import Candidate
from kg_builder.model import Kind
from kg_builder.reference import Reference

SIMILAR = 90  # whole-name similarity (0-100) a misspelling must reach
WORD_SIMILAR = 75  # similarity of the word that differs
MARGIN = 5  # the best match must beat any other person's by this much


def _words(name: str) -> list[str]:
    return name.lower().replace(".", " ").split()


class KnownNames:
    """The full names (two words or more) of the reference people."""

    def __init__(self, reference: Reference) -> None:
        self.names: list[str] = []
        self.keys: list[str] = []
        for entity in reference.entities.values():
            if entity.kind is not Kind.PERSON:
                continue
            for name in (entity.label, *entity.aliases):
                if len(_words(name)) >= 2:
                    self.names.append(" ".join(_words(name)))
                    self.keys.append(entity.key)

    def match(self, name: str) -> str | None:
        """The reference person ``name`` misspells, if exactly one fits."""
        words = _words(name)
        if len(words) < 2:
            return None
        query = " ".join(words)
        found = process.extract(query, self.names, scorer=fuzz.ratio, limit=5)
        best = [(score, self.keys[i], self.names[i]) for _, score, i in found if score >= SIMILAR]
        if not best:
            return None
        score, key, known = best[0]
        rivals = [s for s, k, _ in ((s, self.keys[i], n) for n, s, i in found) if k != key]
        if rivals and rivals[0] > score - MARGIN:
            return None
        return key if _one_word_off(words, known.split()) else None


def _one_word_off(words: list[str], known: list[str]) -> bool:
    if len(words) != len(known):
        return False
    differ = [(a, b) for a, b in zip(words, known, strict=True) if a != b]
    return len(differ) == 1 and differ[0][0][0] == differ[0][1][0] and \
        fuzz.ratio(*differ[0]) >= WORD_SIMILAR


def correct_misspellings(candidates: list[Candidate], reference: Reference, names: KnownNames) -> list[Candidate]:
    """People found by rules or the recogniser who are reference people under a misspelt name."""
    out = []
    for cand in candidates:
        if cand.kind is Kind.PERSON and cand.key not in reference.entities and cand.label:
            key = names.match(cand.label)
            if key is not None:
                cand = Candidate(cand.start, cand.end, cand.kind, key, cand.extractor + "+spelling",
                                 cand.confidence * 0.9)
        out.append(cand)
    return out
