from decimal import Decimal

from kg_builder.extract import extract
from kg_builder.keys import figure_key, measure_key
from tests.conftest import make_article


def figures(text):
    return [(f.about, f.quantity, f.unit, f.measure, f.topics, f.qualifier)
            for f in extract(make_article(text)).figures]


def test_figures_percent_share_with_qualifier_and_topic():
    assert figures("China processes more than 90% of the world's rare earths.") == [
        ("country/cn", Decimal("90"), "percent", "processing share", ("mineral/rare-earth-elements",), "more than")]
    assert figures("China processes more than 90pc of the world's rare earths.")[0][1] == Decimal("90")


def test_figures_counts_in_words():
    assert figures("The United States has just one operational rare earth mine.") == [
        ("country/us", Decimal("1"), "operational rare earth mine", "count", ("mineral/rare-earth-elements",),
         "just")]


def test_figures_need_an_actor_and_a_verb_or_qualifier():
    assert figures("Tariffs of 25% hit imports.") == []
    assert figures("About 40% of lithium is refined abroad.") == []
    assert figures("The 2 countries signed.") == []


def test_figures_same_measure_gives_the_same_measure_key():
    a = extract(make_article("China refines about 60% of the world's lithium.")).figures[0]
    b = extract(make_article("China refining about 65% of lithium, the agency said.")).figures[0]
    assert measure_key(a) == measure_key(b) and figure_key(a) != figure_key(b) and a.quantity != b.quantity
