import pytest

from kg_builder.extract import extract
from tests.conftest import make_article


def reading(text, name):
    mention = next(m for m in extract(make_article(text)).mentions if m.text == name)
    return mention.key


@pytest.mark.parametrize(
    ("text", "name", "key"),
    [
        ("Beijing imposed export controls on gallium in July.", "Beijing", "country/cn"),
        ("Both Washington and Tokyo want new mines.", "Tokyo", "country/jp"),
        ("Exporters said Beijing has tightened oversight.", "Beijing", "country/cn"),
        ("The deal is part of Washington’s effort to diversify.", "Washington", "country/us"),
        ("Ministers are building ties with Canberra.", "Canberra", "country/au"),
        ("Talks were held in Beijing last week.", "Beijing", "place/beijing"),
        ("They met at Tokyo’s Akasaka Palace.", "Tokyo", "place/tokyo"),
        ("Tokyo, October 28: the leaders signed.", "Tokyo", "place/tokyo"),
        ("Brussels said the list would be revised.", "Brussels", "organization/european-union"),
    ],
)
def test_metonyms_capital_as_its_state_or_place(text, name, key):
    assert reading(text, name) == key


def test_metonyms_inside_longer_names_are_not_capitals():
    mentions = extract(make_article("The USS George Washington sailed; the Washington Post reported it.")).mentions
    assert not any(m.text == "Washington" for m in mentions)
