"""The remote-store backend against a real SPARQL 1.1 server on loopback: Oxigraph's server
(`oxigraph serve`, installed from PyPI by the test extras), started and stopped by the tests."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from kg_builder import paths
from kg_builder.errors import StoreError
from kg_builder.pipeline.build import build
from kg_builder.serve.queries import list_queries, run_query, to_csv
from kg_builder.store.local import KnowledgeGraph
from kg_builder.store.remote import RemoteConfig

SERVER = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
if SERVER is None and os.environ.get("KG_BUILDER_REQUIRE_SERVER"):
    raise RuntimeError("the 'oxigraph' server is required for the remote-store tests (pip install oxigraph)")
pytestmark = pytest.mark.skipif(SERVER is None, reason="the 'oxigraph' server is not installed (pip install oxigraph)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    folder = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen([SERVER, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}",
                                "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield f"{url}/query"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def loaded(server, tmp_path_factory):
    kg = tmp_path_factory.mktemp("remote") / "kg"
    summary = build([paths.sample_articles_dir()], kg, owl=False, remote=RemoteConfig.from_url(server))
    assert summary.report.conforms
    return kg


def rows(graph, query):
    return sorted(to_csv(run_query(graph, query, {})).splitlines())


def test_remote_every_saved_query_answers_as_the_embedded_store(server, loaded):
    with KnowledgeGraph.open(loaded) as local, KnowledgeGraph.connect(RemoteConfig.from_url(server)) as remote:
        assert len(remote) == len(local) > 1000
        answered = 0
        for query in list_queries():
            if "SERVICE" in query.sparql:
                continue
            local_rows = rows(local, query)
            assert rows(remote, query) == local_rows, query.name
            answered += len(local_rows) > 1  # more than the header: both sides found something
        assert answered >= len(list_queries()) - 3


def test_remote_rebuild_replaces_the_graphs(server, loaded, tmp_path):
    from tests.conftest import DATA

    build([DATA / "stories" / "mou.txt"], tmp_path / "kg", owl=False, remote=RemoteConfig.from_url(server))
    with KnowledgeGraph.connect(RemoteConfig.from_url(server)) as remote:
        graphs = {g.value.rsplit("/", 1)[-1] for g in remote.named_graphs() if "/graph/article/" in g.value}
    assert graphs == {"mou"}
    build([paths.sample_articles_dir()], loaded, owl=False, remote=RemoteConfig.from_url(server))  # restore


def test_remote_unreachable_server_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="is the SPARQL server running"):
        build([paths.sample_articles_dir()], tmp_path / "kg", owl=False,
              remote=RemoteConfig.from_url("http://127.0.0.1:9/query"))
    assert not (tmp_path / "kg" / "current").exists()


def test_remote_config_from_urls():
    oxigraph = RemoteConfig.from_url("http://h:7878/query")
    assert (oxigraph.update_url, oxigraph.graph_store_url, oxigraph.graph_param) == \
        ("http://h:7878/update", "http://h:7878/store", "graph")
    virtuoso = RemoteConfig.from_url("http://h:8890/sparql", user="dba", password="dba")
    assert (virtuoso.update_url, virtuoso.graph_store_url, virtuoso.graph_param) == \
        ("http://h:8890/sparql", "http://h:8890/sparql-graph-crud", "graph-uri")


def test_remote_cli_query_export_and_server(server, loaded):
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from kg_builder.cli import app
    from kg_builder.serve.http import ServerSettings, create_app

    runner = CliRunner()
    local = runner.invoke(app, ["query", "agreements", "--kg", str(loaded), "--format", "csv"])
    remote = runner.invoke(app, ["query", "agreements", "--store", server, "--format", "csv"])
    assert remote.exit_code == 0 and remote.stdout == local.stdout
    exported = runner.invoke(app, ["export", "--format", "nquads", "--store", server])
    assert exported.exit_code == 0 and exported.stdout.count("\n") == len(KnowledgeGraph.open(loaded))
    with TestClient(create_app(ServerSettings(loaded, remote=RemoteConfig.from_url(server)))) as client:
        answer = client.get("/sparql", params={"query": "ASK { ?a a cmkg:Agreement }"})
        assert answer.json()["boolean"] is True
        assert '<h1 id="label">Japan</h1>' in client.get("/id/country/jp").text


def _ground(graph) -> set:
    """The quads without blank nodes (their labels differ between stores), as N-Quads lines."""
    import pyoxigraph as ox

    return {str(q) for q in graph.quads() if not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))}


def test_remote_add_and_remove_keep_the_server_equal_to_the_local_graph(server, loaded, tmp_path):
    from kg_builder.pipeline.incremental import add, remove
    from tests.conftest import DATA

    kg = tmp_path / "kg"
    shutil.copytree(loaded, kg, symlinks=True)
    config = RemoteConfig.from_url(server)
    try:
        summary = add([DATA / "stories" / "mou.txt"], kg, remote=config)
        assert summary.added == ["mou"]
        with KnowledgeGraph.open(kg) as local, KnowledgeGraph.connect(config) as remote:
            assert len(remote) == len(local) and _ground(remote) == _ground(local)
            assert any(g.value.endswith("/graph/article/mou") for g in remote.named_graphs())
        remove(["mou"], kg, remote=config)
        with KnowledgeGraph.open(kg) as local, KnowledgeGraph.connect(config) as remote:
            assert len(remote) == len(local) and _ground(remote) == _ground(local)
            assert not any(g.value.endswith("/graph/article/mou") for g in remote.named_graphs())
            assert not any("#staging-" in g.value for g in remote.named_graphs())
    finally:
        build([paths.sample_articles_dir()], loaded, owl=False, remote=config)  # restore


def test_remote_add_that_cannot_reach_the_server_changes_nothing(loaded, tmp_path):
    from kg_builder.pipeline.incremental import add
    from tests.conftest import DATA

    kg = tmp_path / "kg"
    shutil.copytree(loaded, kg, symlinks=True)
    before = (kg / "current" / "corpus.sqlite").read_bytes()
    with KnowledgeGraph.open(kg) as local:
        quads = _ground(local)
    with pytest.raises(StoreError, match="is the SPARQL server running"):
        add([DATA / "stories" / "mou.txt"], kg, remote=RemoteConfig.from_url("http://127.0.0.1:9/query"))
    assert (kg / "current" / "corpus.sqlite").read_bytes() == before
    with KnowledgeGraph.open(kg) as local:
        assert _ground(local) == quads
