"""Keys: a node's name within the graph, the part of its IRI after ``id/``. Every key is made and
read here: an entity key is ``kind/slug`` ("country/jp", "person/sanae-takaichi"), a government is
the organisation ``organization/government-<country code>``, and a figure and its measure have keys
of their own.

>>> entity_key("person", "Sanae Takaichi")
'person/sanae-takaichi'
>>> kind_of("country/jp"), is_kind("person/jane-roe", "person", "country")
('country', True)
>>> government_key("country/jp"), government_country("organization/government-jp")
('organization/government-jp', 'country/jp')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg_builder.namespaces import slugify

if TYPE_CHECKING:
    from kg_builder.model import FigureClaim

GOVERNMENT = "organization/government-"


def entity_key(kind: str, name: str) -> str:
    """The key of an entity of ``kind`` named ``name``."""
    return f"{kind}/{slugify(name)}"


def kind_of(key: str) -> str:
    """What a key names: the part before the first slash."""
    return key.split("/", 1)[0]


def slug_of(key: str) -> str:
    """A key without its kind: ``country/jp`` -> ``jp``; nested keys keep their path."""
    return key.split("/", 1)[1] if "/" in key else key


def is_kind(key: str | None, *kinds: str) -> bool:
    """Whether ``key`` names an entity of one of ``kinds``."""
    return key is not None and kind_of(key) in kinds


def country_key(alpha_2: str) -> str:
    """The key of the country with this ISO 3166-1 alpha-2 code."""
    return f"country/{alpha_2.lower()}"


def government_key(country: str) -> str:
    """Key of the government of a country: ``country/jp`` -> ``organization/government-jp``."""
    return GOVERNMENT + slugify(slug_of(country))


def government_country(key: str) -> str | None:
    """The country a government key stands for, or ``None`` if the key names no government."""
    return country_key(key.rsplit("-", 1)[1]) if key.startswith(GOVERNMENT) else None


def figure_key(figure: FigureClaim) -> str:
    """One key per figure claim: the same actor, measure, unit, topics, qualifier and quantity."""
    parts = [slug_of(figure.about), figure.measure, figure.qualifier or "", str(figure.quantity), figure.unit,
             *(slug_of(t) for t in sorted(figure.topics))]
    return "figure/" + slugify("-".join(p for p in parts if p))


def measure_key(figure: FigureClaim) -> str:
    """One key per thing measured: figures with the same measure key and different quantities disagree."""
    parts = [slug_of(figure.about), figure.measure, figure.unit, *(slug_of(t) for t in sorted(figure.topics))]
    return "measure/" + slugify("-".join(parts))
