"""Validating many article graphs in one run gives what validating them one by one gives."""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest

from kg_builder.check.batches import validate_batch
from kg_builder.check.shacl_engines import ENGINES
from kg_builder.check.validate import SharedDescriptions, validate_graph
from kg_builder.store.local import KnowledgeGraph

CMKG = "https://w3id.org/cmkg/ontology#"


@pytest.fixture(scope="module")
def sample_quads(sample_kg) -> list[ox.Quad]:
    with KnowledgeGraph.open(sample_kg) as graph:
        return list(graph.quads())


def members(quads: list[ox.Quad]) -> list[tuple[str, list[ox.Quad]]]:
    shared = SharedDescriptions(quads)
    graphs: dict[str, list[ox.Quad]] = {}
    for q in quads:
        if "/graph/article/" in q.graph_name.value:
            graphs.setdefault(q.graph_name.value, []).append(q)
    return [(name, shared.bounded(graphs[name])) for name in sorted(graphs)]


def one_by_one(batch, engine):
    return [sorted((v.graph, v.focus, v.path, v.message) for v in validate_graph(name, quads, engine)[0])
            for name, quads in batch]


def batched(batch, engine):
    found, _ = validate_batch(batch, engine)
    return [sorted((v.graph, v.focus, v.path, v.message) for v in member) for member in found]


def damaged(quads: list[ox.Quad], seed: int) -> list[ox.Quad]:
    """The graph with a few triples dropped or given a wrong literal, in article graphs and shared ones."""
    rng = random.Random(seed)
    out = []
    for q in quads:
        roll = rng.random()
        if roll < 0.01:
            continue
        if roll < 0.015 and isinstance(q.object, ox.Literal):
            q = ox.Quad(q.subject, q.predicate, ox.Literal("??"), q.graph_name)
        out.append(q)
    return out


def disagreeing(quads: list[ox.Quad]) -> list[ox.Quad]:
    """Each article gives a fact it shares with others a label of its own: fine one by one, two
    labels on one node if the articles were simply put together."""
    out = []
    for q in quads:
        if q.predicate.value.endswith("#label") and "/graph/article/" in q.graph_name.value:
            q = ox.Quad(q.subject, q.predicate, ox.Literal(q.object.value + " " + q.graph_name.value[-6:]),
                        q.graph_name)
        out.append(q)
    return out


@pytest.mark.parametrize("engine", ENGINES)
def test_batches_agree_with_one_by_one_on_the_sample(sample_quads, engine):
    batch = members(disagreeing(sample_quads))
    assert one_by_one(batch, engine) == batched(batch, engine) == [[] for _ in batch]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_batches_agree_with_one_by_one_on_damaged_graphs(sample_quads, engine, seed):
    batch = members(damaged(sample_quads, seed))
    expected = one_by_one(batch, engine)
    assert sum(map(len, expected)) > 0
    assert batched(batch, engine) == expected


def test_batches_map_a_shared_node_to_every_graph_that_holds_it(sample_quads):
    """A broken count on an entity the statistics describe is a violation in each article that names
    the entity, as one-by-one validation finds it."""
    china = "https://w3id.org/cmkg/id/country/cn"
    broken = [ox.Quad(q.subject, q.predicate, ox.Literal("many"), q.graph_name)
              if q.subject.value == china and q.predicate.value == CMKG + "mentionCount" else q
              for q in sample_quads]
    batch = members(broken)
    found = batched(batch, "shacl")
    assert found == one_by_one(batch, "shacl")
    assert sum(1 for member in found if any(v[1] == china for v in member)) > 1


def test_validate_reports_a_facts_layer_that_differs_from_the_articles(sample_quads):
    """A claim missing from the facts layer is reported in the article that makes it; a triple of the
    facts layer no article claims is reported in the facts graph."""
    from kg_builder.check.validate import validate_quads

    facts = next(q.graph_name for q in sample_quads if q.graph_name.value.endswith("/graph/facts"))
    party = next(q for q in sample_quads if q.graph_name == facts and q.predicate.value == CMKG + "party")
    invented = ox.Quad(party.subject, party.predicate, ox.NamedNode("https://w3id.org/cmkg/id/country/fr"), facts)
    assert validate_quads(sample_quads, owl=False).conforms
    report = validate_quads([q for q in sample_quads if q != party] + [invented], owl=False)
    where = {(v.graph.rsplit("/", 2)[-2], v.focus, v.path) for v in report.violations}
    assert ("graph", party.subject.value, party.predicate.value) in where  # graph/facts
    assert any(v.graph.rsplit("/", 2)[-2] == "article" and "lacks" in v.message for v in report.violations)
