import shlex

import pyoxigraph as ox
import pytest

from kg_builder.errors import QueryError
from kg_builder.serve.queries import get_query, list_queries, parse_query_file, run_query, to_csv, to_sparql_json
from kg_builder.serve.results import to_records
from kg_builder.store.local import KnowledgeGraph

CONTRACT = {
    "entities": ["entity", "type", "label", "wikidata"],
    "agreements": ["agreement", "label", "kind", "date", "place", "parties", "signatories", "minerals", "sectors",
                   "amounts", "sources"],
    "events": ["event", "kind", "date", "place", "participants", "sources"],
    "roles": ["person", "role", "of", "sources"],
}


@pytest.fixture(scope="module")
def corpus_kg(tmp_path_factory):
    """The sample articles and the stories (tests/data/stories) in one graph: every saved query has
    something to find in it."""
    from kg_builder import paths
    from kg_builder.pipeline.build import build
    from tests.conftest import STORIES

    kg = tmp_path_factory.mktemp("corpus") / "kg"
    build([paths.sample_articles_dir(), STORIES], kg, owl=False)
    return kg


def example_params(query) -> dict[str, str]:
    words = shlex.split(query.example)
    return dict(words[i + 1].split("=", 1) for i, word in enumerate(words) if word == "--param")


@pytest.mark.parametrize("query", [q for q in list_queries() if "SERVICE" not in q.sparql], ids=lambda q: q.name)
def test_queries_every_saved_query_finds_rows_with_and_without_its_example_parameters(corpus_kg, query):
    assert query.summary and query.example.startswith(f"kg-builder query {query.name}")
    with KnowledgeGraph.open(corpus_kg) as graph:
        for given in ({}, example_params(query)):
            result = run_query(graph, query, given)
            assert result.rows, f"{query.name} {given} found nothing"
            assert all(any(cell is not None for cell in row) for row in result.rows)


def test_queries_the_federated_query_runs_against_a_local_stand_in(sample_kg):
    from tests.fakes.wikidata import fake_wikidata

    [query] = [q for q in list_queries() if "SERVICE" in q.sparql]
    with KnowledgeGraph.open(sample_kg) as graph, fake_wikidata() as base:
        rows = to_records(run_query(graph, query, {"service": f"{base}/sparql"}))
    assert {r["label"] for r in rows} == {"Japan", "United States", "China"}


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_queries_contract_columns(sample_kg, name):
    with KnowledgeGraph.open(sample_kg) as graph:
        assert run_query(graph, get_query(name)).columns == CONTRACT[name]


def test_queries_entities_on_sample(sample_kg):
    with KnowledgeGraph.open(sample_kg) as graph:
        rows = [r.split(",") for r in to_csv(run_query(graph, get_query("entities"))).splitlines()[1:]]
    by_label = {r[2]: r for r in rows if len(r) == 4}
    assert by_label["Japan"][1] == "Country" and by_label["Japan"][3] == "http://www.wikidata.org/entity/Q17"
    assert by_label["Sanae Takaichi"][3] == ""
    assert by_label["rare-earth elements"][1] == "Mineral"
    assert len(rows) == len({r[0] for r in rows})


def test_queries_typed_parameter_filters(sample_kg):
    with KnowledgeGraph.open(sample_kg) as graph:
        result = run_query(graph, get_query("entities"), {"type": "Person"})
        roles = run_query(graph, get_query("roles"), {"person": "person/sanae-takaichi"})
    assert {row[1].value for row in result.rows} == {"Person"}
    assert {row[0].value for row in roles.rows} == {"Sanae Takaichi"}
    assert ["Sanae Takaichi", "Prime Minister", "Japan"] in [[c.value for c in row[:3]] for row in roles.rows]


def test_queries_injection_attempt_stays_a_literal(sample_kg):
    attack = 'Person" ) } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o #'
    with KnowledgeGraph.open(sample_kg) as graph:
        before = len(graph)
        result = run_query(graph, get_query("entities"), {"type": attack})
        assert result.rows == [] and len(graph) == before


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("nope", {}, "unknown saved query 'nope'. Known: actor-facts"),
        ("agrements", {}, "unknown saved query 'agrements'; did you mean 'agreements'?"),
        ("../etc/passwd", {}, "unknown saved query"),
        ("roles", {"who": "x"}, "has no parameter 'who'"),
        ("roles", {"person": "not an iri"}, "parameter 'person': 'not an iri' is not a valid iri"),
        ("articles-by-date", {"since": "28/10/2025"}, "use YYYY-MM-DD"),
        ("actors-by-sources", {"min_sources": "three"}, "is not a valid integer"),
    ],
)
def test_queries_bad_names_and_values_are_clear_errors(sample_kg, name, params, message):
    with pytest.raises(QueryError, match=message.replace("(", r"\(").replace(".", r"\.")):
        with KnowledgeGraph.open(sample_kg) as graph:
            run_query(graph, get_query(name), params)


def test_queries_header_errors_name_the_file(tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("#+ params:\n#+   - name: x\n#+     type: colour\nSELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError, match="bad.rq"):
        parse_query_file(bad)


def test_queries_sparql_json_format(sample_kg):
    import json

    with KnowledgeGraph.open(sample_kg) as graph:
        data = json.loads(to_sparql_json(run_query(graph, get_query("roles"))))
    assert data["head"]["vars"] == CONTRACT["roles"]
    assert data["results"]["bindings"][0]["sources"]["datatype"].endswith("#integer")


def test_queries_sample_framework_is_one_agreement_from_five_articles(sample_kg):
    from kg_builder.serve.queries import to_records

    with KnowledgeGraph.open(sample_kg) as graph:
        found = to_records(run_query(graph, get_query("agreements"), {"mineral": "mineral/rare-earth-elements"}))
    frameworks = [r for r in found if r["kind"] == "Framework agreement" and "Japan" in r["parties"]]
    assert len(frameworks) == 1
    (a,) = frameworks
    assert (a["date"], a["place"], a["sources"]) == ("2025-10-28", "Tokyo", "5")
    assert set(a["parties"].split(" | ")) == {"United States", "Japan"}
    assert set(a["signatories"].split(" | ")) == {"Donald Trump", "Sanae Takaichi"}
    assert len(found) == len({r["agreement"] for r in found})


def test_queries_every_node_of_the_graph_can_be_named_by_its_key(sample_kg):
    """A key is the IRI after the base: every node the build mints binds as an iri parameter."""
    from kg_builder.namespaces import DEFAULT_BASE
    from kg_builder.serve.queries import Parameter, to_term

    with KnowledgeGraph.open(sample_kg) as graph:
        nodes = {q.subject.value for q in graph.quads() if isinstance(q.subject, ox.NamedNode)
                 and q.subject.value.startswith(DEFAULT_BASE + "id/") and "#" not in q.subject.value}
    assert any(node.count("/") > 6 for node in nodes)  # nested keys such as agreement/.../amount/...
    for node in nodes:
        assert to_term(Parameter("entity", "iri"), node.removeprefix(DEFAULT_BASE + "id/")).value == node


@pytest.mark.parametrize(("name", "given", "column", "expected"), [
    ("entity-facts", {"entity": "person/donald-trump"}, "object", "President of United States"),
    ("figures", {"about": "country/cn"}, "quantity", "90"),
    ("minerals-sectors", {"mineral": "mineral/rare-earth-elements"}, "sectorLabel", "defence"),
    ("mineral-mentions", {"mineral": "mineral/lithium"}, "sentence",
     "China refines about 65% of the world's lithium, the agency said."),
    ("actors-by-sources", {"min_sources": "3"}, "label", "United States"),
    ("articles-by-date", {"since": "2025-10-01"}, "title", "US and Japan sign agreement on rare earths"),
    ("prices", {}, "price", "110"),
])
def test_queries_answer_what_the_articles_say(corpus_kg, name, given, column, expected):
    with KnowledgeGraph.open(corpus_kg) as graph:
        rows = to_records(run_query(graph, get_query(name), given))
    assert expected in {str(r[column]) for r in rows}


def test_queries_places_give_each_place_its_geonames_point_and_leave_the_unplaced_empty(sample_kg):
    from kg_builder.geonames import geonames_coordinates

    with KnowledgeGraph.open(sample_kg) as graph:
        records = to_records(run_query(graph, get_query("places")))
    rows = {r["label"]: r for r in records}
    tokyo, japan = rows["Tokyo"], rows["Japan"]
    assert tokyo["geonames"].endswith("/1850147/") and (tokyo["lat"], tokyo["long"]) == ("35.6895", "139.69171")
    assert (float(japan["lat"]), float(japan["long"])) == geonames_coordinates("1861060") and japan["type"] == "Country"
    assert rows["Akasaka Palace"]["lat"] == "" and rows["Akasaka Palace"]["geonames"] == ""  # no source places it
    articles = [int(r["articles"]) for r in records]
    assert articles == sorted(articles, reverse=True) and {r["type"] for r in records} == {"Country", "Place"}


@pytest.mark.parametrize("name", ["entities", "agreements", "events", "fact-sources", "timeline"])
def test_queries_pages_in_order_make_the_whole_answer(corpus_kg, name):
    from kg_builder.serve.queries import Page

    query = get_query(name)
    with KnowledgeGraph.open(corpus_kg) as graph:
        whole = run_query(graph, query)
        assert not whole.more and len(whole.rows) > 3
        rows, offset = [], 0
        while True:
            page = run_query(graph, query, page=Page(limit=3, offset=offset))
            assert page.offset == offset and len(page.rows) <= 3
            rows += page.rows
            offset += 3
            if not page.more:
                break
    assert rows == whole.rows


def test_queries_a_page_must_hold_a_row_and_start_at_zero_or_after():
    from kg_builder.serve.queries import Page

    with pytest.raises(QueryError, match="limit 0"):
        Page(limit=0)
    with pytest.raises(QueryError, match="offset -3"):
        Page(offset=-3)


def test_queries_read_the_facts_layer_of_a_graph_built_under_another_base(tmp_path):
    """The queries name the facts layer relative to the graph's base IRI: a graph built with --base
    answers as the default one does, with its own IRIs."""
    from kg_builder.pipeline.build import build
    from tests.conftest import DATA

    build([DATA / "stories"], tmp_path / "kg", owl=False, base="https://example.org/kg/")
    with KnowledgeGraph.open(tmp_path / "kg") as graph:
        rows = to_records(run_query(graph, get_query("agreements")))
        events = to_records(run_query(graph, get_query("events"), {"status": "any"}))
    assert rows and all(r["agreement"].startswith("https://example.org/kg/id/agreement/") for r in rows)
    assert all(int(r["sources"]) >= 1 and r["label"] for r in rows)
    assert events and all(r["kind"] for r in events)
