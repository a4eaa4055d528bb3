"""A build, add or remove killed with SIGKILL at any moment leaves a consistent graph: the store, the
cache and the manifest of the current build agree, the next command works, its workers die with it,
and what it left half-made is cleared by the next writer."""

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg_builder.errors import StoreError
from kg_builder.pipeline.build import build
from kg_builder.pipeline.cache import ExtractionCache
from kg_builder.pipeline.incremental import add, read_manifest, remove
from kg_builder.store.local import KnowledgeGraph, StagedBuild, current_build
from tests.conftest import DATA, build_stories
from tests.process_tree import descendants, gone

STORIES = DATA / "stories"
ARTICLES = sorted(p.name for p in STORIES.glob("*.txt"))
ARTICLE_GRAPH = "/graph/article/"


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg_builder.cli", *args]


def consistent(kg: Path) -> set[str]:
    """The articles of the current build, after checking that its store, cache and manifest agree."""
    build_dir = current_build(kg)
    manifest = read_manifest(build_dir)
    with KnowledgeGraph.open(kg) as graph:
        in_store = {g.value.rsplit("/", 1)[-1] for g in graph.named_graphs() if ARTICLE_GRAPH in g.value}
    assert in_store == set(manifest), f"store {sorted(in_store)} != manifest {sorted(manifest)}"
    cache = ExtractionCache(build_dir.parent.parent)
    assert all(cache.path(a, e.sha256).exists() for a, e in manifest.items())
    return set(manifest)


def kill_after(command: list[str], seconds: float) -> tuple[int, set[int]]:
    """Run ``command``, SIGKILL it after ``seconds`` (if still running); its return code and the
    processes it had started by then."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + seconds
    children: set[int] = set()
    while process.poll() is None and time.monotonic() < deadline:
        children |= descendants(process.pid)
        time.sleep(0.02)
    if process.poll() is None:
        children |= descendants(process.pid)
        os.kill(process.pid, signal.SIGKILL)
    return process.wait(), children


@pytest.fixture
def small_kg(tmp_path):
    return build_stories(tmp_path, ARTICLES[:3])


def test_add_and_remove_killed_at_any_moment_leave_store_and_manifest_in_step(small_kg):
    kg, extra = small_kg, [STORIES / name for name in ARTICLES[3:6]]
    command = cli("add", *map(str, extra), "--kg", str(kg), "--workers", "2")
    for _ in range(2):  # timed the second time, as the killed ones run: with the extractions cached
        started = time.monotonic()
        assert subprocess.run(command, capture_output=True).returncode == 0
        whole = time.monotonic() - started
        assert consistent(kg) == {n.removesuffix(".txt") for n in ARTICLES[:6]}
        remove([n.removesuffix(".txt") for n in ARTICLES[3:6]], kg)
    killed, rng = 0, random.Random(15)
    for step in range(7):  # a random kill point in each seventh of the run, start to finish
        code, children = kill_after(command, whole * (step + rng.random()) / 7)
        killed += code == -signal.SIGKILL
        articles = consistent(kg)
        assert articles in ({n.removesuffix(".txt") for n in ARTICLES[:3]},
                            {n.removesuffix(".txt") for n in ARTICLES[:6]})
        assert gone(children), "the workers outlived the killed add"
        if len(articles) == 6:
            remove([n.removesuffix(".txt") for n in ARTICLES[3:6]], kg)  # a new article can be removed again
            assert consistent(kg) == {n.removesuffix(".txt") for n in ARTICLES[:3]}
    assert killed >= 4
    add(extra, kg)  # and the next add works, clearing what the killed ones left
    assert consistent(kg) == {n.removesuffix(".txt") for n in ARTICLES[:6]}
    assert not [p for p in (kg / "builds").iterdir() if p.name.startswith(".staging-")]
    assert len(list((kg / "builds").iterdir())) == 1


def test_a_build_killed_with_its_workers_running_takes_them_along_and_leaves_the_old_graph(small_kg, tmp_path):
    before = consistent(small_kg)
    many = tmp_path / "many"  # enough articles that the build is still extracting when it is killed
    many.mkdir()
    for copy in range(300):  # each copy says something of its own: copies of one text are read once
        for name in ARTICLES:
            text = (STORIES / name).read_text(encoding="utf-8")
            (many / f"{copy:03d}-{name}").write_text(f"{text}\n\nUpdate {copy}: the story is developing.\n",
                                                     encoding="utf-8")
    code, children = kill_after(cli("build", str(many), "--kg", str(small_kg), "--workers", "2", "--no-owl"), 5.0)
    assert code == -signal.SIGKILL and children
    assert gone(children)
    assert consistent(small_kg) == before
    staging = [p for p in (small_kg / "builds").iterdir() if p.name.startswith(".staging-")]
    build([STORIES], small_kg, owl=False)
    assert not any(p.exists() for p in staging)
    assert consistent(small_kg) == {n.removesuffix(".txt") for n in ARTICLES}


def test_one_writer_at_a_time(small_kg):
    staged = StagedBuild(small_kg)
    try:
        with pytest.raises(StoreError, match=f"another build, add or remove .*process {os.getpid()}"):
            add([STORIES / ARTICLES[4]], small_kg)
    finally:
        staged.abort()
    add([STORIES / ARTICLES[4]], small_kg)
    assert ARTICLES[4].removesuffix(".txt") in consistent(small_kg)


def test_a_changed_copy_leaves_the_build_it_was_copied_from_untouched(small_kg):
    old = current_build(small_kg)
    kept = small_kg.parent / "kept"
    shutil.copytree(old, kept)
    with KnowledgeGraph.open(small_kg) as graph:
        quads = sorted(map(str, graph.quads()))
    staged = StagedBuild(small_kg, copy_of=old)
    staged.add([ox.Quad(ox.NamedNode("http://ex/s"), ox.NamedNode("http://ex/p"), ox.Literal("o"),
                        ox.NamedNode("http://ex/g"))])
    files = sorted(p.relative_to(old) for p in old.rglob("*") if p.is_file() and "store" not in p.parts)
    assert files
    for name in files:
        with (staged.dir / name).open("ab") as changed:  # in place, as SQLite writes its state
            changed.write(b"changed")
    staged.abort()
    assert sorted(map(str, KnowledgeGraph(ox.Store.read_only(str(old / "store"))).quads())) == quads
    assert all((old / name).read_bytes() == (kept / name).read_bytes() for name in files)
