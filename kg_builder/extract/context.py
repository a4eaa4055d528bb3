"""What the fact rules see of one article: its tokens, the mentions chosen on them, the
posts people hold, time expressions resolved against the article's date, and small
helpers for clauses, pronouns and the actors a span names.

Actors in facts are normalised: a government acting ("Beijing imposed ...") is its
country, and a person's country is the one their post or the reference data gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from kg_builder.extract.timex import TimeExpr, article_anchor, find_times
from kg_builder.keys import government_country, is_kind
from kg_builder.model import Article, Evidence, Kind, Mention, RoleClaim
from kg_builder.reference import Reference

ACTOR_KINDS = (Kind.PERSON, Kind.COUNTRY, Kind.ORGANIZATION)
BOUNDARY_WORDS = {"as", "while", "where", "when", "after", "before", "because", "although", "though",
                  "whereas", "since", "but", "then", "which", "whom", "amid", "despite", "during"}
BOUNDARY_PUNCT = {";", ":", "—", "–", "(", ")", "“", "”", '"'}
PRONOUNS = {"he", "she", "his", "her", "him"}
GROUP_SUBJECTS = re.compile(r"^\W*(?:[^,]{1,40},\s*)?(?:the\s+)?(both countries|both nations|both governments"
                            r"|both sides|the two sides|the two countries|the two nations"
                            r"|the two governments|the parties"
                            r"|washington and \w+|\w+ and washington)\b", re.I)
PRONOUN_SUBJECT = re.compile(r"^\W*(?:but|and|also|moreover|under it,)?\s*it\s+"
                             r"(?:is expected to|is meant to|is designed to|aims to|seeks to|will|would|also"
                             r"|includes|covers|gives|provides|establishes|creates|sets|commits|calls for)\b", re.I)
NOT_PARTIES = {"MediaOrganization"}
DESCRIPTION_WINDOW = 5
PARENT_OF = {"arm", "unit", "subsidiary", "division", "affiliate", "branch", "business", "venture", "spin-off"}
DESCRIBING_WORDS = {"based", "listed", "headquartered", "owned", "backed", "led", "run", "mining", "flagship",
                    "state", "controlled", "funded", "registered"}


@dataclass
class ArticleContext:
    """One article's doc and mentions, indexed by token."""

    doc: Doc
    article: Article
    reference: Reference
    mentions: list[Mention]
    roles: tuple[RoleClaim, ...]
    skip: set[int]
    spans: list[tuple[int, int, Mention]] = field(default_factory=list)
    _times: dict[int, list[TimeExpr]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.anchor = article_anchor(self.article.published, self.article.text)
        for m in self.mentions:
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                self.spans.append((span.start, span.end, m))
        self.spans.sort(key=lambda item: item[0])
        self._ends = {(s, m): e for s, e, m in self.spans}
        self._organisation_starts = {s for s, _, m in self.spans if m.kind is Kind.ORGANIZATION}
        self.sentences = list(self.doc.sents)

    # -- mentions ---------------------------------------------------------------------------------

    def mentions_in(self, start: int, end: int, kinds: tuple[Kind, ...] = ACTOR_KINDS) -> list[tuple[int, Mention]]:
        """Mentions of ``kinds`` lying inside tokens ``[start, end)``, with their first token."""
        return [(s, m) for s, e, m in self.spans if start <= s and e <= end and m.kind in kinds]

    def actor(self, mention: Mention) -> str | None:
        """The actor a mention stands for in a fact, or ``None`` (media, places)."""
        if mention.subtype in NOT_PARTIES:
            return None
        return government_country(mention.key) or mention.key

    def actors_in(self, start: int, end: int, *, persons: bool = True) -> list[str]:
        kinds = ACTOR_KINDS if persons else (Kind.COUNTRY, Kind.ORGANIZATION)
        found = [(s, self.actor(m)) for s, m in self.mentions_in(start, end, kinds) if self.acts(s, m)]
        found += self.pronoun_people(start, end) if persons else []
        return list(dict.fromkeys(a for _, a in sorted(found, key=lambda item: item[0]) if a))

    def acts(self, start: int, mention: Mention) -> bool:
        """The mention starting at token ``start`` names an actor of its own, not a country that owns or
        describes the organisation named after it, nor a demonym ("Swiss miner Glencore", "a Chinese firm")."""
        if mention.kind is Kind.COUNTRY and start > 0 and self.doc[start - 1].lower_ in ("a", "an"):
            return False  # "a U.S. EV company"
        if self._parent(start, mention):
            return False  # "PowerCo, Volkswagen's battery arm": the parent is not the one that acts
        return mention.extractor != "gazetteer:demonym" and not self._owner(start, mention) \
            and not self._describes(start, mention)

    def _parent(self, start: int, mention: Mention) -> bool:
        """An organisation named as the parent of the one before it: ", Volkswagen's battery arm"."""
        end = self._ends[start, mention]
        if start == 0 or self.doc[start - 1].text != "," or end >= len(self.doc) \
                or self.doc[end].text not in ("’s", "'s"):
            return False
        words = [t.lower_ for t in self.doc[end + 1:min(len(self.doc), end + 5)]]
        return any(w in PARENT_OF for w in words)

    def _owner(self, start: int, mention: Mention) -> bool:
        """A country named as the owner of an organisation ("Indonesia's Ministry of ..."), not an actor itself."""
        end = self._ends[start, mention]
        if mention.kind is not Kind.COUNTRY or end + 1 >= len(self.doc) or self.doc[end].text not in ("’s", "'s"):
            return False
        return end + 1 in self._organisation_starts

    def _describes(self, start: int, mention: Mention) -> bool:
        """A country that only describes the company after it: "U.S. rare earths miner MP Materials",
        "Saudi Arabia's flagship mining company Ma'aden", "the US-based firm Strategic Metals"."""
        if mention.kind is not Kind.COUNTRY:
            return False
        end = self._ends[start, mention]
        i = end
        while i < len(self.doc) and i - end <= DESCRIPTION_WINDOW:
            token = self.doc[i]
            if i in self._organisation_starts:
                return i > end
            if not (token.text in ("’s", "'s", "-", "–") or (token.is_alpha and token.is_lower)):
                return False
            if token.pos_ in ("VERB", "AUX", "ADP", "CCONJ") and token.lower_ not in DESCRIBING_WORDS:
                return False  # "Indonesia signs a memorandum with Eramet": the country acts
            i += 1
        return False

    def persons_in(self, start: int, end: int) -> list[str]:
        found = [m.key for _, m in self.mentions_in(start, end, (Kind.PERSON,))]
        found += [key for _, key in self.pronoun_people(start, end)]
        return list(dict.fromkeys(found))

    def places_in(self, start: int, end: int) -> list[str]:
        """Places named after "in" or "at" inside ``[start, end)``: buildings and cities, else countries."""
        out = []
        for s, m in self.mentions_in(start, end, (Kind.PLACE, Kind.COUNTRY, Kind.ORGANIZATION)):
            before = self.doc[s - 1].lower_ if s > 0 else ""
            if m.extractor in ("rule:metonym", "gazetteer:demonym"):
                continue  # "in Washington's effort": the state acting, not a place
            if before in ("in", "at") or (before in ("’s", "'s") and s > 1 and self.doc[s - 3].lower_ == "at"):
                if m.kind is Kind.PLACE or m.kind is Kind.COUNTRY:
                    out.append((m.kind is not Kind.PLACE, m.key))
                elif government_country(m.key):
                    continue
        places = [k for is_country, k in out if not is_country]
        return list(dict.fromkeys(places or [k for _, k in out]))

    def pronoun_people(self, start: int, end: int) -> list[tuple[int, str]]:
        """People that he/she/his/her inside ``[start, end)`` refer to (the nearest person named before),
        with the pronoun's token."""
        out = []
        for token in self.doc[start:end]:
            if token.lower_ in PRONOUNS and (person := self.person_before(token.i)):
                out.append((token.i, person))
        return out

    def person_before(self, index: int) -> str | None:
        best = None
        for s, _, m in self.spans:
            if s >= index:
                break
            if m.kind is Kind.PERSON:
                best = m.key
        return best

    def country_of(self, person: str) -> str | None:
        """The country of a person's post in this article, else the reference data's."""
        for claim in self.roles:
            if claim.person == person and is_kind(claim.of, "country"):
                return claim.of
        entity = self.reference.entities.get(person)
        return entity.country if entity else None

    def parties_of(self, actors: list[str]) -> list[str]:
        """Countries and organisations acting: people stand for their country."""
        out = []
        for key in actors:
            if is_kind(key, "person"):
                key = self.country_of(key) or ""
            if key and not is_kind(key, "place", "person"):
                out.append(key)
        return list(dict.fromkeys(out))

    # -- clauses and time -------------------------------------------------------------------------

    def sentence_of(self, index: int) -> Span:
        for sent in self.sentences:
            if sent.start <= index < sent.end:
                return sent
        return self.sentences[-1]

    def sentence_number(self, index: int) -> int:
        return next(i for i, s in enumerate(self.sentences) if s.start <= index < s.end)

    def clause_start(self, index: int) -> int:
        """First token of the clause that token ``index`` stands in (looking left)."""
        sent = self.sentence_of(index)
        for i in range(index - 1, sent.start - 1, -1):
            token = self.doc[i]
            if token.text in BOUNDARY_PUNCT or (token.lower_ in BOUNDARY_WORDS and i > sent.start):
                return i + 1
        return sent.start

    def clause_end(self, index: int) -> int:
        sent = self.sentence_of(index)
        for i in range(index + 1, sent.end):
            token = self.doc[i]
            if token.text in BOUNDARY_PUNCT or token.lower_ in BOUNDARY_WORDS:
                return i
        return sent.end

    def phrase_end(self, index: int) -> int:
        """End of the stretch after token ``index`` that still belongs to its clause: up to a semicolon,
        colon or subordinating word (parentheses and commas do not end it)."""
        sent = self.sentence_of(index)
        for i in range(index, sent.end):
            token = self.doc[i]
            if token.text in (";", ":") or token.lower_ in BOUNDARY_WORDS:
                return i
        return sent.end

    def times(self, sentence: Span) -> list[TimeExpr]:
        """Time expressions of a sentence, with offsets in the article."""
        if sentence.start not in self._times:
            found = find_times(sentence.text, self.anchor)
            self._times[sentence.start] = [
                TimeExpr(t.start + sentence.start_char, t.end + sentence.start_char, t.text, t.value, t.deadline)
                for t in found]
        return self._times[sentence.start]

    def time_near(self, index: int, *, deadlines: bool = False) -> TimeExpr | None:
        """The time expression nearest token ``index`` in its sentence, preferring its own clause."""
        sent = self.sentence_of(index)
        at = self.doc[index].idx
        lo, hi = self.doc[self.clause_start(index)].idx, self.doc[self.clause_end(index) - 1].idx + 1
        options = [t for t in self.times(sent) if t.deadline == deadlines]
        if not options:
            return None
        return min(options, key=lambda t: (not (lo <= t.start < hi), abs(t.start - at)))

    def evidence(self, start: int, end: int, rule: str, confidence: float) -> Evidence:
        span = self.doc[start:end]
        return Evidence(span.start_char, span.end_char, span.text, self.sentence_number(start), rule, confidence)

    def is_group_subject(self, sentence: Span) -> bool:
        return bool(GROUP_SUBJECTS.match(sentence.text))

    def is_pronoun_subject(self, sentence: Span) -> bool:
        """The sentence goes on about the thing just named: "It is expected to give the US access ..."."""
        return bool(PRONOUN_SUBJECT.match(sentence.text))
