from kg_builder.extract import extract
from tests.conftest import make_article


def keys_of(text, surface):
    return {m.key for m in extract(make_article(text)).mentions if m.text == surface}


def test_acronyms_bracketed_acronym_is_the_full_name():
    text = ("The MoU was signed between USSM and the Frontier Works Organisation (FWO). "
            "FWO will build the refinery.")
    (full,) = keys_of(text, "Frontier Works Organisation")
    assert keys_of(text, "FWO") == {full}


def test_acronyms_of_laws_name_no_actor():
    text = "Under the Critical Raw Materials Act (CRMA), projects get support. The CRMA sets targets."
    assert keys_of(text, "CRMA") == set()
