"""The API answers as its OpenAPI document says: every saved query's JSON against the schema of its
columns, every error as the problem details declared, operations named by their queries, and the
API's documentation page from the package's own files."""

import re
import shlex

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from kg_builder.serve.queries import list_queries

pytestmark = pytest.mark.slow
QUERIES = [q for q in list_queries() if not any(p.name == "service" for p in q.parameters)]


@pytest.fixture(scope="module")
def spec(client):
    return client.get("/openapi.json").json()


def _check(spec: dict, schema: dict, data) -> None:
    """``data`` against ``schema``, whose references point into the OpenAPI document."""
    Draft202012Validator({**schema, "components": spec["components"]}, format_checker=FormatChecker()).validate(data)


def _example_params(example: str) -> dict[str, str]:
    words = shlex.split(example)
    return dict(words[i + 1].split("=", 1) for i, w in enumerate(words) if w == "--param")


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_every_saved_querys_json_matches_its_declared_schema(client, spec, query):
    operation = spec["paths"][f"/queries/{query.name}"]["get"]
    assert operation["operationId"] == query.name
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    for params in ({}, _example_params(query.example)):
        answer = client.get(f"/queries/{query.name}", params={**params, "limit": 1000})
        assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
        data = answer.json()
        _check(spec, schema, data)
        assert data["columns"] == [c for c, _ in query.columns]  # the header declares every column, in order


def test_json_values_are_typed_and_joined_cells_are_lists(client):
    rows = client.get("/queries/agreements", params={"mineral": "mineral/rare-earth-elements"}).json()["rows"]
    framework = next(r for r in rows if r["agreement"].endswith("jp-us-framework-agreement-2025-10-28"))
    assert framework["date"] == "2025-10-28" and framework["sources"] == 5
    assert sorted(framework["parties"]) == ["Japan", "United States"]
    csv_cells = client.get("/queries/agreements.csv", params={"mineral": "mineral/rare-earth-elements"}).text
    assert "United States | Japan" in csv_cells or "Japan | United States" in csv_cells  # the contract CSV stays
    confidence = client.get("/queries/fact-sources", params={"limit": 1}).json()["rows"][0]["confidence"]
    assert isinstance(confidence, float)


def test_the_listing_matches_its_schema(client, spec):
    schema = spec["paths"]["/queries"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    listing = client.get("/queries").json()
    _check(spec, schema, listing)
    assert {q["name"] for q in listing} == {q.name for q in list_queries()}


@pytest.mark.parametrize(("url", "status"), [
    ("/queries/timeline?from=yesterday", 400),
    ("/queries/events?participant=not%20an%20iri", 400),
    ("/queries/entities?limit=1000000", 413),
    ("/queries/entities?limit=many", 400),
    ("/queries/wikidata-countries", 403),
    ("/queries/no-such-query", 404),
    ("/api/nodes?q=x&kind=Planet", 400),
    ("/id/country/atlantis", 404),
])
def test_errors_are_the_problem_details_the_document_declares(client, spec, url, status):
    answer = client.get(url, headers={"Accept": "text/turtle" if url.startswith("/id/") else "application/json"})
    assert answer.status_code == status
    assert answer.headers["content-type"] == "application/problem+json"
    problem = answer.json()
    _check(spec, {"$ref": "#/components/schemas/Problem"}, problem)
    assert problem["status"] == status and problem["detail"]
    path = url.split("?")[0]
    if path in spec["paths"]:
        declared = spec["paths"][path]["get"]["responses"][str(status)]["content"]
        assert declared["application/problem+json"]["schema"] == {"$ref": "#/components/schemas/Problem"}


def test_the_api_page_loads_swagger_ui_from_the_package(client):
    page = client.get("/docs").text
    assets = re.findall(r"""(?:src|href)=["']?([^"' >]+)""", page) + re.findall(r"url: ?'([^']+)'", page)
    assert "/static/vendor/swagger-ui-dist/swagger-ui-bundle.js" in assets
    for asset in assets:
        assert not re.match(r"(?:https?:)?//", asset), f"/docs loads {asset} from another host"
        if asset.startswith("/"):
            assert client.get(asset).status_code == 200, asset
    assert client.get("/redoc").status_code == 404
