from kg_builder.extract import extract
from tests.conftest import make_article


def keys(text):
    return [(m.text, m.key) for m in extract(make_article(text)).mentions]


def test_gazetteer_countries_by_name_alias_and_exact_case():
    found = keys("The U.S. and South Korea met; the DRC was not there, and they told us nothing.")
    assert ("U.S.", "country/us") in found and ("South Korea", "country/kr") in found
    assert ("DRC", "country/cd") in found
    assert all(text != "us" for text, _ in found)


def test_gazetteer_minerals_and_sectors_ignore_case_but_not_acronyms():
    found = keys("Rare Earths and lithium feed EV makers and the ev charging of magnets.")
    assert ("Rare Earths", "mineral/rare-earth-elements") in found
    assert ("lithium", "mineral/lithium") in found
    assert ("EV", "sector/electric-vehicles") in found
    assert ("ev", "sector/electric-vehicles") not in found


def test_gazetteer_mineral_and_sector_may_overlap_but_not_inside_a_name():
    found = keys("Demand for rare earth magnets grows, says Lynas Rare Earths.")
    assert ("rare earth magnets", "sector/magnets") in found
    assert ("rare earth", "mineral/rare-earth-elements") in found
    assert ("Lynas Rare Earths", "organization/lynas") in found
    assert ("Rare Earths", "mineral/rare-earth-elements") not in found


def test_gazetteer_longest_match_wins_within_a_kind():
    found = keys("Investors backed renewable energy and advanced manufacturing.")
    assert ("renewable energy", "sector/clean-energy") in found
    assert ("advanced manufacturing", "sector/advanced-manufacturing") in found
    assert ("energy", "sector/energy") not in found and ("manufacturing", "sector/manufacturing") not in found


def test_gazetteer_demonyms_name_countries_but_not_the_home_of_a_source():
    from kg_builder.extract import extract
    from tests.conftest import make_article

    mentions = extract(make_article("Swiss miner Glencore and Cambodian officials agreed, the British newspaper "
                                    "said.")).mentions
    countries = {m.key for m in mentions if m.kind.value == "country"}
    assert countries == {"country/ch", "country/kh"}


def test_gazetteer_congo_is_the_drc_when_the_article_names_it():
    from kg_builder.extract import extract
    from tests.conftest import make_article

    keys = [m.key for m in extract(make_article("The Democratic Republic of Congo banned cobalt exports. Congo "
                                                "mines most cobalt.")).mentions if m.kind.value == "country"]
    assert keys == ["country/cd", "country/cd"]
    assert [m.key for m in extract(make_article("Congo exports oil.")).mentions] == ["country/cg"]


def test_gazetteer_a_one_word_alias_that_ends_a_longer_name_is_not_that_entity():
    def organisations(text):
        return {m.key for m in extract(make_article(text)).mentions if m.kind.name == "ORGANIZATION"}

    assert "organization/us-congress" not in organisations(
        "Wang Wentao spoke on the sideline of the National People's Congress in Beijing on Monday.")
    assert "organization/us-congress" not in organisations("The Indian National Congress opposed the deal.")
    assert organisations("The bill went to Congress on Monday.") == {"organization/us-congress"}
    assert organisations("Congress passed the bill on Monday.") == {"organization/us-congress"}
