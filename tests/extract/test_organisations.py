from kg_builder.extract import extract
from tests.conftest import make_article


def orgs(text):
    return {(m.text, m.key, m.subtype) for m in extract(make_article(text)).mentions if m.kind.value == "organization"}


def test_organisations_by_form():
    found = orgs("The Ministry of Energy and Mineral Resources signed an MoU with Eramet Group and Kobalt Mining Inc.")
    assert ("Ministry of Energy and Mineral Resources", "organization/ministry-of-energy-and-mineral-resources",
            "GovernmentBody") in found
    assert ("Eramet Group", "organization/eramet-group", "Company") in found
    assert ("Kobalt Mining Inc.", "organization/kobalt-mining-inc", "Company") in found


def test_organisations_party_by_form():
    assert ("Progressive Labour Party", "organization/progressive-labour-party", "PoliticalParty") in orgs(
        "He leads the Progressive Labour Party in parliament.")


def test_organisations_governments_named_through_countries():
    found = orgs("The Japanese government and the US Government agreed, as did the government of Chile.")
    assert {key for _, key, _ in found} == {"organization/government-jp", "organization/government-us",
                                            "organization/government-cl"}
