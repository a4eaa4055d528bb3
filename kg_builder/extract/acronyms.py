"""Acronyms defined in brackets: "Frontier Works Organisation (FWO)" makes every later
"FWO" the same entity as the full name (an acronym the reference data knows, such as "DRC", keeps
its entity); an acronym of something that is not an actor
("the Critical Raw Materials Act (CRMA)") names no actor anywhere in the article.

>>> from kg_builder.extract.nlp import make_nlp
>>> doc = make_nlp()("The Frontier Works Organisation (FWO) signed. FWO will build it.")
>>> full = Candidate(1, 4, Kind.ORGANIZATION, "organization/fwo", "rule", 0.7, label="Frontier Works Organisation")
>>> [(doc[c.start:c.end].text, c.key) for c in bind_acronyms(doc, [full])]
[('Frontier Works Organisation', 'organization/fwo'), ('FWO', 'organization/fwo'), ('FWO', 'organization/fwo')]
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from kg_builder.extract.candidates import Candidate
from kg_builder.model import Kind

DEFINED_CONFIDENCE = 0.85


def is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(text) <= 8 and len(letters) >= 2 and sum(c.isupper() for c in letters) >= len(letters) - 1 \
        and text[0].isupper() and all(c.isalnum() or c in "&-" for c in text)


def bind_acronyms(doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
    """Candidates with every use of a bracketed acronym bound to the name before the bracket."""
    ends = {c.end: c for c in chosen if c.is_actor}
    known = {doc[c.start].text for c in chosen if c.end - c.start == 1 and c.extractor.startswith("gazetteer")}
    bound: dict[str, Candidate | None] = {}
    for token in doc[1:-2]:
        if token.text != "(" or doc[token.i + 2].text != ")":
            continue
        acronym = doc[token.i + 1].text
        if not is_acronym(acronym) or acronym in bound or acronym in known:
            continue
        owner = ends.get(token.i)
        if owner is not None and owner.kind in (Kind.ORGANIZATION, Kind.COUNTRY):
            bound[acronym] = owner
        elif owner is None and _initials_before(doc, token.i, acronym):
            bound[acronym] = None  # the acronym of a law, plan or project
    if not bound:
        return chosen
    out = [c for c in chosen if not (c.end - c.start == 1 and doc[c.start].text in bound)]
    for token in doc:
        owner = bound.get(token.text, False)
        if owner and not any(c.start <= token.i < c.end for c in out):
            out.append(replace(owner, start=token.i, end=token.i + 1, extractor="rule:acronym",
                               confidence=min(owner.confidence, DEFINED_CONFIDENCE),
                               label=owner.label or doc[owner.start:owner.end].text))
    return sorted(out, key=lambda c: (c.start, c.end, c.key))


def _initials_before(doc: Doc, bracket: int, acronym: str) -> bool:
    """The words before the bracket begin with the acronym's letters, in order: "the Critical Raw
    Materials Act (CRMA)", "anode active material (AAM)", "a joint venture (JV)"."""
    letters = "".join(c for c in acronym if c.isalpha()).upper()
    for capitalised in (True, False):
        words = []
        i = bracket - 1
        while i >= 0 and len(words) < len(letters) + 3 and doc[i].is_alpha and (
                not capitalised or doc[i].text[:1].isupper() or doc[i].lower_ in ("of", "and")):
            if doc[i].lower_ not in ("of", "and", "the", "a", "an", "for"):
                words.append(doc[i].text[0].upper())
            i -= 1
        if "".join(reversed(words))[-len(letters):] == letters:
            return True
    return False
