"""Title, publication date, publisher and authors stated in an article's own text.

>>> meta = read_header(["Deal signed", "", "By Jane Roe", "Published on 10/28/25", "Japan signed it on Tuesday."])
>>> meta.title, meta.published.value, meta.authors
('Deal signed', '2025-10-28', ('Jane Roe',))
>>> meta.body
['Deal signed', 'Japan signed it on Tuesday.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg_builder.model import DateValue, Precision
from kg_builder.read.dates import MONTH_RE, parse_date

BYLINE = re.compile(r"^\s*By\s+([A-Z][\w.'’-]+(?:\s+(?:and\s+)?[A-Z][\w.'’-]+){0,5})"
                    r"(?:\s*[,–—|-]\s*(?:the\s+)?[A-Z][\w.&'’ ]{1,40})?\s*$")  # "By JANE ROE – Associated Press"
PUBLISHED = re.compile(r"^\s*(?:published|updated|posted|date|dated)\s*(?:on|:)?\s*(.+?)\s*$", re.I)
READING_TIME = re.compile(r"^[·•|\s]*\d+\s*(?:min|mins|minute|minutes)\.?\s+read\s*$", re.I)
WIRE_AGENCIES = ("Reuters", "AP", "AFP", "Bloomberg", "Xinhua", "dpa", "DPA", "Kyodo", "UPI", "PTI", "IANS", "ANI",
                 "Yonhap", "Bernama", "AAP", "Antara", "TASS", "Interfax", "Anadolu", "CNA", "KUNA", "WAM", "SPA",
                 "EFE", "Efe", "Lusa", "ANSA", "Jiji", "Jiji Press", "BSS", "APP", "CP", "Agence France-Presse")
WIRE_DATELINE = re.compile(r"^([A-Z][A-Z .'’/-]{1,40}?)(?:,\s*[A-Z][A-Za-z0-9 .'’-]{1,30})?\s*"
                           r"\((" + "|".join(re.escape(a) for a in WIRE_AGENCIES) + r")\)\s*[-–—]+\s*(?=\S)")
HEADER_LINES = 12  # how far down the text a repeated author name or a reading time is still header matter
DATE_PREFIX = re.compile(r"^\s*(?:date|dated|published)\s*:?\s*(\d{4}-\d{2}-\d{2})\s+", re.I)
DATELINE = re.compile(
    rf"^\s*([A-Z][A-Za-z .'’-]{{1,40}}),\s+({MONTH_RE}\s+\d{{1,2}}(?:,\s*\d{{4}})?)\s*[:\-–—(]", re.I
)
INLINE_DATE = re.compile(rf"\((\d{{1,2}}\.{MONTH_RE}\.?\d{{4}})\)", re.I)
PUBLISHER = re.compile(r"^\s*(?:published by|source:|©|copyright)\s*(?:©\s*)?(?:\d{4}\s+)?(.+?)\.?\s*$", re.I)
TERMINAL = re.compile(r"[.!…\"”’]\s*$")
MAX_TITLE_WORDS = 25
DATE_LINE_WORDS = 8
INLINE_DATE_WINDOW = 3  # body paragraphs searched for "(28.Oct.2025)"


@dataclass
class Header:
    title: str | None = None
    published: DateValue | None = None
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    body: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _looks_like_title(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= MAX_TITLE_WORDS and not TERMINAL.search(line) and not DATELINE.match(line)


def read_header(lines: list[str]) -> Header:
    """Take metadata lines out of the text and read the title and dates."""
    header = Header()
    non_empty = [i for i, line in enumerate(lines) if line.strip()]
    if len(non_empty) > 1 and _looks_like_title(lines[non_empty[0]].strip()):
        header.title = " ".join(lines[non_empty[0]].split())
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if m := BYLINE.match(stripped):
            header.authors = tuple(_name_case(a.strip()) for a in re.split(r"\s+and\s+", m[1]))
            header.removed.append(f"byline: {stripped}")
            continue
        if (m := PUBLISHED.match(stripped)) and (value := parse_date(m[1])):
            header.published = header.published or value
            header.removed.append(f"date line: {stripped}")
            continue
        if len(stripped.split()) <= 12 and (m := PUBLISHER.match(stripped)):
            header.publisher = header.publisher or m[1].strip()
            header.removed.append(f"publisher line: {stripped}")
            continue
        if header.published is None and len(stripped.split()) <= DATE_LINE_WORDS and (value := parse_date(stripped)) \
                and value.precision is Precision.DAY:
            header.published = value  # a line that is only a date: "THURSDAY, OCTOBER 09, 2025"
            header.removed.append(f"date line: {stripped}")
            continue
        if m := DATE_PREFIX.match(line):
            header.published = header.published or parse_date(m[1])
            header.removed.append(f"date prefix: {m[0].strip()}")
            line = line[m.end():]
        header.body.append(" ".join(line.split()))
    _drop_author_lines(header)
    if header.published is None:
        header.published = _date_in_body(header.body)
    _wire_dateline(header)
    return header


def _wire_dateline(header: Header) -> None:
    """A wire dateline ("SANTIAGO DE CHILE (Reuters) - German Chancellor ...") opens the first
    paragraph: the agency is the publisher, and the city is where the story was filed, not a place
    the story is about (nor its country an actor); both are taken out of the text."""
    for index, line in enumerate(header.body[:6]):
        if m := WIRE_DATELINE.match(line):
            header.publisher = header.publisher or m[2].strip()
            header.removed.append(f"wire dateline: {m[0].strip()}")
            header.body[index] = line[m.end():]
            return


def _name_case(name: str) -> str:
    """An author's name as names are written: "ELAINE KURTENBACH" -> "Elaine Kurtenbach"."""
    return " ".join(w.capitalize() if w.isupper() and len(w) > 1 and not w.endswith(".") else w for w in name.split())


def _drop_author_lines(header: Header) -> None:
    """Near the top, a line that is only an author's name (the byline shown twice) or a reading time
    ("2 min read") is header matter, not text that names a person in the story."""
    authors = {a.lower() for a in header.authors}
    kept = []
    for index, line in enumerate(header.body):
        near_top = index < HEADER_LINES
        if near_top and (READING_TIME.match(line) or (line.strip().lower() in authors and index > 0)):
            header.removed.append(f"{'reading time' if READING_TIME.match(line) else 'author line'}: {line.strip()}")
            continue
        kept.append(line)
    header.body = kept


def _date_in_body(body: list[str]) -> DateValue | None:
    start = 1 if len(body) > 1 else 0
    for line in body[:start + INLINE_DATE_WINDOW]:
        if m := DATELINE.match(line):
            return parse_date(m[2])
    for line in body[:start + INLINE_DATE_WINDOW]:
        if m := INLINE_DATE.search(line):
            return parse_date(m[1])
    return None
