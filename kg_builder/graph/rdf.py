"""Quads: one named graph per article (its mentions, sentences and facts, with
provenance), a graph of reference entities, a graph describing the other entities
the articles name, and graphs for the ontology and vocabularies. Every IRI is
deterministic.

>>> from kg_builder.model import Article
>>> from kg_builder.extract import extract
>>> art = Article(id="a", source="a.txt", sha256="0", text="Japan signed a deal on lithium.")
>>> quads = article_quads(extract(art), load_reference())
>>> {q.graph_name.value for q in quads}
{'https://w3id.org/cmkg/graph/article/a'}
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg_builder import paths
from kg_builder.geonames import geonames_capital, geonames_coordinates
from kg_builder.graph.facts_rdf import fact_sentences, fact_triples, measure_triples
from kg_builder.graph.rdf_terms import c, identifies, lit, n, span
from kg_builder.keys import government_country
from kg_builder.model import Article, Extraction, Kind, Mention, ReferenceEntity, RoleClaim
from kg_builder.namespaces import (
    DCTERMS,
    GEO,
    GEONAMES,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    VOCAB_BASE,
    WD,
    XSD,
    Iris,
)
from kg_builder.reference import Reference, load_reference

TYPE = ox.NamedNode(RDF + "type")
LABEL = ox.NamedNode(RDFS + "label")
ALT = ox.NamedNode(SKOS + "altLabel")
DECIMAL = ox.NamedNode(XSD + "decimal")

KIND_CLASS = {
    Kind.PERSON: "Person", Kind.COUNTRY: "Country", Kind.ORGANIZATION: "Organization", Kind.PLACE: "Place",
    Kind.MINERAL: "Mineral", Kind.SECTOR: "Sector",
}
ORG_SUBTYPES = {"GovernmentBody", "Company", "PoliticalParty", "MediaOrganization", "InternationalOrganization"}
VOCABULARY_FILES = ("minerals.ttl", "sectors.ttl", "sector-matches.ttl", "roles.ttl")


def entity_classes(kind: Kind, subtype: str | None) -> list[str]:
    classes = [KIND_CLASS[kind]]
    if kind is Kind.ORGANIZATION and subtype in ORG_SUBTYPES:
        classes.append(subtype)
    return classes


def file_quads(path: Path, graph: ox.NamedNode) -> list[ox.Quad]:
    """The triples of a Turtle file, placed in ``graph``; its blank nodes get labels from the file's
    name and their order in it, so every build writes the same N-Quads."""
    labels: dict[str, ox.BlankNode] = {}
    out = []
    for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        subject, obj = (labels.setdefault(x.value, ox.BlankNode(f"{path.stem}{len(labels)}"))
                        if isinstance(x, ox.BlankNode) else x for x in (t.subject, t.object))
        out.append(ox.Quad(subject, t.predicate, obj, graph))
    return out


def schema_quads(iris: Iris) -> list[ox.Quad]:
    """The ontology and the SKOS vocabularies, each in a graph of its own."""
    quads = file_quads(paths.ontology_dir() / "cmkg.ttl", n(iris.graph("ontology")))
    for name in VOCABULARY_FILES:
        quads += file_quads(paths.ontology_dir() / name, n(iris.graph("vocabulary")))
    return quads


def reference_quads(reference: Reference, iris: Iris) -> list[ox.Quad]:
    """Descriptions of every reference actor and place, with their identifiers."""
    graph = n(iris.graph("reference"))
    out: list[ox.Quad] = []
    for entity in sorted(reference.entities.values(), key=lambda e: e.key):
        if entity.kind in (Kind.MINERAL, Kind.SECTOR):
            continue  # described by the vocabularies
        out += [ox.Quad(t.subject, t.predicate, t.object, graph) for t in _describe(entity, iris)]
    return out


def _describe(entity: ReferenceEntity, iris: Iris) -> list[ox.Triple]:
    s = n(iris.key(entity.key))
    triples = [ox.Triple(s, TYPE, c(cls)) for cls in entity_classes(entity.kind, entity.subtype)]
    triples.append(ox.Triple(s, LABEL, lit(entity.label)))
    triples += [ox.Triple(s, ALT, lit(alias)) for alias in entity.aliases]
    if entity.wikidata:
        triples.append(ox.Triple(s, n(OWL + "sameAs"), n(WD + entity.wikidata)))
    if entity.geonames:
        triples += _geonames_triples(s, entity.geonames)
    if entity.iso:
        for prop, code in zip(("isoAlpha2", "isoAlpha3", "isoNumeric"), entity.iso, strict=True):
            triples.append(ox.Triple(s, c(prop), lit(code)))
    if entity.official_name:
        triples.append(ox.Triple(s, c("officialName"), lit(entity.official_name)))
    triples += [ox.Triple(s, c("demonym"), lit(d)) for d in entity.demonyms]
    if entity.country and entity.kind is not Kind.PERSON:
        triples.append(ox.Triple(s, c("country"), n(iris.key(entity.country))))
    if entity.stands_for:
        triples.append(ox.Triple(s, c("standsFor"), n(iris.key(entity.stands_for))))
    return triples


def article_quads(extraction: Extraction, reference: Reference | None = None, iris: Iris | None = None,
                  ) -> list[ox.Quad]:
    """Everything one article supports, in the article's own named graph."""
    reference = reference or load_reference()
    iris = iris or Iris()
    article = extraction.article
    graph = n(iris.article_graph(article.id))
    triples = _article_triples(article, iris)
    used_sentences = ({m.sentence for m in extraction.mentions} | {r.sentence for r in extraction.roles}
                      | fact_sentences(extraction))
    a = n(iris.article(article.id))
    for sentence in extraction.sentences:
        if sentence.index not in used_sentences:
            continue
        s = n(iris.sentence(article.id, sentence.index))
        triples += [
            ox.Triple(s, TYPE, c("Sentence")),
            ox.Triple(s, c("inArticle"), a),
            ox.Triple(s, c("sentenceIndex"), lit(sentence.index)),
            ox.Triple(s, c("beginIndex"), lit(sentence.start)),
            ox.Triple(s, c("endIndex"), lit(sentence.end)),
            ox.Triple(s, c("text"), lit(sentence.text)),
        ]
    triples += _mention_triples(extraction.mentions, article.id, iris)
    triples += _post_triples(extraction, reference, iris)
    triples += fact_triples(extraction, iris)
    unique = dict.fromkeys(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
    return list(unique)


def claim_triples(extraction: Extraction, reference: Reference, iris: Iris) -> list[ox.Triple]:
    """What an article claims, without its provenance: its facts (agreements, events, figures,
    memberships, with their amounts, prices and commitments) and the posts people hold, as its graph
    states them, without the evidence and the words they rest on. ``graph/facts`` is the union of
    these over the articles."""
    triples = _post_triples(extraction, reference, iris) + fact_triples(extraction, iris, evidence=False)
    return list(dict.fromkeys(triples))


def _post_triples(extraction: Extraction, reference: Reference, iris: Iris) -> list[ox.Triple]:
    return [ox.Triple(n(iris.key(claim.person)), c("holdsPost"), _post(claim, reference, iris))
            for claim in extraction.roles]


def entity_quads(extractions: Iterable[Extraction], reference: Reference, iris: Iris) -> list[ox.Quad]:
    """The entities the articles name that are not reference data, the posts they hold and what their
    figures measure, described in one graph of their own: each once, however many articles name it,
    with the labels the articles gave it. The article graphs hold the mentions and claims; this graph
    says what the nodes are."""
    graph = n(iris.graph("entities"))
    triples: dict[ox.Triple, None] = {}
    for extraction in extractions:
        described: set[str] = set()
        for mention in extraction.mentions:
            if mention.key not in reference.entities and mention.key not in described:
                described.add(mention.key)
                triples.update(dict.fromkeys(_local_entity(mention, iris, reference)))
        for claim in extraction.roles:
            triples.update(dict.fromkeys(_post_description(claim, reference, iris)))
        triples.update(dict.fromkeys(measure_triples(extraction, iris)))
    return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]


def _post_label(claim: RoleClaim, reference: Reference) -> str:
    """The post a role claim names ("Prime Minister of Japan")."""
    role_label = reference.role_labels.get(claim.role, claim.role)
    return f"{role_label} of {reference.label(claim.of)}" if claim.of else role_label


def _post(claim: RoleClaim, reference: Reference, iris: Iris) -> ox.NamedNode:
    return n(iris.instance("post", _post_label(claim, reference)))


def _post_description(claim: RoleClaim, reference: Reference, iris: Iris) -> list[ox.Triple]:
    post = _post(claim, reference, iris)
    triples = [
        ox.Triple(post, TYPE, c("Post")),
        ox.Triple(post, LABEL, lit(_post_label(claim, reference))),
        ox.Triple(post, c("role"), n(VOCAB_BASE + claim.role)),
    ]
    if claim.of:
        triples.append(ox.Triple(post, c("postIn"), n(iris.key(claim.of))))
    return triples


def _article_triples(article: Article, iris: Iris) -> list[ox.Triple]:
    a = n(iris.article(article.id))
    g = n(iris.article_graph(article.id))
    triples = [
        ox.Triple(a, TYPE, c("NewsArticle")),
        ox.Triple(a, n(DCTERMS + "identifier"), lit(article.id)),
        ox.Triple(a, c("sha256"), lit(article.sha256)),
        ox.Triple(a, c("sourceFile"), lit(Path(article.source).name)),
        ox.Triple(a, n(SCHEMA + "articleBody"), lit(article.text)),
        ox.Triple(g, n(PROV + "wasDerivedFrom"), a),
    ]
    if article.title:
        triples.append(ox.Triple(a, n(SCHEMA + "headline"), lit(article.title)))
    if article.published:
        date = article.published
        triples += [
            ox.Triple(a, n(SCHEMA + "datePublished"), lit(date.value, date.xsd_type)),
            ox.Triple(a, c("dateText"), lit(date.text)),
            ox.Triple(a, c("datePrecision"), lit(date.precision.value)),
        ]
    if article.publisher:
        triples.append(ox.Triple(a, c("publisherName"), lit(article.publisher)))
    if article.url:
        triples.append(ox.Triple(a, n(SCHEMA + "url"), lit(article.url, "anyURI")))
    triples += [ox.Triple(a, n(SCHEMA + "author"), lit(name)) for name in article.authors]
    return triples


def _mention_triples(mentions: Iterable[Mention], article_id: str, iris: Iris) -> list[ox.Triple]:
    """Each mention as the words that name an entity: the span, with its text and sentence, and the
    entity it identifies. Words that name two entities ("NdPr": neodymium and praseodymium) identify
    both, at the higher of their confidences."""
    best: dict[tuple[int, int], Mention] = {}
    keys: dict[tuple[int, int], list[str]] = {}
    for mention in mentions:
        where = (mention.start, mention.end)
        if where not in best or mention.confidence > best[where].confidence:
            best[where] = mention
        keys.setdefault(where, []).append(mention.key)
    triples: list[ox.Triple] = []
    for where, mention in best.items():
        iri = iris.span(article_id, *where)
        triples += span(iri, mention.text, n(iris.sentence(article_id, mention.sentence)))
        for key in keys[where]:
            triples += identifies(iri, n(iris.key(key)), mention.confidence)[:1]
        triples += identifies(iri, n(iris.key(mention.key)), mention.confidence)[1:]
    return triples


def _geonames_triples(s: ox.NamedNode, geonames: str) -> list[ox.Triple]:
    """A place's GeoNames feature and, where GeoNames' city table has them, its WGS84 coordinates."""
    triples = [ox.Triple(s, c("geonames"), n(f"{GEONAMES}{geonames}/"))]
    if where := geonames_coordinates(geonames):
        triples += [ox.Triple(s, n(GEO + axis), ox.Literal(f"{value:.5f}", datatype=DECIMAL))
                    for axis, value in zip(("lat", "long"), where, strict=True)]
    return triples


def _local_entity(mention: Mention, iris: Iris, reference: Reference) -> list[ox.Triple]:
    """An entity found by a rule: the article that names it says what it is. A place that GeoNames
    names the capital of one country is that city, with its GeoNames id and coordinates; a country's
    government is the Wikidata item two public sources give it."""
    s = n(iris.key(mention.key))
    triples = [ox.Triple(s, TYPE, c(cls)) for cls in entity_classes(mention.kind, mention.subtype)]
    triples.append(ox.Triple(s, LABEL, lit(mention.label)))
    if mention.kind is Kind.PLACE and (geonames := geonames_capital(mention.label)):
        triples += _geonames_triples(s, geonames)
    if country := government_country(mention.key):
        triples.append(ox.Triple(s, c("governmentOf"), n(iris.key(country))))
        if qid := reference.government_qids.get(mention.key):
            triples.append(ox.Triple(s, n(OWL + "sameAs"), n(WD + qid)))
    return triples


def sorted_nquads(quads: Iterable[ox.Quad]) -> bytes:
    """Canonical, sorted N-Quads: two builds of the same input give the same bytes."""
    lines = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines()
    return ("\n".join(sorted(set(lines))) + "\n").encode("utf-8")
