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

from kg_builder.graph.rdf_terms import c, lit, n
from kg_builder.keys import figure_key
from kg_builder.model import Evidence, Extraction
from kg_builder.namespaces import Iris


def statistics_quads(extractions: Iterable[Extraction], iris: Iris) -> list[ox.Quad]:
    """Mentions, articles and forms of words of every entity mentioned, and sources and best confidence
    of every fact, in ``graph/statistics``."""
    extractions = list(extractions)
    return _entity_statistics(extractions, iris) + _fact_statistics(extractions, iris)


def _entity_statistics(extractions: list[Extraction], iris: Iris) -> list[ox.Quad]:
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


def _fact_statistics(extractions: list[Extraction], iris: Iris) -> list[ox.Quad]:
    """``cmkg:sourceCount`` (articles whose graph reports the fact) and ``cmkg:maxConfidence`` (of the
    evidence whose body is the fact itself) of every agreement, event and figure."""
    sources: dict[str, set[str]] = {}
    best: dict[str, float] = {}  # a fact told without evidence has no confidence
    for extraction in extractions:
        article = extraction.article.id
        facts: list[tuple[str, tuple[Evidence, ...]]] = [(a.key, a.evidence) for a in extraction.agreements]
        facts += [(e.key, e.evidence) for e in extraction.events]
        facts += [(figure_key(f), (f.evidence,)) for f in extraction.figures]
        for key, evidence in facts:
            sources.setdefault(key, set()).add(article)
            for e in evidence:
                if e.confidence > best.get(key, -1.0):
                    best[key] = e.confidence
    graph = n(iris.graph("statistics"))
    confidences = {value: lit(float(value)) for value in set(best.values())}  # a few distinct values
    quads = []
    for key in sorted(sources):
        fact = n(iris.key(key))
        quads.append(ox.Quad(fact, c("sourceCount"), lit(len(sources[key])), graph))
        if key in best:
            quads.append(ox.Quad(fact, c("maxConfidence"), confidences[best[key]], graph))
    return quads
