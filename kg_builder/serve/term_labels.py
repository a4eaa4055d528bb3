"""What pages call the ontology's terms: the ``rdfs:label`` of each class and property, and the
``cmkg:inverseLabel`` a property reads with from its object back to its subject. Read once from the
ontology file, so that a remote store without the ontology graph gets the same names.

>>> labels = term_labels()
>>> labels.forward("https://w3id.org/cmkg/ontology#holdsPost"), labels.inverse("https://w3id.org/cmkg/ontology#party")
('holds post', 'party to')
>>> labels.of_class("https://w3id.org/cmkg/ontology#FrameworkAgreement")
'Framework agreement'
>>> labels.forward("http://example.org/ns#someNewProperty")   # a term the ontology does not name
'some new property'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox

from kg_builder import paths
from kg_builder.namespaces import CMKG, RDFS

INVERSE = CMKG + "inverseLabel"


@dataclass(frozen=True)
class TermLabels:
    labels: dict[str, str]
    inverses: dict[str, str]

    def forward(self, iri: str) -> str:
        """The property as read from its subject ("holds post")."""
        return self.labels.get(iri) or words(iri)

    def inverse(self, iri: str) -> str:
        """The property as read from its object ("held by")."""
        return self.inverses.get(iri) or f"{self.forward(iri)} (inverse)"

    def of_class(self, iri: str) -> str:
        return self.labels.get(iri) or words(iri).capitalize()

    def knows(self, iri: str, inverse: bool = False) -> bool:
        return iri in (self.inverses if inverse else self.labels)


def words(iri: str) -> str:
    """The local name of a term in words: ``targetsSector`` is "targets sector"."""
    local = re.split(r"[#/]", iri.rstrip("/#"))[-1]
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", local).lower()


@cache
def term_labels() -> TermLabels:
    """The labels of the ontology's terms (English, else any language)."""
    labels: dict[str, str] = {}
    inverses: dict[str, str] = {}
    for triple in ox.parse(path=str(paths.ontology_dir() / "cmkg.ttl"), format=ox.RdfFormat.TURTLE):
        if not isinstance(triple.subject, ox.NamedNode) or not isinstance(triple.object, ox.Literal):
            continue
        into = labels if triple.predicate.value == RDFS + "label" else \
            inverses if triple.predicate.value == INVERSE else None
        if into is not None and (triple.subject.value not in into or triple.object.language == "en"):
            into[triple.subject.value] = triple.object.value
    return TermLabels(labels, inverses)
