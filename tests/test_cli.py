import csv
import io
import json

import pytest
from typer.testing import CliRunner

from kg_builder.cli import EXAMPLES, app

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
    assert "3 link(s) written" in result.output


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


def _shown_cells(args: list[str], kg) -> tuple[list[str], list[list[str]]]:
    """The columns and rows of a query or of the link report, each cell as a table shows it: an IRI of
    the graph as its key, of a known vocabulary as a prefixed name (the JSON results say which are IRIs)."""
    import pyoxigraph as ox

    from kg_builder.namespaces import DEFAULT_BASE
    from kg_builder.serve.terminal_tables import compact

    env = {"KG_BUILDER_KG": str(kg)}
    if args[0] == "link":
        result = runner.invoke(app, [*args, "--format", "csv"], env=env)
        assert result.exit_code == 0, result.output
        header, *rows = list(csv.reader(io.StringIO(result.stdout)))
        return header, rows
    result = runner.invoke(app, [*args, "--format", "json"], env=env)
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    columns = answer["head"]["vars"]

    def shown(binding) -> str:
        if binding is None:
            return ""
        return compact(ox.NamedNode(binding["value"]), DEFAULT_BASE) if binding["type"] == "uri" else binding["value"]

    return columns, [[shown(b.get(c)) for c in columns] for b in answer["results"]["bindings"]]


@pytest.mark.parametrize("width", [80, 200])
@pytest.mark.parametrize("args", [
    ["query", "agreements"],
    ["query", "timeline", "--param", "participant=country/cn"],
    ["query", "entities", "--all"],
    ["query", "fact-sources", "--param", "fact=figure/cn-processing-share-more-than-90-percent-rare-earth-elements"],
    ["link"],
])
def test_cli_tables_fit_the_terminal_and_keep_every_cell(sample_kg, width, args):
    from tests.test_terminal_tables import assert_all_shown

    header, rows = _shown_cells(args, sample_kg)
    assert rows
    result = runner.invoke(app, args, env={"KG_BUILDER_KG": str(sample_kg), "COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width, max(lines, key=len)
    assert_all_shown(result.stdout, header, rows)
    assert "https://w3id.org/cmkg/id/" not in result.stdout  # the graph's IRIs are shown as keys
    if args == ["query", "agreements"]:  # eleven columns: blocks at 80, a table at 200
        assert ("┏" in result.stdout) == (width == 200)
        assert (result.stdout.count("\nrow ") == len(rows)) == (width == 80)


def test_cli_columns_and_layout_choose_what_is_shown_and_how(sample_kg):
    env = {"KG_BUILDER_KG": str(sample_kg), "COLUMNS": "80"}
    header, rows = _shown_cells(["query", "agreements", "--columns", "label,date"], sample_kg)
    assert header == ["label", "date"] and all(len(row) == 2 for row in rows)
    table = runner.invoke(app, ["query", "agreements", "--layout", "table"], env=env)
    assert table.exit_code == 0 and "┏" in table.stdout and "\nrow 1" not in table.stdout
    assert max(len(line) for line in table.stdout.splitlines()) <= 80
    records = runner.invoke(app, ["query", "agreements", "-c", "date,label", "--layout", "records"],
                            env={**env, "COLUMNS": "200"})
    assert records.exit_code == 0 and "\nrow 1 " in records.stdout and "┏" not in records.stdout
    first = [line.split("│")[0].strip() for line in records.stdout.splitlines()[2:4]]
    assert first == ["date", "label"]
    linked = runner.invoke(app, ["link", "--columns", "key,mentions", "--format", "csv"], env=env)
    assert linked.exit_code == 0 and linked.stdout.startswith("key,mentions\n")
    bad = runner.invoke(app, ["query", "agreements", "--columns", "label,dte"], env=env)
    assert bad.exit_code == 2
    assert "--columns: query 'agreements' has no column 'dte' (did you mean 'date'?)" in bad.output


def test_cli_warns_of_an_iri_parameter_that_names_no_node(sample_kg):
    env = {"KG_BUILDER_KG": str(sample_kg)}
    result = runner.invoke(app, ["query", "agreements", "--param", "mineral=mineral/rare-earth", "-f", "csv"], env=env)
    assert result.exit_code == 0
    assert result.stderr == ("warning: parameter 'mineral': the graph has no node mineral/rare-earth "
                             "(did you mean mineral/rare-earth-elements?)\n")
    assert result.stdout.count("\n") == 1  # the header: no agreement covers a mineral the graph lacks
    person = runner.invoke(app, ["query", "roles", "-p", "person=person/sanae-takaichii"], env=env)
    assert person.exit_code == 0
    assert "no node person/sanae-takaichii (did you mean person/sanae-takaichi?)" in person.stderr
    elsewhere = runner.invoke(app, ["query", "roles", "-p", "person=https://example.org/x"], env=env)
    assert elsewhere.stderr.strip() == "warning: parameter 'person': the graph has no node https://example.org/x"


def test_cli_no_warning_when_the_iri_parameters_name_nodes(sample_kg):
    env = {"KG_BUILDER_KG": str(sample_kg)}
    for args in (["query", "agreements", "--param", "mineral=mineral/rare-earth-elements"],
                 ["query", "agreements"],  # a default is not checked
                 ["query", "roles", "-p", "person=https://w3id.org/cmkg/id/person/sanae-takaichi"]):
        result = runner.invoke(app, [*args, "-f", "csv"], env=env)
        assert result.exit_code == 0 and result.stderr == "", (args, result.stderr)
        assert result.stdout.count("\n") > 1


def _help(*command: str) -> str:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    return result.stdout


def _examples_in(help_text: str) -> list[str]:
    after = help_text.split("Examples:", 1)[1]
    return [line.strip() for line in after.splitlines() if line.strip().startswith("kg-builder")]


@pytest.mark.parametrize("command", sorted(EXAMPLES))
def test_cli_help_of_every_command_ends_with_examples_that_parse(command):
    import shlex

    import typer.main

    shown = _examples_in(_help(*([command] if command else [])))
    assert shown == list(EXAMPLES[command])
    group = typer.main.get_command(app)
    for example in shown:
        words = shlex.split(example)[1:]
        if words[-1] == "--help":
            continue
        sub = group.get_command(None, words[0])
        assert sub is not None, example
        sub.make_context(words[0], words[1:])  # raises on an unknown option or a bad value


def test_cli_every_command_has_examples():
    import typer.main

    assert set(typer.main.get_command(app).commands) | {""} == set(EXAMPLES)


def test_cli_the_examples_of_query_run_on_the_sample_graph(sample_kg, tmp_path, monkeypatch):
    import shlex

    monkeypatch.chdir(tmp_path)
    examples = _examples_in(_help("query"))
    assert len(examples) >= 5
    for example in examples:
        result = runner.invoke(app, shlex.split(example)[1:], env={"KG_BUILDER_KG": str(sample_kg)})
        assert result.exit_code == 0, (example, result.output)
        assert result.stderr == "", (example, result.stderr)  # no parameter names a missing node
        assert result.stdout.strip(), example
