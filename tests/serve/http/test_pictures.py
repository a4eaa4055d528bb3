"""The data behind the timeline and neighbourhood pictures, and their pages."""

import re

from kg_builder.serve.timeline import initial_window, span

CN = "https://w3id.org/cmkg/id/country/cn"


def test_timeline_lists_events_and_agreements_dated_and_undated(client):
    data = client.get("/api/timeline").json()
    dated = {item["id"].rsplit("/", 1)[-1]: item for item in data["dated"]}
    undated = {item["id"].rsplit("/", 1)[-1]: item for item in data["undated"]}
    assert {item["category"] for item in data["dated"]} == {"event", "agreement"}
    assert [item["start"] for item in data["dated"]] == sorted(item["start"] for item in data["dated"])
    controls = dated["export-controls-cn-2025-04"]
    assert (controls["kind"], controls["start"], controls["end"], controls["precision"]) == \
        ("Export control", "2025-04-01", "2025-05-01", "month")
    assert controls["participants"] == ["China"] and controls["sources"] == 5
    assert controls["href"] == "/id/event/export-controls-cn-2025-04"
    framework = dated["jp-us-framework-agreement-2025-10-28"]
    assert framework["kind"] == "Framework agreement" and framework["end"] is None
    assert "rare-earth elements" in framework["minerals"] and framework["sources"] == 5
    assert {"visit-donald-trump-undated", "jp-us-trade-agreement-undated"} <= set(undated)
    assert all(item["date"] == "" and "start" not in item for item in undated.values())
    kinds = {item["kind"] for item in data["dated"] + data["undated"]}
    assert {"Signing", "Meeting", "Export control", "Visit", "Trade agreement"} <= kinds


def test_timeline_window_leaves_the_far_outlier_out(client):
    data = client.get("/api/timeline").json()
    assert min(item["start"] for item in data["dated"]) == "2019-01-01"  # the 2019 meeting is on the timeline ...
    assert data["window"]["start"] > "2025-10-01" and data["window"]["end"] < "2025-12-01"  # ... outside the window
    assert all(data["window"]["start"] <= item["start"] <= data["window"]["end"]
               for item in data["dated"] if item["start"] >= "2025-10-01")


def test_timeline_filters_are_bound_as_terms(client):
    china = client.get("/api/timeline", params={"participant": "country/cn"}).json()
    found = [item["id"].rsplit("/", 1)[-1] for item in china["dated"] + china["undated"]]
    assert found == ["export-controls-cn-2025-04"]
    assert client.get("/api/timeline", params={"participant": CN}).json() == china
    rare = client.get("/api/timeline", params={"mineral": "mineral/rare-earth-elements"}).json()
    assert {item["kind"] for item in rare["dated"]} == {"Framework agreement", "Signing"} and not rare["undated"]
    nothing = client.get("/api/timeline", params={"participant": "country/cn", "mineral": "mineral/lithium"}).json()
    assert nothing == {"dated": [], "undated": [], "window": None}
    # a value that would break out of a pasted IRI is refused, naming the parameter; it never reaches the query
    for name, value in (("participant", "country/cn> } ?x ?y ?z {"), ("mineral", "bad value"),
                        ("participant", "http://e/x\nSELECT")):
        response = client.get("/api/timeline", params={name: value})
        assert response.status_code == 400 and f"parameter {name!r}" in response.text
    response = client.get("/api/timeline", params={"colour": "red"})
    assert response.status_code == 400 and "'colour'" in response.text


def test_span_and_window():
    assert span("2025-10-28") == ("2025-10-28", None, "day")
    assert span("2019") == ("2019-01-01", "2020-01-01", "year")
    assert span("2025-12") == ("2025-12-01", "2026-01-01", "month")
    assert span("") is None and span("--10-28") is None
    assert initial_window([]) is None
    assert initial_window(["2025-10-28"]) == ("2025-10-25", "2025-10-31")
    spread = [f"2025-{m:02d}-01" for m in range(1, 13)]  # no outlier: everything is in the window
    start, end = initial_window(spread)
    assert start < "2025-01-01" and end > "2025-12-01"


def test_neighbourhood_gives_types_and_property_labels(client):
    data = client.get("/api/neighbourhood", params={"entity": "agreement/jp-us-framework-agreement-2025-10-28"}).json()
    nodes = {n["id"].removeprefix("https://w3id.org/cmkg/id/"): n for n in data["nodes"]}
    centre = data["nodes"][0]
    assert centre["center"] and centre["type"] == "Agreement" and centre["kind"] == "Framework agreement"
    assert nodes["country/jp"]["type"] == "Country" and nodes["person/sanae-takaichi"]["type"] == "Person"
    assert nodes["mineral/rare-earth-elements"]["type"] == "Mineral" and nodes["place/tokyo"]["type"] == "Place"
    assert nodes["event/signing-of-jp-us-framework-agreement-2025-10-28"]["kind"] == "Signing"
    assert {n["type"] for n in nodes.values()} >= {"Agreement", "Country", "Person", "Mineral", "Sector", "Place",
                                                   "Event", "Article"}
    articles = [n for n in nodes.values() if n["type"] == "Article"]
    assert len(articles) == 5 and "US and Japan sign agreement on rare earths" in {n["label"] for n in articles}
    labels = {e["label"] for e in data["edges"]}
    assert {"targets sector", "party", "signatory", "covers", "agreement", "reports"} <= labels
    assert not any(label != label.lower() and " " not in label for label in labels)  # no camelCase names
    ids = set(nodes)
    assert all(e["source"].removeprefix("https://w3id.org/cmkg/id/") in ids for e in data["edges"])
    assert all(n["href"].startswith("/id/") for n in data["nodes"])


def test_neighbourhood_of_an_organization_and_errors(client):
    data = client.get("/api/neighbourhood", params={"entity": "country/cn"}).json()
    kinds = {n["kind"] for n in data["nodes"] if n["type"] == "Organization"}
    assert "Company" in kinds and data["nodes"][0]["label"] == "China"
    assert client.get("/api/neighbourhood", params={"entity": "person/nobody-at-all"}).status_code == 404
    response = client.get("/api/neighbourhood", params={"entity": "country/cn>"})
    assert response.status_code == 400 and "parameter 'entity'" in response.text
    assert client.get("/api/neighbourhood").status_code == 422  # the parameter is required


def test_picture_pages_load_their_own_scripts(client):
    timeline = client.get("/timeline")
    assert timeline.status_code == 200
    assert '/static/vendor/vis-timeline/vis-timeline-graph2d.min.js' in timeline.text
    assert '/static/timeline.js' in timeline.text and 'id="undated"' in timeline.text
    graph = client.get("/graph", params={"entity": "country/cn"})
    assert graph.status_code == 200 and '/static/vendor/cytoscape/cytoscape.min.js' in graph.text
    assert '/static/graph.js' in graph.text
    entity = client.get("/id/country/jp")
    assert '/static/graph.js' in entity.text and "drawGraph(" in entity.text
    for path in ("/static/timeline.js", "/static/graph.js", "/static/pictures.css"):
        assert client.get(path).status_code == 200


def test_articles_without_a_headline_are_named_by_their_opening_words(client):
    nodes = client.get("/api/neighbourhood", params={"entity": "country/jp"}).json()["nodes"]
    articles = [n for n in nodes if n["type"] == "Article"]
    assert articles and all(not re.fullmatch(r"\d+_[0-9a-f]+", n["label"]) for n in articles)
    assert any(n["label"].startswith("“") for n in articles)  # the sample has articles read without a headline
