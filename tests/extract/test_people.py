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


def _people(text):
    return {(m.text, m.key) for m in extract(make_article(text)).mentions if m.kind.value == "person"}


def test_people_royal_titles_and_name_particles():
    found = _people("Saudi Energy Minister Prince Abdulaziz bin Salman met Crown Prince Mohammed bin Salman.")
    assert found == {("Abdulaziz bin Salman", "person/abdulaziz-bin-salman"),
                     ("Mohammed bin Salman", "person/mohammed-bin-salman")}


def test_people_initials_and_names_the_lexicon_lacks_when_the_sentence_says_they_are_people():
    found = _people("The MoU was signed by Union Minister G. Kishan Reddy and H.E. Raul Alejandro Jalil. "
                    "“It works,” the fund’s investment chief Pandu Sjahrir told Reuters.")
    assert {"G. Kishan Reddy", "Raul Alejandro Jalil", "Pandu Sjahrir"} <= {text for text, _ in found}
    assert not _people("Green Transition said the plan works.")


def test_people_a_known_person_under_a_misspelt_name():
    assert _people("Donal Trump said he would go.") == {("Donal Trump", "person/donald-trump")}
    assert _people("Prime Minister Sanae Takaichy said so.") == {("Sanae Takaichy", "person/sanae-takaichi")}
    assert ("Donald Tusk", "person/donald-tusk") in _people("Polish Prime Minister Donald Tusk said so.")


def test_people_social_media_handles_are_not_people():
    assert _people("Follow @realDonaldTrump and @anwaribrahim for updates.") == set()


def test_people_after_a_titles_portfolio():
    found = _people("The MoU was signed by Commissioner for Trade Valdis Dombrovskis. Minister for Foreign Affairs "
                    "Penny Wong met the Minister for Coal and Mines, G. Kishan Reddy.")
    assert {"Valdis Dombrovskis", "Penny Wong", "G. Kishan Reddy"} <= {text for text, _ in found}
    assert not any("Trade" in text or "Foreign" in text for text, _ in found)


def test_people_hyphenated_names_after_a_title_and_their_surname_later():
    e = extract(make_article("The memorandum was signed in the presence of President Kassym-Jomart Tokayev, who "
                             "arrived on Wednesday. The signing followed a meeting between Tokayev and officials. "
                             "Minister Anne-Marie Trevelyan said the Anglo-American deal would go ahead."))
    people = {(m.text, m.key) for m in e.mentions if m.kind.name == "PERSON"}
    assert people == {("Kassym-Jomart Tokayev", "person/kassym-jomart-tokayev"),
                      ("Tokayev", "person/kassym-jomart-tokayev"),
                      ("Anne-Marie Trevelyan", "person/anne-marie-trevelyan")}
    assert not [m for m in e.mentions if m.kind.name == "ORGANIZATION" and "Tokayev" in m.text]


def test_people_a_rare_name_after_a_long_portfolio():
    found, roles = people("The agreement was signed by Kazakhstan's Minister of Industry and Construction Yersain "
                          "Nagaspayev and Bolivia's Minister of Hydrocarbons Franklin Molina.")
    assert found == {"person/yersain-nagaspayev": "Yersain Nagaspayev", "person/franklin-molina": "Franklin Molina"}
    assert {(p, of) for p, _, of, _ in roles} == {("person/yersain-nagaspayev", "country/kz"),
                                                  ("person/franklin-molina", "country/bo")}


def test_people_a_surname_of_a_person_named_in_full_beats_the_models_organisation():
    e = extract(make_article("German Chancellor Olaf Scholz announced a new partnership with Chile on Sunday. "
                             "Given the concerns regarding mining, Germany's high standards made it an ideal partner, "
                             "Scholz said."))
    assert {(m.text, m.key) for m in e.mentions if "Scholz" in m.text} == {
        ("Olaf Scholz", "person/olaf-scholz"), ("Scholz", "person/olaf-scholz")}
