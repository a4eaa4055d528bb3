"""Mentions and role claims from one article: gazetteer plus rules, per sentence.

Extraction of an article depends on nothing but the article and the reference
data, so articles can be processed in any order or in parallel.

>>> from kg_builder.model import Article
>>> art = Article(id="a", source="a.txt", sha256="0", text="Japan signed a deal on lithium.")
>>> [(m.text, m.key) for m in extract(art).mentions]
[('Japan', 'country/jp'), ('lithium', 'mineral/lithium')]
"""

from __future__ import annotations

from spacy.tokens import Doc
from wordfreq import zipf_frequency

from kg_builder.extract.acronyms import bind_acronyms
from kg_builder.extract.agreements import find_agreements
from kg_builder.extract.attributions import drop_attributions
from kg_builder.extract.candidates import Candidate, select
from kg_builder.extract.cities import is_city
from kg_builder.extract.context import ArticleContext
from kg_builder.extract.events import find_events
from kg_builder.extract.figures import find_figures
from kg_builder.extract.gazetteer import Gazetteer
from kg_builder.extract.given_names import is_given_name
from kg_builder.extract.memberships import find_memberships
from kg_builder.extract.metonyms import read_metonyms
from kg_builder.extract.ministries import find_ministries
from kg_builder.extract.misspellings import KnownNames, correct_misspellings
from kg_builder.extract.named_entities import find_named_entities
from kg_builder.extract.nlp import make_nlp, parse, parse_many
from kg_builder.extract.organisations import (
    find_described_organisations,
    find_governments,
    find_mineral_companies,
    find_organisations,
    mineral_heads,
)
from kg_builder.extract.people import PeopleRules
from kg_builder.extract.repeats import repeat_names
from kg_builder.extract.shared_names import read_shared_names
from kg_builder.extract.short_names import known_legal_names, short_names
from kg_builder.extract.tokens import headline_sentences, sentence_index
from kg_builder.keys import is_kind
from kg_builder.model import Article, Extraction, Kind, Mention, RoleClaim, Sentence
from kg_builder.reference import Reference, load_reference

HEADLINE_TOKENS = 25  # longer capitalised lines are captions, which do report facts


class Pipeline:
    """The spaCy pipeline and the matchers built from one set of reference data."""

    def __init__(self, reference: Reference) -> None:
        self.reference = reference
        self.nlp = make_nlp()
        self.gazetteer = Gazetteer(self.nlp, reference)
        self.people = PeopleRules(self.nlp, reference)
        self.titles = {word for title in reference.roles for word in title.split()}
        self.mineral_heads = mineral_heads(reference)
        self.known_names = KnownNames(reference)
        self.organisation_names = {name: e.key for e in reference.entities.values() if e.kind is Kind.ORGANIZATION
                                   for name in (e.label, *e.aliases)}


_PIPELINES: dict[int, tuple[Reference, Pipeline]] = {}


def pipeline_for(reference: Reference) -> Pipeline:
    """One pipeline per reference object, built on first use."""
    cached = _PIPELINES.get(id(reference))
    if cached is None or cached[0] is not reference:
        cached = (reference, Pipeline(reference))
        _PIPELINES[id(reference)] = cached
    return cached[1]


def prepare(reference: Reference) -> None:
    """Load what extracting with ``reference`` needs (the pipeline and the lexicons), ahead of the
    first article."""
    pipeline_for(reference)
    is_city("Lyon")
    is_given_name("Yulia")
    zipf_frequency("lithium", "en")


def extract(article: Article, reference: Reference | None = None, doc: Doc | None = None) -> Extraction:
    """Sentences, entity mentions and role claims of one article (``doc``: the article's text as
    :func:`~kg_builder.extract.nlp.parse` gives it, when parsed already)."""
    reference = reference or load_reference()
    pipe = pipeline_for(reference)
    doc = doc if doc is not None else parse(pipe.nlp, article.text)
    sent_of = sentence_index(doc)
    sentences = []
    for index, sent in enumerate(doc.sents):
        raw = sent.text
        start = sent.start_char + (len(raw) - len(raw.lstrip()))
        text = raw.strip()
        sentences.append(Sentence(index, start, start + len(text), text))
    skip = headline_sentences(doc)
    known = pipe.gazetteer.find(doc)
    known += find_organisations(doc, known, skip, sent_of)
    known += find_described_organisations(doc, skip, sent_of)
    known += find_mineral_companies(doc, known, skip, sent_of, pipe.mineral_heads, reference.demonyms)
    known += find_governments(doc, known, reference)
    known += find_ministries(doc, known, skip, sent_of, reference)
    people, hints = pipe.people.find(doc, known, skip, sent_of)
    known += find_named_entities(doc, known + people, skip, sent_of, pipe.titles)
    chosen = correct_misspellings(select(known + people), reference, pipe.known_names)
    chosen = drop_attributions(doc, bind_acronyms(doc, read_metonyms(doc, chosen, reference)), reference)
    chosen = repeat_names(doc, chosen, skip, sent_of)
    chosen = short_names(doc, known_legal_names(chosen, pipe.organisation_names), skip, sent_of)
    chosen = read_shared_names([doc[c.start:c.end].text for c in chosen], chosen)
    mentions = tuple(_mention(doc, c, sent_of, reference) for c in chosen)
    at = {(c.start, c.end): c for c in chosen}
    roles = []
    for hint in hints:
        person = at.get((hint.person_start, hint.person_end))
        if person is None or not is_kind(person.key, "person"):
            continue
        span = doc[hint.start:hint.end]
        roles.append(RoleClaim(person.key, hint.role, hint.of, span.start_char, span.end_char,
                               sent_of[hint.start], hint.qualifier))
    roles = tuple(dict.fromkeys(roles))
    headlines = {i for i in skip if len(list(doc.sents)[i]) < HEADLINE_TOKENS}
    ctx = ArticleContext(doc, article, reference, list(mentions), roles, headlines)
    agreements = find_agreements(ctx)
    events = find_events(ctx, agreements)
    return Extraction(article, tuple(sentences), mentions, roles, memberships=find_memberships(ctx),
                      agreements=agreements, events=events, figures=find_figures(ctx))


def extract_many(articles: list[Article], reference: Reference | None = None) -> list[Extraction | Exception]:
    """The extractions of ``articles``, their texts read by the model in one batch; an article whose
    extraction fails gives its error in its place, and the others are extracted all the same."""
    reference = reference or load_reference()
    pipe = pipeline_for(reference)
    try:
        docs: list[Doc | None] = list(parse_many(pipe.nlp, [a.text for a in articles]))
    except Exception:  # noqa: BLE001 - one text the model fails on: each is read on its own below
        docs = [None] * len(articles)
    out: list[Extraction | Exception] = []
    for article, doc in zip(articles, docs, strict=True):
        try:
            out.append(extract(article, reference, doc))
        except Exception as error:  # a rule failing on one article must not stop the others
            out.append(error)
    return out


def _mention(doc, cand: Candidate, sent_of: list[int], reference: Reference) -> Mention:
    span = doc[cand.start:cand.end]
    entity = reference.entities.get(cand.key)
    label = entity.label if entity else (cand.label or span.text)
    return Mention(span.start_char, span.end_char, span.text, cand.kind, cand.key, sent_of[cand.start],
                   cand.extractor, cand.confidence, label, cand.subtype_in(reference))
