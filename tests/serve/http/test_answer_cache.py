"""Answers are kept per build: the same GET is answered from the cache, and a new build empties it."""

import shutil

from fastapi.testclient import TestClient

from kg_builder.pipeline.build import build
from kg_builder.serve.http import ServerSettings, create_app
from tests.conftest import DATA

STORIES = DATA / "stories"
QUERY = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}
JSON = {"accept": "application/sparql-results+json"}


def count(response) -> int:
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_the_same_get_is_answered_from_the_cache_until_a_new_build(tmp_path):
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(STORIES / "mou.txt", one / "mou.txt")
    kg = tmp_path / "kg"
    build([one], kg, owl=False)
    with TestClient(create_app(ServerSettings(kg, query_workers=1))) as client:
        first, second = client.get("/sparql", params=QUERY, headers=JSON), client.get("/sparql", params=QUERY,
                                                                                       headers=JSON)
        assert (first.headers["x-cache"], second.headers["x-cache"]) == ("miss", "hit")
        assert first.content == second.content
        assert first.headers["content-type"] == second.headers["content-type"]
        other_format = client.get("/sparql", params=QUERY, headers={"accept": "text/csv"})
        assert other_format.headers["x-cache"] == "miss" and other_format.text.startswith("n\r\n")
        bad = [client.get("/sparql", params={"query": "SELECT"}) for _ in range(2)]
        assert [b.headers["x-cache"] for b in bad] == ["miss", "miss"]  # only 200s are kept
        shutil.copy(STORIES / "summit.txt", one / "summit.txt")
        build([one], kg, owl=False)
        after = client.get("/sparql", params=QUERY, headers=JSON)
        assert after.headers["x-cache"] == "miss" and count(after) > count(first)


def test_no_cache_when_turned_off(sample_kg):
    with TestClient(create_app(ServerSettings(sample_kg, query_workers=1, answer_cache_mb=0))) as client:
        answers = [client.get("/sparql", params=QUERY, headers=JSON) for _ in range(2)]
        assert all("x-cache" not in a.headers for a in answers)
