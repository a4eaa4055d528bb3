"""Dates of the graph (``xsd:date``, ``xsd:gYearMonth``, ``xsd:gYear``, ``xsd:gMonthDay``) as people
write them; anything else is left as it is.

>>> [human_date(d) for d in ("2025-10-28", "2025-10", "2025", "--10-28", "last week")]
['28 October 2025', 'October 2025', '2025', '28 October', 'last week']
"""

from __future__ import annotations

import calendar
import re

FORMS = ((re.compile(r"(\d{4})-(\d\d)-(\d\d)"), "{d} {m} {y}"), (re.compile(r"(\d{4})-(\d\d)"), "{m} {y}"),
         (re.compile(r"--(\d\d)-(\d\d)"), "{d} {m}"))


def human_date(text: str) -> str:
    for pattern, form in FORMS:
        if match := pattern.fullmatch(text):
            parts = match.groups()
            year, month, day = (parts if len(parts) == 3 else (parts[0], parts[1], "") if form == "{m} {y}"
                                else ("", parts[0], parts[1]))
            if not 1 <= int(month) <= 12:
                return text
            return form.format(d=int(day) if day else "", m=calendar.month_name[int(month)], y=year)
    return text
