"""The minerals concept scheme, generated from ``data/reference/minerals.tsv``.

Symbols and atomic numbers come from the element table of the ``periodictable``
package, list membership and hand-checked Wikidata QIDs from the TSV, and QIDs otherwise where
two independent public sources agree: the elements' (and their CAS numbers) from
``data/reference/element_ids.tsv``, the other minerals' and groups' from
``data/reference/mineral_ids.tsv``. The generated
``ontology/minerals.ttl`` is committed; a test keeps it in step with the TSV.
Regenerate it, and the sectors' mappings (:mod:`kg_builder.graph.sector_matches`), with
``python -m kg_builder.graph.vocab``.

>>> g = minerals_graph()
>>> from rdflib import URIRef, Literal
>>> g.value(URIRef(MINERAL + "neodymium"), URIRef(CMKG + "chemicalSymbol"))
rdflib.term.Literal('Nd')
"""

from __future__ import annotations

import re
from pathlib import Path

import periodictable
from rdflib import RDF, SKOS, XSD, Graph, Literal, Namespace, URIRef

from kg_builder import paths
from kg_builder.errors import ReferenceDataError
from kg_builder.namespaces import CMKG, DCTERMS, VOCAB_BASE, WD
from kg_builder.reference import sourced_qids
from kg_builder.tables import checked_or_sourced, read_tsv

MINERAL = VOCAB_BASE + "mineral/"
SCHEME = URIRef(VOCAB_BASE + "scheme/minerals")
LISTS = {
    "usgs_2022": (URIRef(VOCAB_BASE + "list/usgs-2022"), "USGS 2022 list of critical minerals"),
    "eu_2023": (URIRef(VOCAB_BASE + "list/eu-2023"), "EU 2023 list of critical raw materials"),
}


MINERAL_COLUMNS = ("key", "label", "kind", "element", "wikidata", "usgs_2022", "eu_2023", "aliases", "broader")


def read_mineral_rows(path: Path | None = None) -> list[dict[str, str]]:
    """Rows of the minerals TSV (comment lines start with ``#``)."""
    path = path or paths.reference_dir() / "minerals.tsv"
    rows = read_tsv(path, MINERAL_COLUMNS)
    for number, row in enumerate(rows, start=1):
        if not row["key"] or not row["label"]:
            raise ReferenceDataError(f"{path}: data row {number} has no key or label")
    return rows


def _element(name: str):
    element = getattr(periodictable, name, None)
    if element is None or not hasattr(element, "number"):
        raise ReferenceDataError(f"minerals.tsv: {name!r} is not an element periodictable knows")
    return element


ELEMENT_ID_COLUMNS = ("symbol", "atomic_number", "wikidata", "wikidata_confidence", "cas", "cas_confidence", "sources")
CAS = r"[1-9][0-9]{1,6}-[0-9]{2}-[0-9]"


def element_ids(path: Path | None = None) -> dict[str, tuple[str | None, str | None]]:
    """Element symbol -> (QID, CAS number), each only where two independent sources agree (``verified``)."""
    path = path or paths.reference_dir() / "element_ids.tsv"
    out = {}
    for row in read_tsv(path, ELEMENT_ID_COLUMNS):
        where = f"{path}:{row['_line']}"
        if row["wikidata"] and not re.fullmatch(r"Q[1-9][0-9]*", row["wikidata"]):
            raise ReferenceDataError(f"{where}: {row['wikidata']!r} is not a Wikidata QID")
        if row["cas"] and not (re.fullmatch(CAS, row["cas"]) and _cas_check_digit_holds(row["cas"])):
            raise ReferenceDataError(f"{where}: {row['cas']!r} is not a CAS Registry Number")
        if "verified" in (row["wikidata_confidence"], row["cas_confidence"]) and len(row["sources"].split(";")) < 2:
            raise ReferenceDataError(f"{where}: a verified identifier needs two sources")
        out[row["symbol"]] = (row["wikidata"] if row["wikidata_confidence"] == "verified" else None,
                              row["cas"] if row["cas_confidence"] == "verified" else None)
    return out


def _cas_check_digit_holds(cas: str) -> bool:
    """A CAS number's last digit is the sum of its other digits, each times its place from the right, mod 10.

    >>> _cas_check_digit_holds("7440-00-8"), _cas_check_digit_holds("7440-00-9")
    (True, False)
    """
    digits = cas.replace("-", "")
    return sum(int(d) * i for i, d in enumerate(reversed(digits[:-1]), start=1)) % 10 == int(digits[-1])


def minerals_graph(path: Path | None = None) -> Graph:
    """The SKOS scheme of minerals, with symbols, atomic numbers, identifiers and list membership."""
    g = Graph()
    cmkg = Namespace(CMKG)
    g.bind("cmkg", cmkg)
    g.bind("skos", SKOS)
    g.bind("mineral", MINERAL)
    g.add((SCHEME, RDF.type, SKOS.ConceptScheme))
    g.add((SCHEME, SKOS.prefLabel, Literal("Minerals", lang="en")))
    g.add((SCHEME, URIRef(DCTERMS + "description"), Literal(
        "Critical minerals, chemical elements and their groups, with the lists that name them.", lang="en")))
    for iri, label in LISTS.values():
        g.add((iri, RDF.type, SKOS.Collection))
        g.add((iri, SKOS.prefLabel, Literal(label, lang="en")))
    identifiers = element_ids()
    mineral_qids = sourced_qids(paths.reference_dir() / "mineral_ids.tsv", "key")
    rows = read_mineral_rows(path)
    if unknown := sorted(set(mineral_qids) - {row["key"] for row in rows}):
        raise ReferenceDataError(f"mineral_ids.tsv: no mineral has the key(s) {', '.join(unknown)}")
    for row in rows:
        concept = URIRef(MINERAL + row["key"])
        qid = checked_or_sourced(f"minerals.tsv: {row['key']}", row["wikidata"], mineral_qids.get(row["key"]),
                                 "mineral_ids.tsv")
        g.add((concept, RDF.type, cmkg.Mineral))
        g.add((concept, RDF.type, SKOS.Concept))
        g.add((concept, SKOS.inScheme, SCHEME))
        g.add((concept, SKOS.prefLabel, Literal(row["label"], lang="en")))
        for alias in filter(None, (a.strip() for a in row["aliases"].split(";"))):
            g.add((concept, SKOS.altLabel, Literal(alias, lang="en")))
        if row["broader"]:
            g.add((concept, SKOS.broader, URIRef(MINERAL + row["broader"])))
        else:
            g.add((concept, SKOS.topConceptOf, SCHEME))
        if row["element"]:
            element = _element(row["element"])
            g.add((concept, cmkg.chemicalSymbol, Literal(element.symbol)))
            g.add((concept, cmkg.atomicNumber, Literal(element.number, datatype=XSD.integer)))
            if row["kind"] == "element":  # the element itself, not a mineral of it (graphite is not carbon)
                sourced_qid, cas = identifiers.get(element.symbol, (None, None))
                qid = qid or sourced_qid
                if cas:
                    g.add((concept, cmkg.casNumber, Literal(cas)))
        if qid:
            g.add((concept, SKOS.exactMatch, URIRef(WD + qid)))
        for column, (iri, _label) in LISTS.items():
            if row[column] == "yes":
                g.add((iri, SKOS.member, concept))
                g.add((concept, cmkg.onCriticalList, iri))
        definition = {
            "element": f"The chemical element {row['label']}.",
            "mineral": f"The mineral commodity {row['label']}.",
            "class": f"The group of minerals known as {row['label']}.",
        }.get(row["kind"], row["label"])
        g.add((concept, SKOS.definition, Literal(definition, lang="en")))
    return g


def main() -> None:
    from kg_builder.graph.sector_matches import write_sector_matches

    target = paths.ontology_dir() / "minerals.ttl"
    minerals_graph().serialize(target, format="turtle")
    print(f"wrote {target}")
    print(f"wrote {write_sector_matches()}")


if __name__ == "__main__":
    main()
