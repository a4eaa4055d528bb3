"""``/sparql``: the SPARQL 1.1 Protocol, read-only (GET, POST form, POST direct body)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from kg_builder.serve.federation import check_services
from kg_builder.serve.http import tasks
from kg_builder.serve.http.published import ask
from kg_builder.serve.sparql_service import ProtocolError, check_shape

router = APIRouter(tags=["sparql"])
SERVICE_DESCRIPTION = """@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix void: <http://rdfs.org/ns/void#> .
[] a sd:Service ;
   sd:endpoint <{endpoint}> ;
   sd:supportedLanguage sd:SPARQL11Query ;
   sd:feature sd:UnionDefaultGraph ;
   sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>, <http://www.w3.org/ns/formats/SPARQL_Results_XML>,
       <http://www.w3.org/ns/formats/SPARQL_Results_CSV>, <http://www.w3.org/ns/formats/SPARQL_Results_TSV>,
       <http://www.w3.org/ns/formats/Turtle>, <http://www.w3.org/ns/formats/N-Triples>,
       <http://www.w3.org/ns/formats/JSON-LD> ;
   sd:defaultDataset [ a sd:Dataset ; void:vocabulary <https://w3id.org/cmkg/ontology#> ] .
"""


async def answer(request: Request, query: str, default_graphs: list[str], named_graphs: list[str]) -> Response:
    """Run the query in a query worker; past the time limit, answer 503 (the worker is stopped)."""
    state = request.app.state
    check_shape(query)
    check_services(query, state.allowed_services)
    endpoint = str(request.url).split("?", 1)[0]  # the base IRI of the query's relative IRIs
    result = await ask(request, tasks.sparql, query, request.headers.get("accept"), state.limits,
                       default_graphs, named_graphs, endpoint)
    return Response(result.body, media_type=result.media_type)


def utf8_body(content_type: str, body: bytes) -> str:
    """A direct POST body, which the protocol requires in UTF-8: another charset is a 415, bytes that
    are not UTF-8 a 400 saying where."""
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            raise ProtocolError(415, f"send the query in UTF-8, as the SPARQL Protocol requires, not {value.strip()}")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolError(400, f"the query is not UTF-8: byte {error.start} is {body[error.start]:#04x}") from None


@router.get("/sparql", summary="SPARQL query (GET); without a query, the service description")
async def sparql_get(
    request: Request,
    query: Annotated[str | None, Query(description="A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE)")] = None,
    default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri")] = None,
    named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri")] = None,
) -> Response:
    if "update" in request.query_params:
        raise ProtocolError(403, "SPARQL Update is not allowed: this endpoint is read-only")
    if len(request.query_params.getlist("query")) > 1:
        raise ProtocolError(400, "give one query: the request has more than one 'query' parameter")
    if query is None:
        return Response(SERVICE_DESCRIPTION.format(endpoint=str(request.url).split("?")[0]),
                        media_type="text/turtle; charset=utf-8")
    return await answer(request, query, default_graph_uri or [], named_graph_uri or [])


@router.post("/sparql", summary="SPARQL query (POST form or application/sparql-query body)")
async def sparql_post(request: Request) -> Response:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    params = request.query_params
    if content_type == "application/sparql-update":
        raise ProtocolError(403, "SPARQL Update is not allowed: this endpoint is read-only")
    if content_type == "application/x-www-form-urlencoded":
        form = await request.form()
        if "update" in form:
            raise ProtocolError(403, "SPARQL Update is not allowed: this endpoint is read-only")
        query = form.get("query")
        defaults, named = form.getlist("default-graph-uri"), form.getlist("named-graph-uri")
    elif content_type == "application/sparql-query":
        query = utf8_body(request.headers.get("content-type", ""), await request.body())
        defaults, named = params.getlist("default-graph-uri"), params.getlist("named-graph-uri")
    else:
        raise ProtocolError(415, "send the query as application/sparql-query or as a form field 'query' "
                                 "(application/x-www-form-urlencoded)")
    if not query:
        raise ProtocolError(400, "no query given")
    return await answer(request, str(query), list(defaults), list(named))
