from kg_builder.corpus.resolve import resolve
from kg_builder.model import Extraction, Kind, Mention
from tests.conftest import make_article


def person(start, text, key=None):
    key = key or "person/" + text.lower().replace(" ", "-")
    return Mention(start, start + len(text), text, Kind.PERSON, key, 0, "rule", 0.8, text)


def test_resolve_partial_name_within_article():
    art = make_article("Jane Roe spoke. Roe left.")
    (out,) = resolve([Extraction(art, (), (person(0, "Jane Roe"), person(16, "Roe")))])
    assert [m.key for m in out.mentions] == ["person/jane-roe", "person/jane-roe"]
    assert out.mentions[1].label == "Jane Roe" and out.mentions[1].extractor.endswith("+resolved")


def test_resolve_partial_name_across_articles():
    a = Extraction(make_article("Jane Roe spoke.", "a"), (), (person(0, "Jane Roe"),))
    b = Extraction(make_article("Roe left.", "b"), (), (person(0, "Roe"),))
    assert resolve([a, b])[1].mentions[0].key == "person/jane-roe"


def test_resolve_leaves_ambiguous_names_alone():
    a = Extraction(make_article("Jane Roe and Tom Roe came. Roe left."), (),
                   (person(0, "Jane Roe"), person(13, "Tom Roe"), person(27, "Roe")))
    assert resolve([a])[0].mentions[2].key == "person/roe"
