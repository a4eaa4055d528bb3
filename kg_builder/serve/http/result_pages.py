"""A saved query's answer as a page, for a browser that asks ``/queries/{name}`` for ``text/html``:
the query's parameters as a form, one page of rows as a table whose columns sort on a click, the
graph's nodes linked to their pages, and the same page as CSV or JSON to download. The rows are the
ones the JSON answer holds."""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import Request
from fastapi.responses import HTMLResponse

from kg_builder.namespaces import Iris
from kg_builder.serve.http.pages import templates
from kg_builder.serve.queries import SavedQuery
from kg_builder.serve.results import QueryResult

INPUT_TYPES = {"date": "date", "integer": "number", "decimal": "number", "string": "text", "iri": "text"}


def _cells(result: QueryResult, base: str) -> list[list[dict]]:
    """Each cell as text (a node's key for the graph's own IRIs), with a link for IRIs (to the node's
    page for the graph's own)."""
    iris, rows = Iris(base), []
    for row in result.rows:
        cells = []
        for term in row:
            value = "" if term is None else term.value
            if term is not None and isinstance(term, ox.NamedNode):
                own = value.startswith(base)
                cells.append({"text": iris.key_of(value) or value,
                              "href": "/" + value[len(base):] if own else value, "sort": value})
            else:
                cells.append({"text": value, "href": None, "sort": value})
        rows.append(cells)
    return rows


def result_page(request: Request, query: SavedQuery, result: QueryResult, given: dict[str, str],
                links: dict[str, str], headers: dict[str, str]) -> HTMLResponse:
    """The page; ``links`` holds the URLs of the pages before and after (``prev``, ``next``)."""
    base = request.app.state.published.current.base
    params = request.url.query
    context = {
        "query": query, "result": result, "rows": _cells(result, base), "given": given,
        "inputs": [(p, INPUT_TYPES.get(p.type, "text")) for p in query.parameters if p.name != "service"],
        "csv": f"/queries/{query.name}.csv" + (f"?{params}" if params else ""),
        "json": f"/queries/{query.name}.json" + (f"?{params}" if params else ""),
        "first": result.offset + 1, "last": result.offset + len(result.rows), **links,
    }
    return templates.TemplateResponse(request, "results.html", context, headers=headers)
