"""One exception root for the package; every error says what, where and how to fix it."""

from __future__ import annotations


class KgBuilderError(Exception):
    """Root of every error kg_builder raises on purpose."""

    exit_code = 2


class ArticleError(KgBuilderError):
    """An input article could not be read; the build skips it and goes on."""

    def __init__(self, source: str, problem: str, hint: str = "") -> None:
        self.source = source
        self.problem = problem
        self.hint = hint
        text = f"{source}: {problem}"
        if hint:
            text += f" ({hint})"
        super().__init__(text)


class ReferenceDataError(KgBuilderError):
    """A reference-data file is malformed."""


class StoreError(KgBuilderError):
    """The knowledge-graph store is missing or unusable."""


class QueryError(KgBuilderError):
    """A saved query is unknown, malformed, or given a bad parameter."""


class ValidationRunError(KgBuilderError):
    """Validation could not run at all (as opposed to finding violations)."""
