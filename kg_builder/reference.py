"""Reference entities: every country (pycountry plus curated extras), the curated
actors and places, and the mineral, sector and role vocabularies.

Adding a reference entity needs no code: add a row to a TSV file under
``data/reference/`` (or a concept to a vocabulary under ``ontology/``).

>>> ref = load_reference()
>>> ref.entities["country/jp"].label
'Japan'
>>> ref.demonyms["Japanese"]
'country/jp'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pycountry
import pyoxigraph as ox

from kg_builder import paths
from kg_builder.errors import ReferenceDataError
from kg_builder.geonames import geonames_city, geonames_continents, geonames_countries, place_ids
from kg_builder.keys import country_key, government_country, slug_of
from kg_builder.model import Kind, ReferenceEntity
from kg_builder.namespaces import SKOS, VOCAB_BASE
from kg_builder.tables import UNCONFIRMED, checked_confidence, checked_or_sourced, confirmed_by_two, read_tsv

ACTOR_COLUMNS = ("key", "kind", "subtype", "label", "aliases", "wikidata", "geonames", "country", "stands_for")


@dataclass(frozen=True)
class Reference:
    """All reference data, indexed for the extractors."""

    entities: dict[str, ReferenceEntity]
    demonyms: dict[str, str]
    roles: dict[str, str]  # lower-case title -> role key
    role_labels: dict[str, str]  # role key -> label
    false_friends: tuple[str, ...] = ()  # phrases in which a mineral or sector word means something else
    government_qids: dict[str, str] = field(default_factory=dict)  # government key -> sourced QID

    def label(self, key: str) -> str:
        entity = self.entities.get(key)
        return entity.label if entity else slug_of(key).replace("-", " ")


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split(";") if part.strip())


def country_qids(path: Path) -> dict[str, str]:
    """The countries' QIDs that two independent sources confirm (``verified`` rows), by alpha-2 code."""
    return sourced_qids(path, "alpha2")


def sourced_qids(path: Path, key: str) -> dict[str, str]:
    """QIDs that two independent sources confirm (``verified`` rows of a table with ``key``, wikidata,
    confidence and sources columns), by ``key``."""
    out = {}
    for row in read_tsv(path, (key, "wikidata", "confidence", "sources")):
        where = f"{path}:{row['_line']}"
        if row["wikidata"] and not re.fullmatch(r"Q[1-9][0-9]*", row["wikidata"]):
            raise ReferenceDataError(f"{where}: {row['wikidata']!r} is not a Wikidata QID")
        if checked_confidence(path, row) == "verified":
            if not row["wikidata"]:
                raise ReferenceDataError(f"{where}: a verified row needs a QID")
            if not confirmed_by_two(row):
                raise ReferenceDataError(f"{where}: {UNCONFIRMED}")
            out[row[key]] = row["wikidata"]
    return out


def _countries(extras_path: Path, ids_path: Path) -> tuple[list[ReferenceEntity], dict[str, str]]:
    extras = {row["alpha2"]: row for row in read_tsv(extras_path, ("alpha2", "label", "aliases", "demonyms"))}
    qids = country_qids(ids_path)
    unknown = sorted(set(extras) - {c.alpha_2 for c in pycountry.countries})
    if unknown:
        raise ReferenceDataError(f"{extras_path}: unknown ISO 3166 alpha-2 code(s) {', '.join(unknown)}")
    entities, demonyms = [], {}
    for country in pycountry.countries:
        extra = extras.get(country.alpha_2, {})
        common = getattr(country, "common_name", None)
        official = getattr(country, "official_name", None)
        label = extra.get("label") or common or country.name
        names = {country.name, common, official, *_split(extra.get("aliases"))}
        aliases = tuple(sorted(n for n in names if n and n != label and "," not in n))
        key = country_key(country.alpha_2)
        entity_demonyms = _split(extra.get("demonyms"))
        for demonym in entity_demonyms:
            demonyms[demonym] = key
        entities.append(ReferenceEntity(
            key=key, kind=Kind.COUNTRY, label=label, aliases=aliases, subtype="Country",
            wikidata=extra.get("wikidata") or qids.get(country.alpha_2),
            geonames=extra.get("geonames") or geonames_countries().get(country.alpha_2),
            iso=(country.alpha_2, country.alpha_3, country.numeric), official_name=official,
            demonyms=entity_demonyms,
        ))
    return entities, demonyms


def _actors(path: Path, ids_path: Path, sourced: dict[str, str], places: dict[str, str]) -> list[ReferenceEntity]:
    """The actors of ``path``, with the QIDs ``sourced`` (from ``ids_path``) gives the ones not checked by hand,
    and the GeoNames ids ``places`` (place key -> id, from place_ids.tsv) gives the places not checked by hand."""
    entities = []
    qids = {k: q for k, q in sourced.items() if not government_country(k)}
    for row in read_tsv(path, ACTOR_COLUMNS):
        wikidata = checked_or_sourced(f"{path}: {row['key']}", row["wikidata"], qids.get(row["key"]), ids_path.name)
        try:
            kind = Kind(row["kind"])
        except ValueError:
            raise ReferenceDataError(f"{path}: {row['key']}: unknown kind {row['kind']!r}") from None
        if not row["key"].startswith(f"{kind.value}/"):
            raise ReferenceDataError(f"{path}: key {row['key']!r} must start with '{kind.value}/'")
        geonames = row["geonames"] or places.get(row["key"])
        if geonames is None and kind is Kind.PLACE:
            if row["country"].startswith("country/"):
                geonames = geonames_city((row["label"], *_split(row["aliases"])), row["country"][8:].upper())
            else:
                geonames = geonames_continents().get(row["label"])
        entities.append(ReferenceEntity(
            key=row["key"], kind=kind, label=row["label"], aliases=_split(row["aliases"]),
            subtype=row["subtype"] or None, wikidata=wikidata,
            geonames=geonames, country=row["country"] or None,
            stands_for=row["stands_for"] or None,
        ))
    unknown = sorted(set(qids) - {e.key for e in entities})
    if unknown:
        raise ReferenceDataError(f"{ids_path}: no actor has the key(s) {', '.join(unknown)}")
    unknown = sorted(set(places) - {e.key for e in entities if e.kind is Kind.PLACE})
    if unknown:
        raise ReferenceDataError(f"{path.parent / 'place_ids.tsv'}: no place has the key(s) {', '.join(unknown)}")
    return entities


def _skos_labels(path: Path, kind: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """(key, preferred label, alternative labels) of each concept of one kind in a SKOS file."""
    labels: dict[str, dict[str, list[str]]] = {}
    pref, alt = SKOS + "prefLabel", SKOS + "altLabel"
    for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        if triple.predicate.value in (pref, alt) and isinstance(triple.object, ox.Literal):
            slot = "pref" if triple.predicate.value == pref else "alt"
            labels.setdefault(triple.subject.value, {"pref": [], "alt": []})[slot].append(triple.object.value)
    prefix = f"{VOCAB_BASE}{kind}/"
    return [(iri[len(VOCAB_BASE):], names["pref"][0], tuple(sorted(names["alt"])))
            for iri, names in sorted(labels.items()) if iri.startswith(prefix) and names["pref"]]


def _concepts(path: Path, kind: Kind) -> list[ReferenceEntity]:
    """Concepts of a SKOS vocabulary file, with their labels."""
    return [ReferenceEntity(key=key, kind=kind, label=label, aliases=alts)
            for key, label, alts in _skos_labels(path, kind.value)]


def _roles(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Titles (lower case) -> role key, and role key -> label."""
    concepts = _skos_labels(path, "role")
    titles = {label.lower(): key for key, label, _ in concepts}
    titles.update({alt.lower(): key for key, _, alts in concepts for alt in alts})
    return titles, {key: label for key, label, _ in concepts}


def load_reference(reference_dir: Path | None = None, ontology_dir: Path | None = None) -> Reference:
    """Load (once per process for the default folders) all reference data."""
    if reference_dir is None and ontology_dir is None:
        return _default_reference()
    return _load(reference_dir or paths.reference_dir(), ontology_dir or paths.ontology_dir())


@cache
def _default_reference() -> Reference:
    return _load(paths.reference_dir(), paths.ontology_dir())


def _load(reference_dir: Path, ontology_dir: Path) -> Reference:
    countries, demonyms = _countries(reference_dir / "country_extras.tsv", reference_dir / "country_ids.tsv")
    actor_qids = sourced_qids(reference_dir / "actor_ids.tsv", "key")
    entities: dict[str, ReferenceEntity] = {}
    for entity in [
        *countries,
        *_actors(reference_dir / "actors.tsv", reference_dir / "actor_ids.tsv", actor_qids,
                 {key: gid for key, (gid, _) in place_ids(reference_dir / "place_ids.tsv").items()}),
        *_concepts(ontology_dir / "minerals.ttl", Kind.MINERAL),
        *_concepts(ontology_dir / "sectors.ttl", Kind.SECTOR),
    ]:
        if entity.key in entities:
            raise ReferenceDataError(f"reference key {entity.key!r} is defined twice")
        entities[entity.key] = entity
    for entity in entities.values():
        for target in (entity.country, entity.stands_for):
            if target and target not in entities:
                raise ReferenceDataError(f"{entity.key}: refers to unknown entity {target!r}")
    titles, role_labels = _roles(ontology_dir / "roles.ttl")
    governments = {key: qid for key, qid in actor_qids.items() if government_country(key)}
    unknown = sorted(k for k in governments if government_country(k) not in entities)
    if unknown:
        raise ReferenceDataError(f"{reference_dir / 'actor_ids.tsv'}: no country for {', '.join(unknown)}")
    false_friends = tuple(row["phrase"] for row in read_tsv(reference_dir / "false_friends.tsv", ("phrase", "note"))
                          if row["phrase"])
    return Reference(entities=entities, demonyms=demonyms, roles=titles, role_labels=role_labels,
                     government_qids=governments,
                     false_friends=false_friends)


THE_PREFIXES = ("United ", "Republic ", "Democratic ", "Central African", "Czech Republic", "Dominican Republic")
THE_NAMES = {"Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Comoros", "Seychelles"}


def with_article(name: str) -> str:
    """A country name as it reads after "of": "the United States", "Japan".

    >>> with_article("United States"), with_article("Japan")
    ('the United States', 'Japan')
    """
    if name.startswith(THE_PREFIXES) or name in THE_NAMES or name.endswith(" Islands"):
        return f"the {name}"
    return name


def government_label(reference: Reference, country_key: str) -> str:
    """"Government of Japan", "Government of the United States"."""
    return f"Government of {with_article(reference.label(country_key))}"

