"""One canonical entity per real-world thing.

Partial names of people ("Takaichi", "Mr Trump") resolve to the full name seen
in the same article, else to the only full name in the corpus that ends the same
way. Reference entities already have one key each; metonyms were read as
governments during extraction.

>>> from kg_builder.model import Article, Kind, Mention
>>> art = Article(id="a", source="a", sha256="0", text="Jane Roe spoke. Roe left.")
>>> full = Mention(0, 8, "Jane Roe", Kind.PERSON, "person/jane-roe", 0, "rule", 0.6, "Jane Roe")
>>> part = Mention(16, 19, "Roe", Kind.PERSON, "person/roe", 1, "rule", 0.8, "Roe")
>>> [m.key for m in resolve([Extraction(art, (), (full, part))])[0].mentions]
['person/jane-roe', 'person/jane-roe']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from kg_builder.model import Extraction, Kind, Mention


def full_names(extraction: Extraction) -> dict[str, str]:
    """Person key -> label for the multi-word names of one article."""
    return {m.key: m.label for m in extraction.mentions if m.kind is Kind.PERSON and len(m.label.split()) > 1}


def partial_names(extraction: Extraction) -> set[str]:
    """The labels of the people an article names only in part (not by a full name of its own)."""
    local = full_names(extraction)
    return {m.label for m in extraction.mentions if m.kind is Kind.PERSON and m.key not in local}


def last_word(label: str) -> str:
    """What names are looked up by: the last word, in lower case."""
    words = label.split()
    return words[-1].lower() if words else ""


def match(short: str, names: Iterable[tuple[str, str]]) -> tuple[str, str] | None:
    """The one full name (key, label) that ``short`` ends ("Roe" of "Jane Roe"), or ``None`` when no
    name or several do; a person known by several labels takes the first in sort order."""
    words = short.split()
    hits: dict[str, str] = {}
    for key, label in names:
        if label.split()[-len(words):] == words and (key not in hits or label < hits[key]):
            hits[key] = label
    return next(iter(hits.items())) if len(hits) == 1 else None


class CorpusNames:
    """The full names of people across the corpus, by last word."""

    def __init__(self, extractions: Iterable[Extraction] = ()) -> None:
        self.by_last: dict[str, set[tuple[str, str]]] = {}
        for extraction in extractions:
            for key, label in full_names(extraction).items():
                self.by_last.setdefault(last_word(label), set()).add((key, label))

    def names(self, last: str) -> Iterable[tuple[str, str]]:
        return self.by_last.get(last, ())


def resolve(extractions: list[Extraction]) -> list[Extraction]:
    """Rewrite partial person names to their full names, within each article then across the corpus."""
    corpus = CorpusNames(extractions)
    return [resolve_one(extraction, corpus) for extraction in extractions]


def resolve_one(extraction: Extraction, corpus) -> Extraction:
    """One article's partial person names under their full names: the article's own, else the only
    one in the corpus (``corpus.names(last word)`` gives the corpus's full names ending that way)."""
    local = full_names(extraction)
    mapping: dict[str, tuple[str, str]] = {}
    for mention in extraction.mentions:
        if mention.kind is not Kind.PERSON or mention.key in local or mention.key in mapping:
            continue
        found = match(mention.label, local.items()) or match(mention.label, corpus.names(last_word(mention.label)))
        if found and found[0] != mention.key:
            mapping[mention.key] = found
    if not mapping:
        return extraction
    mentions = tuple(_remap(m, mapping) for m in extraction.mentions)
    keys = {old: new for old, (new, _) in mapping.items()}
    return replace(extraction, mentions=mentions, **_remap_facts(extraction, keys))


def _keys(items: tuple[str, ...], keys: dict[str, str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(keys.get(k, k) for k in items))


def _remap_facts(extraction: Extraction, keys: dict[str, str]) -> dict[str, tuple]:
    """The people of roles, memberships, agreements, events and figures, under their full names."""
    return {
        "roles": tuple(replace(r, person=keys.get(r.person, r.person)) for r in extraction.roles),
        "memberships": tuple(replace(m, person=keys.get(m.person, m.person)) for m in extraction.memberships),
        "agreements": tuple(replace(a, signatories=_keys(a.signatories, keys)) for a in extraction.agreements),
        "events": tuple(replace(e, participants=_keys(e.participants, keys)) for e in extraction.events),
        "figures": tuple(replace(f, about=keys.get(f.about, f.about)) for f in extraction.figures),
    }


def _remap(mention: Mention, mapping: dict[str, tuple[str, str]]) -> Mention:
    if mention.key not in mapping:
        return mention
    key, label = mapping[mention.key]
    return replace(mention, key=key, label=label, extractor=mention.extractor + "+resolved")
