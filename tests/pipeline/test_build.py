import json

import pytest

from kg_builder.errors import ExitCode, KgBuilderError
from kg_builder.pipeline.build import build
from kg_builder.store.local import KnowledgeGraph

STORIES = {
    "mou.txt": "Mining pact signed\n\nIndonesia's Ministry of Energy and Mineral Resources signed a memorandum of "
               "understanding with Eramet Group on nickel processing for batteries, officials said on Monday.",
    "controls.txt": "Beijing imposed export controls on gallium and germanium, used in semiconductors and defence, "
                    "China's commerce ministry said.",
}


def write(folder, stories):
    folder.mkdir(exist_ok=True)
    for name, text in stories.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_build_own_stories_conform_and_summarise(tmp_path):
    summary = build([write(tmp_path / "in", STORIES)], tmp_path / "kg", owl=False)
    assert summary.articles_read == 2 and summary.exit_code == ExitCode.OK and summary.report.conforms
    assert summary.entities_by_type["Mineral"] == 3  # nickel, gallium, germanium
    report = json.loads((tmp_path / "kg" / "current" / "build.json").read_text())
    assert report["conforms"] and report["articles_read"] == 2
    assert (tmp_path / "kg" / "current" / "validation-report.ttl").exists()


def test_build_bad_article_is_skipped_and_the_rest_built(tmp_path):
    folder = write(tmp_path / "in", {**STORIES, "empty.txt": ""})
    summary = build([folder], tmp_path / "kg", owl=False)
    assert summary.articles_read == 2 and summary.exit_code == ExitCode.SKIPPED
    assert "empty.txt" in str(summary.skipped[0])


def test_build_that_reads_nothing_keeps_the_previous_graph(tmp_path):
    kg = tmp_path / "kg"
    build([write(tmp_path / "in", STORIES)], kg, owl=False)
    with KnowledgeGraph.open(kg) as graph:
        before = len(graph)
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "x.txt").write_bytes(b"\x00\x01\x02")
    with pytest.raises(KgBuilderError, match="no article could be read"):
        build([tmp_path / "bad"], kg, owl=False)
    with KnowledgeGraph.open(kg) as graph:
        assert len(graph) == before


def test_build_article_whose_extraction_fails_is_reported_and_skipped(tmp_path, monkeypatch):
    import kg_builder.extract as extraction

    real = extraction.extract

    def failing(article, reference, doc=None):
        if article.id == "controls":
            raise ValueError("a rule broke")
        return real(article, reference, doc)

    monkeypatch.setattr(extraction, "extract", failing)
    summary = build([write(tmp_path / "in", STORIES)], tmp_path / "kg", owl=False)
    assert summary.exit_code == ExitCode.SKIPPED and summary.report.conforms
    assert "controls.txt: extraction failed (ValueError: a rule broke)" in str(summary.skipped[0])
    with KnowledgeGraph.open(tmp_path / "kg") as graph:
        ids = {str(r[0].value) for r in graph.query(
            "SELECT ?id WHERE { ?a <http://purl.org/dc/terms/identifier> ?id }")}
    assert ids == {"mou"}


def test_build_gives_the_same_graph_with_one_or_two_workers(tmp_path):
    from kg_builder.graph.rdf import sorted_nquads
    from tests.conftest import DATA

    graphs = []
    for workers in (1, 2):
        kg = tmp_path / f"kg{workers}"
        summary = build([DATA / "stories"], kg, owl=False, workers=workers)
        assert summary.report.conforms
        with KnowledgeGraph.open(kg) as graph:
            graphs.append(sorted_nquads(graph.quads()))
    assert graphs[0] == graphs[1]


def test_build_loading_batches_on_the_loader_thread_gives_the_same_graph(tmp_path, monkeypatch):
    """With a batch of one byte, every article's graph is loaded by the background loader while the
    next is made; the graph is the same as with everything loaded at the end."""
    from kg_builder.graph.rdf import sorted_nquads
    from kg_builder.store import local as store
    from tests.conftest import DATA

    graphs = []
    for batch in (store.LOAD_BATCH_BYTES, 1):
        monkeypatch.setattr(store, "LOAD_BATCH_BYTES", batch)
        kg = tmp_path / f"kg{batch}"
        assert build([DATA / "stories"], kg, owl=False).report.conforms
        with KnowledgeGraph.open(kg) as graph:
            graphs.append(sorted_nquads(graph.quads()))
    assert graphs[0] == graphs[1]


def test_build_is_the_same_whatever_the_hash_seed(tmp_path):
    """Sets and dicts iterate in another order under another PYTHONHASHSEED: the N-Quads must not."""
    import os
    import subprocess
    import sys

    from tests.conftest import STORIES

    outputs = []
    for seed in ("1", "2"):
        kg = tmp_path / f"kg-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "kg_builder.cli", "build", str(STORIES), "--kg", str(kg), "--no-owl"],
                       env=env, check=True, capture_output=True)
        exported = subprocess.run([sys.executable, "-m", "kg_builder.cli", "export", "--format", "nquads", "--kg",
                                   str(kg)], env=env, check=True, capture_output=True).stdout
        outputs.append(sorted(exported.splitlines()))
    assert outputs[0] == outputs[1] and len(outputs[0]) > 1000


def test_build_reads_copies_of_one_story_once_and_gives_each_its_own_graph(tmp_path, monkeypatch):
    """A story several outlets publish word for word is read once; each copy still gets its graph,
    and the graph is the one that reading every copy gives."""
    import kg_builder.extract as extraction
    from kg_builder.graph.rdf import sorted_nquads

    stories = dict(STORIES, **{"mou-wire.txt": STORIES["mou.txt"], "mou-again.txt": STORIES["mou.txt"]})
    source = write(tmp_path / "in", stories)
    log = tmp_path / "read.log"  # extraction runs in another process: it writes down what it reads
    real = extraction.extract

    def counted(article, reference, doc=None):
        with log.open("a", encoding="utf-8") as handle:
            handle.write(article.id + "\n")
        return real(article, reference, doc)

    def read():
        return sorted(log.read_text(encoding="utf-8").split())

    monkeypatch.setattr(extraction, "extract", counted)
    build([source], tmp_path / "once", owl=False)
    assert len(read()) == 2 and "controls" in read()
    log.unlink()
    monkeypatch.setattr("kg_builder.pipeline.orchestrator._content", lambda article: article)
    build([source], tmp_path / "each", owl=False)
    assert read() == ["controls", "mou", "mou-again", "mou-wire"]
    with KnowledgeGraph.open(tmp_path / "once") as once, KnowledgeGraph.open(tmp_path / "each") as each:
        assert sorted_nquads(once.quads()) == sorted_nquads(each.quads())
        sources = once.query("SELECT DISTINCT ?a ?n WHERE { ?a a <https://w3id.org/cmkg/ontology#Agreement> ; "
                             "<https://w3id.org/cmkg/ontology#sourceCount> ?n }")
        assert [int(r["n"].value) for r in sources] == [3]


def test_build_checks_a_copy_of_a_conforming_graph_once(tmp_path, monkeypatch):
    """Copies of one story merge to the same claims under other names: once the first copy's graph
    conforms, the others are not checked again, and each still gets its graph; a name outside the
    characters the shapes' patterns accept is checked on its own."""
    import kg_builder.pipeline.parallel as parallel
    from kg_builder.graph.rdf import sorted_nquads

    checked: list[str] = []
    real = parallel.validate_graph

    def counted(name, quads, engine):
        checked.append(name.rsplit("/", 1)[-1])
        return real(name, quads, engine)

    monkeypatch.setattr(parallel, "validate_graph", counted)
    stories = dict(STORIES, **{"mou-wire.txt": STORIES["mou.txt"], "mou-again.txt": STORIES["mou.txt"]})
    summary = build([write(tmp_path / "in", stories)], tmp_path / "kg", owl=False)
    assert summary.report.conforms and summary.report.graphs_checked == 4
    assert sorted(checked) == ["controls", "mou"]  # mou-again and mou-wire copy mou
    with KnowledgeGraph.open(tmp_path / "kg") as graph:
        graphs = {g.value.rsplit("/", 1)[-1] for g in graph.named_graphs() if "/graph/article/" in g.value}
        once = sorted_nquads(graph.quads())
    assert graphs == {"controls", "mou", "mou-again", "mou-wire"}
    checked.clear()
    monkeypatch.setattr("kg_builder.pipeline.orchestrator.SAFE_ID", __import__("re").compile("never"))
    build([write(tmp_path / "in", stories)], tmp_path / "each", owl=False)
    assert sorted(checked) == ["controls", "mou", "mou-again", "mou-wire"]
    with KnowledgeGraph.open(tmp_path / "each") as graph:
        assert sorted_nquads(graph.quads()) == once
