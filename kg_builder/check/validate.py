"""Validation: SHACL shapes (pyshacl, or a compiled engine) per article, and an OWL consistency check
(owlready2 with HermiT) over the entities and the relations between them.

Each article is validated with a bounded data graph: its named graph, the
descriptions of the entities it touches, and the ontology and vocabularies, so
the cost per article stays flat as the corpus grows. The result is data (a
:class:`ValidationReport`); the caller decides whether to fail.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF as RDF_NS

from kg_builder import paths
from kg_builder.check import shacl_engines, sparql_constraints
from kg_builder.check.batches import validate_batch
from kg_builder.check.facts_layer import FactsAgreement, is_facts_graph
from kg_builder.check.one_run import run_shapes, with_sparql_results
from kg_builder.check.shacl_engines import DEFAULT_ENGINE
from kg_builder.check.shapes import SH
from kg_builder.errors import ExitCode
from kg_builder.graph.facts_rdf import is_provenance
from kg_builder.namespaces import OWL, RDF, Iris


@dataclass(frozen=True)
class Violation:
    graph: str
    focus: str
    path: str
    message: str
    severity: str


@dataclass(frozen=True)
class OwlCheck:
    status: str  # consistent, inconsistent, skipped, error
    message: str


@dataclass
class ValidationReport:
    violations: list[Violation] = field(default_factory=list)
    graphs_checked: int = 0
    owl: OwlCheck = OwlCheck("skipped", "not run")
    report_graph: Graph = field(default_factory=Graph)

    @property
    def conforms(self) -> bool:
        return not self.violations and self.owl.status != "inconsistent"

    @property
    def exit_code(self) -> ExitCode:
        """Conforms, or violations (or an inconsistent ontology)."""
        return ExitCode.OK if self.conforms else ExitCode.VIOLATIONS

    def summary(self) -> str:
        shacl = (f"SHACL: {self.graphs_checked} graphs, "
                 + ("conforms" if not self.violations else f"{len(self.violations)} violation(s)"))
        return f"{shacl}; OWL: {self.owl.status} ({self.owl.message})"


class SharedDescriptions:
    """The quads outside article graphs (ontology, vocabularies, reference entities, links), indexed by
    subject, so that each article can be validated with just what it touches; or, with ``lookup``
    (node -> its quads outside article graphs, read from a store), only those of what it touches."""

    def __init__(self, quads: Iterable[ox.Quad] = (), lookup=None) -> None:
        self.lookup = lookup
        self.about: dict[ox.NamedNode | ox.BlankNode, list[ox.Quad]] = defaultdict(list)
        for quad in quads:
            if _shared(quad.graph_name.value):
                self.about[quad.subject].append(quad)

    def _of(self, node) -> list[ox.Quad]:
        if self.lookup is not None and node not in self.about:
            self.about[node] = [q for q in self.lookup(node) if _shared(q.graph_name.value)]
        return self.about.get(node, ())

    def bounded(self, article_quads: list[ox.Quad]) -> list[ox.Quad]:
        """An article's quads plus the descriptions of what it touches, and of what those point to
        (Berlin stands for Germany, which must be an actor)."""
        touched = {q.object for q in article_quads if isinstance(q.object, ox.NamedNode)}
        touched |= {q.subject for q in article_quads}
        extra = [q for node in touched for q in self._of(node)]
        further = {q.object for q in extra if isinstance(q.object, ox.NamedNode)} - touched
        extra += [q for node in further for q in self._of(node)]
        return article_quads + extra


def _shared(name: str) -> bool:
    """A graph whose descriptions every article is checked with: not an article's, nor the facts layer
    (the union of the articles' claims, checked against them once)."""
    return "/graph/article/" not in name and not is_facts_graph(name)


def bounded_graphs(quads: list[ox.Quad], iris: Iris) -> dict[str, list[ox.Quad]]:
    """For each article graph: its quads plus the descriptions of what it touches."""
    by_graph: dict[str, list[ox.Quad]] = defaultdict(list)
    for quad in quads:
        by_graph[quad.graph_name.value].append(quad)
    shared = SharedDescriptions(quads)
    return {name: shared.bounded(qs) for name, qs in by_graph.items() if "/graph/article/" in name}


def prepare_validation(engine: str = DEFAULT_ENGINE) -> None:
    """Load the shapes and constraints that :func:`validate_graph` checks with ``engine``."""
    shacl_engines.prepare(engine)
    sparql_constraints.constraints()


def validate_graph(name: str, quads: list[ox.Quad], engine: str = DEFAULT_ENGINE) -> tuple[list[Violation], Graph]:
    """The shapes on one bounded graph: ``engine`` (see :mod:`kg_builder.check.shacl_engines`) for the core
    constraints, Oxigraph for the SPARQL ones; its violations and its report graph."""
    outcome, sparql = run_shapes(quads, engine, name)
    violations = [Violation(name, r.focus, r.path, r.message, r.severity) for r in outcome.results]
    violations += [Violation(name, focus, "", message, "Violation") for focus, message in sparql]
    return violations, with_sparql_results(outcome.report, sparql)


def validate_full(quads: list[ox.Quad], engine: str = DEFAULT_ENGINE) -> tuple[list[Violation], Graph]:
    """The shapes over the whole graph at once (the union of every graph): slow with pyshacl, for a
    complete check."""
    return validate_graph("whole graph", quads, engine)


def _provenance(node) -> bool:
    """Evidence and words (as the facts layer leaves them out), articles, their graphs and sentences."""
    return is_provenance(node) or any(part in node.value
                                      for part in ("/id/sentence/", "/id/article/", "/graph/article/"))


def check_owl(quads: Iterable[ox.Quad]) -> OwlCheck:
    """HermiT over the ontology plus every type and entity-to-entity relation.

    Literals are left out (HermiT rejects ``xsd:date``); so are the articles, their graphs, sentences
    and words and the evidence, which carry no entity facts and would make the check grow with every
    copy of a story.
    """
    java = shutil.which("java")
    if java is None:
        return OwlCheck("skipped", "Java is not installed; HermiT needs it (apt-get install default-jre-headless)")
    import owlready2

    schema = ox.parse(path=str(paths.ontology_dir() / "cmkg.ttl"), format=ox.RdfFormat.TURTLE)
    keep = dict.fromkeys(schema)  # each triple once, however many graphs hold it
    object_properties = {t.subject.value for t in keep
                         if t.predicate.value == RDF + "type" and t.object.value == OWL + "ObjectProperty"}
    for quad in quads:
        if isinstance(quad.object, ox.Literal) or _provenance(quad.subject):
            continue
        predicate = quad.predicate.value
        if predicate == RDF + "type" or predicate in object_properties:
            keep[ox.Triple(quad.subject, quad.predicate, quad.object)] = None
    owlready2.JAVA_EXE = java
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "abox.nt"
        ox.serialize(keep, output=str(path), format=ox.RdfFormat.N_TRIPLES)
        world = owlready2.World()
        try:
            onto = world.get_ontology(path.as_uri()).load()
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return OwlCheck("inconsistent", "HermiT found the ontology and the data inconsistent")
        except Exception as error:  # the reasoner runs in Java; report its failure, do not hide it
            return OwlCheck("error", f"HermiT could not run: {str(error).strip().splitlines()[-1][:200]}")
        finally:
            world.close()
    return OwlCheck("consistent", f"HermiT, {len(keep)} axioms and assertions")


def report_turtle(report: ValidationReport) -> bytes:
    """The SHACL report as Turtle: one sh:ValidationReport over all graphs, with every result of the
    reports joined (the nested ``sh:detail`` results stay under the result they explain)."""
    graph = Graph()
    graph += report.report_graph
    results = set(graph.objects(None, SH.result))
    for node in list(graph.subjects(predicate=None, object=SH.ValidationReport)):
        graph.remove((node, None, None))
    root = BNode()
    graph.add((root, RDF_NS.type, SH.ValidationReport))
    graph.add((root, SH.conforms, Literal(not report.violations)))
    for result in results:
        graph.add((root, SH.result, result))
    return graph.serialize(format="turtle").encode("utf-8")


def validate_store(graph, *, owl: bool = True, full: bool = False, engine: str = DEFAULT_ENGINE,
                   progress=None) -> ValidationReport:
    """Validate what a graph holds (a :class:`~kg_builder.store.local.KnowledgeGraph`, embedded or
    remote: anything with ``quads(graph)`` and ``named_graphs()``), one article graph at a time, so
    that memory holds the shared graphs and one article rather than the whole graph; ``full`` reads
    it all and validates it in one run. ``progress(name, index, total)`` is told of each graph."""
    if full:
        return validate_quads(list(graph.quads()), owl=owl, full=True, engine=engine)
    names = sorted(g.value for g in graph.named_graphs())
    articles = [n for n in names if "/graph/article/" in n]
    shared, agreement = _corpus_side(names, lambda n: graph.quads(ox.NamedNode(n)))
    report = _by_article(shared, agreement, ((n, list(graph.quads(ox.NamedNode(n)))) for n in articles),
                         len(articles), engine, progress)
    if owl:
        report.owl = check_owl(graph.quads())
    return report


# Article graphs checked in one run of the shapes, by engine. pyshacl pays a large fixed cost per
# run, which a batch shares (61 ms a graph in batches of 16 against 77 ms one by one, on real
# articles); the compiled engine's run costs less than the Python work of forming the batch.
BATCH = {"pyshacl": 16, "shacl": 1}


def _corpus_side(names: list[str], quads_of) -> tuple[list[ox.Quad], FactsAgreement]:
    """Of the graphs ``names`` (their quads by ``quads_of(name)``): the quads every article is checked
    with, and the facts layer to check the articles' claims against."""
    shared = [q for n in names if _shared(n) for q in quads_of(n)]
    facts = next((n for n in names if is_facts_graph(n)), None)
    return shared, FactsAgreement(facts, quads_of(facts) if facts else ())


def batched(items, size: int):
    """``items`` in lists of ``size`` (the last may be shorter)."""
    items = iter(items)
    while chunk := list(islice(items, size)):
        yield chunk


def _by_article(shared: list[ox.Quad], agreement: FactsAgreement, articles, count: int, engine: str,
                progress) -> ValidationReport:
    """Each article graph (name, quads) validated with the shared descriptions of what it touches, in
    batches of :data:`BATCH` (see :mod:`kg_builder.check.batches`), and checked against the facts layer."""
    size = BATCH.get(engine, 1)
    descriptions = SharedDescriptions(shared)
    report = ValidationReport(graphs_checked=count)
    done = 0
    for chunk in batched(articles, size):
        members = []
        for name, quads in chunk:
            report.violations += agreement.article(name, quads)
            members.append((name, descriptions.bounded(quads)))
        if len(members) == 1:
            one, results = validate_graph(*members[0], engine)
            found = [one]
        else:
            found, results = validate_batch(members, engine)
        for violations in found:
            report.violations += violations
        if any(found):
            report.report_graph += results
        if progress:
            for name, _ in chunk:
                done += 1
                progress(name, done, count)
    report.violations += agreement.unsupported()
    return report


def validate_quads(quads: list[ox.Quad], *, owl: bool = True, full: bool = False,
                   engine: str = DEFAULT_ENGINE) -> ValidationReport:
    """Validate a whole build's quads: each article graph with what it touches (as
    :func:`validate_store` does), or with ``full`` the whole graph in one run."""
    if not full:
        graphs: dict[str, list[ox.Quad]] = {}
        for quad in quads:
            name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
            graphs.setdefault(name, []).append(quad)
        articles = sorted(n for n in graphs if "/graph/article/" in n)
        shared, agreement = _corpus_side(sorted(graphs), graphs.__getitem__)
        report = _by_article(shared, agreement, ((n, graphs[n]) for n in articles), len(articles), engine, None)
        if owl:
            report.owl = check_owl(quads)
        return report
    violations, report_graph = validate_full(quads, engine)
    report = ValidationReport(violations, 1, report_graph=report_graph)
    if owl:
        report.owl = check_owl(quads)
    return report
