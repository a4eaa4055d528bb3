import pytest

from kg_builder.namespaces import Iris, slugify


def test_namespaces_slugs_are_ascii_and_stable():
    assert slugify("Côte d'Ivoire") == "cote-d-ivoire"
    assert slugify("  ") == "x"
    assert slugify("000_dfc98a1e") == "000_dfc98a1e"


def test_namespaces_vocabulary_keys_keep_published_iris():
    iris = Iris("https://example.org/kg/")
    assert iris.key("mineral/lithium") == "https://w3id.org/cmkg/id/mineral/lithium"
    assert iris.key("country/jp") == "https://example.org/kg/id/country/jp"


def test_namespaces_bad_base_is_refused():
    with pytest.raises(ValueError, match="end with '/'"):
        Iris("https://example.org/kg")
