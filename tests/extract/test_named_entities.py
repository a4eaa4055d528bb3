"""People and organisations on no list, found by the statistical recogniser and checked by shape."""

from kg_builder.extract import extract
from kg_builder.extract.named_entities import is_given_name
from tests.conftest import make_article


def names(text):
    return {(m.kind.value, m.label) for m in extract(make_article(text)).mentions
            if m.kind.value in ("person", "organization")}


def test_named_entities_people_with_no_title():
    found = names("Yulia Svyrydenko, Ukraine's economy minister, welcomed the deal. "
                  "Amanda Lacaze said production would rise.")
    assert ("person", "Yulia Svyrydenko") in found and ("person", "Amanda Lacaze") in found


def test_named_entities_companies_banks_universities_on_no_list():
    found = names("Financial institutions JPMorgan Chase and Goldman Sachs are contributing $1 billion. "
                  "Analysts at Citic Securities agreed, and David Abraham of Boise State University said so.")
    assert {("organization", "JPMorgan Chase"), ("organization", "Goldman Sachs"),
            ("organization", "Citic Securities"), ("organization", "Boise State University")} <= found


def test_named_entities_names_keep_curly_apostrophes_and_hyphens():
    found = names("The National Logistics Corporation signed an agreement with Mota-Engil Group. "
                  "Saudi Arabia’s mining company Ma’aden welcomed it; Ma’aden will invest.")
    assert ("organization", "Mota-Engil Group") in found
    assert not any(label == "Engil Group" for _, label in found)


def test_named_entities_documents_slogans_and_handles_are_not_organisations():
    found = names("The two countries signed the MOU on Sunday under the Critical Raw Materials Act (CRMA). "
                  "Supporters chanted MAGA. Follow @RapidResponse47 for more.")
    labels = {label for _, label in found}
    assert not labels & {"MOU", "CRMA", "MAGA", "Critical Raw Materials Act", "Rapid Response"}


def test_named_entities_ordinary_capitalised_words_are_not_organisations():
    labels = {label for _, label in names("The Cabinet met on Monday. The State will decide.")}
    assert "Cabinet" not in labels and "State" not in labels


def test_named_entities_given_name_lexicon():
    assert is_given_name("Therese") and is_given_name("Anwar")
    assert not is_given_name("Khazanah") and not is_given_name("Rapid")


def test_named_entities_a_caption_is_read_and_the_front_of_a_building_name_is_no_organisation():
    e = extract(make_article("Chinese Commerce Minister Wang Wentao speaks at a press conference in Beijing, "
                             "Wednesday, March 6, 2024. (AP Photo/Ng Han Guan, File)"))
    assert {m.key for m in e.mentions if m.kind.name == "PERSON"} == {"person/wang-wentao"}
    e = extract(make_article("Leaders met at the Tokyo State House in Tokyo on Tuesday."))
    assert not [m for m in e.mentions if m.kind.name == "ORGANIZATION"]
