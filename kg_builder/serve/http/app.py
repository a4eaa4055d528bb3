"""The application: the current build (its queries run in worker processes), the SPARQL endpoint,
the saved-query API, entity pages and the web page, health and VoID, and a log line per request.

>>> import tempfile, pathlib
>>> from kg_builder import paths
>>> from kg_builder.pipeline.build import build
>>> kg = pathlib.Path(tempfile.mkdtemp()) / "kg"
>>> _ = build([paths.sample_articles_dir()], kg, owl=False)
>>> from fastapi.testclient import TestClient
>>> TestClient(create_app(ServerSettings(kg))).get("/health").json()["status"]
'ok'
"""

from __future__ import annotations

import logging
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn
from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders

from kg_builder import __version__
from kg_builder.errors import KgBuilderError, QueryError
from kg_builder.graph.void import void_turtle
from kg_builder.serve.federation import allowed_endpoints
from kg_builder.serve.http import pages, picture_routes, query_routes, sparql_routes, tasks, workbench_routes
from kg_builder.serve.http.answer_cache import DEFAULT_MB as ANSWER_CACHE_MB
from kg_builder.serve.http.answer_cache import AnswerCache
from kg_builder.serve.http.api_schemas import add_components, problem
from kg_builder.serve.http.published import Published, ask
from kg_builder.serve.http.query_pool import DEFAULT_MEMORY_MB
from kg_builder.serve.sparql_service import Limits, ProtocolError
from kg_builder.store.local import KnowledgeGraph
from kg_builder.store.remote import RemoteConfig

log = logging.getLogger("kg_builder.serve.http")
STATIC = Path(__file__).parent / "static"
KEEP_ALIVE_SECONDS = 75  # longer than clients keep idle connections (httpx 5 s, browsers about 60 s)


def uvicorn_config(app: FastAPI, host: str, port: int = 0, **options) -> uvicorn.Config:
    """How the app is served: idle keep-alive connections stay open longer than clients keep them, so a
    client never reuses a connection the server is closing at that moment; one log line per request
    (:class:`RequestLog`), not two."""
    return uvicorn.Config(app, host=host, port=port, timeout_keep_alive=KEEP_ALIVE_SECONDS, access_log=False,
                          **options)


class HttpMiddleware:
    """A plain ASGI middleware (errors pass through) that sees each HTTP request; other scopes go by."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            await self.http(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def http(self, scope, receive, send) -> None:
        raise NotImplementedError


class RequestLog(HttpMiddleware):
    """A log line per request: method, path, status and time taken."""

    async def http(self, scope, receive, send) -> None:
        started, status = time.perf_counter(), [500]

        async def sending(message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            log.info("%s %s %s %.1f ms", scope["method"], scope["path"], status[0],
                     1000 * (time.perf_counter() - started))


class VaryOnAccept(HttpMiddleware):
    """Every answer says that it depends on the Accept header (``Vary: Accept``), as the same URL gives
    JSON, CSV, Turtle or HTML by content negotiation: a cache keeps one answer per format."""

    async def http(self, scope, receive, send) -> None:
        async def sending(message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).add_vary_header("Accept")
            await send(message)

        await self.app(scope, receive, sending)


@dataclass(frozen=True)
class ServerSettings:
    kg_dir: Path
    limits: Limits = field(default_factory=Limits)
    remote: RemoteConfig | None = None
    allow_service: tuple[str, ...] = ()  # SPARQL endpoints SERVICE may call (http(s) only); none by default
    query_workers: int | None = None  # processes that run queries; by default one per core
    query_memory_mb: int = DEFAULT_MEMORY_MB  # how much each of them may grow while answering
    answer_cache_mb: int = ANSWER_CACHE_MB  # answers kept for the current build; 0 keeps none


def create_app(settings: ServerSettings) -> FastAPI:
    """The service over the current build of ``settings.kg_dir``."""
    try:
        allowed = allowed_endpoints(settings.allow_service)
    except ValueError as error:
        raise KgBuilderError(str(error)) from None
    published = Published(settings.kg_dir, workers=settings.query_workers, memory_mb=settings.query_memory_mb,
                          remote=KnowledgeGraph.connect(settings.remote) if settings.remote else None)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        published.close()  # the query workers end with the server

    app = FastAPI(title="kg_builder", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="A knowledge graph of news about critical minerals: SPARQL endpoint, saved queries, "
                              "entity pages. Read-only.")
    app.state.published = published
    app.state.limits = settings.limits
    app.state.allowed_services = allowed

    app.add_middleware(AnswerCache, build=lambda: published.current.name,
                       max_bytes=settings.answer_cache_mb * 2**20)
    app.add_middleware(VaryOnAccept)
    app.add_middleware(RequestLog)

    @app.exception_handler(ProtocolError)
    async def protocol_error(request: Request, error: ProtocolError) -> Response:
        return problem(error.status, str(error))

    @app.exception_handler(QueryError)
    async def query_error(request: Request, error: QueryError) -> Response:
        return problem(404 if "no saved query" in str(error) else 400, str(error))

    @app.exception_handler(KgBuilderError)
    async def builder_error(request: Request, error: KgBuilderError) -> Response:
        return problem(500, str(error))

    def openapi() -> dict:
        if not app.openapi_schema:
            app.openapi_schema = add_components(get_openapi(title=app.title, version=app.version,
                                                            description=app.description, routes=app.routes))
        return app.openapi_schema

    app.openapi = openapi

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:  # Swagger UI from the package's own copy: the page works offline
        return get_swagger_ui_html(openapi_url="/openapi.json", title="kg_builder API",
                                   swagger_js_url="/static/vendor/swagger-ui-dist/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui-dist/swagger-ui.css",
                                   swagger_favicon_url="data:,")

    @app.get("/health", tags=["service"], summary="Whether the service runs, and on which build")
    def health() -> JSONResponse:
        return JSONResponse({"status": "ok", "build": published.current.name, "version": __version__})

    @app.get("/void", tags=["service"], summary="VoID/DCAT description of the dataset (Turtle)")
    async def void(request: Request) -> Response:
        current = published.current
        path = current.build_dir / "void.ttl" if current.build_dir else None
        if path and path.exists():
            return Response(path.read_bytes(), media_type="text/turtle; charset=utf-8")
        body = void_turtle(await ask(request, tasks.void_triples, current.base))  # counted now (after add/remove)
        return Response(body, media_type="text/turtle; charset=utf-8")

    app.include_router(sparql_routes.router)
    app.include_router(workbench_routes.router)
    query_routes.add_routes(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(pages.router)
    app.include_router(picture_routes.router)
    return app
