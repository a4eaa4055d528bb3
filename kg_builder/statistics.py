"""How much the corpus speaks of each entity, counted once at build time: ``graph/statistics``
holds, for every entity the articles mention, the number of its mentions, the number of articles
that mention it and each form of words they used for it.

The same numbers can be counted from the article graphs (``COUNT(DISTINCT ?m)`` over the mentions),
but on a large corpus that reads every mention; saved queries that rank or list entities read these
instead. ``add`` and ``remove`` count them again from the merged extractions, so they always agree
with the article graphs (a test compares them with the counts a query makes over the mentions).

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

from kg_builder.model import Extraction
from kg_builder.namespaces import Iris
from kg_builder.rdf_terms import c, lit, n

def statistics_quads(extractions: Iterable[Extraction], iris: Iris) -> list[ox.Quad]:
    """Mentions, articles and forms of words of every entity mentioned, in ``graph/statistics``."""
    spans: dict[str, set[tuple[str, int, int]]] = {}  # entity key -> (article, start, end) of each mention
    forms: dict[str, set[str]] = {}
    for extraction in extractions:
        for mention in extraction.mentions:
            spans.setdefault(mention.key, set()).add((extraction.article.id, mention.start, mention.end))
            forms.setdefault(mention.key, set()).add(mention.text)
    graph = n(iris.graph("statistics"))
    quads = []
    for key in sorted(spans):
        entity = n(iris.key(key))
        articles = {article for article, _, _ in spans[key]}
        quads += [ox.Quad(entity, c("mentionCount"), lit(len(spans[key])), graph),
                  ox.Quad(entity, c("articleCount"), lit(len(articles)), graph)]
        quads += [ox.Quad(entity, c("surfaceForm"), lit(form), graph) for form in sorted(forms[key])]
    return quads
