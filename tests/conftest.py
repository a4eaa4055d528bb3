"""Shared fixtures: small articles written for the tests, and one build of the sample corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg_builder import paths
from kg_builder.model import Article
from kg_builder.pipeline.build import build
from kg_builder.reference import load_reference

DATA = Path(__file__).parent / "data"
STORIES = DATA / "stories"


def build_stories(tmp_path: Path, names: list[str], kg_name: str = "kg") -> Path:
    """A KG built (without the OWL check) from the stories of ``names`` (tests/data/stories)."""
    import shutil

    folder = tmp_path / f"{kg_name}-articles"
    folder.mkdir()
    for name in names:
        shutil.copy(STORIES / name, folder / name)
    kg = tmp_path / kg_name
    build([folder], kg, owl=False)
    return kg


def make_article(text: str, article_id: str = "t", **meta) -> Article:
    """An article built by hand, as the reader would give it."""
    return Article(id=article_id, source=f"{article_id}.txt", sha256="0" * 64, text=text, **meta)


@pytest.fixture(scope="session")
def reference():
    return load_reference()


@pytest.fixture(scope="session")
def sample_kg(tmp_path_factory) -> Path:
    """The bundled sample corpus, built once (OWL check off: it has its own test)."""
    kg = tmp_path_factory.mktemp("sample") / "kg"
    build([paths.sample_articles_dir()], kg, owl=False)
    return kg


@pytest.fixture
def sample_kg_copy(sample_kg, tmp_path) -> Path:
    """A copy of the sample build that a test may change."""
    import shutil

    copy = tmp_path / "kg"
    shutil.copytree(sample_kg, copy, symlinks=True)
    return copy


BUILDING_FIXTURES = {"sample_kg", "sample_kg_copy", "kg", "kgs", "full", "stories_kg", "server", "loaded",
                     "stories_quads", "small_kg", "corpus_kg"}
SLOW_MODULES = {"test_crash_safety.py", "test_incremental.py", "test_build.py", "test_current_build.py",
                "test_answer_cache.py", "test_query_workers.py", "test_keep_alive.py", "test_fidelity.py",
                "test_remote.py", "test_parallel.py", "test_export.py", "test_validate.py", "test_links.py"}


def pytest_collection_modifyitems(config, items) -> None:
    """Mark as ``slow`` every test that builds a graph, runs processes or waits: those that use a
    built graph, those of the modules that build their own, and doctests that build. ``pytest`` alone
    skips them (a run of seconds while working on rules); ``make test`` and CI run everything."""
    for item in items:
        doctest = getattr(item, "dtest", None)
        if (BUILDING_FIXTURES & set(getattr(item, "fixturenames", ()))
                or item.path.name in SLOW_MODULES
                or (doctest is not None and any("build(" in e.source for e in doctest.examples))):
            item.add_marker(pytest.mark.slow)
