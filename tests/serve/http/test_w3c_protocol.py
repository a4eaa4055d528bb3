"""The W3C SPARQL 1.1 Protocol tests (tests/data/w3c/sparql11-protocol), run as data: each request
of the manifest goes to the endpoint as written; query tests must give the expected status class,
result format and boolean, and every update request must be refused (the endpoint is read-only)."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.collection import Collection

from kg_builder.serve.http import ServerSettings, create_app
from kg_builder.store.local import publish_build
from tests.conftest import DATA

SUITE = DATA / "w3c" / "sparql11-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
CLASSES = {HTS.StatusCode2xx: 2, HTS.StatusCode3xx: 3, HTS.StatusCode4xx: 4, HTS.StatusCode5xx: 5}
TABULAR = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
           "text/tab-separated-values")
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
             "application/ld+json": "json-ld"}

MANIFEST = Graph().parse(SUITE / "manifest.ttl", format="turtle", publicID=(SUITE / "manifest.ttl").as_uri())
ENTRIES = list(Collection(MANIFEST, MANIFEST.value(URIRef((SUITE / "manifest.ttl").as_uri()), MF.entries)))


def requests_of(test):
    action = MANIFEST.value(test, MF.action)
    for request in Collection(MANIFEST, MANIFEST.value(action, HT.requests)):
        headers = {}
        listed = MANIFEST.value(request, HT.headers)
        for header in Collection(MANIFEST, listed) if listed is not None else []:
            headers[str(MANIFEST.value(header, HT.fieldName))] = str(MANIFEST.value(header, HT.fieldValue))
        body = MANIFEST.value(request, HT.body)
        content = None
        if body is not None:
            encoding = str(MANIFEST.value(body, CNT.characterEncoding) or "UTF-8")
            content = str(MANIFEST.value(body, CNT.chars)).encode(encoding)
        yield {"method": str(MANIFEST.value(request, HT.methodName)),
               "path": str(MANIFEST.value(request, HT.absolutePath)).replace("/sparql/", "/sparql", 1),
               "headers": headers, "content": content, "response": MANIFEST.value(request, HT.resp)}


def is_update(request) -> bool:
    kind = request["headers"].get("content-type", "")
    body = request["content"] or b""
    return "sparql-update" in kind or body.startswith(b"update=") or "update=" in request["path"]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    kg = tmp_path_factory.mktemp("w3c") / "kg"
    quads = []
    for data in MANIFEST.objects(None, UT.graphData):
        name = ox.NamedNode(str(MANIFEST.value(data, RDFS.label)))
        path = Path(str(MANIFEST.value(data, UT.graph)).removeprefix("file://"))
        quads += [ox.Quad(t.subject, t.predicate, t.object, name) for t in ox.parse(path=str(path))]
    publish_build(kg, sorted(set(quads), key=str), {})
    with TestClient(create_app(ServerSettings(kg, query_workers=1))) as client:
        yield client


def boolean(response) -> bool:
    media = response.headers["content-type"].split(";")[0]
    if "json" in media:
        return json.loads(response.content)["boolean"]
    root = ET.fromstring(response.content)
    return root.find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"


@pytest.mark.parametrize("test", ENTRIES, ids=lambda t: str(t).rsplit("#", 1)[-1])
def test_w3c_sparql11_protocol(client, test):
    for request in requests_of(test):
        response = client.request(request["method"], request["path"], headers=request["headers"],
                                  content=request["content"])
        if is_update(request):
            assert response.status_code in (400, 403, 405, 415), response.text
            return  # the rest of an update test reads what the update would have changed
        expected = {CLASSES[s] for s in MANIFEST.objects(request["response"], MF.expectedStatus)}
        assert response.status_code // 100 in expected, (response.status_code, response.text)
        if response.status_code >= 300:
            continue
        media = response.headers["content-type"].split(";")[0]
        fmt = MANIFEST.value(request["response"], MF.expectedFormat)
        if fmt is not None and str(fmt) in ("boolean", "tabular"):
            assert media in TABULAR
        if fmt is not None and str(fmt) == "RDF":
            assert media in RDF_TYPES
            Graph().parse(data=response.content, format=RDF_TYPES[media], publicID="http://testserver/sparql")
        wanted = MANIFEST.value(request["response"], MF.expectedBoolean)
        if wanted is not None:
            assert boolean(response) is wanted.toPython()


def test_w3c_suite_is_all_there():
    assert len(ENTRIES) == 34
    assert all((MANIFEST.value(t, RDF.type) == MF.ProtocolTest) for t in ENTRIES)
