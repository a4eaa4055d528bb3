"""What the workbench completes: prefixes, the ontology's terms, and nodes by label for pickers."""

import pytest

from kg_builder.namespaces import CMKG, PREFIXES

pytestmark = pytest.mark.slow


def test_prefixes_are_the_graphs(client):
    assert client.get("/api/prefixes").json() == PREFIXES


def test_terms_complete_an_iri_start_or_words(client):
    by_iri = client.get("/api/terms", params={"kind": "property", "q": CMKG + "par"}).json()
    assert {t["iri"] for t in by_iri} >= {CMKG + "party", CMKG + "participant"}
    assert all(t["iri"].startswith(CMKG + "par") and t["kind"] == "property" for t in by_iri)
    by_words = client.get("/api/terms", params={"kind": "class", "q": "agree"}).json()
    assert CMKG + "Agreement" in [t["iri"] for t in by_words]
    assert all(t["kind"] == "class" for t in by_words)
    assert client.get("/api/terms", params={"kind": "individual", "q": "x"}).status_code == 422


def test_nodes_are_found_by_label_for_the_parameters_kind(client):
    minerals = client.get("/api/nodes", params={"q": "RARE", "parameter": "mineral"}).json()
    assert minerals[0] == {"iri": "https://w3id.org/cmkg/id/mineral/rare-earth-elements",
                           "key": "mineral/rare-earth-elements", "label": "rare-earth elements", "type": "Mineral"}
    assert {m["type"] for m in minerals} == {"Mineral"}
    actors = client.get("/api/nodes", params={"q": "jap", "parameter": "party"}).json()
    assert actors[0]["key"] == "country/jp" and "organization/jbic" in [a["key"] for a in actors]
    assert {a["type"] for a in actors} <= {"Country", "Organization", "Person"}
    anything = client.get("/api/nodes", params={"q": "jap"}).json()
    assert {"Country", "Agreement"} <= {a["type"] for a in anything}
    by_key = client.get("/api/nodes", params={"q": "country/j", "kind": "Country"}).json()
    assert by_key[0]["key"] == "country/jp"  # the most mentioned first
    assert all(a["key"].startswith("country/j") for a in by_key)


def test_node_search_text_is_bound_not_pasted(client):
    for text in ['x") } } DROP ALL #', '" . ?s ?p ?o } #', "\\", "'\\u0022) }"]:
        answer = client.get("/api/nodes", params={"q": text})
        assert answer.status_code == 200 and answer.json() == []
    assert client.get("/api/nodes", params={"q": "   "}).json() == []


def test_node_search_refuses_unknown_kinds_and_long_text(client):
    answer = client.get("/api/nodes", params={"q": "x", "kind": "Planet"})
    assert answer.status_code == 400 and "Planet" in answer.text and "'kind'" in answer.text
    assert client.get("/api/nodes", params={"q": "x" * 201}).status_code == 422
