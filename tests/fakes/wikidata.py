"""A local HTTP server that answers like the Wikidata API (wbsearchentities, wbgetentities)
and like a SPARQL endpoint standing in for the Wikidata Query Service, for tests only."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pyoxigraph as ox

# name searched -> items found: (qid, label, description, match type, P31 values)
ITEMS = {
    "Sanae Takaichi": [("Q1000001", "Sanae Takaichi", "Prime Minister of Japan since 2025", "label", ["Q5"])],
    "Bloomberg": [("Q1000002", "Michael Bloomberg", "American businessman", "alias", ["Q5"]),
                  ("Q1000003", "Bloomberg L.P.", "financial data and media company", "alias", ["Q4830453"])],
    "Akasaka Palace": [("Q1000004", "Akasaka Palace", "state guest house in Tokyo, Japan", "label", ["Q16560"]),
                       ("Q1000005", "Akasaka Palace", "a novel", "label", ["Q7725634"])],
    "Asia": [("Q48", "Asia", "continent", "label", ["Q5107"]),
             ("Q1000006", "Asia", "band", "label", ["Q215380"])],
    "Yokosuka": [("Q1000007", "Yokosuka", "city in Kanagawa Prefecture, Japan", "label", ["Q515"]),
                 ("Q1000008", "Yokosuka", "city in Kanagawa, Japan (duplicate)", "label", ["Q515"])],
}


class FakeWikidata(BaseHTTPRequestHandler):
    requests: list[str] = []
    store: ox.Store | None = None

    def log_message(self, *args) -> None:
        pass

    def _send(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        url = urlparse(self.path)
        FakeWikidata.requests.append(self.path)
        if url.path != "/w/api.php":
            return self._send(b"not found", "text/plain", 404)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if query.get("action") == "wbsearchentities":
            found = ITEMS.get(query.get("search", ""), [])
            data = {"search": [{"id": q, "label": label, "description": d, "match": {"type": m, "text": label}}
                               for q, label, d, m, _ in found]}
        elif query.get("action") == "wbgetentities":
            types = {q: t for items in ITEMS.values() for q, _, _, _, t in items}
            data = {"entities": {q: {"claims": {"P31": [
                {"mainsnak": {"datavalue": {"value": {"id": t}}}} for t in types.get(q, [])]}}
                for q in query.get("ids", "").split("|")}}
        else:
            data = {"error": {"info": "unknown action"}}
        self._send(json.dumps(data).encode(), "application/json")

    def do_POST(self) -> None:
        """SPARQL 1.1 protocol: a query in the body, answered from the in-memory store."""
        FakeWikidata.requests.append(self.path)
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length).decode("utf-8")
        if self.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
            body = parse_qs(body)["query"][0]
        results = FakeWikidata.store.query(body)
        self._send(results.serialize(format=ox.QueryResultsFormat.JSON), "application/sparql-results+json")


WDQS_DATA = """
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
wd:Q17 wdt:P31 wd:Q3624078 ; wdt:P298 "JPN" ; wdt:P1082 123000000 .
wd:Q30 wdt:P31 wd:Q3624078 ; wdt:P298 "USA" ; wdt:P1082 335000000 .
wd:Q148 wdt:P31 wd:Q3624078 ; wdt:P298 "CHN" ; wdt:P1082 1410000000 .
wd:Q183 wdt:P31 wd:Q3624078 ; wdt:P298 "DEU" ; wdt:P1082 84000000 .
"""


@contextmanager
def fake_wikidata() -> Iterator[str]:
    """Serve the fake on a loopback port; yields its base address (http://127.0.0.1:PORT)."""
    FakeWikidata.requests = []
    FakeWikidata.store = ox.Store()
    FakeWikidata.store.load(WDQS_DATA.encode(), format=ox.RdfFormat.TURTLE)
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeWikidata)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
