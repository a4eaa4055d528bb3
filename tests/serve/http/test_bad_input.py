"""Bad input is a 4xx that says what is wrong, never a 500: the findings of a hostile user, and a
property-based search over paths and every saved-query parameter type."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg_builder.serve.queries import list_queries

QUERIES = [(q.name, p.name, p.type) for q in list_queries() for p in q.parameters
           if not q.name.startswith("wikidata-")]  # federated queries are tested against a fake endpoint


@pytest.mark.parametrize(("path", "params"), [
    ("/id/a%20b", {}),
    ("/id/a%0Ab", {}),
    ("/queries/roles", {"person": "country/jp\n"}),
    ("/queries/roles", {"person": "https://w3id.org/cmkg/id/a\x00b"}),
    ("/queries/roles", {"person": "https://w3id.org/cmkg/id/a\x01b"}),
    ("/api/neighbourhood", {"entity": "country/jp\n"}),
    ("/queries/review-queue", {"threshold": "NaN"}),
    ("/queries/review-queue", {"threshold": "Infinity"}),
    ("/queries/review-queue", {"threshold": "9" * 5000}),
])
def test_bad_input_found_by_hand_is_a_4xx_that_says_why(client, path, params):
    response = client.get(path, params=params)
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:200])
    assert response.text.strip()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=st.sampled_from(QUERIES), value=st.text(max_size=80))
def test_bad_input_no_parameter_value_makes_a_5xx(client, case, value):
    name, param, _ = case
    response = client.get(f"/queries/{name}", params={param: value})
    assert response.status_code < 500, (name, param, value, response.text[:200])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tail=st.text(min_size=1, max_size=40))
def test_bad_input_no_entity_path_makes_a_5xx(client, tail):
    response = client.get("/id/" + quote(tail, safe="/"))  # the server sees the decoded characters
    assert response.status_code < 500, (tail, response.text[:200])


@pytest.mark.parametrize(("query", "status"), [
    ("SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }", 400),
    ("SELECT * WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000, 400),
    ("SELECT * WHERE { ?s ?p ?o } #" + "x" * 200_000, 413),
])
def test_bad_input_deep_or_huge_queries_are_refused_before_parsing_and_the_server_lives(client, query, status):
    response = client.post("/sparql", content=query, headers={"content-type": "application/sparql-query"})
    assert response.status_code == status, response.text[:200]
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True
    nested_in_a_string = 'SELECT * WHERE { BIND("' + "(" * 500 + '" AS ?x) }'
    assert client.get("/sparql", params={"query": nested_in_a_string}).status_code == 200


def test_bad_input_protocol_two_queries_are_a_400_and_updates_behind_prefixes_or_comments_a_403(client):
    two = client.get("/sparql?query=ASK%20%7B%7D&query=ASK%20%7B%7D")
    assert two.status_code == 400 and "more than one" in two.text
    for update in ("PREFIX ex: <http://ex/>\nINSERT DATA { ex:a ex:b ex:c }",
                   "# a comment\nDROP ALL", "PREFIX ex: <http://ex/>\n# note\nCLEAR ALL"):
        response = client.post("/sparql", content=update, headers={"content-type": "application/sparql-query"})
        assert response.status_code == 403, (update, response.status_code)


@pytest.mark.parametrize(("content_type", "body", "status", "says"), [
    ("application/sparql-query; charset=ISO-8859-1", "ASK { ?s ?p 'São' }".encode("latin-1"), 415, "UTF-8"),
    ("application/sparql-query", "ASK { ?s ?p 'São' }".encode("latin-1"), 400, "not UTF-8: byte 14 is 0xe3"),
    ("application/sparql-query; charset=UTF-16", "ASK {}".encode("utf-16"), 415, "not UTF-16"),
])
def test_bad_input_a_direct_post_body_must_be_utf8(client, content_type, body, status, says):
    response = client.post("/sparql", content=body, headers={"content-type": content_type})
    assert response.status_code == status and says in response.text


def test_bad_input_relative_iris_resolve_against_the_endpoint(client):
    response = client.get("/sparql", params={"query": "CONSTRUCT { <s> <p> 1 } WHERE {}"},
                          headers={"accept": "application/n-triples"})
    assert response.status_code == 200
    assert response.text.strip() == ('<http://testserver/s> <http://testserver/p> '
                                     '"1"^^<http://www.w3.org/2001/XMLSchema#integer> .')
