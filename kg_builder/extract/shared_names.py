"""Names two countries share ("Congo"): the one the article names in full elsewhere is meant.

"Congo" is the Republic of the Congo in ISO 3166, but an article that also says "the Democratic
Republic of Congo" or "DRC" means that country by it.

>>> from kg_builder.extract.candidates import Candidate
>>> from kg_builder.model import Kind
>>> drc = Candidate(0, 3, Kind.COUNTRY, "country/cd", "g", 0.9)
>>> congo = Candidate(5, 6, Kind.COUNTRY, "country/cg", "g", 0.9)
>>> [c.key for c in read_shared_names(["Democratic Republic of Congo", "Congo"], [drc, congo])]
['country/cd', 'country/cd']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kg_builder.extract.candidates import Candidate

# name -> the countries it may name, the default first
SHARED = {"Congo": ("country/cg", "country/cd"), "Congo's": ("country/cg", "country/cd")}


def read_shared_names(texts: Sequence[str], chosen: list[Candidate]) -> list[Candidate]:
    """``texts[i]`` is the text of ``chosen[i]``; shared names go to the country named in full."""
    named = {c.key for c, text in zip(chosen, texts, strict=True) if text not in SHARED}
    out = []
    for cand, text in zip(chosen, texts, strict=True):
        options = SHARED.get(text)
        if options and cand.key in options:
            meant = [key for key in options if key in named]
            if len(meant) == 1 and meant[0] != cand.key:
                cand = replace(cand, key=meant[0])
        out.append(cand)
    return out
