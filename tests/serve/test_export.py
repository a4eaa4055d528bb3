import json
from collections import Counter

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg_builder.graph.sector_matches import sector_matches
from kg_builder.namespaces import SKOS
from kg_builder.serve.export import ExportFormat, export
from kg_builder.store.local import KnowledgeGraph


@pytest.fixture(scope="module")
def quads(sample_kg):
    with KnowledgeGraph.open(sample_kg) as graph:
        return list(graph.quads())


def triples_of(quads):
    g = Graph()
    for q in quads:
        g.add(tuple(Graph().parse(data=f"{q.subject} {q.predicate} {q.object} .", format="nt"))[0])
    return g


@pytest.mark.parametrize(("fmt", "parser"), [(ExportFormat.TURTLE, "turtle"), (ExportFormat.NTRIPLES, "nt"),
                                             (ExportFormat.RDFXML, "xml")])
def test_export_triple_formats_round_trip_to_the_union(quads, fmt, parser):
    union = Graph().parse(data=export(quads, ExportFormat.NTRIPLES).decode(), format="nt")
    again = Graph().parse(data=export(quads, fmt).decode(), format=parser)
    assert len(again) == len(union) and isomorphic(again, union)


@pytest.mark.parametrize(("fmt", "parser"), [(ExportFormat.TRIG, "trig"), (ExportFormat.NQUADS, "nquads"),
                                             (ExportFormat.JSONLD, "json-ld")])
def test_export_dataset_formats_keep_named_graphs(quads, fmt, parser):
    ds = Dataset()
    ds.parse(data=export(quads, fmt).decode(), format=parser)
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert {n for n in names if "/graph/article/" in n} == {q.graph_name.value for q in quads
                                                           if "/graph/article/" in q.graph_name.value}
    assert sum(1 for _ in ds.quads()) == len(set(quads))


def test_export_jsonld_is_compacted_with_the_context(quads):
    doc = json.loads(export(quads, ExportFormat.JSONLD))
    text = json.dumps(doc)
    assert "@context" in doc and '"hasBody"' in text and '"sameAs"' in text
    assert "http://www.w3.org/ns/oa#hasBody" not in text


def test_export_is_deterministic(quads):
    assert export(quads, ExportFormat.TURTLE) == export(list(reversed(quads)), ExportFormat.TURTLE)


def test_export_jsonld_and_turtle_carry_the_links(quads):
    doc = json.loads(export(quads, ExportFormat.JSONLD))
    nodes = [n for g in doc["@graph"] for n in (g.get("@graph") or [g])]
    japan = {key: value for n in nodes if n.get("@id") in ("id:country/jp", "https://w3id.org/cmkg/id/country/jp")
             for key, value in n.items()}  # its description, links and statistics, each in its own graph
    assert japan["sameAs"] == "wd:Q17" and japan["isoAlpha3"] == "JPN"
    assert "<http://www.wikidata.org/entity/Q17>" in export(quads, ExportFormat.TURTLE).decode() or \
        "wd:Q17" in export(quads, ExportFormat.TURTLE).decode()


def test_export_void_lists_linksets_with_their_sizes(quads):
    void = Graph().parse(data=export(quads, ExportFormat.VOID).decode(), format="turtle")
    sizes = {str(row.name).rsplit("/", 1)[-1]: int(row.n) for row in void.query("""
        PREFIX void: <http://rdfs.org/ns/void#>
        SELECT ?name ?n WHERE { ?name a void:Linkset ; void:triples ?n }""")}
    union = {(q.subject, q.predicate, q.object) for q in quads}
    same_as = sum(1 for _, p, o in union if p.value.endswith("#sameAs") and "wikidata.org" in o.value)
    assert sizes["wikidata-sameas"] == same_as > 0
    geonames = sum(1 for _, p, o in union if p.value.endswith("#geonames"))
    assert sizes["geonames"] == geonames >= 249  # every country at least
    # one linkset per SKOS mapping property and target the graph holds, each counting its links
    mappings = Counter((p.value.rsplit("#", 1)[1].lower(), "nace" if "/nace2/" in o.value else "wikidata")
                       for _, p, o in union if p.value.startswith(SKOS) and p.value.endswith("Match"))
    assert set(sizes) == {"wikidata-sameas", "geonames"} | {f"{t}-{m}" for m, t in mappings}
    assert {name: sizes[name] for name in sizes if "match" in name} == {f"{t}-{m}": k for (m, t), k in mappings.items()}
    table = Counter((m.relation, m.scheme) for m in sector_matches())
    assert sizes["nace-closematch"] == table["close", "nace"] > 10
    assert sizes["nace-narrowmatch"] == table["narrow", "nace"]
    assert next(iter(void.query("PREFIX dcat: <http://www.w3.org/ns/dcat#> ASK { ?d a dcat:Dataset }")))


def test_export_void_counted_by_the_store_equals_void_counted_in_python(quads):
    import pyoxigraph as ox

    from kg_builder.graph.void import void_description, void_from_graph

    store = ox.Store()
    store.bulk_extend(quads)
    assert sorted(map(str, void_from_graph(KnowledgeGraph(store)))) == sorted(map(str, void_description(quads)))


WEB_ANNOTATIONS = """
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX schema: <https://schema.org/>
SELECT ?annotation ?entity ?start ?end ?exact ?body WHERE {
  ?annotation a oa:Annotation ; oa:motivatedBy oa:identifying ; oa:hasBody ?entity ; oa:hasTarget ?target .
  ?target a oa:SpecificResource ; oa:hasSource ?article ; oa:hasSelector ?position, ?quote .
  ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  ?quote a oa:TextQuoteSelector ; oa:exact ?exact .
  ?article schema:articleBody ?body .
}
"""


def test_export_web_annotations_write_each_mention_in_the_full_form(quads):
    """With ``web_annotations``, each mention (words that identify an entity) is also an oa:Annotation
    whose target selects the words by position and by quote, on the article as source; the selectors
    agree with the article's text, and nothing of the lean form is lost."""
    mentions = {(q.subject.value, q.object.value) for q in quads
                if q.predicate.value == "http://www.w3.org/2005/11/its/rdf#taIdentRef"}
    full = export(quads, ExportFormat.NTRIPLES, web_annotations=True)
    store = ox.Store()
    store.load(full, format=ox.RdfFormat.N_TRIPLES)
    rows = list(store.query(WEB_ANNOTATIONS))
    assert len({r["annotation"] for r in rows}) == len(mentions) > 100
    for row in rows:
        assert row["body"].value[int(row["start"].value):int(row["end"].value)] == row["exact"].value
    assert {(f"{r['annotation'].value.split('/annotation/')[0]}#char={r['start'].value},{r['end'].value}",
             r["entity"].value) for r in rows} == mentions
    has_target = ox.NamedNode("http://www.w3.org/ns/oa#hasTarget")
    lean = set(ox.parse(export(quads, ExportFormat.NTRIPLES), format=ox.RdfFormat.N_TRIPLES))
    written = set(ox.parse(full, format=ox.RdfFormat.N_TRIPLES))
    assert {t for t in lean if t.predicate != has_target} <= written
    for t in lean:
        if t.predicate == has_target:  # evidence points at a target with selectors instead of the words
            (target,) = [w.object for w in written if w.subject == t.subject and w.predicate == has_target]
            assert store.query("ASK { ?t <http://www.w3.org/ns/oa#hasSource> ?a }",
                               substitutions={ox.Variable("t"): target})
