"""The minerals concept scheme, generated from ``data/reference/minerals.tsv``.

Symbols and atomic numbers come from the element table of the ``periodictable``
package, Wikidata QIDs and list membership from the checked TSV. The generated
``ontology/minerals.ttl`` is committed; a test keeps it in step with the TSV.
Regenerate with ``python -m kg_builder.graph.vocab``.

>>> g = minerals_graph()
>>> from rdflib import URIRef, Literal
>>> g.value(URIRef(MINERAL + "neodymium"), URIRef(CMKG + "chemicalSymbol"))
rdflib.term.Literal('Nd')
"""

from __future__ import annotations

from pathlib import Path

import periodictable
from rdflib import RDF, SKOS, XSD, Graph, Literal, Namespace, URIRef

from kg_builder import paths
from kg_builder.errors import ReferenceDataError
from kg_builder.namespaces import CMKG, DCTERMS, VOCAB_BASE, WD
from kg_builder.reference import read_tsv

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


def minerals_graph(path: Path | None = None) -> Graph:
    """The SKOS scheme of minerals, with symbols, atomic numbers and list membership."""
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
    for row in read_mineral_rows(path):
        concept = URIRef(MINERAL + row["key"])
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
        if row["wikidata"]:
            g.add((concept, SKOS.exactMatch, URIRef(WD + row["wikidata"])))
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
    target = paths.ontology_dir() / "minerals.ttl"
    minerals_graph().serialize(target, format="turtle")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
