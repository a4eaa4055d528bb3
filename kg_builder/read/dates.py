"""Dates written in news text, read with their precision and surface words.

Nothing is guessed: a date without a year stays a month-day.

>>> parse_date("10/28/25").value
'2025-10-28'
>>> parse_date("28.Oct.2025").value
'2025-10-28'
>>> parse_date("October 28").value
'--10-28'
>>> parse_date("2025-10-28").precision.value
'day'
"""

from __future__ import annotations

import re
from datetime import date

from kg_builder.model import DateValue, Precision

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
MONTH_RE = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.+\-Z]*)?$")
SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
DOTTED = re.compile(rf"^(\d{{1,2}})[.\s-]+({MONTH_RE})[.\s-]*(\d{{4}})$", re.I)
MONTH_FIRST = re.compile(rf"^({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?$", re.I)
DAY_FIRST = re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_RE})(?:,?\s+(\d{{4}}))?$", re.I)
MONTH_YEAR = re.compile(rf"^({MONTH_RE})\s+(\d{{4}})$", re.I)

# Where such dates stand in running text (used to find them, then parse_date reads them).
DATE_IN_TEXT = re.compile(
    rf"\b(\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}})|\d{{1,2}}\.{MONTH_RE}\.?\d{{4}}"
    rf"|{MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{MONTH_RE}(?:,?\s+\d{{4}})?)\b",
    re.I,
)


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _full(year: int, month: int, day: int, text: str) -> DateValue | None:
    try:
        return DateValue(date(year, month, day).isoformat(), Precision.DAY, text)
    except ValueError:
        return None


def _month_day(month: int, day: int, text: str) -> DateValue | None:
    if _full(2000, month, day, text) is None:  # 2000 is a leap year: 29 February is valid
        return None
    return DateValue(f"--{month:02d}-{day:02d}", Precision.MONTH_DAY, text)


WEEKDAY = re.compile(r"^(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+", re.I)
CLOCK = re.compile(r"(?:\s*[-–|,@]?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
                   r"(?:\s*(?:[A-Z]{2,5}|UTC[+-]?\d*|GMT[+-]?\d*))?)\s*$", re.I)


def parse_date(text: str) -> DateValue | None:
    """Read one date expression; ``None`` if it is not one of the known forms. A weekday before it and
    a clock time after it are allowed.

    >>> parse_date("THURSDAY, OCTOBER 09, 2025").value, parse_date("Nov 19, 2025 12:03 GMT").value
    ('2025-10-09', '2025-11-19')
    """
    s = CLOCK.sub("", WEEKDAY.sub("", text.strip())).strip().rstrip(",")
    if m := ISO.match(s):
        return _full(int(m[1]), int(m[2]), int(m[3]), text)
    if m := SLASHED.match(s):
        first, second, year = int(m[1]), int(m[2]), int(m[3])
        year += 2000 if year < 100 else 0
        month, day = (first, second) if first <= 12 else (second, first)  # US order unless impossible
        return _full(year, month, day, text)
    if m := DOTTED.match(s):
        return _full(int(m[3]), _month(m[2]), int(m[1]), text)
    if m := MONTH_FIRST.match(s):
        return _full(int(m[3]), _month(m[1]), int(m[2]), text) if m[3] else _month_day(_month(m[1]), int(m[2]), text)
    if m := DAY_FIRST.match(s):
        return _full(int(m[3]), _month(m[2]), int(m[1]), text) if m[3] else _month_day(_month(m[2]), int(m[1]), text)
    if m := MONTH_YEAR.match(s):
        return DateValue(f"{int(m[2]):04d}-{_month(m[1]):02d}", Precision.MONTH, text)
    return None


def find_dates(text: str) -> list[tuple[int, int, DateValue]]:
    """Every date expression in a text, with its offsets."""
    out = []
    for m in DATE_IN_TEXT.finditer(text):
        value = parse_date(m.group(0))
        if value is not None:
            out.append((m.start(), m.end(), value))
    return out
