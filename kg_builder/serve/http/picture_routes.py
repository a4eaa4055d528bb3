"""Pictures an analyst looks at rather than reads: ``/timeline`` (events and agreements on a time axis,
grouped by kind, with the undated ones listed beside it) and ``/graph`` (the neighbourhood of a node,
coloured by type, growing where one clicks), with the timeline's data at ``/api/timeline``. The
neighbourhood's data is ``/api/neighbourhood`` (see :mod:`kg_builder.serve.http.pages`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from kg_builder.serve.http.pages import href, templates
from kg_builder.serve.http.published import ask
from kg_builder.serve.timeline import timeline

router = APIRouter()


@router.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
def timeline_page(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "timeline.html", {})


@router.get("/graph", response_class=HTMLResponse, include_in_schema=False)
def graph_page(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "graph.html", {})


@router.get("/api/timeline", tags=["pages"], summary="Events and agreements for the timeline, dated or not")
async def api_timeline(
        request: Request,
        participant: Annotated[str | None, Query(description="keep only what this actor takes part in, is party "
                                                             "to or signs (IRI or key such as country/cn)")] = None,
        mineral: Annotated[str | None, Query(description="keep only agreements covering this mineral and their "
                                                         "signings (IRI or key such as mineral/lithium)")] = None,
) -> JSONResponse:
    """``dated`` items (start, and end for a month or a year), ``undated`` ones, and the ``window`` that
    shows the bulk of the dates. Any other parameter is a 400 naming it; so is a bad value."""
    given = {name: value for name, value in request.query_params.items() if value != ""}
    data = await ask(request, timeline, given)
    for item in data["dated"] + data["undated"]:
        item["href"] = href(request, item["id"])
    return JSONResponse(data)
