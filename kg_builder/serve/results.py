"""Query results as tables: a small value type, written in the SPARQL 1.1 result formats (JSON,
XML, CSV, TSV) by pyoxigraph's serializers, for the command line, the saved-query API and the
SPARQL endpoint.

>>> import pyoxigraph as ox
>>> r = QueryResult(["x"], [[ox.Literal("a,b")], [None]])
>>> to_csv(r)
'x\\r\\n"a,b"\\r\\n\\r\\n'
>>> to_tsv(r)
'?x\\n"a,b"\\n\\n'
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kg_builder.namespaces import XSD

Term = ox.NamedNode | ox.Literal | ox.BlankNode | None


@dataclass(frozen=True)
class QueryResult:
    """A result table; a page of one (``offset``: the rows before it; ``more``: whether rows follow)."""

    columns: list[str]
    rows: list[list[Term]]
    offset: int = 0
    more: bool = False


def cell(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str:
    """A term as a plain cell: the IRI, or the literal's lexical form."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def to_records(result: QueryResult) -> list[dict[str, str]]:
    """Rows as dictionaries of plain cells, keyed by column."""
    return [{c: cell(t) for c, t in zip(result.columns, row, strict=True)} for row in result.rows]


def solutions(result: QueryResult) -> ox.QuerySolutions:
    """The table as pyoxigraph query solutions, which write every result format themselves.

    The rows are kept in a scratch in-memory store, one blank node per row holding its cells, and
    read back in order by a query that projects the table's own columns: every term, blank nodes
    and their labels included, comes back as it went in.
    """
    store = ox.Store()
    index = ox.NamedNode(_ROW + "index")
    cells = [ox.NamedNode(f"{_ROW}{i}") for i in range(len(result.columns))]
    quads = []
    for number, row in enumerate(result.rows):
        node = ox.BlankNode()
        quads.append(ox.Quad(node, index, ox.Literal(str(number), datatype=_INTEGER)))
        quads += [ox.Quad(node, cell, term) for cell, term in zip(cells, row, strict=True) if term is not None]
    store.extend(quads)
    row, order = (_unused(result.columns, name) for name in ("row", "order"))
    query = (f"SELECT {' '.join('?' + c for c in result.columns)} WHERE {{ ?{row} <{index.value}> ?{order} "
             + " ".join(f"OPTIONAL {{ ?{row} <{cell.value}> ?{c} }}" for cell, c in zip(cells, result.columns,
                                                                                           strict=True))
             + f" }} ORDER BY ?{order}")
    return store.query(query)


_ROW = "urn:x-kg-builder:row:"
_INTEGER = ox.NamedNode(XSD + "integer")


def _unused(columns: list[str], name: str) -> str:
    while name in columns:
        name += "_"
    return name


def serialize(result: QueryResult, fmt: ox.QueryResultsFormat) -> bytes:
    """The table in a SPARQL 1.1 result format (JSON, XML, CSV or TSV), written by pyoxigraph."""
    return solutions(result).serialize(format=fmt)


def to_csv(result: QueryResult) -> str:
    return serialize(result, ox.QueryResultsFormat.CSV).decode("utf-8")


def to_sparql_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    return serialize(result, ox.QueryResultsFormat.JSON).decode("utf-8")


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV: terms written as in Turtle/N-Triples."""
    return serialize(result, ox.QueryResultsFormat.TSV).decode("utf-8")


def to_sparql_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML."""
    return serialize(result, ox.QueryResultsFormat.XML).decode("utf-8")
