"""Merging and the corpus-wide graphs are functions of the set of articles: any order of the same
articles, and any split into a build plus a series of adds and removes, gives the same N-Quads.

The articles are real ones that share actors (the sample, the stories and the dev set), extracted
once; each example runs the pipeline's corpus stage on a fresh corpus state and writes what it says
to a graph held in memory (article graphs written and dropped, corpus-wide subjects replaced), as
the store stage does.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg_builder import paths
from kg_builder.extract import extract
from kg_builder.graph.rdf import article_quads, sorted_nquads
from kg_builder.model import Article
from kg_builder.namespaces import Iris
from kg_builder.pipeline.corpus_change import apply_change
from kg_builder.pipeline.state import CorpusState
from kg_builder.read.articles import read_articles
from tests.conftest import DATA

IRIS = Iris()


@pytest.fixture(scope="module")
def extractions(reference):
    folders = [paths.sample_articles_dir(), DATA / "stories", DATA / "dev" / "articles"]
    read = read_articles(folders)
    return {a.id: extract(a, reference) for a in read.articles}


class MemoryGraph:
    """What the store stage would hold after each change."""

    def __init__(self, reference) -> None:
        self.reference = reference
        self.articles: dict[str, list] = {}
        self.subjects: dict[tuple[str, str], list] = {}
        self.state = CorpusState.create(Path(tempfile.mkdtemp()))
        self.raw: dict = {}

    def change(self, new: dict, removed: set[str]) -> None:
        self.raw.update(new)
        done = apply_change(self.state, new, removed, self.raw.__getitem__, self.reference, IRIS)
        for article in done.dropped:
            self.articles.pop(article)
        for article, merged in done.write.items():
            self.articles[article] = article_quads(merged, self.reference, IRIS)
        self.subjects.update(done.subjects)

    def nquads(self) -> bytes:
        return sorted_nquads([q for qs in (*self.articles.values(), *self.subjects.values()) for q in qs])


def full_build(extractions, reference, ids) -> bytes:
    graph = MemoryGraph(reference)
    graph.change({i: extractions[i] for i in ids}, set())
    return graph.nquads()


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_order_and_any_split_into_changes_gives_the_same_graph(extractions, reference, data):
    ids = sorted(extractions)
    final = data.draw(st.lists(st.sampled_from(ids), min_size=2, max_size=12, unique=True), label="articles")
    extra = data.draw(st.lists(st.sampled_from([i for i in ids if i not in final]), max_size=3, unique=True),
                      label="added, then removed")
    order = data.draw(st.permutations(final + extra), label="order")
    steps = data.draw(st.integers(1, 4), label="changes")
    graph = MemoryGraph(reference)
    batches = [order[i::steps] for i in range(steps)]
    for number, batch in enumerate(batches):
        graph.change({i: extractions[i] for i in batch}, set())
        if extra and number == len(batches) // 2:
            present = set(graph.articles) & set(extra)
            if present:
                graph.change({}, present)
    graph.change({i: extractions[i] for i in extra if i not in graph.articles}, set())
    leftover = set(graph.articles) & set(extra)
    if leftover:
        graph.change({}, leftover)
    assert set(graph.articles) == set(final)
    assert graph.nquads() == full_build(extractions, reference, sorted(final))
    assert full_build(extractions, reference, [i for i in reversed(order) if i in final]) == graph.nquads()


def test_a_changed_article_replaces_its_claims_and_readding_it_rewrites_nothing(extractions, reference):
    ids = sorted(extractions)[:6]
    graph = MemoryGraph(reference)
    graph.change({i: extractions[i] for i in ids}, set())
    done = apply_change(graph.state, {ids[0]: extractions[ids[0]]}, set(), graph.raw.__getitem__, reference, IRIS)
    assert list(done.write) == [ids[0]] and not done.dropped  # an added article is always written again
    assert all(not quads or graph.subjects[part] == quads for part, quads in done.subjects.items())


def test_a_new_label_of_an_actor_reaches_claims_that_do_not_name_it(reference):
    """A claim naming only the United States joins the deal of the United States and Kestrel; an
    article naming Kestrel in a way that sorts first relabels that deal, also where the claim that
    joined it is told, although nothing in that claim names Kestrel."""
    texts = {"deal": "Washington, 3 March 2025. Kestrel Minerals Ltd and the United States signed a supply "
                     "agreement for rare earths.",
             "joined": "Washington, 4 March 2025. The United States signed a supply agreement for rare earths, "
                       "officials said.",
             "relabels": "Perth, 5 March 2025. Shares in Kestrel Minerals LTD rose after the company said its "
                         "output rose in the quarter."}
    made = {k: extract(Article(k, f"{k}.txt", t, k * 8), reference) for k, t in texts.items()}
    graph = MemoryGraph(reference)
    graph.change({k: made[k] for k in ("deal", "joined")}, set())
    before = graph.nquads()
    graph.change({"relabels": made["relabels"]}, set())
    joined = sorted_nquads(graph.articles["joined"]).decode("utf-8")
    assert "Kestrel Minerals LTD–United States supply agreement" in joined
    assert graph.nquads() == full_build(made, reference, sorted(made))
    graph.change({}, {"relabels"})
    assert graph.nquads() == before
