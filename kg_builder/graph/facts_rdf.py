"""Triples for the facts of one article: agreements, events, figures, memberships and
the evidence (a Web Annotation per rule firing) that ties each fact to its sentence.

A merged agreement or event has one IRI; each article's graph says what that article
says of it, so the number of graphs that type it is the number of its sources.

>>> from kg_builder.model import Article
>>> from kg_builder.extract import extract
>>> from kg_builder.corpus.merge import merge
>>> art = Article(id="a", source="a.txt", sha256="0",
...               text="Japan and Australia signed a framework agreement on lithium on 3 March 2025.")
>>> facts = fact_triples(merge([extract(art)], load_reference())[0], Iris())
>>> sorted({t.object.value.rsplit("#")[-1] for t in facts if t.predicate == TYPE})[:5]
['Agreement', 'Event', 'Evidence', 'FrameworkAgreement', 'Signing']
"""

from __future__ import annotations

import pyoxigraph as ox

from kg_builder.graph.rdf_terms import c, evidence_annotation, lit, n, span
from kg_builder.keys import figure_key, measure_key
from kg_builder.model import AgreementClaim, Amount, DateValue, EventClaim, Evidence, Extraction, FigureClaim
from kg_builder.namespaces import RDF, RDFS, SCHEMA, VOCAB_BASE, Iris, slugify
from kg_builder.reference import load_reference

TYPE = ox.NamedNode(RDF + "type")
LABEL = ox.NamedNode(RDFS + "label")
GENERIC_KINDS = {"Agreement"}


def fact_triples(extraction: Extraction, iris: Iris, evidence: bool = True) -> list[ox.Triple]:
    """Agreements, events, figures and memberships of one merged extraction, with their evidence
    (without it when not ``evidence``)."""
    article_id = extraction.article.id
    out: list[ox.Triple] = []
    for agreement in extraction.agreements:
        out += _agreement(agreement, article_id, iris)
    for event in extraction.events:
        agreement = extraction.agreements[event.agreement].key if event.agreement is not None else None
        out += _event(event, agreement, article_id, iris)
    labels = {m.key: m.label for m in extraction.mentions}
    for figure in extraction.figures:
        out += _figure(figure, article_id, iris, labels)
    for membership in extraction.memberships:
        out.append(ox.Triple(n(iris.key(membership.person)), c("memberOf"), n(iris.key(membership.organization))))
    return out if evidence else [t for t in out if not is_provenance(t.subject)]


def is_provenance(node: ox.NamedNode) -> bool:
    """Evidence, or the words of an article."""
    return "/evidence/" in node.value or "#char=" in node.value


def _date(s: ox.NamedNode, value: DateValue | None, text: str | None, prop: str = "date") -> list[ox.Triple]:
    out = []
    if value is not None and not value.value.startswith("--"):
        out.append(ox.Triple(s, c(prop), lit(value.value, value.xsd_type)))
        out.append(ox.Triple(s, c("datePrecision"), lit(value.precision.value)))
        if value.qualifier:
            out.append(ox.Triple(s, c("dateQualifier"), lit(value.qualifier)))
    if text:
        out.append(ox.Triple(s, c("dateText"), lit(text)))
    return out


def _agreement(a: AgreementClaim, article_id: str, iris: Iris) -> list[ox.Triple]:
    s = n(iris.key(a.key))
    out = [ox.Triple(s, TYPE, c("Agreement")), ox.Triple(s, LABEL, lit(a.label)),
           ox.Triple(s, c("name"), lit(a.name))]
    if a.kind not in GENERIC_KINDS:
        out.append(ox.Triple(s, TYPE, c(a.kind)))
    out += [ox.Triple(s, c("party"), n(iris.key(p))) for p in a.parties]
    out += [ox.Triple(s, c("signatory"), n(iris.key(p))) for p in a.signatories]
    out += [ox.Triple(s, c("place"), n(iris.key(p))) for p in a.places]
    out += [ox.Triple(s, c("covers"), n(VOCAB_BASE + m)) for m in a.minerals]
    out += [ox.Triple(s, c("targetsSector"), n(VOCAB_BASE + m)) for m in a.sectors]
    out += _date(s, a.date, a.date_text)
    for amount in a.amounts:
        out += _amount(s, amount, article_id, iris)
    for price in a.prices:
        m = n(f"{s.value}/price/{price.value}-{price.currency.lower()}-per-{slugify(price.unit)}")
        out += [ox.Triple(s, c("price"), m), ox.Triple(m, TYPE, n(SCHEMA + "UnitPriceSpecification")),
                ox.Triple(m, LABEL, lit(f"{price.value} {price.currency} per {price.unit}")),
                ox.Triple(m, n(SCHEMA + "price"), lit(str(price.value), "decimal")),
                ox.Triple(m, n(SCHEMA + "priceCurrency"), lit(price.currency)),
                ox.Triple(m, n(SCHEMA + "unitText"), lit(price.unit)),
                ox.Triple(m, c("text"), lit(price.text))]
        out += _evidence(m, price.evidence, article_id, iris)
    for commitment in a.commitments:
        m = n(f"{s.value}/commitment/{slugify(commitment.text)[:80]}")
        out += [ox.Triple(s, c("commitment"), m), ox.Triple(m, TYPE, c("Commitment")),
                ox.Triple(m, LABEL, lit(commitment.text))]
        out += _date(m, commitment.deadline, commitment.deadline.text if commitment.deadline else None,
                     "deadline")
        out += _evidence(m, commitment.evidence, article_id, iris)
    for evidence in a.evidence:
        out += _evidence(s, evidence, article_id, iris)
    return out


def _amount(s: ox.NamedNode, amount: Amount, article_id: str, iris: Iris) -> list[ox.Triple]:
    """A schema:MonetaryAmount: a value, a range (minValue, maxValue) or a bound ("up to" is a maxValue)."""
    low, high, qualifier = amount.value, amount.upper, amount.qualifier
    if high is not None:
        values, label = {"minValue": low, "maxValue": high}, f"{low} to {high}"
    elif qualifier in UPPER_BOUNDS:
        values, label = {"maxValue": low}, f"{qualifier} {low}"
    elif qualifier in LOWER_BOUNDS:
        values, label = {"minValue": low}, f"{qualifier} {low}"
    else:
        values, label = {"value": low}, f"{qualifier} {low}" if qualifier else f"{low}"
    slug = "-".join(f"{k[:3].lower()}{v}" if k != "value" else str(v) for k, v in values.items())
    m = n(f"{s.value}/amount/{slug}-{amount.currency.lower()}")
    out = [ox.Triple(s, c("amount"), m), ox.Triple(m, TYPE, n(SCHEMA + "MonetaryAmount")),
           ox.Triple(m, LABEL, lit(f"{label} {amount.currency}")),
           ox.Triple(m, n(SCHEMA + "currency"), lit(amount.currency)), ox.Triple(m, c("text"), lit(amount.text))]
    out += [ox.Triple(m, n(SCHEMA + k), lit(str(v), "decimal")) for k, v in values.items()]
    if qualifier:
        out.append(ox.Triple(m, c("qualifier"), lit(qualifier)))
    if amount.purpose:
        out.append(ox.Triple(m, n(SCHEMA + "description"), lit(amount.purpose)))
    return out + _evidence(m, amount.evidence, article_id, iris)


UPPER_BOUNDS = {"up to", "as much as", "less than", "under", "nearly", "almost"}
LOWER_BOUNDS = {"at least", "more than", "over"}


def _event(e: EventClaim, agreement: str | None, article_id: str, iris: Iris) -> list[ox.Triple]:
    s = n(iris.key(e.key))
    out = [ox.Triple(s, TYPE, c("Event")), ox.Triple(s, TYPE, c(e.kind)), ox.Triple(s, LABEL, lit(e.label)),
           ox.Triple(s, c("status"), lit(e.status))]
    out += [ox.Triple(s, c("participant"), n(iris.key(p))) for p in e.participants]
    out += [ox.Triple(s, c("place"), n(iris.key(p))) for p in e.places]
    out += _date(s, e.date, e.date_text)
    if agreement:
        out.append(ox.Triple(s, c("agreement"), n(iris.key(agreement))))
    for evidence in e.evidence:
        out += _evidence(s, evidence, article_id, iris)
    return out


def _figure(f: FigureClaim, article_id: str, iris: Iris, labels: dict[str, str]) -> list[ox.Triple]:
    s, measure = n(iris.key(figure_key(f))), n(iris.key(measure_key(f)))
    about, topics = _names(f, labels)
    amount = f"{f.qualifier + ' ' if f.qualifier else ''}{f.quantity} {f.unit}"
    out = [ox.Triple(s, TYPE, c("Figure")), ox.Triple(s, c("about"), n(iris.key(f.about))),
           ox.Triple(s, LABEL, lit(f"{about}: {amount}" + (f" ({topics})" if topics else ""))),
           ox.Triple(s, c("quantity"), lit(str(f.quantity), "decimal")), ox.Triple(s, c("unit"), lit(f.unit)),
           ox.Triple(s, c("measure"), measure)]
    if f.qualifier:
        out.append(ox.Triple(s, c("qualifier"), lit(f.qualifier)))
    out += [ox.Triple(s, c("topic"), n(VOCAB_BASE + t)) for t in f.topics]
    out += _evidence(s, f.evidence, article_id, iris)
    return out


def _names(f: FigureClaim, labels: dict[str, str]) -> tuple[str, str]:
    """What a figure is about (as the article named it) and its topics, for labels."""
    reference = load_reference()
    return labels.get(f.about) or reference.label(f.about), ", ".join(reference.label(t) for t in sorted(f.topics))


def measure_triples(extraction: Extraction, iris: Iris) -> list[ox.Triple]:
    """What the figures of an extraction measure ("China: process share in percent (rare-earth
    elements)"): nodes shared by every figure of the same measure, described once with the entities
    (see :func:`kg_builder.graph.rdf.entity_quads`), not in each article's graph."""
    labels = {m.key: m.label for m in extraction.mentions}
    out = []
    for f in extraction.figures:
        measure = n(iris.key(measure_key(f)))
        about, topics = _names(f, labels)
        label = f"{about}: {f.measure} in {f.unit}" + (f" ({topics})" if topics else "")
        out += [ox.Triple(measure, TYPE, c("Measure")), ox.Triple(measure, LABEL, lit(label))]
    return out


def _evidence(fact: ox.NamedNode, found: Evidence, article_id: str, iris: Iris) -> list[ox.Triple]:
    """A Web Annotation whose body is the fact and whose target is the words that triggered the rule."""
    target = iris.span(article_id, found.start, found.end)
    iri = f"{fact.value}/evidence/{article_id}/{found.start}-{found.end}"
    return (evidence_annotation(iri, fact, target, found.rule, found.confidence)
            + span(target, found.text, n(iris.sentence(article_id, found.sentence))))


def fact_sentences(extraction: Extraction) -> set[int]:
    """Indexes of the sentences the facts of an extraction rest on."""
    out = set()
    for a in extraction.agreements:
        out |= {e.sentence for e in a.evidence}
        out |= {x.evidence.sentence for x in a.amounts} | {x.evidence.sentence for x in a.commitments} \
            | {x.evidence.sentence for x in a.prices}
    for e in extraction.events:
        out |= {x.sentence for x in e.evidence}
    out |= {f.evidence.sentence for f in extraction.figures} | {m.sentence for m in extraction.memberships}
    return out
