import shutil

import pytest

from kg_builder.errors import KgBuilderError
from kg_builder.graph.rdf import sorted_nquads
from kg_builder.pipeline.build import build
from kg_builder.pipeline.incremental import add, read_manifest, remove
from kg_builder.store.local import KnowledgeGraph, current_build
from tests.conftest import DATA

STORIES = DATA / "stories"


def nquads(kg):
    with KnowledgeGraph.open(kg) as graph:
        return sorted_nquads(graph.quads())


def folder(tmp_path, name, files):
    out = tmp_path / name
    out.mkdir()
    for f in files:
        shutil.copy(STORIES / f, out / f)
    return out


ALL = sorted(p.name for p in STORIES.glob("*.txt"))
FIRST, LATER = ALL[:4], ALL[4:]


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("full")
    kg = tmp / "kg"
    build([folder(tmp, "all", ALL)], kg, owl=False)
    return kg


def test_incremental_add_equals_a_full_build(full, tmp_path):
    kg = tmp_path / "kg"
    build([folder(tmp_path, "first", FIRST)], kg, owl=False)
    summary = add([folder(tmp_path, "later", LATER)], kg)
    assert summary.added == sorted(p.removesuffix(".txt") for p in LATER) and not summary.violations
    assert nquads(kg) == nquads(full)


def test_incremental_readding_an_unchanged_article_changes_nothing(full, tmp_path):
    kg = tmp_path / "kg"
    shutil.copytree(full, kg, symlinks=True)
    before = nquads(kg)
    summary = add([STORIES / ALL[0]], kg)
    assert summary.unchanged == [ALL[0].removesuffix(".txt")] and summary.rewritten == 0
    assert nquads(kg) == before


def test_incremental_remove_equals_a_full_build_without_it(tmp_path):
    kg, smaller = tmp_path / "kg", tmp_path / "smaller"
    build([folder(tmp_path, "all", ALL)], kg, owl=False)
    build([folder(tmp_path, "rest", ALL[1:])], smaller, owl=False)
    summary = remove([ALL[0].removesuffix(".txt")], kg)
    assert summary.removed == [ALL[0].removesuffix(".txt")]
    assert nquads(kg) == nquads(smaller)


def test_incremental_a_changed_article_replaces_its_graph(tmp_path):
    kg = tmp_path / "kg"
    src = folder(tmp_path, "in", ["figures_a.txt", "figures_b.txt"])
    build([src], kg, owl=False)
    (src / "figures_a.txt").write_text("Lithium\n\n2025-05-02\n\nChina refines about 60% of the world's lithium.\n",
                                       encoding="utf-8")
    add([src / "figures_a.txt"], kg)
    rebuilt = tmp_path / "rebuilt"
    build([src], rebuilt, owl=False)
    assert nquads(kg) == nquads(rebuilt)
    with KnowledgeGraph.open(kg) as graph:
        assert not list(graph.query("SELECT ?f WHERE { ?f <https://w3id.org/cmkg/ontology#quantity> 65 }"))


def test_incremental_remove_unknown_article_is_a_clear_error(full):
    before = nquads(full)
    with pytest.raises(KgBuilderError, match="no article 'nope'"):
        remove(["nope"], full)
    with pytest.raises(KgBuilderError, match="removing every article would leave an empty graph"):
        remove(read_manifest(current_build(full)), full)
    assert nquads(full) == before


def test_incremental_void_is_counted_again_after_a_change(full, tmp_path):
    from fastapi.testclient import TestClient
    from rdflib import Graph, URIRef

    from kg_builder.serve.http import ServerSettings, create_app

    kg = tmp_path / "kg"
    shutil.copytree(full, kg, symlinks=True)
    remove([ALL[0].removesuffix(".txt")], kg)
    with TestClient(create_app(ServerSettings(kg))) as client:
        void = Graph().parse(data=client.get("/void").text, format="turtle")
    sizes = {str(s).rsplit("/", 1)[-1]: int(o)
             for s, _, o in void.triples((None, URIRef("http://rdfs.org/ns/void#triples"), None))}
    with KnowledgeGraph.open(kg) as graph:  # the triples of each graph (a claim is in its article's and in facts)
        quads = sum(1 for _ in graph.quads())
    assert sizes["dataset"] == quads


def test_incremental_a_new_full_name_rewrites_the_articles_that_named_the_person_in_part(tmp_path):
    """Resolution is corpus-wide: "Mr Roe" in an article already built becomes Madeleine Roe once an
    added article gives her full name, and goes back when that article is removed."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    (first / "a.txt").write_text("Mr Roe said Japan would sign a lithium deal with Australia.\n", encoding="utf-8")
    (second / "b.txt").write_text("Minister Madeleine Roe met Japanese officials in Canberra on Monday.\n",
                                  encoding="utf-8")
    kg, both, alone = tmp_path / "kg", tmp_path / "both", tmp_path / "alone"
    build([first], kg, owl=False)
    build([first, second], both, owl=False)
    build([first], alone, owl=False)
    assert b"person/roe>" in nquads(kg)
    summary = add([second / "b.txt"], kg)
    assert summary.rewritten == 2  # the new article's graph and the one that named her in part
    assert nquads(kg) == nquads(both) and b"person/roe>" not in nquads(kg)
    remove(["b"], kg)
    assert nquads(kg) == nquads(alone)


def test_incremental_a_graph_built_by_another_extraction_is_built_again_not_changed(full, tmp_path):
    import sqlite3

    kg = tmp_path / "kg"
    shutil.copytree(full, kg, symlinks=True)
    before = nquads(kg)
    state = sqlite3.connect(current_build(kg) / "corpus.sqlite")
    with state:
        assert state.execute("SELECT value FROM meta WHERE name = 'extractor'").fetchone()
        state.execute("UPDATE meta SET value = 'older' WHERE name = 'extractor'")
    state.close()
    new = tmp_path / "new.txt"
    new.write_text("Lithium\n\n2025-05-02\n\nChile signed a lithium deal with Japan.\n", encoding="utf-8")
    with pytest.raises(KgBuilderError, match=r"built by another version of the extraction \(older"):
        add([new], kg)
    with pytest.raises(KgBuilderError, match="another version of the extraction"):
        remove([ALL[0].removesuffix(".txt")], kg)
    assert nquads(kg) == before
