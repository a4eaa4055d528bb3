"""Saved queries as a REST API: ``/queries`` lists them; each is its own operation at
``/queries/{name}`` (JSON or CSV by Accept, or ``.json``/``.csv``), its parameters typed in the
OpenAPI document from the query's ``#+`` header, checked and bound as RDF terms.

Answers come in pages: ``limit`` rows (100 unless asked) after ``offset``, in the query's order. When
more rows follow, a ``Link`` header (RFC 8288) gives the next page's URL with ``rel="next"``; after
the first page, ``rel="prev"`` gives the one before."""

from __future__ import annotations

import inspect

from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response

from kg_builder.serve.http import tasks
from kg_builder.serve.http.api_schemas import PARAMETERS, SPARQL_RESULTS, answer_schema, error_responses
from kg_builder.serve.http.published import ask
from kg_builder.serve.http.result_pages import result_page
from kg_builder.serve.queries import DEFAULT_LIMIT, Page, SavedQuery, list_queries
from kg_builder.serve.result_json import to_json
from kg_builder.serve.results import to_csv, to_sparql_json
from kg_builder.serve.sparql_service import ProtocolError, negotiate

FORMATS = {"application/json": "json", "application/sparql-results+json": "sparql", "text/csv": "csv",
           "text/html": "html"}


LISTING = {"type": "array", "items": {"type": "object", "required": ["name", "summary", "parameters", "columns"],
                                     "properties": {
    "name": {"type": "string"}, "summary": {"type": "string"}, "description": {"type": "string"},
    "parameters": {"type": "array", "items": {"type": "object", "required": ["name", "type"], "properties": {
        "name": {"type": "string"}, "type": {"type": "string", "enum": list(PARAMETERS)},
        "default": {"type": ["string", "null"]}, "description": {"type": "string"}}}},
    "columns": {"type": "array", "items": {"type": "object", "required": ["name", "type"], "properties": {
        "name": {"type": "string"}, "type": {"type": "string"}}}},
    "example": {"type": "string"}, "json": {"type": "string"}, "csv": {"type": "string"}}}}


def describe(query: SavedQuery) -> dict:
    return {"name": query.name, "summary": query.summary, "description": query.description,
            "parameters": [{"name": p.name, "type": p.type, "default": p.default, "description": p.description}
                           for p in query.parameters],
            "columns": [{"name": c, "type": k} for c, k in query.columns],
            "example": query.example, "json": f"/queries/{query.name}.json", "csv": f"/queries/{query.name}.csv"}


PAGING = ("limit", "offset")


async def _run(request: Request, query: SavedQuery, fmt: str | None) -> Response:
    given = {k: v for k, v in request.query_params.items() if k not in PAGING}
    page = Page(_whole(request, "limit", DEFAULT_LIMIT), _whole(request, "offset", 0))
    state = request.app.state
    if any(p.name == "service" for p in query.parameters):  # a federated query: the operator names the endpoint
        if "service" in given:
            raise ProtocolError(400, "parameter 'service': a federated query asks the endpoint the server allows "
                                     "(kg-builder serve --allow-service URL), not one a client names")
        if not state.allowed_services:
            raise ProtocolError(403, f"query {query.name!r} is federated, and this server allows no SERVICE "
                                     "endpoint (kg-builder serve --allow-service URL)")
        given["service"] = state.allowed_services[0]
    if page.limit > state.limits.results:
        raise ProtocolError(413, f"limit {page.limit}: a page holds at most {state.limits.results} rows, the "
                                 "service's limit; ask for the rest page by page (offset)")
    result = await ask(request, tasks.saved, query, given, page)
    fmt = fmt or FORMATS[negotiate(request.headers.get("accept"), FORMATS, "application/json")]
    pages = {}  # the URLs of the pages after and before this one
    if result.more:
        pages["next"] = str(request.url.include_query_params(offset=page.offset + page.limit))
    if page.offset:
        pages["prev"] = str(request.url.include_query_params(offset=max(0, page.offset - page.limit)))
    headers = {"Link": ", ".join(f'<{url}>; rel="{rel}"' for rel, url in pages.items())} if pages else {}
    if fmt == "html":
        return result_page(request, query, result, given, pages, headers)
    if fmt == "csv":
        return Response(to_csv(result), media_type="text/csv; charset=utf-8", headers=headers)
    if fmt == "sparql":
        return Response(to_sparql_json(result), media_type="application/sparql-results+json", headers=headers)
    return Response(to_json(query, result, page.limit, pages), media_type="application/json", headers=headers)


def _whole(request: Request, name: str, default: int) -> int:
    value = request.query_params.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ProtocolError(400, f"parameter {name!r}: {value!r} is not a whole number") from None


def _endpoint(query: SavedQuery, fmt: str | None):
    async def endpoint(request: Request, **_: str) -> Response:
        return await _run(request, query, fmt)

    params = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request),
              inspect.Parameter("limit", inspect.Parameter.KEYWORD_ONLY, annotation=str | None, default=Query(
                  None, description=f"rows in the page ({DEFAULT_LIMIT} unless given; the service caps it)",
                  json_schema_extra={"type": "integer", "minimum": 1, "default": DEFAULT_LIMIT})),
              inspect.Parameter("offset", inspect.Parameter.KEYWORD_ONLY, annotation=str | None, default=Query(
                  None, description="rows skipped before the page, in the query's order",
                  json_schema_extra={"type": "integer", "minimum": 0, "default": 0}))]
    for i, p in enumerate(query.parameters):
        default = Query(p.default, alias=p.name, description=p.description or None,
                        json_schema_extra={"x-rdf-type": p.type, **PARAMETERS[p.type]})
        params.append(inspect.Parameter(f"p{i}", inspect.Parameter.KEYWORD_ONLY, default=default,
                                        annotation=str | None))
    endpoint.__signature__ = inspect.Signature(params)
    endpoint.__name__ = f"query_{query.name.replace('-', '_')}" + (f"_{fmt}" if fmt else "")
    return endpoint


def add_routes(app: FastAPI) -> None:
    queries = list_queries()

    @app.get("/queries", tags=["saved queries"], summary="The saved queries with their parameters",
             operation_id="list-queries", response_class=JSONResponse,
             responses={200: {"description": "every saved query",
                              "content": {"application/json": {"schema": LISTING}}}})
    def list_all() -> JSONResponse:
        return JSONResponse([describe(q) for q in queries])

    for query in queries:
        federated = any(p.name == "service" for p in query.parameters)
        responses = {200: {"description": "one page of the answer; a Link header gives the next and previous pages",
                           "content": {"application/json": {"schema": answer_schema(query)},
                                       "application/sparql-results+json": {"schema": SPARQL_RESULTS},
                                       "text/csv": {"schema": {"type": "string"}},
                                       "text/html": {"schema": {"type": "string"}}}},
                     **error_responses(400, 413, 503, *((403, 502) if federated else ()))}
        app.add_api_route(f"/queries/{query.name}", _endpoint(query, None), methods=["GET"], tags=["saved queries"],
                          summary=query.summary, description=query.description or query.summary,
                          operation_id=query.name, responses=responses, response_class=Response)
        for fmt in ("json", "csv"):
            app.add_api_route(f"/queries/{query.name}.{fmt}", _endpoint(query, fmt), methods=["GET"],
                              include_in_schema=False, response_class=Response)

    @app.get("/queries/{name}", include_in_schema=False)
    def unknown(name: str) -> Response:
        raise ProtocolError(404, f"no saved query {name!r} (GET /queries lists them)")
