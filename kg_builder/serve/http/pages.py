"""Pages for people: the web page at ``/``, and a page for every node under ``/id/`` (HTML for
browsers; Turtle, N-Triples or JSON-LD by Accept). Article pages show the text with the
recognised mentions marked."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

from kg_builder.namespaces import PREFIXES, Iris
from kg_builder.serve.compact_jsonld import triples_jsonld
from kg_builder.serve.http import tasks
from kg_builder.serve.http.published import ask
from kg_builder.serve.neighbourhood import neighbourhood
from kg_builder.serve.queries import Parameter, is_iri, to_term
from kg_builder.serve.sparql_service import GRAPH_TYPES, ProtocolError, negotiate

router = APIRouter()
EXAMPLE_SPARQL = """PREFIX cmkg: <https://w3id.org/cmkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
# agreements, the most reported first
SELECT ?agreement ?label ?sources WHERE {
  GRAPH <{base}graph/facts> { ?agreement a cmkg:Agreement ; rdfs:label ?label }
  ?agreement cmkg:sourceCount ?sources
} ORDER BY DESC(?sources) ?label"""
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


def href(request: Request, iri: str) -> str:
    """A link for an IRI: entity pages for the graph's own IRIs, the IRI itself otherwise."""
    base = request.app.state.published.base
    return "/" + iri[len(base):] if iri.startswith(base) else iri


def _wants_html(accept: str | None) -> bool:
    return not accept or "text/html" in accept or not any(t in accept for t in GRAPH_TYPES)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def index(request: Request) -> HTMLResponse:
    base = request.app.state.published.current.base
    return templates.TemplateResponse(request, "index.html", {"base": base,
                                                              "example": EXAMPLE_SPARQL.replace("{base}", base)})


@router.get("/api/neighbourhood", tags=["pages"], summary="One-step neighbourhood of a node, for pictures")
async def api_neighbourhood(request: Request,
                            entity: Annotated[str, Query(description="IRI or key such as country/jp")]) -> JSONResponse:
    iri = _iri(request, entity)
    data = await ask(request, neighbourhood, iri)
    if data is None:
        raise ProtocolError(404, f"the graph knows nothing of {iri}")
    for node in data["nodes"]:
        node["href"] = href(request, node["id"])
    return JSONResponse(data)


def _iri(request: Request, value: str) -> str:
    """An IRI or a key, checked as every IRI parameter is (a bad one is a 400 naming the parameter)."""
    return to_term(Parameter("entity", "iri"), value, Iris(request.app.state.published.base)).value


@router.get("/id/{path:path}", include_in_schema=False)
async def entity_page(request: Request, path: str) -> Response:
    iri = request.app.state.published.current.base + "id/" + path
    if not is_iri(iri):
        raise ProtocolError(404, f"no node can have the IRI {iri!r}: it holds characters an IRI cannot")
    accept = request.headers.get("accept")
    if not _wants_html(accept):
        media = negotiate(accept, GRAPH_TYPES, "text/turtle")
        triples = await ask(request, tasks.triples_about, iri)
        if not triples:
            raise ProtocolError(404, f"the graph knows nothing of {iri}")
        fmt = GRAPH_TYPES[media]
        if fmt is ox.RdfFormat.JSON_LD:
            return Response(triples_jsonld(triples), media_type=fmt.media_type)
        body = ox.serialize(triples, format=fmt,
                            prefixes=PREFIXES if fmt is ox.RdfFormat.TURTLE else None)
        return Response(body, media_type=fmt.media_type)
    view = await ask(request, tasks.entity, iri)
    if not view.exists:
        return templates.TemplateResponse(request, "missing.html", {"iri": iri}, status_code=404)
    context = {"view": view, "href": lambda i: href(request, i), "article": None}
    if path.startswith("article/"):
        context["article"] = _article_html(request, await ask(request, tasks.article_text, iri))
    return templates.TemplateResponse(request, "entity.html", context)


def _article_html(request: Request, article: tuple[str, list] | None) -> str:
    """The article's text, escaped, with each recognised mention marked and linked to its entity."""
    if article is None:
        return ""
    text, mentions = article
    out, at = [], 0
    for start, end, entity, label in mentions:
        if start < at:
            continue
        out.append(html.escape(text[at:start]))
        out.append(f'<a class="mention" href="{html.escape(href(request, entity))}" '
                   f'title="{html.escape(label)}">{html.escape(text[start:end])}</a>')
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)
