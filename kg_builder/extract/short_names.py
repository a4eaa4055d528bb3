"""Short names of organisations: "Arcadium" for "Arcadium Lithium", "Noveon" for "Noveon
Magnetics", "Glencore" for "Glencore plc". An organisation the article names by the first word(s)
of one longer organisation name it also gives, where the rest is a legal form or a word for what
the company makes, is that organisation wherever the short form stands alone. "Solvay" is not
"Solvay Special Chemicals", a part of it.

>>> from kg_builder.extract.nlp import make_nlp
>>> doc = make_nlp()("Rio Tinto bought Arcadium Lithium. Arcadium shares rose.")
>>> long = Candidate(3, 5, Kind.ORGANIZATION, "organization/arcadium-lithium", "rule:org-minerals", 0.7,
...                  label="Arcadium Lithium")
>>> [(c.start, c.key) for c in short_names(doc, [long], set(), [0] * len(doc))][-1]
(6, 'organization/arcadium-lithium')
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc
from wordfreq import zipf_frequency

from kg_builder.extract.candidates import Candidate
from kg_builder.extract.organisations import LEGAL_FORMS
from kg_builder.extract.tokens import is_name_token
from kg_builder.model import Kind

SHORT_CONFIDENCE = 0.55
# What may follow a company's short name in its full name: legal forms and words for what it makes.
SUFFIXES = {form.rstrip(".") for form in LEGAL_FORMS} | {
    "Group", "Holdings", "Company", "Mining", "Metals", "Resources", "Materials", "Minerals", "Magnetics",
    "Technologies", "Technology", "Energy", "Industries", "International", "Global", "Solution", "Solutions",
    "Systems", "Services"}
MINERAL_WORDS = {"Lithium", "Nickel", "Cobalt", "Copper", "Gold", "Graphite", "Uranium", "Rare", "Earths", "Tungsten",
                 "Vanadium", "Zinc", "Silver", "Tin", "Antimony", "Manganese"}
COMMON_WORD = 4.5  # "National" or "American" alone is a word, not a short name


def known_legal_names(chosen: list[Candidate], names: dict[str, str]) -> list[Candidate]:
    """"Pilbara Minerals Ltd" is Pilbara Minerals, "Graphite One Inc." Graphite One, when the reference data
    knows the name without its legal form (``names``: label or alias -> key)."""
    out = []
    for cand in chosen:
        words = (cand.label or "").split()
        if cand.kind is Kind.ORGANIZATION and len(words) > 1 and words[-1] in LEGAL_FORMS:
            key = names.get(" ".join(words[:-1]).rstrip(","))
            if key is not None and key != cand.key:
                cand = replace(cand, key=key, label="", subtype=None, extractor=cand.extractor + "+legal-form")
        out.append(cand)
    return out


def short_names(doc: Doc, chosen: list[Candidate], skip: set[int], sent_of: list[int]) -> list[Candidate]:
    """Chosen candidates with the short forms of longer organisation names read as those organisations
    (also where the model took the short form for a person: "Serra Verde" of "Serra Verde Group")."""
    longer: dict[tuple[str, ...], set[str]] = {}
    by_key: dict[str, Candidate] = {}
    for cand in chosen:
        if cand.kind is Kind.ORGANIZATION and cand.end - cand.start >= 2:
            words = [t.text for t in doc[cand.start:cand.end]]
            for width in range(1, len(words)):
                if all(w.rstrip(".") in SUFFIXES or w in MINERAL_WORDS for w in words[width:]):
                    longer.setdefault(tuple(words[:width]), set()).add(cand.key)
            by_key.setdefault(cand.key, cand)
    if not longer:
        return chosen
    taken: dict[int, Candidate] = {i: c for c in chosen for i in range(c.start, c.end)}
    out = []
    for cand in chosen:  # a short form some extractor found on its own
        words = tuple(t.text for t in doc[cand.start:cand.end])
        keys = longer.get(words)
        guessed_person = cand.kind is Kind.PERSON and cand.extractor.startswith("model:")  # "Serra Verde said"
        if (cand.kind is Kind.ORGANIZATION or guessed_person) and keys and len(keys) == 1 and cand.key not in keys \
                and _name(words):
            target = by_key[next(iter(keys))]
            cand = replace(cand, kind=Kind.ORGANIZATION, key=target.key, label=target.label, subtype=target.subtype,
                           extractor=cand.extractor + "+short")
        out.append(cand)
    for i, token in enumerate(doc):  # a one-word short form nothing found
        keys = longer.get((token.text,))
        if i in taken or sent_of[i] in skip or not keys or len(keys) != 1 or not _name((token.text,)):
            continue
        if (i + 1 < len(doc) and is_name_token(doc[i + 1])) or (i > 0 and is_name_token(doc[i - 1])
                                                               and not doc[i].is_sent_start):
            continue  # part of another capitalised name
        target = by_key[next(iter(keys))]
        out.append(replace(target, start=i, end=i + 1, extractor="rule:short-name", confidence=SHORT_CONFIDENCE))
    return sorted(out, key=lambda c: (c.start, c.end, c.key))


def _name(words: tuple[str, ...]) -> bool:
    """Words that can stand for a name on their own: capitalised, and not all of them ordinary words."""
    return all(w[:1].isupper() for w in words) and any(zipf_frequency(w.lower(), "en") < COMMON_WORD
                                                        for w in words)
