from kg_builder.extract.candidates import Candidate, select
from kg_builder.model import Kind


def test_candidates_longest_actor_wins():
    short = Candidate(0, 1, Kind.COUNTRY, "country/us", "g", 0.95)
    long = Candidate(0, 2, Kind.ORGANIZATION, "organization/government-us", "rule", 0.85)
    assert select([short, long]) == [long]


def test_candidates_concepts_inside_actor_names_are_dropped():
    org = Candidate(0, 3, Kind.ORGANIZATION, "organization/lynas", "g", 0.9)
    mineral = Candidate(1, 3, Kind.MINERAL, "mineral/rare-earth-elements", "g", 0.9)
    assert select([mineral, org]) == [org]


def test_candidates_equal_spans_prefer_confidence():
    a = Candidate(0, 1, Kind.PERSON, "person/trump", "rule", 0.6)
    b = Candidate(0, 1, Kind.PERSON, "person/donald-trump", "g", 0.8)
    assert select([a, b]) == [b]
