import pyoxigraph as ox
import pytest

from kg_builder.errors import StoreError
from kg_builder.store.local import KnowledgeGraph, StagedBuild, publish_build

G = ox.NamedNode("http://ex/g")


def quad(i):
    return ox.Quad(ox.NamedNode(f"http://ex/s{i}"), ox.NamedNode("http://ex/p"), ox.Literal(str(i)), G)


def test_store_publish_and_query_union_of_graphs(tmp_path):
    publish_build(tmp_path / "kg", [quad(1), quad(2)], {"build.json": b"{}"})
    with KnowledgeGraph.open(tmp_path / "kg") as graph:
        assert len(graph) == 2
        assert len(list(graph.query("SELECT ?s WHERE { ?s ?p ?o }"))) == 2
        assert (graph.build_dir / "build.json").read_bytes() == b"{}"


def test_store_failed_build_leaves_previous_graph_intact(tmp_path):
    kg = tmp_path / "kg"
    publish_build(kg, [quad(1)], {})

    def broken():
        yield quad(2)
        raise RuntimeError("extraction crashed half way")

    with pytest.raises(RuntimeError):
        publish_build(kg, broken(), {})
    with KnowledgeGraph.open(kg) as graph:
        assert [q.object.value for q in graph.quads()] == ["1"]
    assert not [p for p in (kg / "builds").iterdir() if p.name.startswith(".staging")]


def test_store_failed_background_load_is_reported_and_leaves_previous_graph_intact(tmp_path, monkeypatch):
    from kg_builder.store import local as store

    kg = tmp_path / "kg"
    publish_build(kg, [quad(1)], {})
    monkeypatch.setattr(store, "LOAD_BATCH_BYTES", 1)
    staged = StagedBuild(kg)
    staged.add_nquads(b"<http://ex/s> <http://ex/p> <http://ex/o> <http://ex/g> .\n")
    staged.add_nquads(b"<http://ex/s> <http://ex/p> not-a-term <http://ex/g> .\n")  # loads on the loader thread
    with pytest.raises(SyntaxError):
        staged.publish()  # waits for the load, which failed: the build is abandoned
    with KnowledgeGraph.open(kg) as graph:
        assert [q.object.value for q in graph.quads()] == ["1"]
    assert not [p for p in (kg / "builds").iterdir() if p.name.startswith(".staging")]


def test_store_new_build_replaces_old_one(tmp_path):
    kg = tmp_path / "kg"
    first = publish_build(kg, [quad(1)], {})
    second = publish_build(kg, [quad(2)], {})
    assert not first.exists() and second.exists()
    with KnowledgeGraph.open(kg) as graph:
        assert [q.object.value for q in graph.quads()] == ["2"]


def test_store_missing_kg_directory_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no such KG directory"):
        KnowledgeGraph.open(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(StoreError, match="no finished build"):
        KnowledgeGraph.open(tmp_path / "empty")


def test_store_round_trip_keeps_sample_conformant(sample_kg):
    from kg_builder.check.validate import validate_quads

    with KnowledgeGraph.open(sample_kg) as graph:
        report = validate_quads(list(graph.quads()), owl=False)
    assert report.conforms, report.violations[:3]
