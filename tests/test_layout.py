"""The package is laid out by pipeline stage, and data flows one way: a stage imports only the
stages before it (and the shared modules at the top), never a later one."""

import ast
from pathlib import Path

import kg_builder

PACKAGE = Path(kg_builder.__file__).parent
SHARED = {"model", "errors", "paths", "namespaces", "reference", "geonames", "tables", "processes", "keys", "__init__",
          "__version__"}
STAGES = ["read", "extract", "corpus", "graph", "check", "store", "pipeline", "serve", "linking", "evaluation"]


def stage_of(module: str) -> int:
    """The rank of a module in the flow: shared modules first, then the stages, then the CLI."""
    head = module.split(".")[1] if "." in module else ""
    if head in SHARED:
        return -1
    if head == "cli":
        return len(STAGES)
    assert head in STAGES, f"kg_builder.{head} belongs to no stage: put it in one (or among the shared modules)"
    return STAGES.index(head)


def imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kg_builder"):
            out += [node.module] if node.module != "kg_builder" else [f"kg_builder.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            out += [a.name for a in node.names if a.name.startswith("kg_builder")]
    return out


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield "kg_builder." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts), path


def test_layout_every_module_sits_in_a_stage_or_among_the_shared_ones():
    for module, _ in modules():
        stage_of(module)


def test_layout_no_stage_imports_a_later_one():
    backwards = [f"{module} imports {target}" for module, path in modules() for target in imports(path)
                 if stage_of(target) > stage_of(module)]
    assert backwards == []


def test_layout_the_check_sees_a_backward_import(tmp_path):
    bad = tmp_path / "late.py"
    bad.write_text("from kg_builder.serve.queries import run_query\n", encoding="utf-8")
    assert stage_of(imports(bad)[0]) > stage_of("kg_builder.graph.rdf")


def test_layout_only_the_store_stage_writes_to_a_store():
    """Outside store/, nobody reaches into a graph's store or writes SPARQL Update text."""
    found = []
    for module, path in modules():
        if module.startswith("kg_builder.store."):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and (node.attr == "_store" or (
                    isinstance(node.value, ast.Attribute) and node.value.attr == "store")):
                found.append(f"{module}:{node.lineno} reaches into a store")
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and any(
                    words in node.value for words in ("INSERT DATA", "DELETE DATA", "DROP SILENT GRAPH", "MOVE ")):
                found.append(f"{module}:{node.lineno} writes SPARQL Update")
    assert found == []
