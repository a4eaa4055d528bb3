import csv
import io

import pytest


def test_query_routes_list_names_parameters_and_types(client):
    queries = {q["name"]: q for q in client.get("/queries").json()}
    assert {"entities", "agreements", "events", "roles", "timeline"} <= set(queries)
    timeline = {p["name"]: p["type"] for p in queries["timeline"]["parameters"]}
    assert timeline == {"from": "date", "to": "date", "participant": "iri"}


def test_query_routes_run_with_parameters_as_json_or_csv(client):
    response = client.get("/queries/roles", params={"person": "person/sanae-takaichi"})
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["rows"] == [{"person": "Sanae Takaichi", "role": "Prime Minister", "of": "Japan",
                                        "sources": 4}]
    as_sparql = client.get("/queries/roles", params={"person": "person/sanae-takaichi"},
                           headers={"Accept": "application/sparql-results+json"})
    rows = as_sparql.json()["results"]["bindings"]
    assert [(r["role"]["value"], r["of"]["value"]) for r in rows] == [("Prime Minister", "Japan")]
    as_csv = client.get("/queries/roles", params={"person": "person/sanae-takaichi"}, headers={"Accept": "text/csv"})
    assert list(csv.reader(io.StringIO(as_csv.text)))[1] == ["Sanae Takaichi", "Prime Minister", "Japan", "4"]
    assert client.get("/queries/roles.csv", params={"person": "person/sanae-takaichi"}).text == as_csv.text


@pytest.mark.parametrize(("params", "named"), [
    ({"from": "yesterday"}, "'from'"),
    ({"participant": "not an iri"}, "'participant'"),
    ({"sneaky": "1"}, "'sneaky'"),
])
def test_query_routes_bad_values_are_400_naming_the_parameter(client, params, named):
    response = client.get("/queries/timeline", params=params)
    assert response.status_code == 400 and named in response.text


@pytest.mark.parametrize("value", [
    'country/cn> } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o',
    'https://w3id.org/cmkg/id/country/cn> } UNION { ?s ?p ?o',
    '" } INSERT DATA { <http://a> <http://b> <http://c> } #',
])
def test_query_routes_injection_attempts_change_nothing(client, value):
    response = client.get("/queries/events", params={"participant": value})
    assert response.status_code == 400
    by_type = client.get("/queries/unlinked", params={"type": value})  # a string parameter: bound as a literal
    assert by_type.status_code == 200 and by_type.json()["rows"] == []
    assert client.get("/sparql", params={"query": "ASK { <http://a> ?p ?o }"}).json()["boolean"] is False


def test_query_routes_unknown_query_is_404(client):
    assert client.get("/queries/nothing-like-this").status_code == 404


def test_query_routes_openapi_has_one_operation_per_saved_query(client):
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/queries/timeline"]["get"]
    params = {p["name"]: p["schema"] for p in operation["parameters"]}
    assert params["from"]["format"] == "date" and params["participant"]["format"] == "iri"
    assert operation["summary"].startswith("Timeline")
    saved = [path for path in spec["paths"] if path.startswith("/queries/")]
    assert len(saved) == len(client.get("/queries").json())


def test_query_routes_answer_in_pages_linked_by_rel_next_and_prev(client):
    whole = client.get("/queries/entities", params={"limit": 10_000}).json()["rows"]
    assert len(whole) > 12
    first = client.get("/queries/entities", params={"limit": 5})
    assert first.json()["rows"] == whole[:5] and first.json()["next"] and first.json()["previous"] is None
    assert 'rel="next"' in first.headers["link"] and 'rel="prev"' not in first.headers["link"]
    seen, url = [], "/queries/entities?limit=5"
    while url:
        page = client.get(url)
        seen += page.json()["rows"]
        found = [part.split(">")[0].lstrip(" <") for part in page.headers.get("link", "").split(",")
                 if 'rel="next"' in part]
        url = found[0] if found else None
    assert seen == whole  # the pages, one after another, are the whole answer in its order
    last = client.get("/queries/entities", params={"limit": 5, "offset": len(whole) - 2})
    assert len(last.json()["rows"]) == 2 and 'rel="next"' not in last.headers.get("link", "")
    assert 'rel="prev"' in last.headers["link"]
    default = client.get("/queries/entities.csv")
    assert len(default.text.strip().splitlines()) == min(len(whole), 100) + 1


@pytest.mark.parametrize(("params", "status", "named"), [
    ({"limit": "0"}, 400, "limit 0"), ({"offset": "-1"}, 400, "offset -1"), ({"limit": "ten"}, 400, "'limit'"),
    ({"limit": "10001"}, 413, "limit 10001"),
])
def test_query_routes_bad_pages_are_clear_errors(client, params, status, named):
    response = client.get("/queries/entities", params=params)
    assert response.status_code == status and named in response.text
