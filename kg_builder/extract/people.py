"""People who are not in the reference data, found by the titles before their
names ("Prime Minister Sanae Takaichi", "Mr Trump") or by the verb of speech
after them ("Jane Doe said"), and the posts those titles name.

A title also tells the post: "Chinese President Xi Jinping" is President of
China; "Sanae Takaichi, the prime minister of Japan" is Prime Minister of Japan.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from wordfreq import zipf_frequency

from kg_builder.extract.candidates import Candidate
from kg_builder.extract.given_names import is_given_name
from kg_builder.extract.tokens import demonym_before, is_name_particle, is_name_token
from kg_builder.keys import entity_key
from kg_builder.model import Kind
from kg_builder.reference import Reference

# Forms of address and royal titles: they name a person but no post ("Prince Abdulaziz bin Salman").
HONORIFICS = ("mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "prince", "princess", "crown prince",
              "king", "queen", "sheikh", "sheikha", "emir", "sultan", "h.e.", "his excellency", "her excellency",
              "his highness", "his royal highness")
QUALIFIERS = {"new", "newly", "elected", "former", "late", "acting", "then", "current", "incoming",
              "outgoing", "first", "female", "-", "interim", "deputy"}
HONORIFIC_WORDS = {word for h in HONORIFICS for word in h.split()}
SPEECH_VERBS = {"said", "says", "told", "added", "noted", "stated", "wrote", "announced"}
MAX_NAME_TOKENS = 4


@dataclass(frozen=True)
class RoleHint:
    """A post named next to a person candidate (resolved to keys after selection)."""

    person_start: int
    person_end: int
    role: str
    of: str | None
    start: int
    end: int
    qualifier: str | None


class PeopleRules:
    def __init__(self, nlp: Language, reference: Reference) -> None:
        self.reference = reference
        self.titles = PhraseMatcher(nlp.vocab, attr="LOWER")
        for title, role in reference.roles.items():
            self.titles.add(role, [nlp.make_doc(title)])
        self.titles.add("honorific", [nlp.make_doc(h) for h in HONORIFICS])
        self.honorific_id = nlp.vocab.strings["honorific"]

    def find(self, doc: Doc, known: list[Candidate], skip: set[int], sent_of: list[int],
             ) -> tuple[list[Candidate], list[RoleHint]]:
        """Person candidates and role hints; ``known`` are the gazetteer's candidates."""
        people: list[Candidate] = []
        hints: list[RoleHint] = []
        persons_at = {(c.start, c.end): c for c in known if c.kind is Kind.PERSON}
        titles = [(m, s, e) for m, s, e in self.titles(doc)]
        # Longest title wins where titles overlap ("Vice President" over "President").
        titles = [(m, s, e) for m, s, e in titles
                  if not any((s2 <= s and e <= e2) and (e2 - s2) > (e - s) for _, s2, e2 in titles)]
        for match_id, start, end in titles:
            if sent_of[start] in skip:
                continue
            role = None if match_id == self.honorific_id else doc.vocab.strings[match_id]
            while end < len(doc) and doc[end].lower_ in HONORIFIC_WORDS:
                end += 1  # "Energy Minister Prince Abdulaziz bin Salman"
            name_end = end
            while (name_end < len(doc) and name_end - end < MAX_NAME_TOKENS
                   and (is_name_token(doc[name_end]) or is_name_particle(doc, name_end) and name_end > end)
                   and not _blocked(known, name_end)):
                name_end += 1
            if name_end == end and role:
                end, name_end = _after_portfolio(doc, end, known)  # "Commissioner for Trade Valdis Dombrovskis"
            if name_end > end:
                person = self._person(doc, end, name_end, persons_at, "rule:title", 0.85)
                people.append(person)
                if role:
                    of, qualifier = self._modifiers(doc, start, known)
                    if of is None:
                        of = self._of_after(doc, name_end, known)
                    hints.append(RoleHint(end, name_end, role, of, start, name_end, qualifier))
            elif role:
                hint, person = self._appositive(doc, start, end, role, known, persons_at)
                if hint:
                    hints.append(hint)
                if person:
                    people.append(person)
        people.extend(self._speakers(doc, known, skip, sent_of, persons_at))
        people.extend(_surnames(doc, people, known, skip, sent_of))
        return people, hints

    def _person(self, doc: Doc, start: int, end: int, persons_at: dict, extractor: str,
                confidence: float) -> Candidate:
        known = persons_at.get((start, end))
        name = doc[start:end].text
        if known:
            return Candidate(start, end, Kind.PERSON, known.key, extractor, max(confidence, known.confidence))
        return Candidate(start, end, Kind.PERSON, entity_key("person", name), extractor, confidence, label=name)

    def _country_before(self, doc: Doc, end: int, known: list[Candidate]) -> tuple[str | None, int]:
        """A country or organisation (or a demonym) ending right before token ``end``."""
        for cand in known:
            if cand.end == end and cand.kind in (Kind.COUNTRY, Kind.ORGANIZATION):
                return cand.key, cand.start
        return demonym_before(doc, end, self.reference.demonyms) or (None, end)

    def _modifiers(self, doc: Doc, title_start: int, known: list[Candidate]) -> tuple[str | None, str | None]:
        i = title_start
        qualifiers = []
        while i > 0 and doc[i - 1].lower_ in QUALIFIERS:
            qualifiers.append(doc[i - 1].lower_)
            i -= 1
        if i > 0 and doc[i - 1].text in ("’s", "'s"):
            i -= 1
        of, _ = self._country_before(doc, i, known)
        qualifier = next((q for q in reversed(qualifiers) if q in ("former", "late", "acting", "new", "interim")),
                         None)
        return of, qualifier

    def _of_after(self, doc: Doc, end: int, known: list[Candidate]) -> str | None:
        if end < len(doc) and doc[end].lower_ == "of":
            for cand in known:
                if cand.start == end + 1 and cand.kind in (Kind.COUNTRY, Kind.ORGANIZATION):
                    return cand.key
        return None

    def _appositive(self, doc: Doc, start: int, end: int, role: str, known: list[Candidate], persons_at: dict,
                    ) -> tuple[RoleHint | None, Candidate | None]:
        """"Sanae Takaichi, the prime minister of Japan," and "the Prime Minister of Japan, Shinzo Abe"."""
        of = self._of_after(doc, end, known)
        of_end = next((c.end for c in known if c.key == of and c.start == end + 1), end) if of else end
        _, qualifier = self._modifiers(doc, start, known)
        i = start
        while i > 0 and doc[i - 1].lower_ in QUALIFIERS | {"the"}:
            i -= 1
        closed = of_end >= len(doc) or doc[of_end].text in (",", ".", ";", ")", "—", "–")
        if i > 1 and doc[i - 1].text == "," and closed:
            person = next((c for c in known if c.kind is Kind.PERSON and c.end == i - 1 and c.end - c.start > 1),
                          None)
            new = None
            if person is None:
                name_start = i - 1
                while name_start > 0 and i - 1 - name_start < MAX_NAME_TOKENS and is_name_token(doc[name_start - 1]) \
                        and not _blocked(known, name_start - 1):
                    name_start -= 1
                if i - 1 - name_start >= 2:
                    new = person = self._person(doc, name_start, i - 1, persons_at, "rule:appositive", 0.7)
            if person:
                return RoleHint(person.start, person.end, role, of, i, of_end, qualifier), new
        if of and of_end + 1 < len(doc) and doc[of_end].text == ",":
            person = next((c for c in known if c.kind is Kind.PERSON and c.start == of_end + 1), None)
            if person:
                return RoleHint(person.start, person.end, role, of, start, person.end, qualifier), None
        return None, None

    def _speakers(self, doc: Doc, known: list[Candidate], skip: set[int], sent_of: list[int],
                  persons_at: dict) -> list[Candidate]:
        out = []
        for token in doc:
            if token.lower_ not in SPEECH_VERBS or sent_of[token.i] in skip:
                continue
            start = token.i
            while start > 0 and token.i - start < MAX_NAME_TOKENS and is_name_token(doc[start - 1]) \
                    and not _blocked(known, start - 1):
                start -= 1
            if token.i - start >= 2 and (start == 0 or not is_name_token(doc[start - 1])) \
                    and is_given_name(doc[start].text):
                out.append(self._person(doc, start, token.i, persons_at, "rule:speaker", 0.6))
        return out


def _surnames(doc: Doc, people: list[Candidate], known: list[Candidate], skip: set[int], sent_of: list[int],
              ) -> list[Candidate]:
    """Later mentions of a person found by a rule by surname alone ("Macron will visit Berlin")."""
    full = {}
    for cand in people:
        if cand.end - cand.start > 1:
            full.setdefault(doc[cand.end - 1].text, set()).add((cand.key, cand.label or doc[cand.start:cand.end].text))
    taken = {i for c in people + known for i in range(c.start, c.end)}
    out = []
    for token in doc:
        names = full.get(token.text)
        if not names or len(names) > 1 or token.i in taken or sent_of[token.i] in skip:
            continue
        key, label = next(iter(names))
        out.append(Candidate(token.i, token.i + 1, Kind.PERSON, key, "rule:surname", SURNAME_CONFIDENCE, label=label))
    return out


def _after_portfolio(doc: Doc, end: int, known: list[Candidate]) -> tuple[int, int]:
    """The name after a title's portfolio: "Commissioner for Trade Valdis Dombrovskis", "Minister for Coal
    and Mines, G. Kishan Reddy", "Minister of Industry and Construction Yersain Nagaspayev": the first
    given name, initial or word too rare to be a portfolio's, within a few capitalised words."""
    if end >= len(doc) or doc[end].lower_ not in ("for", "of"):
        return end, end
    i = end + 1
    while i < len(doc) and i - end <= PORTFOLIO_WORDS and (doc[i].text[:1].isupper() or doc[i].lower_ in
                                                          ("and", "&", ",", "the")):
        word = doc[i].text
        rare = is_name_token(doc[i]) and zipf_frequency(word.lower(), "en") < RARE_NAME_ZIPF  # "Yersain"
        if (is_given_name(word) or len(word) == 2 and word.endswith(".") or rare) and i + 1 < len(doc) \
                and is_name_token(doc[i + 1]) and not _blocked(known, i) and zipf_frequency(word.lower(), "en") < 5:
            stop = i + 1
            while stop < len(doc) and stop - i < MAX_NAME_TOKENS and is_name_token(doc[stop]) \
                    and not _blocked(known, stop):
                stop += 1
            return i, stop
        i += 1
    return end, end


PORTFOLIO_WORDS = 7
SURNAME_CONFIDENCE = 0.65  # above the model's guess (0.6): the article names this person in full
RARE_NAME_ZIPF = 2.5  # rarer than any portfolio word (metallurgy 2.9, hydrocarbons 3.1): a name the lexicon lacks


def _blocked(known: list[Candidate], i: int) -> bool:
    """Token ``i`` belongs to a known non-person name (a country, organisation, place or concept)."""
    return any(c.start <= i < c.end and c.kind is not Kind.PERSON for c in known)
