"""A remote SPARQL 1.1 server as the store: SPARQL 1.1 Query and Update over the Protocol, and the
Graph Store HTTP Protocol for whole named graphs, with basic or bearer authentication.

:class:`RemoteStore` offers the part of pyoxigraph's ``Store`` that kg_builder uses (``query``,
``update``, ``quads_for_pattern``, ``named_graphs``), so queries, exports, validation and the server
run unchanged over it. Answers are read back into pyoxigraph terms by pyoxigraph's own parsers, and
terms are bound in a ``VALUES`` block written by pyoxigraph's serialiser.

The server's default graph must be the union of the named graphs (``oxigraph serve
--union-default-graph``; Virtuoso's default graph already is).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pyoxigraph as ox

from kg_builder.errors import StoreError
from kg_builder.store.bindings import with_bindings

JSON = "application/sparql-results+json"
NTRIPLES = "application/n-triples"


@dataclass(frozen=True)
class RemoteConfig:
    """Where the server answers: its query, update and Graph Store endpoints, and how to log in."""

    query_url: str
    update_url: str
    graph_store_url: str
    graph_param: str = "graph"
    user: str | None = None
    password: str | None = None
    token: str | None = None
    timeout: float = 60.0

    @classmethod
    def from_url(cls, url: str, *, update_url: str | None = None, graph_store_url: str | None = None,
                 user: str | None = None, password: str | None = None, token: str | None = None) -> RemoteConfig:
        """Endpoints from the query URL: ``.../query`` (Oxigraph, Fuseki) gives ``.../update`` and
        ``.../store``; ``.../sparql`` (Virtuoso) gives ``.../sparql`` and ``.../sparql-graph-crud``.
        Credentials default to KG_BUILDER_STORE_USER, KG_BUILDER_STORE_PASSWORD, KG_BUILDER_STORE_TOKEN."""
        root, _, last = url.rstrip("/").rpartition("/")
        if last == "sparql":
            update, store, param = url, f"{root}/sparql-graph-crud", "graph-uri"
        else:
            update, store, param = f"{root}/update", f"{root}/store", "graph"
        return cls(url, update_url or update, graph_store_url or store, param,
                   user or os.environ.get("KG_BUILDER_STORE_USER"),
                   password or os.environ.get("KG_BUILDER_STORE_PASSWORD"),
                   token or os.environ.get("KG_BUILDER_STORE_TOKEN"))


class RemoteStore:
    """The store interface over HTTP."""

    def __init__(self, config: RemoteConfig) -> None:
        self.config = config
        headers = {"Authorization": f"Bearer {config.token}"} if config.token else {}
        auth = httpx.BasicAuth(config.user, config.password or "") if config.user else None
        self.http = httpx.Client(timeout=config.timeout, headers=headers, auth=auth)

    def close(self) -> None:
        self.http.close()

    def _send(self, method: str, url: str, **kwargs) -> httpx.Response:
        try:
            response = self.http.request(method, url, **kwargs)
        except httpx.HTTPError as error:
            raise StoreError(f"{url}: {error} (is the SPARQL server running?)") from error
        if response.status_code >= 400:
            raise StoreError(f"{url}: HTTP {response.status_code}: {response.text.strip()[:300]}")
        return response

    def query(self, query: str, *, prefixes: dict[str, str] | None = None, use_default_graph_as_union: bool = True,
              default_graph=None, named_graphs=None, substitutions: dict | None = None, base_iri: str | None = None):
        """Run a query; the answer is a pyoxigraph QuerySolutions, QueryBoolean or list of triples."""
        if substitutions:
            query = with_bindings(query, {k.value: v for k, v in substitutions.items()})
        if prefixes:
            query = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes.items()) + query
        if base_iri:
            query = f"BASE {ox.NamedNode(base_iri)}\n" + query  # checked as an IRI, written by pyoxigraph
        params = [("default-graph-uri", g.value) for g in _listed(default_graph)]
        params += [("named-graph-uri", g.value) for g in _listed(named_graphs)]
        response = self._send("POST", self.config.query_url, params=params, content=query.encode("utf-8"),
                              headers={"Content-Type": "application/sparql-query",
                                       "Accept": f"{JSON}, {NTRIPLES};q=0.9"})
        media = response.headers.get("content-type", "").split(";")[0].strip()
        if media in (JSON, "application/json"):
            return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        return list(ox.parse(response.content, format=ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES))

    def update(self, update: str) -> None:
        self._send("POST", self.config.update_url, content=update.encode("utf-8"),
                   headers={"Content-Type": "application/sparql-update"})

    def put_graph(self, graph: str, triples: list[ox.Triple]) -> None:
        """Replace one named graph (Graph Store HTTP Protocol PUT)."""
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        self._send("PUT", self.config.graph_store_url, params={self.config.graph_param: graph}, content=body,
                   headers={"Content-Type": NTRIPLES})

    def quads_for_pattern(self, subject, predicate, obj, graph) -> Iterator[ox.Quad]:
        terms = {name: term for name, term in (("s", subject), ("p", predicate), ("o", obj), ("g", graph))
                 if term is not None}
        query = with_bindings("SELECT ?s ?p ?o ?g WHERE { #@bind\n GRAPH ?g { ?s ?p ?o } }", terms)
        for row in self.query(query):
            yield ox.Quad(row["s"], row["p"], row["o"], row["g"])

    def named_graphs(self) -> Iterator[ox.NamedNode]:
        for row in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
            yield row["g"]


def _listed(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]
