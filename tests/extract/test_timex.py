from datetime import date

import pytest

from kg_builder.extract.timex import article_anchor, find_times
from kg_builder.model import Precision
from kg_builder.read.dates import parse_date

TUESDAY = date(2025, 10, 28)


def values(text, anchor=TUESDAY):
    return [(t.text, t.value.value if t.value else None) for t in find_times(text, anchor)]


@pytest.mark.parametrize(("text", "expected"), [
    ("They signed the deal on Tuesday.", "2025-10-28"),
    ("Trump is scheduled to meet Xi on Thursday.", "2025-10-30"),
    ("He announced the pacts on Sunday.", "2025-10-26"),
    ("Takaichi, who last Tuesday became prime minister,", "2025-10-21"),
    ("They will meet again next Tuesday.", "2025-11-04"),
    ("With Tuesday’s meeting over,", "2025-10-28"),
    ("It happened yesterday.", "2025-10-27"),
])
def test_timex_weekdays_follow_the_article_date_and_the_tense(text, expected):
    assert values(text)[0][1] == expected


def test_timex_parenthesised_date_wins_over_the_weekday():
    assert values("On Wednesday (Oct 29), Trump heads to Seoul.") == [("On Wednesday (Oct 29)", "2025-10-29")]
    assert values("this Tuesday (28.Oct.2025).")[0][1] == "2025-10-28"


def test_timex_months_years_and_periods_keep_their_precision():
    (april,) = find_times("Beijing imposed export controls in early April.", TUESDAY)
    assert (april.value.value, april.value.precision, april.value.qualifier) == ("2025-04", Precision.MONTH, "early")
    assert values("Japan will plant trees next year.") == [("next year", "2026")]
    assert values("He last held talks with Abe in 2019.") == [("in 2019", "2019")]
    assert values("prices rose in March 2024") == [("in March 2024", "2024-03")]


def test_timex_deadlines_are_marked_and_resolved():
    (within,) = find_times("Within six months, both nations will pick projects.", TUESDAY)
    assert within.deadline and within.value.value == "2026-04" and within.value.qualifier == "by"
    (by,) = find_times("Eramet will build the smelter by 2027.", TUESDAY)
    assert by.deadline and by.value.value == "2027"


def test_timex_month_day_gets_the_year_the_tense_points_to():
    assert values("He met her on April 5.") == [("April 5", "2025-04-05")]
    assert values("He will go there on April 5.") == [("April 5", "2026-04-05")]


def test_timex_without_an_anchor_keeps_the_words_and_invents_nothing():
    found = find_times("They met on Tuesday and will meet next year, on October 28, 2025.", None)
    assert [(t.text, t.value) for t in found[:2]] == [("on Tuesday", None), ("next year", None)]
    assert found[2].value.value == "2025-10-28"


def test_timex_anchor_is_the_article_date_or_the_first_full_date_in_the_text():
    assert article_anchor(parse_date("2025-10-28"), "") == TUESDAY
    assert article_anchor(None, "A caption: Tokyo, on October 28, 2025.") == TUESDAY
    assert article_anchor(parse_date("October 28"), "no year anywhere") is None
