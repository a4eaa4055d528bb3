from kg_builder.extract import extract
from tests.conftest import make_article


def test_memberships_party_in_brackets_or_after_of_the():
    found = extract(make_article(
        "Chinese President Xi Jinping (Chinese Communist Party, left) met British Prime Minister Keir Starmer, "
        "of the Labour Party, in Beijing.")).memberships
    assert {(m.person, m.organization) for m in found} == {
        ("person/xi-jinping", "organization/chinese-communist-party"),
        ("person/keir-starmer", "organization/labour-party")}


def test_memberships_not_from_an_organisation_that_is_not_a_party():
    assert extract(make_article("Prime Minister Jane Roe (Reuters) spoke.")).memberships == ()
