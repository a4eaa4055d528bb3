"""The spaCy pipeline: a blank English tokenizer, a sentence splitter that also
breaks at line ends (captions and headlines carry no full stop), and the
phrase matchers built from the reference data.

>>> nlp = make_nlp()
>>> [s.text for s in nlp("Headline without stop\\nA sentence. Another one.").sents]
['Headline without stop\\n', 'A sentence.', 'Another one.']
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a new sentence after every token that holds a line break."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


def make_nlp() -> Language:
    """A blank English pipeline with sentence splitting (no model download needed)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("line_breaks", after="sentencizer")
    return nlp
