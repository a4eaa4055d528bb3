"""The words of articles in the full W3C Web Annotation form, for tools that read only that.

The graph names words by RFC 5147 fragments of the article's IRI (``.../article/a#char=0,5``): a
mention is such a span that identifies an entity (``itsrdf:taIdentRef``), and evidence is an
annotation whose target is one. This writes each mention as an ``oa:Annotation`` (motivated by
``oa:identifying``) and gives every annotation's target its selectors: the position, the exact
words and the RFC 5147 fragment, on the article as source.

>>> span = ox.NamedNode("https://w3id.org/cmkg/id/article/a#char=0,5")
>>> g = ox.NamedNode("https://w3id.org/cmkg/graph/article/a")
>>> quads = [ox.Quad(span, n(ITSRDF + "taIdentRef"), n("https://w3id.org/cmkg/id/country/jp"), g),
...          ox.Quad(span, n(NIF + "anchorOf"), ox.Literal("Japan"), g)]
>>> sorted({q.predicate.value.rsplit("#")[-1] for q in web_annotation_quads(quads)
...         if q.predicate.value.startswith(OA)})
['end', 'exact', 'hasBody', 'hasSelector', 'hasSource', 'hasTarget', 'motivatedBy', 'start']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from kg_builder.graph.rdf_terms import TYPE, c, lit, n
from kg_builder.namespaces import DCTERMS, ITSRDF, NIF, OA, RDF

RFC5147 = n("http://tools.ietf.org/rfc/rfc5147")


def web_annotation_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """``quads`` with each mention as a Web Annotation and each target given its selectors."""
    quads = list(quads)
    words: dict[ox.NamedNode, str] = {}
    confidence: dict[ox.NamedNode, ox.Literal] = {}
    for q in quads:
        if q.predicate.value == NIF + "anchorOf":
            words[q.subject] = q.object.value
        elif q.predicate.value == ITSRDF + "taConfidence":
            confidence[q.subject] = q.object
    out: list[ox.Quad] = []
    targets: dict[tuple[ox.NamedNode, ox.NamedNode], None] = {}
    entities: dict[tuple[ox.NamedNode, ox.NamedNode], list[ox.NamedNode]] = defaultdict(list)
    for q in quads:
        if q.predicate.value == ITSRDF + "taIdentRef":
            entities[(q.subject, q.graph_name)].append(q.object)
        elif q.predicate.value == OA + "hasTarget" and "#char=" in q.object.value:
            targets[(q.object, q.graph_name)] = None
            out.append(ox.Quad(q.subject, q.predicate, _target(q.object), q.graph_name))
            continue
        out.append(q)
    for (span, graph), named in entities.items():
        for index, entity in enumerate(named):
            article, fragment = span.value.split("#char=", 1)
            a = n(f"{article}/annotation/{fragment.replace(',', '-')}" + (f"/{index}" if index else ""))
            triples = [(a, TYPE, n(OA + "Annotation")),
                       (a, n(OA + "motivatedBy"), n(OA + "identifying")),
                       (a, n(OA + "hasBody"), entity), (a, n(OA + "hasTarget"), _target(span))]
            if span in confidence:
                triples.append((a, c("confidence"), confidence[span]))
            out += [ox.Quad(s, p, o, graph) for s, p, o in triples]
            targets[(span, graph)] = None
    for span, graph in targets:
        out += [ox.Quad(s, p, o, graph) for s, p, o in _selectors(span, words.get(span))]
    return out


def _target(span: ox.NamedNode) -> ox.NamedNode:
    return n(span.value.replace("#char=", "/target/").replace(",", "-"))


def _selectors(span: ox.NamedNode, exact: str | None) -> list[tuple]:
    """A SpecificResource on the article, selected by position, by its exact words and by its RFC 5147
    fragment."""
    article, fragment = span.value.split("#char=", 1)
    start, end = fragment.split(",")
    target = _target(span)
    position, quote, frag = (n(f"{target.value}#{name}") for name in ("position", "quote", "fragment"))
    out = [(target, TYPE, n(OA + "SpecificResource")), (target, n(OA + "hasSource"), n(article)),
           (target, n(OA + "hasSelector"), position), (target, n(OA + "hasSelector"), frag),
           (position, TYPE, n(OA + "TextPositionSelector")),
           (position, n(OA + "start"), lit(int(start))), (position, n(OA + "end"), lit(int(end))),
           (frag, TYPE, n(OA + "FragmentSelector")), (frag, n(DCTERMS + "conformsTo"), RFC5147),
           (frag, n(RDF + "value"), lit(f"char={start},{end}"))]
    if exact is not None:
        out += [(target, n(OA + "hasSelector"), quote), (quote, TYPE, n(OA + "TextQuoteSelector")),
                (quote, n(OA + "exact"), lit(exact))]
    return out
