"""The facts layer (``graph/facts``) must hold exactly what the article graphs claim: each article's
claims without their provenance (the article, its sentences, its words and the evidence that ties a
claim to them), no more and no less.

Checked while the article graphs are read one at a time: a claim of an article that the facts layer
lacks is reported in that article's graph; a triple of the facts layer that no article claims is
reported in the facts graph. Memory holds the facts layer and the claims seen, not the articles.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from kg_builder.graph.facts_rdf import is_provenance
from kg_builder.namespaces import CMKG, PROV, RDF

DERIVED_FROM = PROV + "wasDerivedFrom"
SENTENCE = ox.NamedNode(CMKG + "Sentence")
TYPE = RDF + "type"


def is_facts_graph(name: str) -> bool:
    return name.endswith("/graph/facts")


def article_claims(name: str, quads: Iterable[ox.Quad]) -> set[ox.Triple]:
    """What one article graph claims: its triples but those of the article, its graph, its sentences,
    its words and its evidence."""
    quads = list(quads)
    skip = {q.object for q in quads if q.subject.value == name and q.predicate.value == DERIVED_FROM}
    skip |= {q.subject for q in quads if q.predicate.value == TYPE and q.object == SENTENCE}
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads
            if q.subject.value != name and q.subject not in skip and not is_provenance(q.subject)}


class FactsAgreement:
    """Compares the facts layer with the claims of the article graphs, one graph at a time."""

    def __init__(self, name: str | None, facts: Iterable[ox.Quad]) -> None:
        self.name = name
        self.facts = {ox.Triple(q.subject, q.predicate, q.object) for q in facts}
        self.seen: set[ox.Triple] = set()

    def article(self, name: str, quads: Iterable[ox.Quad]):
        """The claims of one article graph that the facts layer lacks, as violations of that graph."""
        from kg_builder.check.validate import Violation

        if self.name is None:
            return []
        claims = article_claims(name, quads)
        self.seen |= claims & self.facts
        return [Violation(name, t.subject.value, t.predicate.value,
                          f"the facts layer lacks this claim of the article: {t}", "Violation")
                for t in sorted(claims - self.facts, key=str)]

    def unsupported(self):
        """The triples of the facts layer that no article graph claims, as violations of the facts graph."""
        from kg_builder.check.validate import Violation

        if self.name is None:
            return []
        return [Violation(self.name, t.subject.value, t.predicate.value,
                          f"no article claims this triple of the facts layer: {t}", "Violation")
                for t in sorted(self.facts - self.seen, key=str)]
