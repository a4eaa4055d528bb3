import shutil

import pyoxigraph as ox
import pytest

from kg_builder.check.shacl_engines import ENGINES
from kg_builder.check.validate import check_owl, validate_quads
from kg_builder.extract import extract
from kg_builder.graph.rdf import article_quads, entity_quads, reference_quads, schema_quads
from kg_builder.graph.statistics import statistics_quads
from kg_builder.namespaces import ITSRDF, NIF, OA, RDF, Iris
from kg_builder.store.local import KnowledgeGraph
from tests.conftest import make_article

XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
TEXT = "Chilean President Gabriel Boric backed lithium mining in Antofagasta, Chile."


def quads_for(reference, text=TEXT):
    iris = Iris()
    extraction = extract(make_article(text, "v"), reference)
    return (schema_quads(iris) + reference_quads(reference, iris) + entity_quads([extraction], reference, iris)
            + statistics_quads([extraction], iris) + article_quads(extraction, reference, iris))


def test_validate_good_article_conforms(reference):
    report = validate_quads(quads_for(reference), owl=False)
    assert report.conforms and report.graphs_checked == 1 and report.exit_code == 0


def renamed(quads, old, new):
    """The quads with every occurrence of the node ``old`` replaced by ``new``."""
    def swap(term):
        return new if term == old else term
    return [ox.Quad(swap(q.subject), q.predicate, swap(q.object), q.graph_name) for q in quads]


LITHIUM = ox.NamedNode("https://w3id.org/cmkg/id/article/v#char=39,46")  # "lithium" in TEXT


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("change", "expected"), [
    # the exact words differ from the text at the offsets
    (lambda qs: replaced([q for q in qs], NIF + "anchorOf", ox.Literal("cobalt")), "offsets"),
    # offsets past the end of the article, or before its start, or not of this article
    (lambda qs: renamed(qs, LITHIUM, ox.NamedNode(LITHIUM.value.replace("39,46", "390,397"))), "offsets"),
    (lambda qs: renamed(qs, LITHIUM, ox.NamedNode(LITHIUM.value.replace("39,46", "46,39"))), "offsets"),
    (lambda qs: renamed(qs, LITHIUM, ox.NamedNode(LITHIUM.value.replace("/v#", "/w#"))), "fragment"),
    # not an RFC 5147 fragment of an article
    (lambda qs: renamed(qs, LITHIUM, ox.NamedNode("https://w3id.org/cmkg/id/mention/v/39-46")), "pattern"),
    # words without their sentence, or a mention without its confidence or with one above 1
    (lambda qs: without_of(qs, LITHIUM, NIF + "sentence"), "sentence"),
    (lambda qs: without_of(qs, LITHIUM, ITSRDF + "taConfidence"), "taConfidence"),
    (lambda qs: replaced(qs, ITSRDF + "taConfidence", ox.Literal("1.5", datatype=ox.NamedNode(XSD_DECIMAL))),
     "taConfidence"),
    # a mention of something that is not an entity
    (lambda qs: replaced(qs, ITSRDF + "taIdentRef", ox.NamedNode("https://example.org/nothing")), "taIdentRef"),
])
def test_validate_reports_broken_mentions(reference, engine, change, expected):
    """A mention is its words: the offsets in its IRI, its exact words and its sentence must agree with
    the article's text; each breakage is reported, by either engine."""
    report = validate_quads(change(quads_for(reference)), owl=False, engine=engine)
    assert not report.conforms and report.exit_code == 1
    assert any(expected in v.message or expected in v.path or (expected == "pattern" and "/mention/v/" in v.focus)
               for v in report.violations), report.violations


def without_of(quads, subject, predicate):
    return [q for q in quads if not (q.subject == subject and q.predicate.value == predicate)]


def test_validate_reports_bad_identifier_pattern(reference):
    quads = quads_for(reference)
    person = ox.NamedNode("https://w3id.org/cmkg/id/person/gabriel-boric")
    graph = quads[-1].graph_name
    quads.append(ox.Quad(person, ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs"),
                         ox.NamedNode("https://example.org/boric"), graph))
    report = validate_quads(quads, owl=False)
    assert any(v.path.endswith("sameAs") for v in report.violations)


@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")
def test_validate_owl_finds_consistent_and_inconsistent_data(reference):
    quads = quads_for(reference)
    assert check_owl(quads).status == "consistent"
    person = ox.NamedNode("https://w3id.org/cmkg/id/person/gabriel-boric")
    quads.append(ox.Quad(person, ox.NamedNode(RDF + "type"), ox.NamedNode("https://w3id.org/cmkg/ontology#Place"),
                         quads[-1].graph_name))
    assert check_owl(quads).status == "inconsistent"


FACTS = ("Japan and Australia signed a lithium pact in Canberra on 3 March 2025. "
         "Beijing imposed export controls on gallium.")


def fact_quads(reference):
    from kg_builder.corpus.merge import merge

    iris = Iris()
    (extraction,) = merge([extract(make_article(FACTS, "f"), reference)], reference)
    return (schema_quads(iris) + reference_quads(reference, iris) + entity_quads([extraction], reference, iris)
            + statistics_quads([extraction], iris) + article_quads(extraction, reference, iris))


def without(quads, predicate):
    return [q for q in quads if q.predicate.value != predicate]


def replaced(quads, predicate, value):
    return [ox.Quad(q.subject, q.predicate, value, q.graph_name) if q.predicate.value == predicate else q
            for q in quads]


def test_validate_facts_conform(reference):
    assert validate_quads(fact_quads(reference), owl=False).conforms


@pytest.mark.parametrize(("change", "path"), [
    (lambda qs: without(qs, "https://w3id.org/cmkg/ontology#party"), "party"),
    (lambda qs: replaced(qs, "https://w3id.org/cmkg/ontology#status", ox.Literal("rumoured")), "status"),
    (lambda qs: replaced(qs, "https://w3id.org/cmkg/ontology#date", ox.Literal("last week")), "date"),
    (lambda qs: without(qs, OA + "hasBody"), "hasBody"),
])
@pytest.mark.parametrize("engine", ENGINES)
def test_validate_reports_broken_facts(reference, change, path, engine):
    report = validate_quads(change(fact_quads(reference)), owl=False, engine=engine)
    assert not report.conforms
    assert any(v.path.endswith(path) or path in v.message for v in report.violations), report.violations


@pytest.mark.parametrize("engine", ENGINES)
def test_validate_article_is_checked_with_the_descriptions_of_the_entities_it_names(reference, engine):
    """Entities are described in the entities graph, once; an article naming one is checked with that
    description, so a person without a label fails in the graph of the article that names them."""
    boric = "https://w3id.org/cmkg/id/person/gabriel-boric"
    broken = [q for q in quads_for(reference)
              if not (q.subject.value == boric and q.predicate.value.endswith("#label"))]
    report = validate_quads(broken, owl=False, engine=engine)
    assert [(v.graph.rsplit("/", 1)[1], v.focus, v.path.rsplit("#", 1)[1]) for v in report.violations] == \
        [("v", boric, "label")]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("predicate", "value"), [("articleCount", ox.Literal("0", datatype=ox.NamedNode(XSD_INTEGER))),
                                                  ("mentionCount", ox.Literal("many"))])
def test_validate_reports_broken_statistics_in_the_graph_of_the_article_naming_the_entity(reference, engine,
                                                                                          predicate, value):
    chile = "https://w3id.org/cmkg/id/country/cl"
    quads = [ox.Quad(q.subject, q.predicate, value, q.graph_name)
             if q.subject.value == chile and q.predicate.value.endswith("#" + predicate) else q
             for q in quads_for(reference)]
    report = validate_quads(quads, owl=False, engine=engine)
    assert {(v.graph.rsplit("/", 1)[1], v.focus, v.path.rsplit("#", 1)[1]) for v in report.violations} == \
        {("v", chile, predicate)}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("predicate", "value"),
                         [("sourceCount", ox.Literal("0", datatype=ox.NamedNode(XSD_INTEGER))),
                          ("maxConfidence", ox.Literal("1.5", datatype=ox.NamedNode(XSD_DECIMAL)))])
def test_validate_reports_broken_fact_statistics_in_the_graph_of_the_article_reporting_the_fact(reference, engine,
                                                                                               predicate, value):
    quads = fact_quads(reference)
    pact = next(q.subject for q in quads if q.predicate.value.endswith("#sourceCount")
                and q.subject.value.rsplit("/", 2)[-2] == "agreement")
    broken = [ox.Quad(q.subject, q.predicate, value, q.graph_name)
              if q.subject == pact and q.predicate.value.endswith("#" + predicate) else q for q in quads]
    assert validate_quads(quads, owl=False, engine=engine).conforms
    report = validate_quads(broken, owl=False, engine=engine)
    assert {(v.graph.rsplit("/", 1)[1], v.focus, v.path.rsplit("#", 1)[1]) for v in report.violations} == \
        {("f", pact.value, predicate)}


@pytest.mark.parametrize("engine", ENGINES)
def test_validate_full_run_agrees_with_per_article_runs(reference, engine):
    good = fact_quads(reference)
    assert validate_quads(good, owl=False, full=True, engine=engine).conforms
    broken = without(good, "https://w3id.org/cmkg/ontology#party")
    per_article = {(v.focus, v.path) for v in validate_quads(broken, owl=False, engine=engine).violations}
    whole = {(v.focus, v.path) for v in validate_quads(broken, owl=False, full=True, engine=engine).violations}
    assert per_article == whole and per_article


@pytest.mark.parametrize("engine", ENGINES)
def test_validate_store_graph_by_graph_agrees_with_validating_all_quads(sample_kg_copy, engine):
    from kg_builder.check.validate import validate_store

    store = ox.Store(str(sample_kg_copy / "current" / "store"))
    assert validate_store(KnowledgeGraph(store), owl=False, engine=engine).conforms
    store.update("DELETE { GRAPH ?g { ?a <http://purl.org/dc/terms/identifier> ?id } } "
                 "WHERE { GRAPH ?g { ?a a <https://w3id.org/cmkg/ontology#NewsArticle> ; "
                 "<http://purl.org/dc/terms/identifier> ?id } FILTER(STRENDS(STR(?g), '/001_23c60acca27469b6')) }")
    seen = []
    report = validate_store(KnowledgeGraph(store), owl=False, engine=engine,
                            progress=lambda name, i, n: seen.append((i, n)))
    expected = validate_quads(list(store.quads_for_pattern(None, None, None, None)), owl=False, engine=engine)
    key = sorted((v.graph, v.focus, v.path) for v in report.violations)
    assert key == sorted((v.graph, v.focus, v.path) for v in expected.violations)
    assert len(key) == 1 and key[0][2].endswith("identifier")
    assert report.graphs_checked == 5 and seen[-1] == (5, 5)


@pytest.mark.parametrize("engine", ENGINES)
def test_validate_report_turtle_has_one_report_with_each_violation(reference, engine):
    from rdflib import Graph
    from rdflib.namespace import SH

    from kg_builder.check.validate import report_turtle

    report = validate_quads(without(fact_quads(reference), "https://w3id.org/cmkg/ontology#party"), owl=False,
                            engine=engine)
    graph = Graph().parse(data=report_turtle(report).decode("utf-8"), format="turtle")
    (root,) = graph.subjects(None, SH.ValidationReport)
    assert graph.value(root, SH.conforms).toPython() is False
    results = set(graph.objects(root, SH.result))
    assert len(results) == len(report.violations) > 0
    assert {str(graph.value(r, SH.focusNode)) for r in results} == {v.focus for v in report.violations}


MONEY = ("Lithium Americas agreed a loan of up to $2.3 billion with the Department of Energy. MP Materials signed "
         "an agreement with the Department of Defense that sets a price floor of $110 per kilogram for NdPr oxide "
         "and a $100-150 million grant.")


@pytest.mark.parametrize("engine", ENGINES)
def test_validate_bounds_ranges_and_prices_conform_and_a_range_without_bounds_does_not(reference, engine):
    from kg_builder.corpus.merge import merge

    iris = Iris()
    (extraction,) = merge([extract(make_article(MONEY, "m"), reference)], reference)
    quads = (schema_quads(iris) + reference_quads(reference, iris) + entity_quads([extraction], reference, iris)
             + statistics_quads([extraction], iris) + article_quads(extraction, reference, iris))
    kept = {q.predicate.value.rsplit("/", 1)[1] for q in quads if q.predicate.value.startswith("https://schema.org/")}
    assert {"maxValue", "minValue", "price", "unitText"} <= kept
    report = validate_quads(quads, owl=False, engine=engine)
    assert report.conforms, report.violations
    broken = [q for q in quads if q.predicate.value not in ("https://schema.org/minValue", "https://schema.org/maxValue")]
    assert not validate_quads(broken, owl=False, engine=engine).conforms
