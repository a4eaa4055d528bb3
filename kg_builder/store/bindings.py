"""Terms bound into a query's text as a ``VALUES`` block: the one way a value from outside reaches a
query. Each term is an RDF term checked by pyoxigraph and written by it, never text pasted in."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox

from kg_builder.errors import QueryError

BIND_MARKER = "#@bind"


def with_bindings(sparql: str, terms: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    r"""The query with a ``VALUES`` block of the given terms at its ``#@bind`` line.

    >>> with_bindings("SELECT * WHERE {\n  #@bind\n  ?s ?p ?o }", {"s": ox.NamedNode("http://ex/a")})
    'SELECT * WHERE {\n  VALUES (?s) { (<http://ex/a>) }\n  ?s ?p ?o }'
    """
    if not terms:
        return sparql
    names = sorted(terms)
    block = "VALUES (" + " ".join(f"?{name}" for name in names) + ") { (" + \
        " ".join(str(terms[name]) for name in names) + ") }"
    if BIND_MARKER in sparql:
        return sparql.replace(BIND_MARKER, block, 1)
    match = re.search(r"\bWHERE\s*\{", sparql, re.I)
    if not match:
        raise QueryError("saved query has no WHERE clause to bind parameters in")
    return sparql[:match.end()] + "\n  " + block + sparql[match.end():]
