"""What one article adds to the corpus-wide graphs, and those graphs rebuilt one subject at a time.

``graph/entities``, ``graph/facts`` and ``graph/statistics`` describe each entity and fact once for
the whole corpus. Each article *contributes* to a few subjects of them: the triples it gives an
entity, post or measure; what it claims of a fact (parties, date, amounts ...) or of a person (a
post); the mentions and forms of words it uses for an entity; whether it reports a fact and with
what confidence. A subject's quads are a function of the contributions of every article to it
(a union, sums and counts, a maximum), so a change to some articles rebuilds only the subjects they
contribute to, and a build is that change made to an empty graph.

>>> from kg_builder.model import Article, Kind, Mention
>>> jp = Mention(0, 5, "Japan", Kind.COUNTRY, "country/jp", 0, "gazetteer", 0.9, "Japan")
>>> made = article_contributions(Extraction(Article("a", "a.txt", "Japan", "0"), (), (jp,)), load_reference(), Iris())
>>> made
{('entity-statistics', 'country/jp'): '[1, ["Japan"]]'}
>>> [(q.predicate.value.rsplit("#")[-1], q.object.value) for q in subject_quads("entity-statistics", "country/jp",
...     {made[("entity-statistics", "country/jp")]: 2}, Iris())]
[('mentionCount', '2'), ('articleCount', '2'), ('surfaceForm', 'Japan')]
"""

from __future__ import annotations

import json
import zlib
from collections import Counter, defaultdict
from collections.abc import Mapping

import pyoxigraph as ox

from kg_builder.graph.rdf import claim_triples, entity_quads
from kg_builder.graph.rdf_terms import c, lit, n
from kg_builder.keys import figure_key
from kg_builder.model import Evidence, Extraction
from kg_builder.namespaces import Iris
from kg_builder.reference import Reference, load_reference  # noqa: F401 (doctest)

ENTITIES = "entities"  # subject: an IRI of graph/entities; payload: its triples, packed (see pack)
FACTS = "facts"  # subject: an IRI of graph/facts (a fact, or a node of one); payload: its triples, packed
ENTITY_STATISTICS = "entity-statistics"  # subject: an entity key; payload: [mentions, [forms]]
FACT_STATISTICS = "fact-statistics"  # subject: a fact key; payload: best confidence or null
PARTS = (ENTITIES, FACTS, ENTITY_STATISTICS, FACT_STATISTICS)
DESCRIBED = (ENTITIES, FACTS)  # parts whose subjects are the union of the triples articles give them
Part = tuple[str, str]  # (part, subject)


def graph_of(part: str) -> str:
    """The local name of the graph a part lies in."""
    return part if part in DESCRIBED else "statistics"


def subject_node(part: str, subject: str, iris: Iris) -> ox.NamedNode:
    return n(subject) if part in DESCRIBED else n(iris.key(subject))


def article_contributions(merged: Extraction, reference: Reference, iris: Iris) -> dict[Part, str | bytes]:
    """(part, subject) -> what one merged article contributes to it."""
    out: dict[Part, str | bytes] = {}
    described: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in entity_quads([merged], reference, iris):
        described[quad.subject.value].append(ox.Triple(quad.subject, quad.predicate, quad.object))
    for subject, triples in described.items():
        out[(ENTITIES, subject)] = pack(triples)
    claimed: dict[str, list[ox.Triple]] = defaultdict(list)
    for triple in claim_triples(merged, reference, iris):
        claimed[triple.subject.value].append(triple)
    for subject, triples in claimed.items():
        out[(FACTS, subject)] = pack(triples)
    return out | statistics_contributions(merged)


def statistics_contributions(merged: Extraction) -> dict[Part, str]:
    """What one merged article contributes to ``graph/statistics``."""
    out: dict[Part, str] = {}
    spans: dict[str, set[tuple[int, int]]] = defaultdict(set)
    forms: dict[str, set[str]] = defaultdict(set)
    for mention in merged.mentions:
        spans[mention.key].add((mention.start, mention.end))
        forms[mention.key].add(mention.text)
    for key in spans:
        out[(ENTITY_STATISTICS, key)] = json.dumps([len(spans[key]), sorted(forms[key])], ensure_ascii=False)
    facts: list[tuple[str, tuple[Evidence, ...]]] = [(a.key, a.evidence) for a in merged.agreements]
    facts += [(e.key, e.evidence) for e in merged.events]
    facts += [(figure_key(f), (f.evidence,)) for f in merged.figures]
    best: dict[str, float | None] = {}
    for key, evidence in facts:
        for value in [best.get(key)] + [e.confidence for e in evidence]:
            if value is not None and (best.get(key) is None or value > best[key]):
                best[key] = value
        best.setdefault(key, None)
    for key, value in best.items():
        out[(FACT_STATISTICS, key)] = json.dumps(value)
    return out


# Words that recur in the triples of a subject: a preset dictionary lets zlib shrink even a payload of
# a few lines (the facts payloads of 10k articles: 123 MB as N-Triples). Changing it changes every
# payload: the corpus state's format is bumped with it.
ZDICT = " .\n".join([
    "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://www.w3.org/2000/01/rdf-schema#label>",
    "^^<http://www.w3.org/2001/XMLSchema#decimal>", "^^<http://www.w3.org/2001/XMLSchema#date>",
    "^^<http://www.w3.org/2001/XMLSchema#integer>", "<https://schema.org/", "<https://w3id.org/cmkg/ontology#",
    "<https://w3id.org/cmkg/id/country/", "<https://w3id.org/cmkg/id/person/",
    "<https://w3id.org/cmkg/id/organization/", "<https://w3id.org/cmkg/id/mineral/",
    "<https://w3id.org/cmkg/id/sector/", "<https://w3id.org/cmkg/id/agreement/", "<https://w3id.org/cmkg/id/event/",
    "<https://w3id.org/cmkg/id/figure/", "<https://w3id.org/cmkg/id/post/",
]).encode("utf-8")


def pack(triples: list[ox.Triple]) -> bytes:
    """Triples as zlib-compressed N-Triples (the same triples give the same bytes)."""
    packer = zlib.compressobj(6, zlib.DEFLATED, 15, 9, zlib.Z_DEFAULT_STRATEGY, ZDICT)
    return packer.compress(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)) + packer.flush()


def unpack(payload: bytes) -> bytes:
    unpacker = zlib.decompressobj(15, ZDICT)
    return unpacker.decompress(payload) + unpacker.flush()


def subject_quads(part: str, subject: str, payloads: Mapping[str | bytes, int], iris: Iris) -> list[ox.Quad]:
    """The quads of one subject of a corpus-wide graph, from the articles' contributions to it: each
    distinct contribution with the number of articles that make it."""
    graph = n(iris.graph(graph_of(part)))
    node = subject_node(part, subject, iris)
    if part in DESCRIBED:
        triples = dict.fromkeys(t for p in payloads for t in ox.parse(unpack(p),
                                                                         format=ox.RdfFormat.N_TRIPLES))
        return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    articles = sum(payloads.values())
    if part == ENTITY_STATISTICS:
        counts = [(json.loads(p), times) for p, times in payloads.items()]
        quads = [ox.Quad(node, c("mentionCount"), lit(sum(m * times for (m, _), times in counts)), graph),
                 ox.Quad(node, c("articleCount"), lit(articles), graph)]
        return quads + [ox.Quad(node, c("surfaceForm"), lit(form), graph)
                        for form in sorted({f for (_, fs), _ in counts for f in fs})]
    bests = [b for b in map(json.loads, payloads) if b is not None]
    quads = [ox.Quad(node, c("sourceCount"), lit(articles), graph)]
    if bests:
        quads.append(ox.Quad(node, c("maxConfidence"), lit(float(max(bests))), graph))
    return quads


def corpus_quads(merged: list[Extraction], reference: Reference | None, iris: Iris) -> list[ox.Quad]:
    """Every subject's quads for a whole corpus at once; without ``reference``, those of
    ``graph/statistics`` only."""
    payloads: dict[Part, Counter[str | bytes]] = defaultdict(Counter)
    for extraction in sorted({e.article.id: e for e in merged}.values(), key=lambda e: e.article.id):
        made = article_contributions(extraction, reference, iris) if reference else statistics_contributions(extraction)
        for part, payload in made.items():
            payloads[part][payload] += 1
    return [q for (part, subject) in sorted(payloads) for q in subject_quads(part, subject, payloads[(part, subject)],
                                                                              iris)]
