import pytest

from kg_builder.extract import extract
from tests.conftest import make_article


def organisations(text: str) -> list[str]:
    return [m.text for m in extract(make_article(text)).mentions if m.kind.value == "organization"]


@pytest.mark.parametrize("text", [
    "Sources told Reuters that a separate agreement was signed.",
    "The deal was struck on Friday, Bloomberg reported.",
    "Rare earths are scarce, according to a report by Bloomberg News.",
    "LONDON, Nov 12 (Reuters) - Prices rose.",
    "A draft of the agreement seen by Reuters gave the US preferential access.",
])
def test_an_outlet_named_as_the_source_is_no_actor(text):
    assert organisations(text) == []


def test_an_outlet_that_acts_stays_an_actor_and_the_story_keeps_its_actors():
    assert organisations("Reuters agreed to buy a data firm for $1 billion.") == ["Reuters"]
    assert organisations("Last month, Reuters reported Ma’aden was weighing a plant.") == ["Ma’aden"]
