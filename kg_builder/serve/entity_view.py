"""What a page about one node of the graph shows, in the manner of Wikidata: its label and types, its
identifiers in open data, its statements (what it says and what points to it, each property named
by the ontology's label or inverse label) with the sources of each statement under it, the words
that name it grouped by article, and its neighbourhood.

A statement's sources are the articles whose graph states it. Where the statement belongs to a
fact with evidence (an agreement, event or figure, or a sum of money, price or commitment of an
agreement), each source also shows the sentence the rule read, with its words marked: the
evidence of the value when the value is such a fact, else the evidence of the fact in that article,
preferring the sentences that name the other end of the statement.

Every query binds the node as a term, in a ``VALUES`` block at the start of its pattern (where the
engine plans from it; bound by substitution, it is applied last, and the evidence of a node
mentioned in many articles took seconds instead of milliseconds).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg_builder.namespaces import CMKG, GEONAMES, OWL, RDF, RDFS, SCHEMA, SKOS, WD, XSD
from kg_builder.serve.human_dates import human_date
from kg_builder.serve.money import format_money
from kg_builder.serve.term_labels import term_labels
from kg_builder.store.bindings import with_bindings

P = "PREFIX cmkg: <https://w3id.org/cmkg/ontology#> PREFIX oa: <http://www.w3.org/ns/oa#> " \
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> " \
    "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX schema: <https://schema.org/> " \
    "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> " \
    "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> " \
    "PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#> "
ARTICLE = """OPTIONAL { ?article schema:headline ?title } OPTIONAL { ?article cmkg:publisherName ?publisher }
  OPTIONAL { ?article schema:datePublished ?published } OPTIONAL { ?article dcterms:identifier ?id }
  OPTIONAL { ?article schema:articleBody ?body } BIND(SUBSTR(?body, 1, 200) AS ?opening)"""
OTHER = """OPTIONAL { ?o rdfs:label|skos:prefLabel ?l } OPTIONAL { ?o schema:headline ?h }
  OPTIONAL { ?o cmkg:publisherName ?opub } OPTIONAL { ?o schema:datePublished ?odate }
  OPTIONAL { ?o schema:articleBody ?obody } BIND(SUBSTR(?obody, 1, 200) AS ?oopening)
  OPTIONAL { ?o cmkg:postIn ?oin } OPTIONAL { ?o nif:anchorOf ?anchor }
  BIND(COALESCE(STR(?l), STR(?h), CONCAT("“", STR(?anchor), "”")) AS ?olabel)"""
OUTGOING = P + """SELECT DISTINCT ?node ?p ?o ?olabel ?opub ?odate ?oopening ?oin ?article WHERE {
  GRAPH ?g { ?node ?p ?o } OPTIONAL { GRAPH ?g { ?g prov:wasDerivedFrom ?article } } """ + OTHER + """
} ORDER BY ?p ?o"""
INCOMING = P + """SELECT DISTINCT ?node ?o ?p ?olabel ?opub ?odate ?oopening ?oin ?article WHERE {
  GRAPH ?g { ?o ?p ?node } FILTER(?p NOT IN (oa:hasBody, oa:hasTarget, itsrdf:taIdentRef, nif:sentence,
                                           cmkg:inArticle, prov:wasDerivedFrom))
  OPTIONAL { GRAPH ?g { ?g prov:wasDerivedFrom ?article } } """ + OTHER + """
} ORDER BY ?p ?o LIMIT 400"""
EVIDENCE = P + """SELECT ?node ?fact ?article ?title ?opening ?publisher ?published ?id ?s ?sentence ?begin ?t
  ?confidence ?extractor ?a (GROUP_CONCAT(DISTINCT STR(?named); SEPARATOR=" ") AS ?names) WHERE {
  ?node (!(rdf:nil|^rdf:nil))? ?fact .
  ?a oa:hasBody ?fact ; oa:hasTarget ?t ; cmkg:confidence ?confidence ; cmkg:extractor ?extractor .
  ?t nif:sentence ?s . ?s cmkg:text ?sentence ; cmkg:beginIndex ?begin ; cmkg:inArticle ?article .
  OPTIONAL { ?m nif:sentence ?s ; itsrdf:taIdentRef ?named }
  """ + ARTICLE + """
} GROUP BY ?node ?fact ?article ?title ?opening ?publisher ?published ?id ?s ?sentence ?begin ?t ?confidence
  ?extractor ?a
ORDER BY ?published ?id ?begin LIMIT 3000"""
MENTIONS = P + """SELECT ?node ?article ?title ?opening ?publisher ?published ?id ?s ?sentence ?begin ?t ?exact
  (GROUP_CONCAT(DISTINCT STR(?named); SEPARATOR=" ") AS ?names) WHERE {
  ?t itsrdf:taIdentRef ?node ; nif:anchorOf ?exact ; nif:sentence ?s .
  ?s cmkg:text ?sentence ; cmkg:beginIndex ?begin ; cmkg:inArticle ?article .
  OPTIONAL { ?m nif:sentence ?s ; itsrdf:taIdentRef ?named }
  """ + ARTICLE + """
} GROUP BY ?node ?article ?title ?opening ?publisher ?published ?id ?s ?sentence ?begin ?t ?exact
ORDER BY ?published ?id ?begin LIMIT 1000"""
MONEY = P + """SELECT DISTINCT ?node ?m ?currency ?value ?min ?max ?qualifier WHERE {
  ?node (!(rdf:nil|^rdf:nil))? ?m . ?m a schema:MonetaryAmount ; schema:currency ?currency .
  OPTIONAL { ?m schema:value ?value } OPTIONAL { ?m schema:minValue ?min } OPTIONAL { ?m schema:maxValue ?max }
  OPTIONAL { ?m cmkg:qualifier ?qualifier } }"""
DATES = {XSD + t for t in ("date", "gYearMonth", "gYear", "gMonthDay")}
LABEL = P + "SELECT ?node ?label WHERE { ?node rdfs:label|skos:prefLabel|schema:headline ?label } LIMIT 1"
ARTICLE_PARTS = {SCHEMA + "headline": "title", SCHEMA + "articleBody": "body", CMKG + "publisherName": "publisher",
                 SCHEMA + "datePublished": "published"}
HIDDEN = {OWL + "sameAs", SKOS + "exactMatch", CMKG + "geonames", RDFS + "label", SKOS + "prefLabel",
          CMKG + "isoAlpha2", CMKG + "isoAlpha3", CMKG + "isoNumeric", SCHEMA + "articleBody"}
LINKING = {CMKG + p for p in ("party", "signatory", "participant", "place", "covers", "targetsSector", "about",
                              "agreement", "holdsPost", "postIn", "memberOf", "country", "governmentOf", "topic",
                              "standsFor", "role")}


@dataclass
class Link:
    label: str
    iri: str | None = None


@dataclass
class Source:
    """An article a statement comes from, and the sentence (in pieces: text, and whether it is the
    words the rule read) when the statement has evidence."""

    article: str
    title: str
    publisher: str = ""
    published: str = ""
    sentence: list[tuple[str, bool]] = field(default_factory=list)
    rules: str = ""  # the rules that read the sentence, with their confidence


@dataclass
class Statement:
    value: Link
    sources: list[Source] = field(default_factory=list)


@dataclass
class Named:
    """The words that name the node in one article, and the sentences they stand in."""

    source: Source
    words: dict[str, int] = field(default_factory=dict)  # words -> times
    sentences: list[list[tuple[str, bool]]] = field(default_factory=list)


@dataclass
class EntityView:
    iri: str
    label: str
    types: list[str] = field(default_factory=list)
    identifiers: list[tuple[str, str, str]] = field(default_factory=list)  # (name, value, url)
    properties: dict[str, list[Statement]] = field(default_factory=dict)  # property label -> statements
    incoming: dict[str, list[Statement]] = field(default_factory=dict)  # inverse label -> statements
    sources: list[Source] = field(default_factory=list)  # the node's own evidence
    mentions: list[Named] = field(default_factory=list)
    article: Source | None = None  # title, publisher and date, for an article
    has_neighbours: bool = False  # linked to other nodes by a linking property (the page draws them)

    @property
    def exists(self) -> bool:
        return bool(self.types or self.properties or self.incoming)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _rows(graph, query: str, iri: str):
    return graph.query(with_bindings(query, {"node": ox.NamedNode(iri)}))


def _value(row, name: str) -> str:
    term = row[name]
    return term.value if term is not None else ""


def label_of(graph, iri: str) -> str:
    for row in _rows(graph, LABEL, iri):
        return row["label"].value
    return _local(iri)


def article_label(title: str, publisher: str, published: str) -> str:
    """An article as people cite it: "Title — Publisher, 28 October 2025".

    >>> article_label("US and Japan sign", "Reuters", "2025-10-28")
    'US and Japan sign — Reuters, 28 October 2025'
    """
    after = ", ".join(x for x in (publisher, human_date(published)) if x)
    return f"{title} — {after}" if after else title


def article_title(headline: str, opening: str, identifier: str) -> str:
    """The article's headline, else its opening words (an article read without one), else its identifier.

    >>> article_title("", "Tokyo, October 28: U.S. President Donald Trump and Japan's new Prime Minister", "001")
    "“Tokyo, October 28: U.S. President Donald Trump and Japan's new Prime…”"
    """
    if headline:
        return headline
    words = " ".join(opening.split())
    if not words:
        return f"article {identifier}"
    if len(words) > 70:
        words = words[:70].rsplit(" ", 1)[0] + "…"
    return f"“{words}”"


def _article_source(row) -> Source:
    return Source(row["article"].value, article_title(_value(row, "title"), _value(row, "opening"), _value(row, "id")),
                  _value(row, "publisher"), human_date(_value(row, "published")))


def marked(sentence: str, begin: int, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """The sentence in pieces, with the words at the given article offsets marked.

    >>> marked("Japan and Australia signed.", 100, [(110, 119)])
    [('Japan and ', False), ('Australia', True), (' signed.', False)]
    """
    out, at = [], 0
    for start, end in sorted(spans):
        start, end = max(start - begin, at), min(end - begin, len(sentence))
        if start >= end:
            continue
        if start > at:
            out.append((sentence[at:start], False))
        out.append((sentence[start:end], True))
        at = end
    if at < len(sentence):
        out.append((sentence[at:], False))
    return out


def _offsets(span_iri: str) -> tuple[int, int]:
    start, _, end = span_iri.rpartition("#char=")[2].partition(",")
    return int(start), int(end)


@dataclass
class _Said:
    """One evidence sentence of a fact, with the entities it names."""

    fact: str
    source: Source
    sentence_iri: str
    text: str
    begin: int
    spans: list[tuple[int, int]]
    confidence: float
    names: set[str]
    rules: dict[str, str] = field(default_factory=dict)
    annotations: set[str] = field(default_factory=set)


def _evidence(graph, iri: str) -> dict[str, list[_Said]]:
    """The evidence sentences of the node and of the facts next to it, by fact, one per sentence."""
    found: dict[tuple[str, str], _Said] = {}
    for row in _rows(graph, EVIDENCE, iri):
        fact, s = row["fact"].value, row["s"].value
        said = found.get((fact, s))
        if said is None:
            source = _article_source(row)
            said = found[(fact, s)] = _Said(fact, source, s, row["sentence"].value, int(row["begin"].value), [],
                                            float(row["confidence"].value), set(_value(row, "names").split()))
        said.spans.append(_offsets(row["t"].value))
        said.rules[row["extractor"].value] = row["confidence"].value
        said.annotations.add(row["a"].value)
        said.confidence = max(said.confidence, float(row["confidence"].value))
    by_fact: dict[str, list[_Said]] = defaultdict(list)
    for said in found.values():
        by_fact[said.fact].append(said)
    return by_fact


def _cited(said: _Said) -> Source:
    src = said.source
    return Source(src.article, src.title, src.publisher, src.published, marked(said.text, said.begin, said.spans),
                  ", ".join(f"{rule} {confidence}" for rule, confidence in sorted(said.rules.items())))


@dataclass
class _Citations:
    """What the statements of one page can cite: the evidence of the node and of the facts next to it,
    and the sentences that name the node (with the other entities each names)."""

    evidence: dict[str, list[_Said]]
    naming: dict[str, list[_Said]]  # article -> sentences naming the node

    def articles(self) -> dict[str, Source]:
        out = {s.source.article: s.source for said in self.naming.values() for s in said}
        out.update({s.source.article: s.source for said in self.evidence.values() for s in said})
        return out

    def sources(self, fact: str, value: str | None, articles: list[str], related: set[str]) -> list[Source]:
        """The sources of a statement of ``fact`` (the subject) whose other end is ``value``: the value's
        own evidence in the articles stating it when the value is a part of the fact (a sum of money,
        price or commitment of an agreement) or the fact has none (on the page of one piece of evidence,
        that evidence alone); else, in each article that states it, the fact's evidence (the
        sentences naming the value, else the surest one); else, for a statement no rule left evidence
        for (a post held, a membership), the first sentence of the article that names both this node
        and the value (or, for a post, the country or organisation it belongs to: ``related``); else the
        article alone."""
        if value in self.evidence and (fact not in self.evidence or value.startswith(f"{fact}/")):
            said = [s for s in self.evidence[value] if not articles or s.source.article in articles]
            own = [s for s in said if fact in s.annotations]  # the page of one piece of evidence
            return [_cited(s) for s in own or said]
        known = self.articles()
        out: list[Source] = []
        for article in articles:
            said = [s for s in self.evidence.get(fact, []) if s.source.article == article]
            naming = [s for s in said if value in s.names]
            both = [s for s in self.naming.get(article, []) if ({fact, value} | related) & s.names - {s.fact}]
            if naming:
                out += [_cited(s) for s in naming]
            elif said:
                out.append(_cited(max(said, key=lambda s: s.confidence)))
            elif both:
                out.append(_cited(both[0]))
            elif article in known:
                out.append(known[article])
        return out


def _link(row, money: dict[str, str]) -> Link:
    o = row["o"]
    if isinstance(o, ox.Literal):
        return Link(human_date(o.value) if o.datatype.value in DATES else o.value)
    if not isinstance(o, ox.NamedNode):
        return Link(o.value)
    if o.value in money:
        return Link(money[o.value], o.value)
    if row["oopening"] is not None:
        title = article_title(_value(row, "olabel"), _value(row, "oopening"), _local(o.value))
        return Link(article_label(title, _value(row, "opub"), _value(row, "odate")), o.value)
    return Link(_value(row, "olabel") or _local(o.value), o.value)


def _money(graph, iri: str) -> dict[str, str]:
    out = {}
    for row in _rows(graph, MONEY, iri):
        out[row["m"].value] = format_money(row["currency"].value, value=row["value"] and row["value"].value,
                                           minimum=row["min"] and row["min"].value,
                                           maximum=row["max"] and row["max"].value,
                                           qualifier=row["qualifier"] and row["qualifier"].value)
    return out


def describe(graph, iri: str) -> EntityView:
    """The view of the node ``iri`` (``exists`` is false when the graph knows nothing of it)."""
    names = term_labels()
    money = _money(graph, iri)
    view = EntityView(iri, money.get(iri) or label_of(graph, iri))
    mentions, naming = _mentions(graph, iri)
    citations = _Citations(_evidence(graph, iri), naming)
    evidence = citations.evidence
    outgoing: dict[tuple[str, ox.Term], tuple[Link, list[str], set[str]]] = {}
    article: dict[str, str] = {}
    for row in _rows(graph, OUTGOING, iri):
        p, o = row["p"].value, row["o"]
        if p == RDF + "type":
            view.types.append(names.of_class(o.value))
        elif p == OWL + "sameAs" or p == SKOS + "exactMatch":
            if o.value.startswith(WD):
                view.identifiers.append(("Wikidata", _local(o.value), o.value))
        elif p == CMKG + "geonames":
            view.identifiers.append(("GeoNames", o.value.removeprefix(GEONAMES).strip("/"), o.value))
        elif p in (CMKG + "isoAlpha2", CMKG + "isoAlpha3", CMKG + "isoNumeric"):
            view.identifiers.append((f"ISO 3166 {_local(p)[3:].lower()}", o.value, ""))
        elif p in ARTICLE_PARTS:
            article[ARTICLE_PARTS[p]] = o.value
        elif p not in HIDDEN:
            if (p, o) not in outgoing:
                outgoing[(p, o)] = (_link(row, money), [], set())
                view.has_neighbours |= p in LINKING and isinstance(o, ox.NamedNode)
            _gather(outgoing[(p, o)], row)
    for (p, o), (link, articles, related) in outgoing.items():
        value = o.value if isinstance(o, ox.NamedNode) else None
        view.properties.setdefault(names.forward(p), []).append(
            Statement(link, citations.sources(iri, value, articles, related)))
    incoming: dict[tuple[str, str], tuple[Link, list[str], set[str]]] = {}
    for row in _rows(graph, INCOMING, iri):
        p, s = row["p"].value, row["o"].value
        if (p, s) not in incoming:
            incoming[(p, s)] = (_link(row, money), [], set())
            view.has_neighbours |= p in LINKING
        _gather(incoming[(p, s)], row)
    for (p, s), (link, articles, related) in incoming.items():
        view.incoming.setdefault(names.inverse(p), []).append(
            Statement(link, citations.sources(s, iri, articles, related)))
    view.sources = [_cited(s) for s in evidence.get(iri, [])]
    view.mentions = mentions
    if "body" in article:  # the node is an article: its title, publisher and date head the page
        view.article = Source(iri, article_title(article.get("title", ""), article["body"][:200], _local(iri)),
                              article.get("publisher", ""), human_date(article.get("published", "")))
        view.label = view.article.title
    view.types = sorted(set(view.types))
    view.identifiers = sorted(set(view.identifiers))
    return view


def _gather(statement: tuple[Link, list[str], set[str]], row) -> None:
    """The article of one more graph that states a statement, and what its value is a post in."""
    _, articles, related = statement
    if row["article"] is not None and row["article"].value not in articles:
        articles.append(row["article"].value)
    if row["oin"] is not None:
        related.add(row["oin"].value)


def _mentions(graph, iri: str) -> tuple[list[Named], dict[str, list[_Said]]]:
    """The words that name the node, once per article, with the sentences they stand in; and those
    sentences by article, with the entities each names."""
    by_article: dict[str, Named] = {}
    sentences: dict[tuple[str, str], _Said] = {}
    for row in _rows(graph, MENTIONS, iri):
        article = row["article"].value
        named = by_article.get(article)
        if named is None:
            named = by_article[article] = Named(_article_source(row))
        exact = row["exact"].value
        named.words[exact] = named.words.get(exact, 0) + 1
        key = (article, row["s"].value)
        if key not in sentences:
            sentences[key] = _Said(iri, named.source, row["s"].value, row["sentence"].value, int(row["begin"].value),
                                   [], 0.0, set(_value(row, "names").split()))
        sentences[key].spans.append(_offsets(row["t"].value))
    naming: dict[str, list[_Said]] = defaultdict(list)
    for (article, _), said in sentences.items():
        by_article[article].sentences.append(marked(said.text, said.begin, said.spans))
        naming[article].append(said)
    return list(by_article.values()), naming
