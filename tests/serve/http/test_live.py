"""A real uvicorn on a loopback port, asked by standard SPARQL clients."""

import httpx
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, SPARQLWrapper

AGREEMENTS = """PREFIX cmkg: <https://w3id.org/cmkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?a ?label WHERE { ?a a cmkg:Agreement ; rdfs:label ?label } ORDER BY ?label"""


def test_live_sparqlwrapper_select_csv_and_construct(live_server):
    endpoint = SPARQLWrapper(f"{live_server}/sparql")
    endpoint.setQuery(AGREEMENTS)
    endpoint.setReturnFormat(JSON)
    rows = endpoint.query().convert()["results"]["bindings"]
    assert len(rows) == 7 and rows[0]["label"]["value"] == "Cambodia–United States trade agreement"
    endpoint.setReturnFormat(CSV)
    assert endpoint.query().convert().decode().splitlines()[0] == "a,label"
    endpoint.setMethod("POST")
    endpoint.setQuery("CONSTRUCT { ?c ?p ?o } WHERE { ?c a <https://w3id.org/cmkg/ontology#Country> ; ?p ?o }")
    endpoint.setReturnFormat(TURTLE)
    graph = Graph().parse(data=endpoint.query().convert(), format="turtle")
    assert len(graph) > 100


def test_live_rdflib_sparqlstore(live_server):
    store = SPARQLStore(f"{live_server}/sparql", returnFormat="json")
    rows = list(Graph(store=store).query(AGREEMENTS))
    assert len(rows) == 7
    store.close()


def test_live_update_is_refused_over_http(live_server):
    response = httpx.post(f"{live_server}/sparql", data={"update": "CLEAR ALL"})
    assert response.status_code == 403
    assert httpx.get(f"{live_server}/health").json()["status"] == "ok"
