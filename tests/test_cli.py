import csv
import io
import json

import pytest
from typer.testing import CliRunner

from kg_builder.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def kg(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "kg"
    result = runner.invoke(app, ["build", "--kg", str(path), "--no-owl"])
    assert result.exit_code == 0, result.output
    assert "articles read" in result.output and "conforms" in result.output
    return path


def test_cli_query_csv_has_contract_header(kg):
    result = runner.invoke(app, ["query", "entities", "--kg", str(kg), "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["entity", "type", "label", "wikidata"] and len(rows) > 20


def test_cli_query_pages_with_limit_and_offset_or_gives_all(kg):
    def rows(*args):
        result = runner.invoke(app, ["query", "entities", "--kg", str(kg), "--format", "csv", *args])
        assert result.exit_code == 0, result.output
        return list(csv.reader(io.StringIO(result.stdout)))[1:], result.stderr

    every, note = rows("--all")
    assert len(every) > 12 and not note
    first, note = rows("--limit", "5")
    assert first == every[:5] and "--offset 5 for the next page" in note
    second, _ = rows("--limit", "5", "--offset", "5")
    assert second == every[5:10]
    last, note = rows("--limit", "5", "--offset", str(len(every) - 2))
    assert last == every[-2:] and not note
    table = runner.invoke(app, ["query", "entities", "--kg", str(kg), "--limit", "3"])
    assert "entities: rows 1-3" in table.stdout and "more rows follow" in table.stdout
    bad = runner.invoke(app, ["query", "entities", "--kg", str(kg), "--limit", "0"])
    assert bad.exit_code == 2 and "limit 0" in bad.output


def test_cli_query_json_and_params(kg):
    result = runner.invoke(app, ["query", "roles", "--kg", str(kg), "-f", "json", "--param",
                                 "person=person/xi-jinping"])
    assert result.exit_code == 0
    bindings = json.loads(result.stdout)["results"]["bindings"]
    assert {b["person"]["value"] for b in bindings} == {"Xi Jinping"}


def test_cli_queries_lists_saved_queries():
    result = runner.invoke(app, ["queries"])
    assert result.exit_code == 0 and "mineral-mentions" in result.output


def test_cli_validate_exit_zero(kg):
    result = runner.invoke(app, ["validate", "--kg", str(kg), "--no-owl"])
    assert result.exit_code == 0 and "conforms" in result.output


def test_cli_export_to_file(kg, tmp_path):
    out = tmp_path / "g.trig"
    result = runner.invoke(app, ["export", "--format", "trig", "--output", str(out), "--kg", str(kg)])
    assert result.exit_code == 0 and out.stat().st_size > 1000


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (["query", "nope"], 2, "unknown saved query 'nope'"),
        (["query", "roles", "--param", "person=not an iri"], 2, "parameter 'person'"),
        (["query", "roles", "--param", "person"], 2, "NAME=VALUE"),
        (["query", "roles", "--format", "xml"], 2, "use table, csv or json"),
        (["export", "--format", "png"], 2, "png"),
        (["build", "--bogus"], 2, "No such option"),
    ],
)
def test_cli_bad_input_gives_clear_error_and_exit_code(kg, args, code, text):
    if args[0] in ("query",):
        args = [*args, "--kg", str(kg)]
    result = runner.invoke(app, args)
    assert result.exit_code == code
    assert text in result.output


def test_cli_missing_kg_directory(tmp_path):
    result = runner.invoke(app, ["query", "entities", "--kg", str(tmp_path / "none")])
    assert result.exit_code == 2 and "no such KG directory" in result.output


def test_cli_link_report_and_online(sample_kg_copy):
    from tests.fakes.wikidata import fake_wikidata

    kg = str(sample_kg_copy)
    result = runner.invoke(app, ["link", "--kg", kg, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert any(r["key"] == "person/sanae-takaichi" and r["type"] == "Person" for r in rows)
    with fake_wikidata() as base:
        result = runner.invoke(app, ["link", "--kg", kg, "--online", "--api", f"{base}/w/api.php", "--no-report"])
    assert result.exit_code == 0, result.output
    assert "4 link(s) written" in result.output


def test_cli_link_online_unreachable_fails_clearly(sample_kg_copy):
    result = runner.invoke(app, ["link", "--kg", str(sample_kg_copy), "--online", "--api",
                                 "http://127.0.0.1:9/w/api.php", "--no-report"])
    assert result.exit_code == 2 and "127.0.0.1:9" in result.output


def test_cli_export_void(kg):
    result = runner.invoke(app, ["export", "--format", "void", "--kg", str(kg)])
    assert result.exit_code == 0 and "void:Linkset" in result.stdout


def test_cli_add_and_remove_change_the_graph_and_say_so(sample_kg_copy, tmp_path):
    from tests.conftest import STORIES

    added = runner.invoke(app, ["add", str(STORIES / "mou.txt"), "--kg", str(sample_kg_copy)])
    assert added.exit_code == 0 and "added 1" in added.output, added.output
    again = runner.invoke(app, ["add", str(STORIES / "mou.txt"), "--kg", str(sample_kg_copy)])
    assert again.exit_code == 0 and "unchanged 1" in again.output
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    skipped = runner.invoke(app, ["add", str(tmp_path / "empty.txt"), "--kg", str(sample_kg_copy)])
    assert skipped.exit_code == 3 and "empty.txt" in skipped.output
    removed = runner.invoke(app, ["remove", "mou", "--kg", str(sample_kg_copy)])
    assert removed.exit_code == 0 and "removed 1" in removed.output, removed.output
    unknown = runner.invoke(app, ["remove", "mou", "--kg", str(sample_kg_copy)])
    assert unknown.exit_code == 2 and "no article 'mou'" in unknown.output
    missing = runner.invoke(app, ["add", str(STORIES / "mou.txt"), "--kg", str(tmp_path / "none")])
    assert missing.exit_code == 2 and "no such KG directory" in missing.output


def test_cli_validate_exit_one_on_violations_and_two_when_it_cannot_run(sample_kg_copy, tmp_path):
    import pyoxigraph as ox

    from kg_builder.store.local import KnowledgeGraph, publish_build

    with KnowledgeGraph.open(sample_kg_copy) as graph:
        quads = list(graph.quads())
    agreement = next(q.subject for q in quads if q.predicate.value.endswith("#party"))
    broken = [q for q in quads if not (q.subject == agreement and q.predicate.value.endswith("#party"))]
    broken.append(ox.Quad(agreement, ox.NamedNode("https://w3id.org/cmkg/ontology#party"), ox.Literal("not a node"),
                          next(q.graph_name for q in quads if q.subject == agreement)))
    publish_build(sample_kg_copy, broken, {})
    result = runner.invoke(app, ["validate", "--kg", str(sample_kg_copy), "--no-owl"])
    assert result.exit_code == 1 and "violation" in result.output.lower(), result.output
    cannot = runner.invoke(app, ["validate", "--kg", str(tmp_path / "none"), "--no-owl"])
    assert cannot.exit_code == 2 and "no such KG directory" in cannot.output


def test_cli_a_federated_query_whose_endpoint_cannot_be_reached_is_one_line_and_exit_2(sample_kg):
    """The endpoint is a closed port on this machine: a clear one-line error, no traceback."""
    result = runner.invoke(app, ["query", "wikidata-countries", "--kg", str(sample_kg),
                                 "--param", "service=http://127.0.0.1:9/sparql"])
    assert result.exit_code == 2
    assert "SERVICE endpoint could not be reached" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) <= 2


def test_cli_the_kg_directory_can_come_from_the_environment(sample_kg):
    by_option = runner.invoke(app, ["query", "entities", "--kg", str(sample_kg), "--format", "csv", "--all"])
    by_env = runner.invoke(app, ["query", "entities", "--format", "csv", "--all"],
                           env={"KG_BUILDER_KG": str(sample_kg)})
    assert by_option.exit_code == by_env.exit_code == 0
    assert by_env.output == by_option.output and by_env.output.count("\n") > 10
