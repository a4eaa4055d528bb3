"""Score the graph in a store: read it through the saved queries, then compare with gold."""

from __future__ import annotations

from kg_builder.evaluation.gold import Gold
from kg_builder.evaluation.scoring import Report, score
from kg_builder.serve.queries import get_query, run_query
from kg_builder.serve.results import to_records

SCORED_QUERIES = ("entities", "agreements", "events")


def evaluate(graph, gold: Gold) -> Report:
    """The fidelity of ``graph`` (a :class:`~kg_builder.store.local.KnowledgeGraph`) against ``gold``."""
    rows = {name: to_records(run_query(graph, get_query(name))) for name in SCORED_QUERIES}
    return score(gold, rows["entities"], rows["agreements"], rows["events"])
