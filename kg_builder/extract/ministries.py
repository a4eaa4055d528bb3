"""Ministries named through their country: "the Chinese Commerce Ministry", "China's commerce
ministry", "India's Ministry of Mines", and "its commerce ministry" in a sentence about China, are
all the Ministry of <portfolio> of <country>, the one entity the reference data may already know
("Ministry of Commerce of China").

>>> from kg_builder.extract.nlp import make_nlp
>>> from kg_builder.reference import load_reference
>>> ref = load_reference()
>>> doc = make_nlp()("China said its commerce ministry would act.")
>>> china = Candidate(0, 1, Kind.COUNTRY, "country/cn", "gazetteer:label", 0.95)
>>> [(doc[c.start:c.end].text, c.key) for c in find_ministries(doc, [china], set(), [0] * len(doc), ref)]
[('commerce ministry', 'organization/china-ministry-of-commerce')]
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg_builder.extract.candidates import Candidate
from kg_builder.extract.tokens import demonym_before
from kg_builder.keys import entity_key
from kg_builder.model import Kind
from kg_builder.reference import Reference, with_article

POSSESSIVES = {"’s", "'s"}
PRONOUNS = {"its", "their"}
MAX_PORTFOLIO = 3  # "commerce", "foreign affairs", "energy and mineral resources"


def find_ministries(doc: Doc, known: list[Candidate], skip: set[int], sent_of: list[int],
                    reference: Reference) -> list[Candidate]:
    """Ministry candidates, keyed by country and portfolio."""
    countries = {c.end: c for c in known if c.kind is Kind.COUNTRY}
    labels = {e.label: e.key for e in reference.entities.values() if e.kind is Kind.ORGANIZATION}
    out = []
    for token in doc:
        if token.lower_ != "ministry" or sent_of[token.i] in skip:
            continue
        found = _portfolio_before(doc, token.i, reference.demonyms) or _portfolio_after(doc, token.i)
        if found is None:
            continue
        start, end, portfolio = found
        country = _country_before(doc, start, countries, known, reference)
        if country is None:
            continue
        first, key = country
        label = f"Ministry of {portfolio} of {with_article(reference.label(key))}"
        ministry = labels.get(label) or entity_key("organization", label)
        span_start = start if first is None else first
        out.append(Candidate(span_start, end, Kind.ORGANIZATION, ministry, "rule:ministry", 0.8, label=label,
                             subtype="GovernmentBody"))
    return out


def _portfolio_before(doc: Doc, i: int, demonyms: dict[str, str]) -> tuple[int, int, str] | None:
    """"commerce ministry", "Foreign Affairs Ministry"."""
    start = i
    while start > 0 and i - start < MAX_PORTFOLIO and doc[start - 1].is_alpha and (
            doc[start - 1].pos_ in ("NOUN", "PROPN", "ADJ") or doc[start - 1].lower_ == "and") \
            and doc[start - 1].lower_ not in PRONOUNS and doc[start - 1].text not in demonyms \
            and doc[start - 1].ent_type_ not in ("GPE", "NORP"):
        start -= 1
    while start < i and doc[start].lower_ == "and":
        start += 1
    if start == i:
        return None
    return start, i + 1, " ".join(t.text.capitalize() if t.lower_ != "and" else "and" for t in doc[start:i])


def _portfolio_after(doc: Doc, i: int) -> tuple[int, int, str] | None:
    """"Ministry of Mines"."""
    if i + 2 >= len(doc) or doc[i + 1].lower_ != "of" or not doc[i + 2].text[:1].isupper():
        return None
    end = i + 2
    while end < len(doc) and end - i - 2 < MAX_PORTFOLIO + 1 and (doc[end].text[:1].isupper()
                                                                  or doc[end].lower_ == "and"):
        end += 1
    while doc[end - 1].lower_ == "and":
        end -= 1
    return i, end, " ".join(t.text for t in doc[i + 2:end])


def _country_before(doc: Doc, start: int, countries: dict[int, Candidate], known: list[Candidate],
                    reference: Reference) -> tuple[int | None, str] | None:
    """The country that owns the ministry: "China's", "Chinese", or "its" after a country named earlier
    in the sentence. Gives the first token to include in the span (None: the country stays apart)."""
    i = start - 1 if start > 0 and doc[start - 1].lower_ == "the" else start
    if demonym := demonym_before(doc, i, reference.demonyms):
        return demonym[1], demonym[0]
    if i > 1 and doc[i - 1].text in POSSESSIVES and i - 1 in countries:
        return None, countries[i - 1].key
    if i > 0 and doc[start - 1].lower_ in PRONOUNS:
        sent_start = doc[start].sent.start
        before = [c for c in known if c.kind is Kind.COUNTRY and sent_start <= c.start < start]
        if len({c.key for c in before}) == 1:
            return None, before[0].key
    return None
