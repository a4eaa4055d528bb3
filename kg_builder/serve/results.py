"""Query results as tables: a small value type, and writers for the SPARQL 1.1 result
formats (JSON, XML, CSV, TSV) that the command line, the saved-query API and the SPARQL
endpoint share.

>>> import pyoxigraph as ox
>>> r = QueryResult(["x"], [[ox.Literal("a,b")], [None]])
>>> to_csv(r)
'x\\n"a,b"\\n""\\n'
>>> to_tsv(r)
'?x\\n"a,b"\\n\\n'
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

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


def to_csv(result: QueryResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows([cell(t) for t in row] for row in result.rows)
    return out.getvalue()


def to_sparql_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    bindings = []
    for row in result.rows:
        binding = {}
        for column, term in zip(result.columns, row, strict=True):
            if term is None:
                continue
            if isinstance(term, ox.NamedNode):
                binding[column] = {"type": "uri", "value": term.value}
            elif isinstance(term, ox.BlankNode):
                binding[column] = {"type": "bnode", "value": term.value}
            else:
                item = {"type": "literal", "value": term.value}
                if term.language:
                    item["xml:lang"] = term.language
                elif term.datatype.value != XSD + "string":
                    item["datatype"] = term.datatype.value
                binding[column] = item
        bindings.append(binding)
    return json.dumps({"head": {"vars": result.columns}, "results": {"bindings": bindings}}, indent=2,
                      ensure_ascii=False)


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV: terms written as in Turtle/N-Triples."""
    lines = ["\t".join(f"?{c}" for c in result.columns)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def to_sparql_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML."""
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(c)}/>" for c in result.columns]
    out += ["</head>", "<results>"]
    for row in result.rows:
        out.append("<result>")
        for column, term in zip(result.columns, row, strict=True):
            if term is None:
                continue
            out.append(f"<binding name={quoteattr(column)}>{_xml_term(term)}</binding>")
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def _xml_term(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD + "string":
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def boolean_json(value: bool) -> str:
    return json.dumps({"head": {}, "boolean": value})


def boolean_xml(value: bool) -> str:
    return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
            f"<boolean>{'true' if value else 'false'}</boolean></sparql>\n")

