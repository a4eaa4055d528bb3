"""``kg-builder serve``: the KG directory as a web service (FastAPI over the embedded store)."""

from kg_builder.serve.http.app import ServerSettings, create_app, uvicorn_config

__all__ = ["ServerSettings", "create_app", "uvicorn_config"]
