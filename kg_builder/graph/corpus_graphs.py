"""The graphs the corpus makes as a whole, beside one graph per article: ``graph/entities`` (each
entity, post and measure described once), ``graph/statistics`` (how much the articles speak of each
entity and fact) and ``graph/links`` (the curated links of what is reference data or mentioned).

A build writes them once; ``add`` and ``remove`` make them again from the merged extractions of the
whole corpus and write those that changed, so both always give the same graphs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from kg_builder.graph.links import CuratedLink, links_graph
from kg_builder.graph.rdf import entity_quads
from kg_builder.graph.statistics import statistics_quads
from kg_builder.model import Extraction
from kg_builder.namespaces import Iris
from kg_builder.reference import Reference


@dataclass(frozen=True)
class CorpusGraphs:
    entities: list[ox.Quad]
    statistics: list[ox.Quad]
    links: list[ox.Quad]
    unknown_links: list[CuratedLink]  # curated, but of keys neither reference data nor mentioned: not written

    def quads(self) -> list[ox.Quad]:
        return self.entities + self.statistics + self.links

    def by_graph(self, iris: Iris) -> dict[str, list[ox.Quad]]:
        """Graph name -> its quads."""
        return {iris.graph("entities"): self.entities, iris.graph("statistics"): self.statistics,
                iris.graph("links"): self.links}


def corpus_graphs(merged: list[Extraction], reference: Reference, iris: Iris,
                  curated: Iterable[CuratedLink]) -> CorpusGraphs:
    """The corpus-wide graphs of the merged extractions of every article."""
    curated = list(curated)
    known = set(reference.entities) | {m.key for e in merged for m in e.mentions}
    return CorpusGraphs(entity_quads(merged, reference, iris), statistics_quads(merged, iris),
                        links_graph(curated, known, iris), [link for link in curated if link.key not in known])
