"""What the timeline picture shows: the events and agreements of the saved query ``timeline-items``,
each placed in time by its date at its own precision (a day, or the whole month or year it names),
those without a year listed apart, and the window to open on: the span of the bulk of the dates, so
that one far-off item does not squash the rest (zooming out shows it).

>>> span("2025-04")
('2025-04-01', '2025-05-01', 'month')
>>> span("--10-28") is None
True
>>> initial_window(["2019-01-01", "2025-04-01"] + ["2025-10-26"] * 4 + ["2025-10-28"] * 3 + ["2025-10-30"])
('2025-10-23', '2025-11-02')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from statistics import quantiles

from kg_builder.serve.queries import get_query, run_query, split_cell
from kg_builder.serve.results import to_records

QUERY = "timeline-items"
MIN_PADDING_DAYS = 3  # the window around the bulk of the dates reaches at least this far either side
FENCE = 1.5  # Tukey's fences: dates further than this many interquartile ranges out are outliers


def span(value: str) -> tuple[str, str | None, str] | None:
    """Where a date lies on the time axis: its start, its end (for a month or a year; none for a day)
    and its precision; None for a date without a year (``--10-28``) or none at all."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value, None, "day"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        year, month = int(value[:4]), int(value[5:])
        end = date(year + month // 12, month % 12 + 1, 1)
        return f"{value}-01", end.isoformat(), "month"
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-01-01", f"{int(value) + 1:04d}-01-01", "year"
    return None


def initial_window(starts: list[str]) -> tuple[str, str] | None:
    """The window that shows the bulk of the dates: those within Tukey's fences (1.5 interquartile
    ranges beyond the quartiles), with a tenth of their span (at least three days) either side."""
    days = sorted(date.fromisoformat(s).toordinal() for s in starts)
    if not days:
        return None
    if len(days) >= 4:
        q1, _, q3 = quantiles(days, n=4, method="inclusive")
        low, high = q1 - FENCE * (q3 - q1), q3 + FENCE * (q3 - q1)
        days = [d for d in days if low <= d <= high]
    padding = max(MIN_PADDING_DAYS, (days[-1] - days[0]) // 10)
    return (date.fromordinal(days[0] - padding).isoformat(), date.fromordinal(days[-1] + padding).isoformat())


def timeline(graph, given: Mapping[str, str]) -> dict:
    """The items of the timeline (``dated``, in date order), the ones without a year (``undated``) and
    the window to open on; ``given`` holds the query's parameters (participant, mineral), checked and
    bound as terms by the saved query's runner."""
    dated, undated = [], []
    for row in to_records(run_query(graph, get_query(QUERY), given)):
        item = {"id": row["item"], "category": row["category"], "kind": row["kind"] or row["category"].title(),
                "label": row["label"] or row["item"].rsplit("/", 1)[-1], "date": row["date"],
                "dateText": row["dateText"], "status": row["status"], "place": row["place"],
                "participants": split_cell(row["participants"]), "minerals": split_cell(row["minerals"]),
                "sources": int(row["sources"] or 0)}
        where = span(row["date"])
        if where is None:
            undated.append(item)
        else:
            item["start"], item["end"], item["precision"] = where
            dated.append(item)
    window = initial_window([item["start"] for item in dated])
    return {"dated": dated, "undated": undated,
            "window": {"start": window[0], "end": window[1]} if window else None}
