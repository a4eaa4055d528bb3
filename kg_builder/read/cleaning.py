"""Noise that would create false facts: repeated paragraphs (photo captions),
phrases stuttered by a broken scraper, site footers, "Click here" lines, link
text, photo marks ("FILE - ", "(AP Photo/Jane Roe)") and related-headline lines.

>>> body = "Japan and the US signed a deal on rare earths on Tuesday."
>>> clean_lines([body, "Related story headline", "Click here to subscribe"]).lines
['Japan and the US signed a deal on rare earths on Tuesday.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FOOTER = re.compile(
    r"^\s*(?:click here|read more|read also|see also|related:|sign up|subscribe|follow us|share this|"
    r"advertisement\s*$|all rights reserved|copyright|©|download our app|watch:|listen:|photo:|image:)",
    re.I,
)
LINK_TEXT = re.compile(r"\s*Here is the [^.()]{0,60}\((?:PDF|DOC|DOCX|XLS)\b[^)]*\)\.?", re.I)
PHOTO_MARKS = re.compile(r"^\s*FILE\s*[-–—]\s+|\s*\([^()]{0,80}\b(?:Photo|Photos|Images|Pictures)\b[^()]{0,80}\)")
TERMINAL = re.compile(r"[.!?…\"”’)\]:;]\s*$")
WORD = re.compile(r"\w+")
MIN_BODY_WORDS = 8
MAX_HEADLINE_WORDS = 20
NEAR_DUPLICATE = 0.85


@dataclass(frozen=True)
class Cleaned:
    lines: list[str]
    removed: list[str]


def collapse_repeats(line: str) -> str:
    """Keep one copy of a phrase that a scraper repeated three or more times in a row.

    >>> collapse_repeats("at the Palace Deal at the Palace Deal at the Palace Deal in Tokyo")
    'at the Palace Deal in Tokyo'
    """
    words = line.split(" ")
    changed = True
    while changed:
        changed = False
        for size in range(2, 9):
            i = 0
            while i + 3 * size <= len(words):
                chunk = words[i:i + size]
                copies = 1
                while words[i + copies * size:i + (copies + 1) * size] == chunk:
                    copies += 1
                if copies >= 3:
                    del words[i + size:i + copies * size]
                    changed = True
                i += 1
    return " ".join(words)


def _signature(line: str) -> set[str]:
    return set(WORD.findall(line.lower()))


def _is_repeat(sig: set[str], seen: list[set[str]]) -> bool:
    if len(sig) < 6:
        return False
    return any(len(sig & other) / len(sig | other) >= NEAR_DUPLICATE for other in seen)


def clean_lines(lines: list[str], *, keep_first: int = 0) -> Cleaned:
    """Drop noisy lines. The first ``keep_first`` lines (title, standfirst) are never
    taken for related headlines."""
    kept: list[str] = []
    removed: list[str] = []
    seen: list[set[str]] = []
    body_started = False
    for index, raw in enumerate(lines):
        line = PHOTO_MARKS.sub("", LINK_TEXT.sub("", collapse_repeats(" ".join(raw.split())))).strip()
        if not line:
            continue
        words = WORD.findall(line)
        sig = _signature(line)
        reason = None
        if FOOTER.match(line):
            reason = "footer"
        elif _is_repeat(sig, seen):
            reason = "repeated paragraph"
        elif (body_started and index >= keep_first and len(words) <= MAX_HEADLINE_WORDS
              and not TERMINAL.search(line)):
            reason = "headline-like line inside the body"
        if reason:
            removed.append(f"{reason}: {raw.strip()[:120]}")
            continue
        kept.append(line)
        seen.append(sig)
        if len(words) >= MIN_BODY_WORDS and TERMINAL.search(line):
            body_started = True
    return Cleaned(kept, removed)
