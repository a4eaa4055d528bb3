"""Paragraphs hard-wrapped at a fixed width (plain-text exports, e-mails, PDF text) joined back
into one line each, so that a sentence is not cut in two at a line end (the sentence splitter
breaks at every line end, and a short broken-off fragment would look like a stray headline).

A line continues on the next one only when it does not end a sentence and either the next line
starts in lower case or with a digit, or the line ends on a word that cannot end a sentence
("of", "the", "with" ...). A blank line always ends a paragraph; a title (no stop, and the next
line starts a sentence in upper case) stands alone, and so does a line before a date line
("date 2024-12-03").

>>> unwrap(["Rare earths deal", "", "Lynas signed an offtake agreement with the US Department of",
...         "Defense on 10 July 2025 to", "supply NdPr oxide.", "Next paragraph."])
['Rare earths deal', '', 'Lynas signed an offtake agreement with the US Department of Defense on 10 July 2025 to \
supply NdPr oxide.', 'Next paragraph.']
"""

from __future__ import annotations

import re

from kg_builder.read.cleaning import TERMINAL

CONNECTORS = frozenset(
    "a an the of to and or nor but in on at for with by from as that which who whose its their his her our "
    "into onto than per about over under between among after before during against via including such "
    "is are was were be been will would could should has have had not no".split())
CONTINUATION = re.compile(r"[a-z0-9(%$€£¥]")
METADATA = re.compile(r"(?:date|dated|published|updated|posted)\b\s*:?\s*(?:on\s+)?\d", re.I)  # "date 2024-12-03"
MIN_WORDS = 5  # a shorter line without a stop is a label or a headline, not a wrapped sentence


def continues(line: str, following: str) -> bool:
    """Whether ``following`` carries on the sentence that ``line`` leaves unfinished."""
    if not line or not following or TERMINAL.search(line) or METADATA.match(following):
        return False
    words = line.split()
    if words[-1].lower() in CONNECTORS:
        return True
    return len(words) >= MIN_WORDS and bool(CONTINUATION.match(following))


def unwrap(lines: list[str]) -> list[str]:
    """The lines with each hard-wrapped paragraph joined into one line (blank lines kept)."""
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped and out and continues(out[-1].strip(), stripped):
            out[-1] = out[-1].rstrip() + " " + stripped
        else:
            out.append(line)
    return out
