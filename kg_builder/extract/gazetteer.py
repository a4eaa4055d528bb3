"""Names from the reference data, found with spaCy's PhraseMatcher.

Names of actors and places are matched by exact spelling (``US`` is not ``us``);
minerals and sectors without regard to case, except acronyms (``EV``, ``REE``). A mineral or
sector word inside a false friend of the reference data ("gold standard", "aircraft carrier",
"mining and processing") is no mention of it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg_builder.extract.candidates import Candidate
from kg_builder.model import Kind
from kg_builder.reference import Reference

LABEL_CONFIDENCE = 0.95
ALIAS_CONFIDENCE = 0.9
SURNAME_CONFIDENCE = 0.8
DEMONYM_CONFIDENCE = 0.7
MEDIA_NOUNS = {"newspaper", "newspapers", "broadcaster", "broadcasters", "media", "outlet", "outlets", "daily",
               "paper", "magazine", "television", "tv", "press", "news", "wire", "radio"}


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


class Gazetteer:
    """Phrase matchers over every label and alias of the reference entities."""

    def __init__(self, nlp: Language, reference: Reference) -> None:
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.entries: dict[int, tuple[str, Kind, str, float]] = {}
        exact: dict[str, list[str]] = {}
        folded: dict[str, list[str]] = {}
        for entity in reference.entities.values():
            names = [(entity.label, "label")] + [(alias, "alias") for alias in entity.aliases]
            for name, how in names:
                confidence = LABEL_CONFIDENCE if how == "label" else ALIAS_CONFIDENCE
                if entity.kind is Kind.PERSON and how == "alias" and " " not in name:
                    how, confidence = "surname", SURNAME_CONFIDENCE
                entry_id = f"{entity.key}|{how}"
                self.entries[nlp.vocab.strings.add(entry_id)] = (entity.key, entity.kind, how, confidence)
                concept = entity.kind in (Kind.MINERAL, Kind.SECTOR)
                target = folded if concept and not _is_acronym(name) else exact
                target.setdefault(entry_id, []).append(name)
        for demonym, country in reference.demonyms.items():  # "Swiss miner Glencore" names Switzerland
            entry_id = f"{country}|demonym"
            self.entries[nlp.vocab.strings.add(entry_id)] = (country, Kind.COUNTRY, "demonym", DEMONYM_CONFIDENCE)
            exact.setdefault(entry_id, []).append(demonym)
        for store, matcher in ((exact, self.exact), (folded, self.folded)):
            for entry_id, names in store.items():
                matcher.add(entry_id, list(nlp.tokenizer.pipe(names)))
        self.concept_names = {name.lower(): entry_id for entry_id, names in folded.items() for name in names}
        self.false_friends = PhraseMatcher(nlp.vocab, attr="LOWER")
        if reference.false_friends:
            self.false_friends.add("false-friend", list(nlp.tokenizer.pipe(reference.false_friends)))

    def find(self, doc: Doc) -> list[Candidate]:
        """Every reference name in the document, overlaps included."""
        blocked = [(start, end) for _, start, end in self.false_friends(doc)]
        out = []
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                key, kind, how, confidence = self.entries[match_id]
                if kind in (Kind.MINERAL, Kind.SECTOR) and any(lo <= start and end <= hi for lo, hi in blocked):
                    continue
                if how == "demonym" and end < len(doc) and doc[end].lower_ in MEDIA_NOUNS:
                    continue  # "the British newspaper" tells where a source is from, not what the story is about
                if how == "alias" and end - start == 1 and _inside_longer_name(doc, start):
                    continue  # "Congress" in "National People's Congress" is not the US Congress
                out.append(Candidate(start, end, kind, key, f"gazetteer:{how}", confidence))
        return out + self._elided(doc, out)

    def _elided(self, doc: Doc, found: list[Candidate]) -> list[Candidate]:
        """Concepts named by a word coordinated with another concept's first word: "green" in "green and
        digital transitions" is the green transition, "battery" in "battery and magnet recycling"."""
        out = []
        for cand in found:
            if cand.kind not in (Kind.MINERAL, Kind.SECTOR) or cand.end - cand.start < 2 or cand.start < 2:
                continue
            if doc[cand.start - 1].lower_ not in ("and", "or") or not doc[cand.start - 2].is_alpha:
                continue
            rest = [t.lower_ for t in doc[cand.start + 1:cand.end]]
            word = doc[cand.start - 2].lower_
            for tail in (rest, rest[:-1] + [rest[-1].removesuffix("s")]):
                entry_id = self.concept_names.get(" ".join([word, *tail]))
                if entry_id is not None:
                    key, kind, how, confidence = self.entries[doc.vocab.strings[entry_id]]
                    out.append(Candidate(cand.start - 2, cand.start - 1, kind, key, f"gazetteer:{how}-elided",
                                         confidence * 0.9))
                    break
        return out


def _inside_longer_name(doc: Doc, start: int) -> bool:
    """Whether the word at ``start`` ends a longer proper name: a capitalised word (not the first of
    its sentence) or a capitalised word's possessive comes right before it."""
    if start == 0:
        return False
    before = doc[start - 1]
    if before.text in ("'s", "’s") and start >= 2:
        before = doc[start - 2]
    return before.is_alpha and before.text[0].isupper() and not before.is_sent_start
