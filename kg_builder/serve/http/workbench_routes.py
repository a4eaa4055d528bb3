"""What the query workbench on the home page asks as people type: prefixes, the ontology's classes
and properties, and nodes by label for the pickers of saved queries' IRI parameters."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from kg_builder.namespaces import PREFIXES
from kg_builder.serve.completion import KINDS, classes_for, search_nodes, terms
from kg_builder.serve.http.api_schemas import error_responses
from kg_builder.serve.http.published import ask
from kg_builder.serve.sparql_service import ProtocolError

router = APIRouter(prefix="/api", tags=["workbench"])
MAX_TEXT = 200


@router.get("/prefixes", summary="The prefixes the graph's terms use, by name")
def prefixes() -> JSONResponse:
    return JSONResponse(PREFIXES)


@router.get("/terms", summary="Classes or properties of the ontology that complete a text")
def ontology_terms(kind: Annotated[Literal["class", "property"], Query(description="class or property")],
                   q: Annotated[str, Query(max_length=MAX_TEXT, description="an IRI's start, or words")] = ""
                   ) -> JSONResponse:
    return JSONResponse(terms(kind, q))


@router.get("/nodes", summary="Nodes whose label or key holds a text, the most mentioned first",
            responses=error_responses(400, 503))
async def nodes(request: Request,
                q: Annotated[str, Query(max_length=MAX_TEXT, description="words of the label, or of the key")],
                parameter: Annotated[str | None, Query(description="a saved query's parameter: its kinds of node")]
                = None,
                kind: Annotated[list[str] | None, Query(description=f"kinds of node: {', '.join(KINDS)}")] = None
                ) -> JSONResponse:
    unknown = sorted(set(kind or []) - set(KINDS))
    if unknown:
        raise ProtocolError(400, f"parameter 'kind': {', '.join(unknown)} is not one of {', '.join(KINDS)}")
    kinds = kind or classes_for(parameter or "")
    if not q.strip():
        return JSONResponse([])
    base = request.app.state.published.current.base
    return JSONResponse(await ask(request, search_nodes, q.strip(), kinds, base))
