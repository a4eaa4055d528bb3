import pytest

from kg_builder.model import Precision
from kg_builder.read.dates import find_dates, parse_date


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("2025-10-28", "2025-10-28", Precision.DAY),
        ("10/28/25", "2025-10-28", Precision.DAY),
        ("28/10/2025", "2025-10-28", Precision.DAY),
        ("28.Oct.2025", "2025-10-28", Precision.DAY),
        ("October 28, 2025", "2025-10-28", Precision.DAY),
        ("28 October 2025", "2025-10-28", Precision.DAY),
        ("October 28", "--10-28", Precision.MONTH_DAY),
        ("Sept. 3", "--09-03", Precision.MONTH_DAY),
        ("April 2025", "2025-04", Precision.MONTH),
    ],
)
def test_dates_parse_known_forms(text, value, precision):
    date = parse_date(text)
    assert date is not None
    assert (date.value, date.precision, date.text) == (value, precision, text)


@pytest.mark.parametrize("text", ["February 30", "13/13/25", "2025-02-30", "next week", ""])
def test_dates_reject_impossible_or_unknown(text):
    assert parse_date(text) is None


def test_dates_find_in_running_text_keeps_offsets():
    text = "They met on October 28, 2025 and again on 3 November."
    found = find_dates(text)
    assert [(text[s:e], d.value) for s, e, d in found] == [("October 28, 2025", "2025-10-28"),
                                                           ("3 November", "--11-03")]


def test_dates_month_day_carries_no_invented_year():
    assert parse_date("October 28").value.startswith("--")
