"""The server answers from the build ``current`` points at: after ``add``, ``remove`` or a new
``build`` publishes, new requests see the new graph, requests in flight finish on the old one, and
the old build's workers (and its open store) are closed."""

import shutil

from fastapi.testclient import TestClient

from kg_builder.pipeline.build import build
from kg_builder.pipeline.incremental import add, remove
from kg_builder.serve.http import ServerSettings, create_app
from kg_builder.serve.http.tasks import count_triples
from tests.conftest import DATA, build_stories
from tests.process_tree import alive, gone

STORIES = DATA / "stories"
ARTICLES = sorted(p.name for p in STORIES.glob("*.txt"))[:3]


def article_page(client, name):
    return client.get(f"/id/article/{name.removesuffix('.txt')}", headers={"accept": "text/html"})


def test_after_add_and_remove_new_requests_see_the_new_build_and_the_old_one_is_closed(tmp_path):
    kg = build_stories(tmp_path, ARTICLES[:2])
    with TestClient(create_app(ServerSettings(kg, query_workers=1))) as client:
        published = client.app.state.published
        before = client.get("/health").json()["build"]
        assert article_page(client, ARTICLES[2]).status_code == 404
        with published.using() as old:  # a request in flight when the change is published
            old_count = old.runner.pool.run(count_triples, seconds=10)
            old_workers = old.runner.pool.pids
            add([STORIES / ARTICLES[2]], kg)
            after = client.get("/health").json()["build"]
            assert after != before and after == (kg / "current").resolve().name
            assert article_page(client, ARTICLES[2]).status_code == 200
            assert old.runner.pool.run(count_triples, seconds=10) == old_count  # it finishes on the old graph
            assert all(alive(p) for p in old_workers)
        assert gone(old_workers)  # closed once the last request on it is done
        assert published.current.runner.pool.run(count_triples, seconds=10) > old_count
        remove([ARTICLES[2].removesuffix(".txt")], kg)
        assert article_page(client, ARTICLES[2]).status_code == 404
        assert client.get("/health").json()["build"] not in (before, after)


def test_after_a_rebuild_the_deleted_build_is_no_longer_served(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    shutil.copy(STORIES / ARTICLES[0], one / ARTICLES[0])
    shutil.copy(STORIES / ARTICLES[1], two / ARTICLES[1])
    kg = tmp_path / "kg"
    build([one], kg, owl=False)
    with TestClient(create_app(ServerSettings(kg, query_workers=1))) as client:
        assert article_page(client, ARTICLES[0]).status_code == 200
        workers = client.app.state.published.current.runner.pool.pids
        old_build = (kg / "current").resolve()
        build([two], kg, owl=False)
        assert not old_build.exists()
        assert article_page(client, ARTICLES[0]).status_code == 404
        assert article_page(client, ARTICLES[1]).status_code == 200
        assert gone(workers)
