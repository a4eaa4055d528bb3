"""Time expressions in running text, absolute or relative to an anchor date.

News dates its events against the article's own date: "on Tuesday" in an article of
2025-10-28 (a Tuesday) is 2025-10-28, "Thursday" in a sentence about plans is
2025-10-30, "last Tuesday" is 2025-10-21, "in early April" is 2025-04. Without an anchor
a relative expression keeps its words and gets no value: nothing is invented.

>>> from datetime import date
>>> [(t.text, t.value.value if t.value else None) for t in find_times(
...     "On Sunday he signed; he will meet Xi on Thursday (Oct 30).", date(2025, 10, 28))]
[('On Sunday', '2025-10-26'), ('on Thursday (Oct 30)', '2025-10-30')]
>>> find_times("They met on Tuesday.", None)[0].value is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from kg_builder.extract.quantities import NUMBER_WORD_RE, parse_number
from kg_builder.model import DateValue, Precision
from kg_builder.read.dates import DATE_IN_TEXT, MONTHS, find_dates, parse_date

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
FULL_MONTHS = [m for m in MONTHS if len(m) > 3 or m == "may"]
DEADLINE = re.compile(r"^(by|within|before|until|no later than)\b", re.I)
FUTURE_CUES = re.compile(
    r"\b(will|would|shall|to be held|scheduled|expected to|plans? to|planning to|set to|due to|is to|are to"
    r"|intends? to|next|upcoming|later this|going to|heads? to)\b", re.I)

WEEKDAY = re.compile(
    rf"\b(?:(last|this|next|coming|past|on|later on|early on|late on|by|since|from|until)\s+)?"
    rf"({'|'.join(WEEKDAYS)})(?:['’]s)?(?:\s*\((?P<paren>[^)]{{3,24}})\))?", re.I)
DAY_WORD = re.compile(r"\b(today|yesterday|tomorrow|tonight)\b", re.I)
PERIOD = re.compile(r"\b(next|last|this|coming|past)\s+(week|month|year)\b", re.I)
MONTH_ONLY = re.compile(
    rf"\b(in|since|by|until|from|during|before|after|through)\s+(?:(early|mid|late|the end of)[\s-]+)?"
    rf"({'|'.join(FULL_MONTHS)})(?:,?\s+(?P<year>(?:19|20)\d{{2}}))?\b(?!\s+\d)", re.I)
YEAR_ONLY = re.compile(r"\b(in|since|by|until|from|during|before|after|through)\s+((?:19|20)\d{2})\b(?![-/]\d)", re.I)
WITHIN = re.compile(rf"\b(within|in|over)\s+(?:the\s+next\s+)?(\d+|{NUMBER_WORD_RE})\s+(days?|weeks?|months?|years?)\b",
                    re.I)


@dataclass(frozen=True)
class TimeExpr:
    """A time expression: its offsets in the text, its words and, where it can be resolved, its value."""

    start: int
    end: int
    text: str
    value: DateValue | None
    deadline: bool = False


def article_anchor(published: DateValue | None, text: str) -> date | None:
    """The date relative expressions are read against: the article's own date if it is a full date,
    else the first full date its text gives (as in narrative documents); ``None`` if neither."""
    if published is not None and published.precision is Precision.DAY:
        return date.fromisoformat(published.value)
    for _, _, value in find_dates(text):
        if value.precision is Precision.DAY:
            return date.fromisoformat(value.value)
    return None


def _day(d: date, text: str, qualifier: str | None = None) -> DateValue:
    return DateValue(d.isoformat(), Precision.DAY, text, qualifier)


def _complete(value: DateValue, anchor: date | None, future: bool) -> DateValue:
    """Give a month-day the year that puts it on the side of the anchor the tense points to."""
    if value.precision is not Precision.MONTH_DAY or anchor is None:
        return value
    month, day = int(value.value[2:4]), int(value.value[5:7])
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    side = [d for d in options if (d >= anchor if future else d <= anchor)] or options
    best = min(side, key=lambda d: abs((d - anchor).days))
    return _day(best, value.text)


def _weekday(m: re.Match, anchor: date | None, future: bool) -> DateValue | None:
    text = m.group(0)
    if m["paren"] and (explicit := parse_date(m["paren"])):
        return _complete(replace(explicit, text=text), anchor, future)
    if anchor is None:
        return None
    modifier = (m[1] or "").lower()
    delta = WEEKDAYS.index(m[2].lower()) - anchor.weekday()
    if modifier in ("last", "past"):
        delta = delta - 7 if delta >= 0 else delta
    elif modifier in ("next", "coming"):
        delta = delta + 7 if delta <= 0 else delta
    elif future or modifier in ("by", "until"):
        delta = delta + 7 if delta < 0 else delta
    else:
        delta = delta - 7 if delta > 0 else delta
    return _day(anchor + timedelta(days=delta), text)


def _month_only(m: re.Match, anchor: date | None, future: bool) -> DateValue | None:
    month = MONTHS[m[3].lower()]
    qualifier = (m[2] or "").lower() or None
    if m["year"]:
        return DateValue(f"{m['year']}-{month:02d}", Precision.MONTH, m.group(0), qualifier)
    if anchor is None:
        return None
    year = anchor.year
    if future and month < anchor.month:
        year += 1
    elif not future and month > anchor.month:
        year -= 1
    return DateValue(f"{year:04d}-{month:02d}", Precision.MONTH, m.group(0), qualifier)


def _shift_months(anchor: date, months: int) -> date:
    year, month = divmod(anchor.month - 1 + months, 12)
    day = min(anchor.day, 28)
    return date(anchor.year + year, month + 1, day)


def _within(m: re.Match, anchor: date | None) -> DateValue | None:
    number = parse_number(m[2])
    if anchor is None or number is None:
        return None
    unit, n = m[3].lower().rstrip("s"), int(number)
    if unit == "day":
        return _day(anchor + timedelta(days=n), m.group(0), "by")
    if unit == "week":
        return _day(anchor + timedelta(weeks=n), m.group(0), "by")
    if unit == "month":
        end = _shift_months(anchor, n)
        return DateValue(f"{end.year:04d}-{end.month:02d}", Precision.MONTH, m.group(0), "by")
    return DateValue(f"{anchor.year + n:04d}", Precision.YEAR, m.group(0), "by")


def _period(m: re.Match, anchor: date | None) -> DateValue | None:
    if anchor is None:
        return None
    step = {"next": 1, "coming": 1, "last": -1, "past": -1, "this": 0}[m[1].lower()]
    unit = m[2].lower()
    if unit == "year":
        return DateValue(f"{anchor.year + step:04d}", Precision.YEAR, m.group(0))
    if unit == "month":
        d = _shift_months(anchor, step)
        return DateValue(f"{d.year:04d}-{d.month:02d}", Precision.MONTH, m.group(0))
    return None  # a week has no XSD form; the words are kept


def _day_word(m: re.Match, anchor: date | None) -> DateValue | None:
    if anchor is None:
        return None
    delta = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[m[1].lower()]
    return _day(anchor + timedelta(days=delta), m.group(0))


def find_times(text: str, anchor: date | None) -> list[TimeExpr]:
    """Every time expression in ``text`` (one sentence), resolved against ``anchor`` where it can be.

    Whether a bare weekday or month lies before or after the anchor follows the sentence: words of
    plans ("will", "is scheduled to", "plans to") point forward, anything else back.
    """
    found: list[TimeExpr] = []
    for m in WEEKDAY.finditer(text):
        found.append(TimeExpr(m.start(), m.end(), m.group(0), _weekday(m, anchor, _future(text, m))))
    for m in DAY_WORD.finditer(text):
        found.append(TimeExpr(m.start(), m.end(), m.group(0), _day_word(m, anchor)))
    for m in PERIOD.finditer(text):
        found.append(TimeExpr(m.start(), m.end(), m.group(0), _period(m, anchor)))
    for m in WITHIN.finditer(text):
        found.append(TimeExpr(m.start(), m.end(), m.group(0), _within(m, anchor), deadline=True))
    for m in MONTH_ONLY.finditer(text):
        found.append(TimeExpr(m.start(), m.end(), m.group(0), _month_only(m, anchor, _future(text, m))))
    for m in YEAR_ONLY.finditer(text):
        found.append(TimeExpr(m.start(), m.end(), m.group(0), DateValue(m[2], Precision.YEAR, m.group(0))))
    for m in DATE_IN_TEXT.finditer(text):
        value = parse_date(m.group(0))
        if value is not None:
            found.append(TimeExpr(m.start(), m.end(), m.group(0), _complete(value, anchor, _future(text, m))))
    return [replace(t, deadline=True) if DEADLINE.match(t.text) else t for t in _longest(found)]


def _future(text: str, m: re.Match) -> bool:
    """Whether the clause around a match speaks of plans."""
    start = max(text.rfind(";", 0, m.start()), text.rfind(". ", 0, m.start())) + 1
    end = min((i for i in (text.find(";", m.end()), text.find(". ", m.end())) if i >= 0), default=len(text))
    return bool(FUTURE_CUES.search(text[start:end]))


def _longest(found: list[TimeExpr]) -> list[TimeExpr]:
    kept: list[TimeExpr] = []
    for t in sorted(found, key=lambda t: (-(t.end - t.start), t.start)):
        if not any(t.start < k.end and k.start < t.end for k in kept):
            kept.append(t)
    return sorted(kept, key=lambda t: t.start)
