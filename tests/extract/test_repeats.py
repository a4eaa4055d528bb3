from kg_builder.extract import extract
from tests.conftest import make_article


def test_repeats_a_name_found_once_is_found_everywhere():
    mentions = extract(make_article("Officials from Noveon Magnetics met on Monday. Later, Noveon Magnetics "
                                    "said it would buy the oxide.")).mentions
    found = [m for m in mentions if m.text == "Noveon Magnetics"]
    assert len(found) == 2 and len({m.key for m in found}) == 1
