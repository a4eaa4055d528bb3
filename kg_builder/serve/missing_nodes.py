"""IRI parameters of a saved query that name no node of the graph.

A saved query given an IRI the graph does not hold (``mineral/rare-earth`` for
``mineral/rare-earth-elements``) runs, and answers no rows: nothing says why. This finds such
parameters, and for each the node of the same kind (``mineral/...``) whose key or label is closest
(RapidFuzz), so that a caller can warn. The IRI is bound into the look-up as a term, as a saved
query's parameters are (:func:`kg_builder.store.bindings.with_bindings`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox
from rapidfuzz import fuzz, process

from kg_builder.namespaces import Iris, slugify
from kg_builder.serve.queries import SavedQuery, names_service, to_term
from kg_builder.store.bindings import with_bindings

HAS_NODE = """ASK WHERE {
  #@bind
  { ?node ?p ?o } UNION { ?s ?p ?node }
}"""

NAMED_UNDER = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?node ?name WHERE {
  #@bind
  ?node rdfs:label|skos:prefLabel ?name .
  FILTER(isIRI(?node) && STRSTARTS(STR(?node), ?prefix))
}"""

CUTOFF = 70  # the lowest RapidFuzz WRatio (0-100) of a suggestion


@dataclass(frozen=True)
class MissingNode:
    """A parameter whose IRI the graph does not hold, shown as its key when it has one, with the
    closest node of the same kind (or None)."""

    parameter: str
    node: str
    suggestion: str | None = None

    def message(self) -> str:
        """One line: ``parameter 'mineral': the graph has no node mineral/rare-earth (did you mean ...?)``."""
        hint = f" (did you mean {self.suggestion}?)" if self.suggestion else ""
        return f"parameter {self.parameter!r}: the graph has no node {self.node}{hint}"


def missing_nodes(graph, query: SavedQuery, given: Mapping[str, str], iris: Iris | None = None) -> list[MissingNode]:
    """The IRI parameters in ``given`` (as a user wrote them; values are checked as :func:`to_term`
    checks them) that name no subject or object of ``graph``, in the query's order of parameters.
    The endpoint of a federated query is not a node and is not looked up."""
    iris = iris or Iris()
    found = []
    for param in query.parameters:
        value = given.get(param.name)
        if param.type != "iri" or not value or names_service(query, param.var):
            continue
        node = to_term(param, value, iris)
        if graph.query(with_bindings(HAS_NODE, {"node": node})):
            continue
        key = iris.key_of(node.value)
        found.append(MissingNode(param.name, key or node.value, _closest(graph, key, iris) if key else None))
    return found


def _closest(graph, key: str, iris: Iris) -> str | None:
    """The key of the node of the same kind whose key or label is closest to ``key``'s name."""
    kind, name = key.split("/", 1)
    prefix = iris.key(f"{kind}/")
    choices: dict[str, str] = {}  # what is compared -> the key it stands for
    for row in graph.query(with_bindings(NAMED_UNDER, {"prefix": ox.Literal(prefix)})):
        other = row["node"].value[len(prefix):]
        choices.setdefault(other, other)
        choices.setdefault(slugify(row["name"].value), other)
    wanted = slugify(name)
    scored = process.extract(wanted, list(choices), scorer=fuzz.WRatio, score_cutoff=CUTOFF, limit=None)
    if not scored:
        return None
    # WRatio scores a name found inside a longer one alike ("rare-earth" in "rare-earth-elements" and in
    # "light-rare-earth-elements"): of those, the closest in full (plain ratio) is meant.
    best = max(scored, key=lambda match: (match[1], fuzz.ratio(wanted, match[0])))
    return f"{kind}/{choices[best[0]]}"
