"""The SPARQL 1.1 Protocol's work without the HTTP: run a read-only query over the union of the
article graphs with a time limit and a result limit, and write the answer in the format the
client asked for (SPARQL JSON, XML, CSV or TSV for results; Turtle, N-Triples, JSON-LD or
RDF/XML for graphs).

>>> import pyoxigraph as ox
>>> from kg_builder.store.local import KnowledgeGraph
>>> graph = KnowledgeGraph.in_memory([ox.Quad(ox.NamedNode("http://ex/s"), ox.NamedNode("http://ex/p"),
...                                           ox.Literal("o"), ox.NamedNode("http://ex/g"))])
>>> answer = execute(graph, "SELECT ?o WHERE { ?s ?p ?o }", accept="text/csv")
>>> answer.media_type, answer.body
('text/csv; charset=utf-8', b'o\\r\\no\\r\\n')
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import pyoxigraph as ox

from kg_builder.errors import KgBuilderError, QuerySyntaxError
from kg_builder.namespaces import PREFIXES
from kg_builder.serve.results import QueryResult, serialize

RESULT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE, "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD, "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                  "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
         "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8"}
UPDATE_WORDS = re.compile(
    r"^\s*(?:(?:(?:PREFIX|BASE)\s[^\n]*|#[^\n]*)(?:\n|$)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)


class ProtocolError(KgBuilderError):
    """A request the endpoint refuses, with the HTTP status that says why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status

    def __reduce__(self):  # sent back from the query workers
        return type(self), (self.status, str(self))


@dataclass(frozen=True)
class Limits:
    """How long a query may run (seconds) and how many rows or triples its answer may hold."""

    seconds: float = 10.0
    results: int = 10_000


@dataclass(frozen=True)
class Answer:
    body: bytes
    media_type: str


def _accepted(accept: str | None) -> list[str]:
    """Media types of an Accept header, best first (q-values honoured, order kept on ties)."""
    items = []
    for position, part in enumerate((accept or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for field in fields[1:]:
            if field.startswith("q="):
                try:
                    q = float(field[2:])
                except ValueError:
                    q = 0.0
        items.append((-q, position, fields[0].lower()))
    return [media for _, _, media in sorted(items)]


def negotiate(accept: str | None, kinds: dict, default: str) -> str:
    """The first acceptable media type of ``kinds``; ``default`` for */* or no header; 406 otherwise."""
    wanted = _accepted(accept)
    for media in wanted:
        if media in kinds:
            return media
        if media in ("*/*", "application/*", "text/*") or not media:
            return default
    if not wanted:
        return default
    raise ProtocolError(406, f"cannot answer in {accept!r}; this query's answer can be: {', '.join(sorted(kinds))}")


def refuse_updates(text: str) -> None:
    if UPDATE_WORDS.match(text):
        raise ProtocolError(403, "SPARQL Update is not allowed: this endpoint is read-only")


MAX_QUERY_CHARS = 100_000
MAX_NESTING = 64  # brackets, braces and parentheses inside one another; deeper queries crash the parser
STRINGS_AND_COMMENTS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
                                  r"|'(?:[^'\\\n]|\\.)*'|#[^\n]*")
IRI_REFS = re.compile(r"<[^<>\s]*>")


def check_shape(query: str) -> None:
    """Refuse, before parsing, a query too long or nested too deep for the parser to handle safely.

    >>> try:
    ...     check_shape("SELECT * WHERE { FILTER(" + "(" * 100 + "1" + ")" * 100 + ") }")
    ... except ProtocolError as error:
    ...     print(error.status, error)
    400 the query nests brackets 102 deep, more than the endpoint's limit of 64
    """
    if len(query) > MAX_QUERY_CHARS:
        raise ProtocolError(413, f"the query is {len(query):,} characters long, more than the endpoint's limit of "
                                 f"{MAX_QUERY_CHARS:,}")
    depth = deepest = 0
    for char in IRI_REFS.sub(" ", STRINGS_AND_COMMENTS.sub(" ", query)):
        if char in "({[":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")}]":
            depth -= 1
    if deepest > MAX_NESTING:
        raise ProtocolError(400, f"the query nests brackets {deepest} deep, more than the endpoint's limit of "
                                 f"{MAX_NESTING}")


def execute(graph, query: str, *, accept: str | None = None, limits: Limits = Limits(),
            default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
            base: str | None = None) -> Answer:
    """Run ``query`` on a :class:`~kg_builder.store.local.KnowledgeGraph` (the union of the named
    graphs is the default graph unless ``default_graphs`` says otherwise; relative IRIs resolve
    against ``base``, the endpoint's URL) and write its answer as ``accept`` asks."""
    check_shape(query)
    refuse_updates(query)
    deadline = time.monotonic() + limits.seconds
    try:
        results = graph.query(query, default_graphs=default_graphs, named_graphs=named_graphs, base=base)
    except QuerySyntaxError as error:
        raise ProtocolError(400, str(error)) from None
    except ValueError as error:
        raise ProtocolError(400, f"bad request: {error}") from None
    except OSError as error:  # raised by a SERVICE call the query starts with
        raise service_error(error) from None
    # pyoxigraph's results may only be dropped on the thread that made them: settle every error here,
    # with no reference to them left in a traceback that another thread would free.
    try:
        return _write(results, accept, deadline, limits)
    except ProtocolError as error:
        status, message = error.status, str(error)
    finally:
        del results
    raise ProtocolError(status, message)


def _write(results, accept: str | None, deadline: float, limits: Limits) -> Answer:
    if isinstance(results, ox.QueryBoolean):
        kind = RESULT_TYPES[negotiate(accept, {k: v for k, v in RESULT_TYPES.items() if v in ("json", "xml")},
                                      "application/sparql-results+json")]
        return Answer(results.serialize(format=RESULT_FORMATS[kind]), MEDIA[kind])
    if isinstance(results, ox.QuerySolutions):
        kind = RESULT_TYPES[negotiate(accept, RESULT_TYPES, "application/sparql-results+json")]
        columns = [v.value for v in results.variables]
        rows = [[solution[c] for c in columns] for solution in _bounded(results, deadline, limits)]
        return Answer(serialize(QueryResult(columns, rows), RESULT_FORMATS[kind]), MEDIA[kind])
    media = negotiate(accept, GRAPH_TYPES, "text/turtle")
    triples = list(_bounded(results, deadline, limits))
    fmt = GRAPH_TYPES[media]
    body = ox.serialize(triples, format=fmt, prefixes=PREFIXES if fmt is ox.RdfFormat.TURTLE else None)
    return Answer(body, fmt.media_type + ("; charset=utf-8" if fmt is not ox.RdfFormat.RDF_XML else ""))


def time_limit_error(limits: Limits) -> ProtocolError:
    return ProtocolError(503, f"the query ran past the time limit of {limits.seconds:g} s")


def _bounded(items, deadline: float, limits: Limits):
    """The items of a lazy answer, stopped with a clear error at the time or size limit."""
    for count, item in enumerate(_guarded(items), start=1):
        if count > limits.results:
            raise ProtocolError(413, f"the answer has more than {limits.results} results, the endpoint's limit; "
                                     "add a LIMIT or narrow the query")
        if time.monotonic() > deadline:
            raise time_limit_error(limits)
        yield item


def service_error(error: OSError) -> ProtocolError:
    """A SERVICE endpoint that cannot be reached, or answers in error: the gateway's fault (502)."""
    return ProtocolError(502, f"a SERVICE endpoint of the query could not be reached or failed: {error}")


def _guarded(items):
    try:
        yield from items
    except OSError as error:  # a SERVICE call made while streaming
        raise service_error(error) from None
    except RuntimeError as error:
        raise ProtocolError(500, f"query evaluation failed: {error}") from None
