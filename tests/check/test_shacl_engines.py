"""The compiled SHACL engine against pyshacl, the reference: the same results on the test graphs
(the sample build, the stories) and on damaged copies of them."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg_builder.check.shacl_engines import ENGINES, check
from kg_builder.check.validate import bounded_graphs, validate_quads
from kg_builder.errors import ValidationRunError
from kg_builder.namespaces import RDF, Iris
from kg_builder.pipeline.build import build
from kg_builder.store.local import KnowledgeGraph
from tests.conftest import DATA

STORIES = DATA / "stories"
NOWHERE = ox.NamedNode("http://example.org/nowhere")


@pytest.fixture(scope="module")
def stories_quads(tmp_path_factory) -> list[ox.Quad]:
    kg = tmp_path_factory.mktemp("stories") / "kg"
    build([STORIES], kg, owl=False)
    with KnowledgeGraph.open(kg) as graph:
        return list(graph.quads())


def _sample_quads(kg: Path) -> list[ox.Quad]:
    with KnowledgeGraph.open(kg) as graph:
        return list(graph.quads())


def damaged(triples: list[ox.Triple], rnd: random.Random) -> list[ox.Triple]:
    """A copy with some triples dropped, some literals of the wrong kind and some links to nowhere."""
    out = []
    for t in triples:
        roll = rnd.random()
        if roll < 0.03:
            continue
        if isinstance(t.object, ox.Literal) and roll < 0.05:
            wrong = (ox.Literal("x" + t.object.value, language="fr") if rnd.random() < 0.5
                     else ox.Literal("-12", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
            t = ox.Triple(t.subject, t.predicate, wrong)
        elif isinstance(t.object, ox.NamedNode) and t.predicate.value != RDF + "type" and roll < 0.05:
            t = ox.Triple(t.subject, t.predicate, NOWHERE)
        out.append(t)
    return out


def results(triples: list[ox.Triple], engine: str) -> set[tuple[str, str, str]]:
    outcome = check(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), engine)
    assert outcome.conforms == (not outcome.results)
    # a complex path (inverse, sequence) is a blank node for pyshacl and a string for the other engine
    return {(r.focus, r.path if r.path.startswith("http") or not r.path else "complex", r.component)
            for r in outcome.results}


def test_engines_agree_on_test_graphs_and_damaged_copies(sample_kg, stories_quads):
    rnd = random.Random(11)
    graphs = {**bounded_graphs(_sample_quads(sample_kg), Iris()), **bounded_graphs(stories_quads, Iris())}
    compared = found = 0
    for name in sorted(graphs):
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in graphs[name]]
        for data in (triples, damaged(triples, rnd), damaged(triples, rnd)):
            expected = results(data, "pyshacl")
            assert results(data, "shacl") == expected, name
            compared += 1
            found += len(expected)
    assert compared == 3 * len(graphs) >= 30
    assert found > 500  # the damaged copies gave both engines plenty to find


@pytest.mark.parametrize("engine", ENGINES)
def test_each_engine_reports_where_and_what(engine, sample_kg):
    quads = _sample_quads(sample_kg)
    graph = next(q.graph_name for q in quads if "/graph/article/" in q.graph_name.value)
    article = next(q.subject for q in quads if q.graph_name == graph and q.object.value.endswith("#NewsArticle"))
    broken = [q for q in quads if not (q.subject == article and q.predicate.value.endswith("/identifier"))]
    report = validate_quads(broken, owl=False, engine=engine)
    (violation,) = report.violations
    assert violation.graph == graph.value and violation.focus == article.value
    assert violation.path == "http://purl.org/dc/terms/identifier" and violation.message
    assert validate_quads(quads, owl=False, engine=engine).conforms


def test_unknown_engine_is_refused():
    with pytest.raises(ValidationRunError, match="unknown SHACL engine 'jena'.*pyshacl, shacl"):
        check(b"", "jena")
