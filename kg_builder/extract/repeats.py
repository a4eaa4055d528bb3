"""One name, one entity per article: a name found once by the model or a rule
("Ma’aden" where the recogniser saw it) is the same entity wherever the article
repeats it with the same words, even where nothing found it there.

>>> from kg_builder.extract.nlp import make_nlp
>>> doc = make_nlp()("Ma’aden signed. Officials said Ma’aden will build it.")
>>> found = Candidate(0, 1, Kind.ORGANIZATION, "organization/maaden", "model:organization", 0.6, label="Ma’aden")
>>> [(c.start, c.extractor) for c in repeat_names(doc, [found], set(), [0] * len(doc))]
[(0, 'model:organization'), (5, 'rule:repeat')]
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from kg_builder.extract.candidates import Candidate
from kg_builder.model import Kind

REPEATED = ("model:", "rule:org-form", "rule:acronym")
REPEAT_CONFIDENCE = 0.55


def repeat_names(doc: Doc, chosen: list[Candidate], skip: set[int], sent_of: list[int]) -> list[Candidate]:
    """Chosen candidates plus the uncovered repeats of organisation names found by the model or a rule."""
    names: dict[tuple[str, ...], Candidate] = {}
    for cand in chosen:
        if cand.kind is Kind.ORGANIZATION and cand.extractor.startswith(REPEATED):
            names.setdefault(tuple(t.text for t in doc[cand.start:cand.end]), cand)
    if not names:
        return chosen
    taken = {i for c in chosen for i in range(c.start, c.end)}
    out = list(chosen)
    for words, cand in names.items():
        width = len(words)
        for i in range(len(doc) - width + 1):
            if sent_of[i] in skip or any(j in taken for j in range(i, i + width)):
                continue
            if tuple(t.text for t in doc[i:i + width]) == words and _whole(doc, i, i + width):
                out.append(replace(cand, start=i, end=i + width, extractor="rule:repeat",
                                   confidence=min(cand.confidence, REPEAT_CONFIDENCE)))
                taken.update(range(i, i + width))
    return sorted(out, key=lambda c: (c.start, c.end, c.key))


def _whole(doc: Doc, start: int, end: int) -> bool:
    """Not part of a longer capitalised name ("Lynas" inside "Lynas Rare Earths" found elsewhere)."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    return not (before is not None and before.text[:1].isupper() and not before.is_sent_start
                and before.is_alpha and not doc[start].is_sent_start) \
        and not (after is not None and after.text[:1].isupper() and after.is_alpha)
