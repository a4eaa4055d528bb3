"""SERVICE is off unless the operator allows an endpoint; federated saved queries take their
endpoint from that allow-list, never from a client."""

import socket

import pytest
from fastapi.testclient import TestClient

from kg_builder.errors import KgBuilderError
from kg_builder.serve.http import ServerSettings, create_app
from tests.fakes.wikidata import fake_wikidata

ASK_REMOTE = "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} LIMIT 1"


@pytest.mark.parametrize("query", [
    ASK_REMOTE.format(url="http://169.254.169.254/latest/meta-data"),
    ASK_REMOTE.format(url="file:///etc/passwd"),
    "SELECT * WHERE { BIND(<http://127.0.0.1:1/> AS ?where) SERVICE ?where { ?s ?p ?o } }",
    "PREFIX ex: <http://evil.example/> SELECT * WHERE { SERVICE SILENT ex:sparql { ?s ?p ?o } }",
])
def test_federation_service_is_off_by_default(client, query):
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400 and "SERVICE is off" in response.text


def test_federation_saved_query_needs_an_allowed_endpoint_and_ignores_the_clients(client):
    assert client.get("/queries/wikidata-countries").status_code == 403
    response = client.get("/queries/wikidata-countries", params={"service": "gopher://127.0.0.1:25/"})
    assert response.status_code == 400 and "'service'" in response.text


def test_federation_allowed_endpoint_is_called_and_no_other(sample_kg):
    with fake_wikidata() as base:
        client = TestClient(create_app(ServerSettings(sample_kg, allow_service=(f"{base}/sparql",))))
        rows = client.get("/queries/wikidata-countries").json()["rows"]
        assert {r["label"] for r in rows} == {"Japan", "United States", "China"}
        other = client.get("/sparql", params={"query": ASK_REMOTE.format(url="http://127.0.0.1:9/sparql")})
        assert other.status_code == 403 and f"{base}/sparql" in other.text
        asked = client.get("/sparql", params={"query": ASK_REMOTE.format(url=f"{base}/sparql")})
        assert asked.status_code != 403


def test_federation_only_http_endpoints_can_be_allowed(sample_kg):
    with pytest.raises(KgBuilderError, match="only http"):
        create_app(ServerSettings(sample_kg, allow_service=("file:///etc/passwd",)))


def test_federation_an_allowed_endpoint_that_cannot_be_reached_is_a_502(sample_kg):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    closed = f"http://127.0.0.1:{sock.getsockname()[1]}/sparql"
    sock.close()  # nothing listens there now
    with TestClient(create_app(ServerSettings(sample_kg, allow_service=(closed,), query_workers=1))) as client:
        direct = client.get("/sparql", params={"query": ASK_REMOTE.format(url=closed)})
        assert direct.status_code == 502 and "could not be reached" in direct.text
        saved = client.get("/queries/wikidata-countries")
        assert saved.status_code == 502 and "could not be reached" in saved.text
