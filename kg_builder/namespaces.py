"""Namespaces and deterministic IRIs.

Every IRI the builder mints is a pure function of its input, so two builds of
the same articles give the same graph.

>>> iri = Iris()
>>> iri.instance("person", "Donald Trump")
'https://w3id.org/cmkg/id/person/donald-trump'
>>> iri.article_graph("000_abc")
'https://w3id.org/cmkg/graph/article/000_abc'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

DEFAULT_BASE = "https://w3id.org/cmkg/"
CMKG = "https://w3id.org/cmkg/ontology#"
VOCAB_BASE = "https://w3id.org/cmkg/id/"  # SKOS vocabularies keep their published IRIs

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
DCTERMS = "http://purl.org/dc/terms/"
SH = "http://www.w3.org/ns/shacl#"
WD = "http://www.wikidata.org/entity/"
GEONAMES = "https://sws.geonames.org/"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"  # W3C WGS84 positions
NACE = "http://data.europa.eu/ux2/nace2/"  # NACE Rev. 2 as the EU Publications Office publishes it
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
ITSRDF = "http://www.w3.org/2005/11/its/rdf#"

PREFIXES: dict[str, str] = {
    "cmkg": CMKG,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "schema": SCHEMA,
    "sem": SEM,
    "org": ORG,
    "prov": PROV,
    "oa": OA,
    "dcterms": DCTERMS,
    "wd": WD,
    "nif": NIF,
    "itsrdf": ITSRDF,
    "geo": GEO,
    "nace": NACE,
}


def slugify(text: str) -> str:
    """Lower-case ASCII slug: letters, digits and single hyphens.

    >>> slugify("Sanae Takaichi")
    'sanae-takaichi'
    >>> slugify("Côte d'Ivoire")
    'cote-d-ivoire'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9_]+", "-", ascii_text.lower()).strip("-")
    return slug or "x"


@dataclass(frozen=True)
class Iris:
    """IRI factory under one base (default ``https://w3id.org/cmkg/``)."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not re.match(r"^https?://\S+/$", self.base):
            raise ValueError(f"base IRI must be http(s) and end with '/': {self.base!r}")

    def instance(self, kind: str, name: str) -> str:
        return f"{self.base}id/{kind}/{slugify(name)}"

    def key(self, key: str) -> str:
        """IRI of an entity key such as ``country/jp``; mineral and sector keys use the vocabulary base."""
        kind = key.split("/", 1)[0]
        if kind in ("mineral", "sector", "role", "stage"):
            return VOCAB_BASE + key
        return f"{self.base}id/{key}"

    def key_of(self, iri: str) -> str | None:
        """The key of an IRI under this base (or the vocabularies' base), the inverse of :meth:`key`;
        None for any other IRI.

        >>> Iris().key_of("https://w3id.org/cmkg/id/country/jp"), Iris().key_of("http://www.wikidata.org/entity/Q17")
        ('country/jp', None)
        """
        for own in (f"{self.base}id/", VOCAB_BASE):
            if iri.startswith(own) and "/" in iri[len(own):]:
                return iri[len(own):]
        return None

    def article(self, article_id: str) -> str:
        return f"{self.base}id/article/{article_id}"

    def sentence(self, article_id: str, index: int) -> str:
        return f"{self.base}id/sentence/{article_id}/{index}"

    def span(self, article_id: str, start: int, end: int) -> str:
        """The characters ``start`` to ``end`` of an article's text: an RFC 5147 fragment of the article's
        IRI, as NIF 2.0 names strings (``.../id/article/a#char=0,5``)."""
        return f"{self.article(article_id)}#char={start},{end}"

    def article_graph(self, article_id: str) -> str:
        return f"{self.base}graph/article/{article_id}"

    def graph(self, name: str) -> str:
        return f"{self.base}graph/{name}"
