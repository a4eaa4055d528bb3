"""A VoID and DCAT description of a built graph: its size, its classes, its distributions,
and one linkset per kind of link to open data the graph holds (Wikidata owl:sameAs, GeoNames, and
each SKOS mapping property to Wikidata or NACE Rev. 2), with how many links each holds.

The dataset's ``void:triples`` counts the triples of every graph, as the store holds them (a triple
that two graphs hold counts twice, as in a count per named graph summed); subjects, class entities and
links are counted once however many graphs hold them.

>>> import pyoxigraph as ox
>>> q = ox.Quad(ox.NamedNode("https://w3id.org/cmkg/id/country/jp"),
...             ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs"),
...             ox.NamedNode("http://www.wikidata.org/entity/Q17"), ox.NamedNode("https://w3id.org/cmkg/graph/x"))
>>> [t.object.value for t in void_description([q]) if t.predicate.value.endswith("#triples")]
['1', '1']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import partial

import pyoxigraph as ox

from kg_builder.graph.rdf_terms import lit, n
from kg_builder.namespaces import CMKG, DCTERMS, GEONAMES, ITSRDF, NACE, OWL, PREFIXES, RDF, SKOS, WD, Iris

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
FOAF = "http://xmlns.com/foaf/0.1/"
TYPE = n(RDF + "type")
MAPPINGS = ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")  # SKOS mapping properties
LINKSETS = (
    ("wikidata-sameas", OWL + "sameAs", WD, "https://www.wikidata.org/", "Wikidata"),
    *((f"wikidata-{m.lower()}", SKOS + m, WD, "https://www.wikidata.org/", "Wikidata") for m in MAPPINGS),
    ("geonames", CMKG + "geonames", GEONAMES, "https://www.geonames.org/", "GeoNames"),
    *((f"nace-{m.lower()}", SKOS + m, NACE, NACE + "nace2", "NACE Rev. 2") for m in MAPPINGS),
)
DISTRIBUTIONS = (("nquads", "application/n-quads"), ("trig", "application/trig"), ("turtle", "text/turtle"),
                 ("jsonld", "application/ld+json"))
CLASSES = ("Person", "Country", "Organization", "Place", "Mineral", "Sector", "Agreement", "Event", "Figure",
           "NewsArticle", "Mention", "Evidence")


def void_description(quads: Iterable[ox.Quad], iris: Iris | None = None) -> list[ox.Triple]:
    """The description, computed from the graph's quads."""
    quads = set(quads)
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    types = Counter(t.object.value for t in triples if t.predicate == TYPE)
    links = {name: sum(1 for t in triples if t.predicate.value == predicate and t.object.value.startswith(namespace))
             for name, predicate, namespace, _, _ in LINKSETS}
    counts = {"triples": len(quads), "subjects": len({t.subject for t in triples}),
              "classes": {name: types.get(CMKG + name, 0) for name in CLASSES}, "links": links}
    # a mention is typed by what it does (it identifies an entity), not by rdf:type
    counts["classes"]["Mention"] = len({t.subject for t in triples if t.predicate.value == ITSRDF + "taIdentRef"})
    return _describe(counts, iris or Iris())


def void_from_graph(graph, iris: Iris | None = None) -> list[ox.Triple]:
    """The same description of a :class:`~kg_builder.store.local.KnowledgeGraph`, counted by its
    store (nothing loaded into Python)."""
    count = partial(_count, graph)
    counts = {
        "triples": len(graph),
        "subjects": count("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
        "classes": {name: count(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a <{CMKG}{name}> }}"
                                if name != "Mention" else
                                f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s <{ITSRDF}taIdentRef> ?o }}")
                    for name in CLASSES},
        "links": {name: count(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{ ?s <{predicate}> ?o "
                              f"FILTER(STRSTARTS(STR(?o), \"{namespace}\")) }} }}")
                  for name, predicate, namespace, _, _ in LINKSETS},
    }
    return _describe(counts, iris or Iris())


def _count(graph, query: str) -> int:
    return int(next(iter(graph.query(query)))["n"].value)


def void_turtle(triples: list[ox.Triple]) -> bytes:
    prefixes = {**PREFIXES, "void": VOID, "dcat": DCAT, "foaf": FOAF}
    return ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.TURTLE, prefixes=prefixes)


def _describe(counts: dict, iris: Iris) -> list[ox.Triple]:
    dataset = n(iris.base + "dataset")
    out = [
        ox.Triple(dataset, TYPE, n(VOID + "Dataset")),
        ox.Triple(dataset, TYPE, n(DCAT + "Dataset")),
        ox.Triple(dataset, n(DCTERMS + "title"), lit("Critical minerals news knowledge graph")),
        ox.Triple(dataset, n(DCTERMS + "description"), lit(
            "Actors, agreements, minerals, sectors and events reported in news articles, each fact tied to its "
            "sentence; built by kg-builder.")),
        ox.Triple(dataset, n(VOID + "triples"), lit(counts["triples"])),
        ox.Triple(dataset, n(VOID + "distinctSubjects"), lit(counts["subjects"])),
        ox.Triple(dataset, n(VOID + "uriSpace"), lit(iris.base + "id/")),
        ox.Triple(dataset, n(VOID + "vocabulary"), n(CMKG)),
    ]
    for name in CLASSES:
        part = n(f"{dataset.value}/class/{name}")
        out += [ox.Triple(dataset, n(VOID + "classPartition"), part),
                ox.Triple(part, n(VOID + "class"), n(CMKG + name)),
                ox.Triple(part, n(VOID + "entities"), lit(counts["classes"][name]))]
    for fmt, media in DISTRIBUTIONS:
        dist = n(f"{dataset.value}/distribution/{fmt}")
        out += [ox.Triple(dataset, n(DCAT + "distribution"), dist),
                ox.Triple(dist, TYPE, n(DCAT + "Distribution")),
                ox.Triple(dist, n(DCAT + "mediaType"), lit(media)),
                ox.Triple(dist, n(DCTERMS + "description"), lit(f"kg-builder export --format {fmt}"))]
    for name, predicate, _, homepage, title in LINKSETS:
        count = counts["links"][name]
        if not count:
            continue  # a kind of link the graph does not hold
        target, linkset = n(homepage), n(f"{dataset.value}/linkset/{name}")
        out += [ox.Triple(linkset, TYPE, n(VOID + "Linkset")),
                ox.Triple(dataset, n(VOID + "subset"), linkset),
                ox.Triple(linkset, n(VOID + "subjectsTarget"), dataset),
                ox.Triple(linkset, n(VOID + "objectsTarget"), target),
                ox.Triple(linkset, n(VOID + "linkPredicate"), n(predicate)),
                ox.Triple(linkset, n(VOID + "triples"), lit(count)),
                ox.Triple(target, TYPE, n(VOID + "Dataset")),
                ox.Triple(target, n(DCTERMS + "title"), lit(title)),
                ox.Triple(target, n(FOAF + "homepage"), target)]
    return out
