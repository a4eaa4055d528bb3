from kg_builder.extract import extract
from tests.conftest import make_article


def people(text):
    extraction = extract(make_article(text))
    return ({m.key: m.label for m in extraction.mentions if m.kind.value == "person"},
            {(r.person, r.role, r.of, r.qualifier) for r in extraction.roles})


def test_people_title_before_unknown_name_gives_person_and_post():
    found, roles = people("Australian Prime Minister Anthony Albanese met investors in Perth.")
    assert found == {"person/anthony-albanese": "Anthony Albanese"}
    assert roles == {("person/anthony-albanese", "role/prime-minister", "country/au", None)}


def test_people_possessive_country_and_qualifier():
    _, roles = people("Indonesia’s new Trade Minister Budi Santoso signed the pact.")
    assert roles == {("person/budi-santoso", "role/trade-minister", "country/id", "new")}


def test_people_lower_case_title_and_reference_person():
    found, roles = people("US president Donald Trump spoke.")
    assert "person/donald-trump" in found
    assert ("person/donald-trump", "role/president", "country/us", None) in roles


def test_people_appositive_post():
    _, roles = people("Jane Marie Doe, the chief executive of Tesla, said output would rise.")
    assert ("person/jane-marie-doe", "role/chief-executive", "organization/tesla", None) in roles


def test_people_appositive_needs_a_closed_phrase():
    _, roles = people("With the meeting with Trump, the new Prime Minister of Japan called for a golden age.")
    assert not any(r[0] == "person/donald-trump" for r in roles)


def test_people_honorific_and_speaker_rules():
    found, roles = people("Mr Okafor left early. Later, Grace Mensah said the mine would reopen.")
    assert found == {"person/okafor": "Okafor", "person/grace-mensah": "Grace Mensah"}
    assert roles == set()


def test_people_headline_case_gives_no_names():
    found, _ = people("Trump, Japan PM Sign Critical Minerals Deal Amid China Market Clout")
    assert set(found) == {"person/donald-trump"}
