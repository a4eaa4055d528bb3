from rdflib import Graph, URIRef
from rdflib.namespace import OWL


def test_pages_entity_html_shows_label_identifiers_facts_and_sources(client):
    page = client.get("/id/country/jp", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<h1 id="label">Japan</h1>' in page.text
    assert 'href="http://www.wikidata.org/entity/Q17"' in page.text
    assert "Japan–United States framework agreement" in page.text  # related: party of
    agreement = client.get("/id/agreement/jp-us-framework-agreement-2025-10-28").text
    assert "agreement:signed" in agreement and "signed a framework agreement" in agreement


def test_pages_entity_as_turtle_and_jsonld(client):
    turtle = client.get("/id/country/jp", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=turtle.text, format="turtle")
    assert (URIRef("https://w3id.org/cmkg/id/country/jp"), OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q17")) \
        in graph
    jsonld = client.get("/id/country/jp", headers={"Accept": "application/ld+json"})
    assert len(Graph().parse(data=jsonld.text, format="json-ld")) == len(graph)


def test_pages_article_marks_its_mentions(client):
    page = client.get("/id/article/001_23c60acca27469b6")
    assert page.status_code == 200
    assert '<a class="mention" href="/id/person/sanae-takaichi" title="Sanae Takaichi">Sanae Takaichi</a>' in page.text


def test_pages_unknown_entity_is_404(client):
    assert client.get("/id/person/nobody-at-all").status_code == 404
    assert client.get("/id/person/nobody-at-all", headers={"Accept": "text/turtle"}).status_code == 404


def test_pages_neighbourhood_and_web_page(client):
    data = client.get("/api/neighbourhood", params={"entity": "person/sanae-takaichi"}).json()
    labels = {n["label"] for n in data["nodes"]}
    assert "Japan–United States framework agreement" in labels and len(data["edges"]) >= 3
    assert client.get("/api/neighbourhood", params={"entity": "bad value"}).status_code == 400
    index = client.get("/")
    assert index.status_code == 200 and 'src="/static/app.js"' in index.text
    assert "drawTimeline" in client.get("/static/app.js").text


def test_pages_health_and_void(client):
    assert client.get("/health").json()["status"] == "ok"
    void = Graph().parse(data=client.get("/void").text, format="turtle")
    assert len(void) > 20


def test_pages_every_request_is_logged(client, caplog):
    import logging

    with caplog.at_level(logging.INFO, logger="kg_builder.serve.http"):
        client.get("/health")
        client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x"})
    lines = [r.getMessage() for r in caplog.records if r.name == "kg_builder.serve.http"]
    assert any(line.startswith("GET /health 200") for line in lines)
    assert any(line.startswith("GET /sparql 400") for line in lines)
