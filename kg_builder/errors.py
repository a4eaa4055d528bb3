"""One exception root for the package; every error says what, where and how to fix it."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What every command's exit status means (the one table of them)."""

    OK = 0  # done; the graph conforms
    VIOLATIONS = 1  # done, but the graph breaks a shape or the ontology is inconsistent
    FAILED = 2  # nothing done: a bad option, no readable article, no store, a server out of reach
    SKIPPED = 3  # done, but some inputs could not be read and were skipped (each is reported)


class KgBuilderError(Exception):
    """Root of every error kg_builder raises on purpose."""

    exit_code = ExitCode.FAILED


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


class QuerySyntaxError(StoreError):
    """A SPARQL query the store cannot parse."""


class QueryError(KgBuilderError):
    """A saved query is unknown, malformed, or given a bad parameter."""


class ServiceError(QueryError):
    """A SERVICE endpoint that a federated query calls cannot be reached, or answers in error."""


class ValidationRunError(KgBuilderError):
    """Validation could not run at all (as opposed to finding violations)."""
