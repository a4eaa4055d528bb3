"""kg_builder: a knowledge-graph builder for news about critical minerals."""

__version__ = "0.1.0"
