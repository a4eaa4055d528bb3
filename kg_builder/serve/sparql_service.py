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
from pyparsing import ParseException
from rdflib.plugins.sparql.parser import parseUpdate

from kg_builder.errors import KgBuilderError, QuerySyntaxError
from kg_builder.namespaces import PREFIXES
from kg_builder.serve import negotiation
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


def negotiate(accept: str | None, kinds, default: str) -> str:
    """The media type to answer in (see :mod:`kg_builder.serve.negotiation`); 406 when none is acceptable."""
    try:
        return negotiation.negotiate(accept, kinds, default)
    except negotiation.NotAcceptable as error:
        raise ProtocolError(406, str(error)) from None


def is_update(text: str) -> bool:
    """Whether ``text`` is a SPARQL 1.1 Update with at least one operation, by rdflib's parser of the
    Update grammar. Asked only of a text the query parser refused, so that an update gets a 403
    (the endpoint is read-only) rather than a syntax error."""
    try:
        parsed = parseUpdate(text)
    except ParseException:
        return False
    return "request" in parsed


def refuse_updates(text: str) -> None:
    if is_update(text):
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
    deadline = time.monotonic() + limits.seconds
    try:
        results = graph.query(query, default_graphs=default_graphs, named_graphs=named_graphs, base=base)
    except QuerySyntaxError as error:
        refuse_updates(query)
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
