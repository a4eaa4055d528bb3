"""A saved query's answer as plain JSON for programs: one object per row, each value typed as its
column is declared in the query's header (numbers as numbers, dates as ISO 8601 text, IRIs as
text, cells the query joins with `` | `` as lists), and the page's place in the whole answer.

>>> import pyoxigraph as ox
>>> from kg_builder.serve.results import QueryResult
>>> r = QueryResult(["parties", "sources", "date"], [[ox.Literal("Japan | United States"), ox.Literal("5",
...     datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), None]])
>>> records(r, {"parties": "list", "sources": "integer", "date": "date"})
[{'parties': ['Japan', 'United States'], 'sources': 5, 'date': None}]
"""

from __future__ import annotations

import json

from kg_builder.serve.queries import SavedQuery, split_cell
from kg_builder.serve.results import QueryResult, Term


def value(term: Term, kind: str):
    """A cell as the JSON value of its column's type (``None`` for no value; an empty list for a list)."""
    if term is None:
        return [] if kind == "list" else None
    text = term.value
    if kind == "list":
        return split_cell(text)
    if kind == "integer":
        return int(text)
    if kind == "decimal":
        return float(text)
    if kind == "boolean":
        return text in ("true", "1")
    return text


def records(result: QueryResult, columns: dict[str, str]) -> list[dict]:
    """The rows as objects keyed by column (a column the header does not declare is text)."""
    kinds = [columns.get(c, "string") for c in result.columns]
    return [{c: value(t, k) for c, t, k in zip(result.columns, row, kinds, strict=True)} for row in result.rows]


def to_json(query: SavedQuery, result: QueryResult, limit: int, pages: dict[str, str]) -> str:
    """The page: ``columns``, ``rows``, ``offset``, ``limit``, and the URLs of the ``next`` and
    ``previous`` pages (``null`` at either end)."""
    body = {"query": query.name, "columns": result.columns, "rows": records(result, dict(query.columns)),
            "offset": result.offset, "limit": limit, "next": pages.get("next"), "previous": pages.get("prev")}
    return json.dumps(body, ensure_ascii=False)
