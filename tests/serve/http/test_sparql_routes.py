import csv
import io
import json

import pytest
from rdflib import Graph

from tests.serve.http.conftest import limited_client

AGREEMENTS = "SELECT DISTINCT ?a WHERE { ?a a cmkg:Agreement } ORDER BY ?a"
FORM = "application/x-www-form-urlencoded"


def test_sparql_get_select_json(client):
    response = client.get("/sparql", params={"query": AGREEMENTS})
    assert response.status_code == 200 and response.headers["content-type"].startswith(
        "application/sparql-results+json")
    rows = response.json()["results"]["bindings"]
    assert len(rows) == 7 and rows[0]["a"]["type"] == "uri"


@pytest.mark.parametrize(("accept", "check"), [
    ("application/sparql-results+xml", lambda t: "<sparql" in t and "<uri>https://w3id.org/cmkg/id/agreement/" in t),
    ("text/csv", lambda t: t.splitlines()[0] == "a" and len(t.splitlines()) == 8),
    ("text/tab-separated-values", lambda t: t.splitlines()[0] == "?a" and t.splitlines()[1].startswith("<https")),
    ("application/json", lambda t: len(json.loads(t)["results"]["bindings"]) == 7),
])
def test_sparql_results_formats_by_content_negotiation(client, accept, check):
    response = client.post("/sparql", content=AGREEMENTS, headers={"Content-Type": "application/sparql-query",
                                                                  "Accept": accept})
    assert response.status_code == 200 and check(response.text)


def test_sparql_post_form_and_ask(client):
    response = client.post("/sparql", data={"query": "ASK { ?s a cmkg:Event }"},
                           headers={"Accept": "application/sparql-results+json"})
    assert response.json() == {"head": {}, "boolean": True}
    xml = client.post("/sparql", data={"query": "ASK { ?s a cmkg:Nothing }"},
                      headers={"Accept": "application/sparql-results+xml"})
    assert "<boolean>false</boolean>" in xml.text


@pytest.mark.parametrize(("accept", "parser"), [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                                ("application/ld+json", "json-ld")])
def test_sparql_construct_and_describe_as_graphs(client, accept, parser):
    query = "CONSTRUCT { ?c rdfs:label ?l } WHERE { ?c a cmkg:Country ; rdfs:label ?l }"
    response = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format=parser)
    assert len(graph) >= 9
    describe = client.get("/sparql", params={"query": "DESCRIBE <https://w3id.org/cmkg/id/country/jp>"},
                          headers={"Accept": accept})
    assert len(Graph().parse(data=describe.text, format=parser)) > 3


def test_sparql_union_default_graph_and_per_article_graphs(client):
    query = """SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g {
        <https://w3id.org/cmkg/id/agreement/jp-us-framework-agreement-2025-10-28> a cmkg:Agreement }
        FILTER(CONTAINS(STR(?g), "/graph/article/")) }"""
    rows = list(csv.reader(io.StringIO(client.get("/sparql", params={"query": query},
                                                  headers={"Accept": "text/csv"}).text)))
    assert rows[1] == ["5"]
    one = client.get("/sparql", params={"query": "SELECT DISTINCT ?a WHERE { ?a a cmkg:Agreement }",
                                        "default-graph-uri": "https://w3id.org/cmkg/graph/article/003_dfbe7f05a51b6621"})
    assert len(one.json()["results"]["bindings"]) == 2


@pytest.mark.parametrize("request_args", [
    {"data": {"update": "INSERT DATA { <http://a> <http://b> <http://c> }"}},
    {"content": "DROP ALL", "headers": {"Content-Type": "application/sparql-update"}},
    {"content": "PREFIX ex: <http://ex/>\nINSERT DATA { ex:a ex:b ex:c }",
     "headers": {"Content-Type": "application/sparql-query"}},
])
def test_sparql_update_is_refused(client, request_args):
    response = client.post("/sparql", **request_args)
    assert response.status_code == 403 and "read-only" in response.text
    assert client.get("/sparql", params={"query": "ASK { <http://a> ?p ?o }"}).json()["boolean"] is False


def test_sparql_errors_are_clear(client):
    bad = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x"})
    assert bad.status_code == 400 and "syntax" in bad.text.lower()
    assert client.get("/sparql", params={"query": AGREEMENTS}, headers={"Accept": "image/png"}).status_code == 406
    assert client.post("/sparql", content=AGREEMENTS, headers={"Content-Type": "text/plain"}).status_code == 415
    description = client.get("/sparql")
    assert description.status_code == 200 and "sd:Service" in description.text


def test_sparql_result_limit(sample_kg):
    with limited_client(sample_kg, results=3) as small:
        response = small.get("/sparql", params={"query": AGREEMENTS})
        assert response.status_code == 413 and "more than 3 results" in response.text
        assert small.get("/sparql", params={"query": AGREEMENTS + " LIMIT 3"}).status_code == 200


def test_sparql_time_limit(sample_kg):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # billions of rows, one answer
    with limited_client(sample_kg, seconds=0.2) as slow:
        response = slow.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert response.status_code == 503 and "time limit of 0.2 s" in response.text


@pytest.mark.parametrize(("path", "params"), [("/sparql", {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"}),
                                              ("/queries/entities", {}), ("/health", {})])
@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv", "*/*"])
def test_sparql_answers_vary_on_accept(client, path, params, accept):
    """The same URL answers in several formats, so every answer says it varies with Accept."""
    response = client.get(path, params=params, headers={"Accept": accept})
    assert response.status_code in (200, 406)
    assert "accept" in response.headers.get("vary", "").lower()
