"""Mappings of the sector concepts to NACE Rev. 2 and Wikidata, generated from
``data/reference/sector_matches.tsv`` into ``ontology/sector-matches.ttl``.

Each row maps one concept of ``ontology/sectors.ttl`` by a SKOS mapping property: exact and close
matches, and broad, narrow or related matches where the other scheme cuts the field differently (a
NACE class of weapons and one of fighting vehicles are narrower than the defence industry). Only
``verified`` rows are written; a Wikidata target needs files of two named repositories quoted in the
row, or a curator's check by hand.
The generated file is committed; a test keeps it in step with the TSV. Regenerate with
``python -m kg_builder.graph.vocab``.

>>> g = sector_matches_graph()
>>> from rdflib import SKOS, URIRef
>>> URIRef(NACE + "B") in set(g.objects(URIRef(SECTOR + "mining"), SKOS.closeMatch))
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDFS, SKOS, Graph, Literal, URIRef

from kg_builder import paths
from kg_builder.errors import ReferenceDataError
from kg_builder.namespaces import NACE, VOCAB_BASE, WD
from kg_builder.tables import UNCONFIRMED, checked_confidence, confirmed_by_two, read_tsv

SECTOR = VOCAB_BASE + "sector/"
RELATIONS = {"exact": SKOS.exactMatch, "close": SKOS.closeMatch, "broad": SKOS.broadMatch,
             "narrow": SKOS.narrowMatch, "related": SKOS.relatedMatch}
TARGETS = {"nace": (NACE, r"[A-U]|[0-9]{2,4}"), "wd": (WD, r"Q[1-9][0-9]*")}
COLUMNS = ("sector", "relation", "target", "target_label", "confidence", "sources", "note")


@dataclass(frozen=True)
class SectorMatch:
    sector: str  # the concept's key in the sectors scheme, e.g. "mining"
    relation: str  # one of RELATIONS
    scheme: str  # "nace" or "wd"
    code: str  # the NACE code without dots, or the QID
    label: str  # the target's own title

    @property
    def target(self) -> str:
        return TARGETS[self.scheme][0] + self.code


def sector_matches(path: Path | None = None) -> list[SectorMatch]:
    """The verified rows of the table, checked for form: a known relation, a well-formed NACE code or
    QID, files of two named repositories (or a check by hand) for a Wikidata target, one title per target,
    and no target the exact or close match of two concepts."""
    path = path or paths.reference_dir() / "sector_matches.tsv"
    out, titles = [], {}
    for row in read_tsv(path, COLUMNS):
        where = f"{path}:{row['_line']}"
        scheme, _, code = row["target"].partition(":")
        if row["relation"] not in RELATIONS:
            raise ReferenceDataError(f"{where}: relation {row['relation']!r} is not one of {', '.join(RELATIONS)}")
        if scheme not in TARGETS or not re.fullmatch(TARGETS[scheme][1], code):
            raise ReferenceDataError(f"{where}: {row['target']!r} is neither nace:<code> nor wd:<QID>")
        if checked_confidence(path, row, sources=1) == "verified":  # a NACE code is its own source
            if scheme == "wd" and not confirmed_by_two(row):
                raise ReferenceDataError(f"{where}: {UNCONFIRMED}")
            out.append(SectorMatch(row["sector"], row["relation"], scheme, code, row["target_label"]))
        if titles.setdefault(row["target"], row["target_label"]) != row["target_label"]:
            raise ReferenceDataError(f"{where}: {row['target']} is titled {titles[row['target']]!r} on an earlier row")
    closest: dict[str, str] = {}
    for match in out:
        if match.relation in ("exact", "close") and closest.setdefault(match.target, match.sector) != match.sector:
            raise ReferenceDataError(f"{path}: {match.target} is the exact or close match of both "
                                     f"{closest[match.target]} and {match.sector}")
    return out


def sector_matches_graph(path: Path | None = None) -> Graph:
    """The mapping triples of the verified rows, and each target's own title as its label."""
    g = Graph()
    g.bind("skos", SKOS)
    g.bind("sector", SECTOR)
    g.bind("nace", NACE)
    g.bind("wd", WD)
    for match in sector_matches(path):
        g.add((URIRef(SECTOR + match.sector), RELATIONS[match.relation], URIRef(match.target)))
        g.add((URIRef(match.target), RDFS.label, Literal(match.label, lang="en")))
    return g


def write_sector_matches() -> Path:
    target = paths.ontology_dir() / "sector-matches.ttl"
    sector_matches_graph().serialize(target, format="turtle")
    return target
