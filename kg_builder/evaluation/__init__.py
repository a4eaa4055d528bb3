"""Fidelity of a built graph against gold facts written by hand.

Gold is a YAML file of articles, each with the people, countries, organisations,
minerals, sectors, agreements and events a careful reader finds in it (the format
of ``tests/data/dev/gold.yaml``, documented in the README). The graph is read
through the saved queries ``entities``, ``agreements`` and ``events``, so what is
scored is what an analyst would see.
"""

from kg_builder.evaluation.gold import Gold, read_gold
from kg_builder.evaluation.run import evaluate
from kg_builder.evaluation.scoring import Report, score

__all__ = ["Gold", "Report", "evaluate", "read_gold", "score"]
