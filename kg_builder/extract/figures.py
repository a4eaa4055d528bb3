"""Figures: statements with a number about an actor ("China processes more than 90% of the
world's rare earths", "the US has just one operational rare earth mine"), with the
quantity, its unit, the qualifier ("more than") and the minerals the sentence is about.
"""

from __future__ import annotations

import re

from kg_builder.extract.context import ArticleContext
from kg_builder.extract.quantities import NUMBER_WORD_RE, parse_number
from kg_builder.model import FigureClaim, Kind

QUALIFIERS = (r"more than|less than|fewer than|over|under|about|around|nearly|almost|up to|at least|roughly"
              r"|approximately|some|just|only|just over|just under")
VERBS = (r"has|have|had|with|holds|hold|owns|own|operates|operate|produces|produce|producing|processes|process"
         r"|processing|refines|refine|refining|controls|control|controlling|accounts for|account for|mines|mine"
         r"|supplies|supply|supplying|imports|import|exports|export|dominates|dominate")
PERCENT = re.compile(
    rf"(?:\b(?P<verb>{VERBS})\s+)?(?:\b(?P<q>{QUALIFIERS})\s+)?(?P<num>\d+(?:\.\d+)?)"
    r"\s?(?:%|pc\b|per ?cent\b|percent\b)", re.I)
COUNT = re.compile(
    rf"\b(?:(?P<verb>{VERBS})\s+)?(?:(?P<q>{QUALIFIERS})\s+)?(?P<num>\d[\d,]*|{NUMBER_WORD_RE})\s+"
    r"(?P<unit>(?:[a-z][a-z-]*\s+){0,4}?[a-z][a-z-]*?)(?=\s+(?:of|in|for|to|that|which|and|is|are|was|by|from)\b|[,.;]|$)")
POSSESSION = {"has", "have", "had", "with", "holds", "hold", "owns", "own", "operates", "operate"}
DOUBLED = {"control", "refer", "commit", "admit", "occur", "transfer", "compel", "patrol"}
SHORT_CVC = re.compile(r"[^aeiou]*[aeiou][bdgmnprt]")  # "ship", "cut": the consonant doubles before -ing


def gerund(verb: str) -> str:
    """The -ing form that names what a verb measures, so that every form of the verb gives one
    measure: "processes", "processed" and "processing" -> "processing".

    >>> [gerund(v) for v in ("processes", "produced", "refines", "mines", "mined", "supplies")]
    ['processing', 'producing', 'refining', 'mining', 'mining', 'supplying']
    >>> [gerund(v) for v in ("controls", "ships", "shipped", "accounts", "making")]
    ['controlling', 'shipping', 'shipping', 'accounting', 'making']
    """
    word = verb.lower()
    if word.endswith("ing"):
        return word
    if word.endswith(("ies", "ied")):
        return word[:-3] + "ying"
    if word.endswith("ed"):
        return word[:-2] + "ing"  # the -ed form shows a doubled consonant already ("shipped")
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        base = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        base = word[:-1]
    else:
        base = word
    if base.endswith("e") and not base.endswith("ee"):
        return base[:-1] + "ing"
    if base in DOUBLED or SHORT_CVC.fullmatch(base):
        return base + base[-1] + "ing"
    return base + "ing"


def find_figures(ctx: ArticleContext) -> tuple[FigureClaim, ...]:
    """Figures of one article, each about the actor named before its number in the sentence."""
    out: list[FigureClaim] = []
    for index, sent in enumerate(ctx.sentences):
        if index in ctx.skip:
            continue
        topics = tuple(dict.fromkeys(m.key for _, m in ctx.mentions_in(sent.start, sent.end, (Kind.MINERAL,))))
        for m in PERCENT.finditer(sent.text):
            if (figure := _figure(ctx, sent, m, "percent", "share", topics)) is not None:
                out.append(figure)
        for m in COUNT.finditer(sent.text):
            if not (m["verb"] or m["q"]) or m["unit"].split()[0] in ("percent", "per", "pc"):
                continue
            if (figure := _figure(ctx, sent, m, m["unit"].lower(), "count", topics)) is not None:
                out.append(figure)
    return tuple(dict.fromkeys(out))


def _figure(ctx: ArticleContext, sent, m: re.Match, unit: str, measure: str, topics: tuple[str, ...],
            ) -> FigureClaim | None:
    quantity = parse_number(m["num"])
    span = ctx.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
    if quantity is None or span is None:
        return None
    actors = ctx.actors_in(sent.start, span.start)
    if not actors:
        return None
    verb = m["verb"] or _verb_before(ctx, span.start)
    if not (verb or m["q"]):
        return None  # "tariffs of 25%" states a rate, not a figure about the actor
    if verb and verb not in POSSESSION:
        measure = f"{gerund(verb)} {measure}"
    qualifier = (m["q"] or "").lower() or None
    evidence = ctx.evidence(span.start, span.end, "figure:" + ("percent" if unit == "percent" else "count"), 0.7)
    return FigureClaim(actors[-1], quantity, unit, measure, topics, qualifier, evidence)


def _verb_before(ctx: ArticleContext, index: int) -> str | None:
    for token in reversed(list(ctx.doc[max(0, index - 3):index])):
        if re.fullmatch(VERBS, token.lower_):
            return token.lower_
    return None
