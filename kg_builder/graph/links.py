"""Curated identifiers: a plain TSV file of links a curator checked, read by every build.

Columns: ``key`` (an entity key such as ``person/sanae-takaichi``), ``wikidata`` (a QID),
``geonames`` (a GeoNames feature id), ``source`` (who or what checked it) and ``note``.
A build reads the bundled ``data/reference/links.tsv``, then ``links.tsv`` in the KG
directory (where ``kg-builder link --online`` writes the links it accepts), then any
file given with ``--links``; a later file overrides an earlier one for the same key.
Individuals get ``owl:sameAs`` Wikidata, concepts (minerals, sectors) ``skos:exactMatch``;
all curated links live in a named graph of their own (``graph/links``).

>>> row = CuratedLink("person/jane-roe", "Q42", None, "curator", "", "links.tsv:2")
>>> [t.predicate.value.rsplit("#")[-1] for t in link_triples([row], Iris())]
['sameAs']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg_builder import paths
from kg_builder.errors import ReferenceDataError
from kg_builder.graph.rdf_terms import c, n
from kg_builder.keys import is_kind
from kg_builder.namespaces import GEONAMES, OWL, SKOS, VOCAB_BASE, WD, Iris
from kg_builder.tables import read_tsv

COLUMNS = ("key", "wikidata", "geonames", "source", "note")
KEY = re.compile(r"^(person|country|organization|place|mineral|sector)/[a-z0-9_-]+$")
QID = re.compile(r"^Q[1-9][0-9]*$")
GEONAMES_ID = re.compile(r"^[1-9][0-9]*$")
CONCEPT_KINDS = ("mineral", "sector")
FILE_NAME = "links.tsv"


@dataclass(frozen=True)
class CuratedLink:
    key: str
    wikidata: str | None
    geonames: str | None
    source: str
    note: str
    where: str  # file:line, for messages


def read_links(path: Path) -> list[CuratedLink]:
    """The rows of one links file, each checked; a bad row is an error naming file and line."""
    out = []
    for row in read_tsv(path, ("key", "wikidata")):
        where = f"{path}:{row['_line']}"
        key, qid, geonames = row["key"], row.get("wikidata") or None, row.get("geonames") or None
        if not KEY.match(key):
            raise ReferenceDataError(f"{where}: {key!r} is not an entity key (kind/slug, e.g. person/jane-roe)")
        if qid and not QID.match(qid):
            raise ReferenceDataError(f"{where}: {qid!r} is not a Wikidata QID (Q followed by digits)")
        if geonames and not GEONAMES_ID.match(geonames):
            raise ReferenceDataError(f"{where}: {geonames!r} is not a GeoNames id (digits)")
        if geonames and is_kind(key, *CONCEPT_KINDS, "person"):
            raise ReferenceDataError(f"{where}: only places and countries take a GeoNames id")
        if qid or geonames:
            out.append(CuratedLink(key, qid, geonames, row.get("source", ""), row.get("note", ""), where))
    return out


def link_files(kg_dir: Path | None, extra: Iterable[Path] = ()) -> list[Path]:
    """The links files a build reads, in order: bundled, the KG's own, then those given."""
    files = [paths.reference_dir() / FILE_NAME]
    if kg_dir is not None and (kg_dir / FILE_NAME).exists():
        files.append(kg_dir / FILE_NAME)
    return files + [Path(p) for p in extra]


def load_links(files: Iterable[Path]) -> list[CuratedLink]:
    """All curated links, the last file winning for a key."""
    by_key: dict[str, CuratedLink] = {}
    for path in files:
        for link in read_links(path):
            by_key[link.key] = link
    return [by_key[k] for k in sorted(by_key)]


def links_graph(curated: Iterable[CuratedLink], known: set[str], iris: Iris) -> list[ox.Quad]:
    """The ``graph/links`` quads of the curated links whose entity is ``known`` (reference data or mentioned)."""
    graph = n(iris.graph("links"))
    return [ox.Quad(t.subject, t.predicate, t.object, graph)
            for t in link_triples([link for link in curated if link.key in known], iris)]


def link_triples(links: Iterable[CuratedLink], iris: Iris) -> list[ox.Triple]:
    """``owl:sameAs`` (individuals) or ``skos:exactMatch`` (concepts) to Wikidata, and GeoNames features."""
    out = []
    for link in links:
        concept = is_kind(link.key, *CONCEPT_KINDS)
        s = n(VOCAB_BASE + link.key) if concept else n(iris.key(link.key))
        if link.wikidata:
            out.append(ox.Triple(s, n(SKOS + "exactMatch" if concept else OWL + "sameAs"), n(WD + link.wikidata)))
        if link.geonames:
            out.append(ox.Triple(s, c("geonames"), n(f"{GEONAMES}{link.geonames}/")))
    return out
