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

from dataclasses import replace

from kg_builder.model import Extraction, Kind, Mention


def _names(extraction: Extraction) -> dict[str, str]:
    """Person key -> label for the multi-word names of one article."""
    return {m.key: m.label for m in extraction.mentions if m.kind is Kind.PERSON and len(m.label.split()) > 1}


def _match(short: str, names: dict[str, str]) -> str | None:
    words = short.split()
    hits = {key for key, label in names.items() if label.split()[-len(words):] == words}
    return hits.pop() if len(hits) == 1 else None


def resolve(extractions: list[Extraction]) -> list[Extraction]:
    """Rewrite partial person names to their full names, within each article then across the corpus."""
    corpus: dict[str, str] = {}
    for extraction in extractions:
        corpus.update(_names(extraction))
    out = []
    for extraction in extractions:
        local = _names(extraction)
        mapping: dict[str, tuple[str, str]] = {}
        for mention in extraction.mentions:
            if mention.kind is not Kind.PERSON or mention.key in local or mention.key in mapping:
                continue
            target = _match(mention.label, local) or _match(mention.label, corpus)
            if target and target != mention.key:
                mapping[mention.key] = (target, local.get(target) or corpus[target])
        if not mapping:
            out.append(extraction)
            continue
        mentions = tuple(_remap(m, mapping) for m in extraction.mentions)
        keys = {old: new for old, (new, _) in mapping.items()}
        out.append(replace(extraction, mentions=mentions, **_remap_facts(extraction, keys)))
    return out


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
