"""The engines that check the core SHACL constraints (all but ``sh:sparql``) of one data graph.

``pyshacl`` is the reference: rdflib-based, with nested ``sh:detail`` results in its report.
``shacl``, the default, is a compiled engine (the ``shacl`` package on PyPI, written in Rust) that
gives the same top-level results on the project's shapes some forty times faster; the test suite
compares the two on the test graphs and on damaged copies of them. Both take N-Triples and give the results and the
report graph; the shapes are read (and, for ``shacl``, compiled) once per process.

>>> ENGINES
('pyshacl', 'shacl')
>>> data = (b'<http://example.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
...         b'<https://w3id.org/cmkg/ontology#Sentence> .')
>>> sorted({r.path.rsplit("#")[-1] for r in check(data, "shacl").results}) == \\
...     sorted({r.path.rsplit("#")[-1] for r in check(data, "pyshacl").results})
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from rdflib import Graph
from rdflib.namespace import RDFS

from kg_builder.check.shapes import SH, class_hierarchy, core_shapes
from kg_builder.errors import ValidationRunError

ENGINES = ("pyshacl", "shacl")
DEFAULT_ENGINE = "shacl"


@dataclass(frozen=True)
class Result:
    focus: str
    path: str
    message: str
    severity: str
    component: str  # the constraint component, without its namespace: "MinCountConstraintComponent"


@dataclass
class Outcome:
    conforms: bool
    results: list[Result] = field(default_factory=list)
    report: Graph = field(default_factory=Graph)


def check_engine(name: str) -> str:
    if name not in ENGINES:
        raise ValidationRunError(f"unknown SHACL engine {name!r}; choose one of: {', '.join(ENGINES)}")
    return name


@cache
def _hierarchy_ntriples() -> bytes:
    """The ontology's class hierarchy, given with every data graph so that ``sh:class`` sees that a
    government body is an actor without copying the whole ontology into each graph."""
    return "".join(f"<{sub}> <{RDFS.subClassOf}> <{sup}> .\n" for sub, sup in class_hierarchy()).encode("utf-8")


def prepare(engine: str = DEFAULT_ENGINE) -> None:
    """Load what checking with ``engine`` reads (the shapes, the class hierarchy) ahead of the first
    graph."""
    _hierarchy_ntriples()
    if check_engine(engine) == "shacl":
        _compiled_shapes()
    else:
        core_shapes()


def check(ntriples: bytes, engine: str = DEFAULT_ENGINE) -> Outcome:
    """The core shapes on one data graph given as N-Triples."""
    data = ntriples + b"\n" + _hierarchy_ntriples()
    if check_engine(engine) == "shacl":
        return _compiled(data)
    return _pyshacl(data)


def _pyshacl(data: bytes) -> Outcome:
    from pyshacl import validate

    graph = Graph()
    graph.parse(data=data.decode("utf-8"), format="nt")
    conforms, report, _text = validate(graph, shacl_graph=core_shapes(), inference="none",
                                       abort_on_first=False, allow_warnings=True)
    results = [Result(focus=str(report.value(r, SH.focusNode) or ""),
                      path=str(report.value(r, SH.resultPath) or ""),
                      message=str(report.value(r, SH.resultMessage) or ""),
                      severity=str(report.value(r, SH.resultSeverity) or "").rsplit("#", 1)[-1],
                      component=str(report.value(r, SH.sourceConstraintComponent) or "").rsplit("#", 1)[-1])
               for r in report.objects(None, SH.result)]
    return Outcome(conforms, results, report)


@cache
def _compiled_shapes():
    import shacl

    return shacl.Shapes.from_turtle(core_shapes().serialize(format="turtle"))


def _compiled(data: bytes) -> Outcome:
    report = _compiled_shapes().validate_text(data.decode("utf-8"), "nt")
    if report.conforms:
        return Outcome(True, [], _report_graph(report))
    results = []
    for r in report.results:
        path = _plain(r.path or "")
        message = r.message or "; ".join(r.messages) or f"{r.component} not met" + (f" on {path}" if path else "")
        results.append(Result(_plain(r.focus_node or ""), path, message, r.severity or "Violation", r.component))
    return Outcome(False, results, _report_graph(report))


def _report_graph(report) -> Graph:
    graph = Graph()
    graph.parse(data=report.serialize("ntriples"), format="nt")
    return graph


def _plain(term: str) -> str:
    """An IRI without its N-Triples brackets; other terms (paths, blank nodes) as given."""
    return term[1:-1] if term.startswith("<") and term.endswith(">") else term
