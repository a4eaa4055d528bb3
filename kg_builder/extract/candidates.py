"""Candidate spans proposed by the extractors, and the choice among overlapping ones."""

from __future__ import annotations

from dataclasses import dataclass

from kg_builder.model import Kind
from kg_builder.reference import Reference

ACTOR_KINDS = frozenset({Kind.PERSON, Kind.COUNTRY, Kind.ORGANIZATION, Kind.PLACE})


@dataclass(frozen=True)
class Candidate:
    """A token span ``[start, end)`` that may denote the entity ``key``."""

    start: int
    end: int
    kind: Kind
    key: str
    extractor: str
    confidence: float
    label: str = ""
    subtype: str | None = None

    @property
    def is_actor(self) -> bool:
        return self.kind in ACTOR_KINDS

    def overlaps(self, other: Candidate) -> bool:
        return self.start < other.end and other.start < self.end

    def subtype_in(self, reference: Reference) -> str | None:
        """The finer kind of the entity: the reference data's where it knows the entity, else the rule's."""
        entity = reference.entities.get(self.key)
        return entity.subtype if entity else self.subtype


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the longest, then most confident, of overlapping candidates.

    Actors (names) compete with actors; minerals and sectors compete within their
    own kind, may overlap each other ("rare earth magnets": a mineral and a
    sector), but never survive inside an actor's name ("Lynas Rare Earths").

    >>> a = Candidate(0, 2, Kind.SECTOR, "sector/magnets", "g", 0.9)
    >>> b = Candidate(0, 1, Kind.MINERAL, "mineral/rare-earth-elements", "g", 0.9)
    >>> len(select([a, b]))
    2
    >>> nd = Candidate(0, 1, Kind.MINERAL, "mineral/neodymium", "g", 0.9)
    >>> pr = Candidate(0, 1, Kind.MINERAL, "mineral/praseodymium", "g", 0.9)
    >>> [c.key for c in select([nd, pr])]
    ['mineral/neodymium', 'mineral/praseodymium']
    """
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), -c.confidence, c.start, c.key))
    kept: list[Candidate] = []
    for cand in ranked:
        clash = False
        for other in kept:
            if not cand.overlaps(other):
                continue
            same_group = cand.is_actor == other.is_actor and (cand.is_actor or cand.kind == other.kind)
            if same_group and not cand.is_actor and (cand.start, cand.end) == (other.start, other.end) \
                    and cand.key != other.key:
                continue  # one name of two concepts: "NdPr" is neodymium and praseodymium
            if same_group or (other.is_actor and not cand.is_actor):
                clash = True
                break
        if not clash:
            kept.append(cand)
    kept = [c for c in kept if not (not c.is_actor and any(o.is_actor and o.overlaps(c) for o in kept))]
    return sorted(kept, key=lambda c: (c.start, c.end, c.key))
