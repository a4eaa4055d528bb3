"""graph/facts describes each merged fact once: it must hold exactly what the article graphs claim,
without their provenance (the articles, sentences, words and evidence)."""

from __future__ import annotations

import pyoxigraph as ox

from kg_builder.store.local import KnowledgeGraph

FACTS = "https://w3id.org/cmkg/graph/facts"
CLAIMS = """
PREFIX cmkg: <https://w3id.org/cmkg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?s ?p ?o WHERE {
  GRAPH ?g {
    ?g prov:wasDerivedFrom ?article .
    ?s ?p ?o .
    FILTER(?s != ?g && ?s != ?article && !CONTAINS(STR(?s), "#char=") && !CONTAINS(STR(?s), "/evidence/"))
    FILTER NOT EXISTS { ?s a cmkg:Sentence }
  }
}
"""


def _facts(graph) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in graph.quads(ox.NamedNode(FACTS))}


def _claims(graph) -> set[ox.Triple]:
    return {ox.Triple(r["s"], r["p"], r["o"]) for r in graph.query(CLAIMS)}


def test_facts_layer_is_the_union_of_what_the_articles_claim(sample_kg):
    with KnowledgeGraph.open(sample_kg) as graph:
        facts, claims = _facts(graph), _claims(graph)
    kinds = {t.object.value.rsplit("#", 1)[-1] for t in facts if t.predicate.value.endswith("#type")}
    assert {"Agreement", "Event", "Figure"} <= kinds
    assert facts == claims


def test_facts_layer_follows_an_added_and_a_removed_article(sample_kg_copy, tmp_path):
    from kg_builder.pipeline.incremental import add, remove
    from tests.pipeline.test_build import STORIES, write

    with KnowledgeGraph.open(sample_kg_copy) as graph:
        before = _facts(graph)
    folder = write(tmp_path / "more", {"mou.txt": STORIES["mou.txt"]})
    add([folder], sample_kg_copy)
    with KnowledgeGraph.open(sample_kg_copy) as graph:
        added = _facts(graph)
        assert added == _claims(graph)
        assert added > before  # what the new article claims joins the facts it reports
    remove(["mou"], sample_kg_copy)
    with KnowledgeGraph.open(sample_kg_copy) as graph:
        assert _facts(graph) == _claims(graph) == before
