"""How much the corpus speaks of each entity and fact, counted once at build time:
``graph/statistics`` holds, for every entity the articles mention, the number of its mentions, the
number of articles that mention it and each form of words they used for it; and for every agreement,
event and figure, the number of articles that report it and the highest confidence of its evidence.

The same numbers can be counted from the article graphs (``COUNT(DISTINCT ?m)`` over the mentions,
``COUNT(DISTINCT ?g)`` over the graphs that type a fact, ``MAX`` over its evidence), but on a large
corpus that reads every mention and every piece of evidence; saved queries that rank, list or triage
read these instead. ``add`` and ``remove`` count them again from the merged extractions, so they
always agree with the article graphs (tests compare them with the counts queries make over the
article graphs).

>>> from kg_builder.model import Article, Kind, Mention
>>> jp = Mention(0, 5, "Japan", Kind.COUNTRY, "country/jp", 0, "gazetteer", 0.9, "Japan")
>>> tokyo = Mention(9, 14, "Tokyo", Kind.COUNTRY, "country/jp", 0, "metonym", 0.7, "Japan")
>>> quads = statistics_quads([Extraction(Article("a", "a.txt", "Japan or Tokyo", "0"), (), (jp, tokyo))], Iris())
>>> sorted((q.predicate.value.rsplit("#")[-1], q.object.value) for q in quads)
[('articleCount', '1'), ('mentionCount', '2'), ('surfaceForm', 'Japan'), ('surfaceForm', 'Tokyo')]
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from kg_builder.graph.contributions import corpus_quads
from kg_builder.model import Extraction
from kg_builder.namespaces import Iris


def statistics_quads(extractions: Iterable[Extraction], iris: Iris) -> list[ox.Quad]:
    """Mentions, articles and forms of words of every entity mentioned, and sources and best confidence
    of every fact, in ``graph/statistics`` (see :mod:`kg_builder.graph.contributions`)."""
    return corpus_quads(list(extractions), None, iris)
