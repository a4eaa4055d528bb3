import json
import re
from html import unescape

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL

from kg_builder.serve.entity_view import HIDDEN
from kg_builder.serve.term_labels import term_labels

BASE = "https://w3id.org/cmkg/id/"
AGREEMENT = "/id/agreement/jp-us-framework-agreement-2025-10-28"
HIDDEN_INCOMING = ("oa#hasBody", "oa#hasTarget", "rdf#taIdentRef", "nif-core#sentence", "ontology#inArticle",
                   "prov#wasDerivedFrom")


def _select(client, query: str) -> list[dict[str, str]]:
    rows = client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in rows]


def _kinds(client) -> dict[str, str]:
    """One node of every kind the sample graph has pages for (country, person, agreement, an agreement's
    sum of money, commitment, evidence ...), by kind."""
    rows = _select(client, f"""SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{BASE}"))
                                 FILTER(!CONTAINS(STR(?s), "#")) }}""")
    kinds: dict[str, str] = {}
    for row in rows:
        parts = row["s"][len(BASE):].split("/")
        kinds.setdefault(parts[0] + (f"/{parts[2]}" if len(parts) > 3 else ""), row["s"])
    return kinds


def _labels(page: str, section: str) -> list[str]:
    match = re.search(rf'<section id="{section}">(.*?)</section>', page, re.S)
    return [unescape(x) for x in re.findall(r'<div class="property-label">(.*?)</div>', match.group(1))] \
        if match else []


def test_pages_entity_html_shows_label_identifiers_statements_and_sources(client):
    page = client.get("/id/country/jp", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["vary"] == "Accept"
    assert '<h1 id="label">Japan</h1>' in page.text
    assert 'href="http://www.wikidata.org/entity/Q17"' in page.text
    assert "party to" in _labels(page.text, "related")
    assert "Japan–United States framework agreement" in page.text
    agreement = client.get(AGREEMENT).text
    assert {"party", "signatory", "covers", "amount", "commitment"} <= set(_labels(agreement, "statements"))
    assert "signed" in _labels(client.get("/id/person/sanae-takaichi").text, "related")
    assert "agreement:signed 0.9" in agreement
    assert "signed a <mark>framework agreement</mark>" in agreement
    assert '<a href="/id/agreement/jp-us-framework-agreement-2025-10-28/amount/550000000000-usd">US$550 billion</a>' \
        in agreement


def _statement(page: str, label: str, value: str) -> str:
    """The HTML of one statement: its value and the sources under it."""
    block = page.split(f'<div class="property-label">{label}</div>', 1)[1].split('<div class="property', 1)[0]
    item = [li for li in block.split('<li class="statement">') if f">{value}</" in li]
    assert item, f"no statement {label}: {value}"
    return item[0]


def test_pages_each_statement_shows_its_sources_under_it(client):
    agreement = client.get(AGREEMENT).text
    party = _statement(agreement, "party", "Japan")
    # the sources of "party: Japan" are the sentences of the articles stating it that name Japan
    assert party.count('<li class="reference">') >= 5
    assert '<a class="source-title" href="/id/article/004_2d00a0a33ede5b33">' \
        'US and Japan Forge Minerals Pact as Trump Expands Asia Trade Push</a>' in party
    assert '<time class="published">28 October 2025</time>' in party
    for sentence in re.findall(r'<blockquote class="sentence">(.*?)</blockquote>', party, re.S):
        assert "<mark>" in sentence
    # a sum of money cites its own evidence
    amount = _statement(agreement, "amount", "US$550 billion")
    assert "$550-billion plan covering shipbuilding" in unescape(amount) and "<mark>" in amount
    # an incoming statement cites the evidence of the fact pointing here, naming this node
    japan = client.get("/id/country/jp").text
    deal = _statement(japan, "party to", "Japan–United States investment deal")
    assert "<mark>$550-billion deal</mark>" in deal


def test_pages_mentions_are_listed_once_per_article(client):
    page = client.get("/id/person/sanae-takaichi").text
    section = re.search(r'<section id="mentions">(.*?)</section>', page, re.S).group(1)
    articles = re.findall(r'<a class="source-title" href="(/id/article/[^"]+)"', section)
    assert len(articles) == len(set(articles)) == 5
    assert "<q>Takaichi</q> ×4" in section  # the words, each once with how often
    assert "Japanese Prime Minister <mark>Sanae Takaichi</mark>" in section


def test_pages_every_property_of_the_sample_graph_has_a_label_in_the_ontology(client):
    labels = term_labels()
    out = _select(client, f"""SELECT DISTINCT ?p WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{BASE}")) }}""")
    into = _select(client, f"""SELECT DISTINCT ?p WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?o), "{BASE}")) }}""")
    shown = [r["p"] for r in out if not r["p"].endswith("#type") and r["p"] not in HIDDEN]
    assert shown and not [p for p in shown if not labels.knows(p)]
    assert not [r["p"] for r in into if not r["p"].endswith(HIDDEN_INCOMING) and not labels.knows(r["p"], True)]


def test_pages_of_every_kind_of_node_read_as_words(client):
    """No camelCase name, no "party of", no bare article identifier on the page of any kind of node."""
    labels = term_labels()
    forward = set(labels.labels.values())
    kinds = _kinds(client)
    assert {"country", "person", "agreement", "agreement/amount", "agreement/commitment", "event", "article",
            "sentence", "post", "role", "mineral", "sector", "figure", "measure", "organization", "place",
            "scheme", "list"} <= set(kinds)
    for kind, iri in kinds.items():
        page = client.get("/" + iri[len(BASE) - 3:])
        assert page.status_code == 200, kind
        shown = _labels(page.text, "statements") + _labels(page.text, "related") + \
            [unescape(t) for t in re.findall(r'<span class="type">(.*?)</span>', page.text)]
        assert not [x for x in shown if re.search(r"[a-z][A-Z]", x)], kind
        assert not [x for x in _labels(page.text, "related") if x.endswith(" of") and x[:-3] in forward], kind
        assert not re.search(r">\s*\d{3}_[0-9a-f]{16}\s*</a>", page.text), kind


def test_pages_articles_show_title_and_date_wherever_they_appear(client):
    sentence = client.get("/id/sentence/004_2d00a0a33ede5b33/0").text
    assert "US and Japan Forge Minerals Pact as Trump Expands Asia Trade Push — 28 October 2025</a>" in sentence
    article = client.get("/id/article/004_2d00a0a33ede5b33").text
    assert '<h1 id="label">US and Japan Forge Minerals Pact as Trump Expands Asia Trade Push</h1>' in article
    assert '<time class="published">28 October 2025</time>' in article
    untitled = client.get("/id/article/001_23c60acca27469b6").text  # read without a headline: its opening words
    assert '<h1 id="label">“Tokyo, October 28: U.S. President Donald Trump' in untitled


def test_pages_entity_as_turtle(client):
    turtle = client.get("/id/country/jp", headers={"Accept": "text/turtle"})
    assert turtle.headers["vary"] == "Accept"
    graph = Graph().parse(data=turtle.text, format="turtle")
    assert (URIRef("https://w3id.org/cmkg/id/country/jp"), OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q17")) \
        in graph


@pytest.mark.parametrize("path", ["/id/country/jp", AGREEMENT, AGREEMENT + "/amount/550000000000-usd",
                                  "/id/article/004_2d00a0a33ede5b33", "/id/sentence/004_2d00a0a33ede5b33/0",
                                  "/id/mineral/rare-earth-elements", "/id/person/sanae-takaichi"])
def test_pages_jsonld_is_compacted_with_the_context_and_says_what_turtle_says(client, path):
    jsonld = client.get(path, headers={"Accept": "application/ld+json"})
    assert jsonld.status_code == 200 and jsonld.headers["content-type"].startswith("application/ld+json")
    assert jsonld.headers["vary"] == "Accept"
    data = json.loads(jsonld.text)
    assert isinstance(data["@context"], dict) and data["@context"]["cmkg"] == "https://w3id.org/cmkg/ontology#"
    assert not [k for k in data if k.startswith("http")]  # no expanded property IRIs
    turtle = client.get(path, headers={"Accept": "text/turtle"}).text
    assert isomorphic(Graph().parse(data=jsonld.text, format="json-ld"), Graph().parse(data=turtle, format="turtle"))


def test_pages_jsonld_uses_the_short_terms(client):
    data = client.get(AGREEMENT, headers={"Accept": "application/ld+json"}).json()
    assert {"label", "party", "signatory", "covers", "amount", "date", "name"} <= set(data)
    assert "https://w3id.org/cmkg/id/country/jp" in data["party"]
    person = client.get("/id/person/sanae-takaichi", headers={"Accept": "application/ld+json"}).json()
    assert "holdsPost" in person and "label" in person


def test_pages_article_marks_its_mentions(client):
    page = client.get("/id/article/001_23c60acca27469b6")
    assert page.status_code == 200
    assert '<a class="mention" href="/id/person/sanae-takaichi" title="Sanae Takaichi">Sanae Takaichi</a>' in page.text


def test_pages_unknown_entity_is_404(client):
    missing = client.get("/id/person/nobody-at-all")
    assert missing.status_code == 404 and missing.headers["vary"] == "Accept"
    assert client.get("/id/person/nobody-at-all", headers={"Accept": "text/turtle"}).status_code == 404


def test_pages_neighbourhood_and_web_page(client):
    data = client.get("/api/neighbourhood", params={"entity": "person/sanae-takaichi"}).json()
    labels = {n["label"] for n in data["nodes"]}
    assert "Japan–United States framework agreement" in labels and len(data["edges"]) >= 3
    assert client.get("/api/neighbourhood", params={"entity": "bad value"}).status_code == 400
    index = client.get("/")
    assert index.status_code == 200 and 'src="/static/workbench.js"' in index.text
    assert "startWorkbench" in client.get("/static/workbench.js").text
    for page in ("/", "/timeline", "/graph", "/queries/events"):  # every page links to the others
        nav = client.get(page, headers={"Accept": "text/html"}).text
        assert all(f'href="{link}"' in nav for link in ("/", "/timeline", "/graph", "/docs")), page


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


def test_pages_a_post_held_cites_the_sentences_naming_the_person_and_where_the_post_is(client):
    page = client.get("/id/person/sanae-takaichi").text
    post = _statement(page, "holds post", "Prime Minister of Japan")
    sentences = [unescape(re.sub(r"</?mark>", "", s))
                 for s in re.findall(r'<blockquote class="sentence">(.*?)</blockquote>', post, re.S)]
    assert len(sentences) == 4 and all("Takaichi" in s and "Japan" in s for s in sentences)


def test_pages_the_page_of_one_piece_of_evidence_cites_that_evidence_alone(client):
    page = client.get(AGREEMENT + "/evidence/004_2d00a0a33ede5b33/1922-1932").text
    statement = _statement(page, "statement", "Japan–United States framework agreement")
    assert statement.count('<li class="reference">') == 1 and "<mark>Within six</mark> months" in statement
    assert "“Within six”</a>" in page  # the words, not their offsets
