"""Many article graphs validated in one run of the shapes, each result mapped back to its graph.

Each article is validated with a bounded graph (its quads and the descriptions of what it touches).
Checked one by one, every graph pays the fixed cost of a run; checked as their plain union, two
articles that say different things of one agreement would be judged together (two labels break a
``sh:maxCount 1`` that neither breaks alone). So the batch is a *disjoint* union: in each member,
every node its article graph describes that another member holds too is renamed into a namespace of
that member (``urn:x-kg-batch:3:https://...``); the shared descriptions (reference data, vocabularies, the
entities and statistics graphs) are the same in every member and are kept once. The IRI patterns of
the shapes match at the end of an IRI or on nodes that are never renamed, so a renamed node is
judged as the node itself. A result on a renamed node belongs to its member; a result on a shared
node belongs to every member that holds it, as checking the members one by one would find it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from kg_builder.check.one_run import run_shapes, with_sparql_results
from kg_builder.check.shacl_engines import DEFAULT_ENGINE

PREFIX = "urn:x-kg-batch:"
RENAMED = re.compile(r"urn:x-kg-batch:(\d+):")

Member = tuple[str, list[ox.Quad]]  # (article graph name, its bounded quads)


def validate_batch(members: Sequence[Member], engine: str = DEFAULT_ENGINE):
    """The shapes on each member's bounded graph, in one run: the violations of each member (in
    order) and one report graph for the batch."""
    from kg_builder.check.validate import Violation

    owns = [{q.subject for q in quads if q.graph_name.value == name} for name, quads in members]
    seen_in: dict = {}  # a node -> the first member that holds it, or -1 once a second one does
    for index, (_, quads) in enumerate(members):
        for node in {t for q in quads for t in (q.subject, q.object)}:
            first = seen_in.setdefault(node, index)
            if first != index:
                seen_in[node] = -1
    union: dict[ox.Quad, None] = {}
    holders: dict[str, list[int]] = {}  # a shared subject -> the members that hold it
    for index, (_, quads) in enumerate(members):
        own = owns[index]
        # only what another member holds too needs a name of its own in this member
        renamed = {node: _renamed(node, index) for node in own if seen_in[node] == -1}
        for q in quads:
            if q.subject not in own:
                found = holders.setdefault(q.subject.value, [])
                if not found or found[-1] != index:
                    found.append(index)
            if renamed:
                q = ox.Quad(renamed.get(q.subject, q.subject), q.predicate, renamed.get(q.object, q.object),
                            q.graph_name)
            union[q] = None
        for node in own:
            if node not in renamed:
                holders[node.value] = [index]
    quads = list(union)
    names = ", ".join(name for name, _ in members[:3]) + (" ..." if len(members) > 3 else "")
    outcome, sparql = run_shapes(quads, engine, names)
    found: list[list[Violation]] = [[] for _ in members]
    results = [(r.focus, r.path, r.message, r.severity) for r in outcome.results]
    results += [(focus, "", message, "Violation") for focus, message in sparql]
    for focus, path, message, severity in results:
        original = _original(focus)
        for index in _owners(focus, holders):
            found[index].append(Violation(members[index][0], original, _original(path), _original(message),
                                          severity))
    return found, _report(outcome.report, sparql)


def _renamed(node, index: int):
    if isinstance(node, ox.BlankNode):
        return ox.BlankNode(f"m{index}x{node.value}")
    return ox.NamedNode(f"{PREFIX}{index}:{node.value}")


def _original(text: str) -> str:
    return RENAMED.sub("", text)


def _owners(focus: str, holders: dict[str, list[int]]) -> list[int]:
    match = RENAMED.match(focus)
    if match:
        return [int(match.group(1))]
    return holders.get(focus, [])


def _report(report: Graph, sparql: list[tuple[str, str]]) -> Graph:
    """The batch's report with every node under its own name again, and the SPARQL results added."""
    out = Graph()
    for s, p, o in report:
        out.add((_term(s), p, _term(o)))
    return with_sparql_results(out, [(_original(focus), _original(message)) for focus, message in sparql])


def _term(term):
    if isinstance(term, URIRef) and str(term).startswith(PREFIX):
        return URIRef(_original(str(term)))
    if isinstance(term, Literal) and PREFIX in str(term):
        return Literal(_original(str(term)), lang=term.language, datatype=term.datatype)
    return term
