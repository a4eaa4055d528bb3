"""The build: articles -> mentions -> resolved entities -> quads -> validation -> store.

>>> import tempfile, pathlib
>>> kg = pathlib.Path(tempfile.mkdtemp()) / "kg"
>>> summary = build([paths.sample_articles_dir()], kg, owl=False)
>>> summary.articles_read, summary.report.conforms
(5, True)
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg_builder import paths
from kg_builder.check.shacl_engines import DEFAULT_ENGINE
from kg_builder.check.validate import ValidationReport, check_owl, report_turtle
from kg_builder.errors import ArticleError, ExitCode, KgBuilderError
from kg_builder.graph.void import void_from_graph, void_turtle
from kg_builder.keys import figure_key
from kg_builder.model import Extraction
from kg_builder.namespaces import DEFAULT_BASE, Iris
from kg_builder.pipeline.orchestrator import Outcome, elapsed, run, write_json
from kg_builder.read.articles import DEFAULT_MAX_BYTES, read_articles
from kg_builder.store.local import StagedBuild

Progress = Callable[[str, int, int], None]


@dataclass
class BuildSummary:
    kg_dir: Path
    build_dir: Path | None = None
    articles_read: int = 0
    skipped: list[ArticleError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entities_by_type: dict[str, int] = field(default_factory=dict)
    mentions: int = 0
    facts: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    report: ValidationReport = field(default_factory=ValidationReport)
    seconds: float = 0.0

    @property
    def exit_code(self) -> ExitCode:
        """Built and conforms; built with violations; built but some inputs skipped."""
        if not self.report.conforms:
            return ExitCode.VIOLATIONS
        return ExitCode.SKIPPED if self.skipped else ExitCode.OK

    def as_json(self) -> dict:
        return {
            "articles_read": self.articles_read,
            "skipped": [str(e) for e in self.skipped],
            "warnings": self.warnings,
            "entities_by_type": self.entities_by_type,
            "mentions": self.mentions,
            "facts": self.facts,
            "triples": self.triples,
            "validation": self.report.summary(),
            "conforms": self.report.conforms,
        }


def _count_facts(extractions: list[Extraction]) -> dict[str, int]:
    """Merged agreements and events, and distinct figures, of a build."""
    return {
        "agreements": len({a.key for e in extractions for a in e.agreements}),
        "events": len({x.key for e in extractions for x in e.events}),
        "figures": len({figure_key(f) for e in extractions for f in e.figures}),
    }


def _count_entities(extractions: list[Extraction]) -> dict[str, int]:
    seen = {(m.kind.type_name, m.key) for e in extractions for m in e.mentions}
    return dict(sorted(Counter(kind for kind, _ in seen).items()))


def build(inputs: Iterable[Path] | None, kg_dir: Path, *, base: str = DEFAULT_BASE, owl: bool = True,
          max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None,
          links: Iterable[Path] = (), workers: int = 1, remote=None,
          engine: str = DEFAULT_ENGINE) -> BuildSummary:
    """Build the knowledge graph of ``inputs`` (default: the bundled articles) into ``kg_dir``;
    ``links`` are curated links files read after the bundled one and the KG's own; ``workers``
    processes share the per-article work; ``engine`` checks the shapes (see
    :mod:`kg_builder.check.shacl_engines`); with ``remote`` (a :class:`~kg_builder.store.remote.RemoteConfig`) the
    graphs also replace those of that SPARQL server. A build is a change made to an empty graph (see
    :mod:`kg_builder.pipeline.orchestrator`)."""
    started = time.perf_counter()
    inputs = list(inputs or [paths.sample_articles_dir()])
    read = read_articles(inputs, max_bytes=max_bytes)
    summary = BuildSummary(kg_dir=kg_dir, skipped=list(read.errors), warnings=list(read.warnings))
    if not read.articles:
        raise KgBuilderError("no article could be read: " + "; ".join(str(e) for e in read.errors[:5]))

    def finish(staged: StagedBuild, outcome: Outcome) -> None:
        summary.skipped += outcome.skipped
        summary.warnings += outcome.warnings
        if not outcome.extracted:
            raise KgBuilderError("no article could be extracted: " + "; ".join(str(e) for e in summary.skipped[:5]))
        summary.report = outcome.report
        merged = list(outcome.change.write.values())
        _finish(staged, summary, merged, owl=owl, base=base)
        summary.articles_read = len(read.articles)
        if remote is not None:
            staged.mirror_to(remote)
        summary.seconds = elapsed(started)
        write_json(staged, "build.json", {**summary.as_json(), "base": base, "shacl_engine": engine,
                                          "inputs": [str(p) for p in inputs]})

    outcome = run(kg_dir, read.articles, fresh=True, base=base, engine=engine, workers=workers, links=links,
                  progress=progress, finish=finish)
    summary.build_dir = outcome.staged.builds / outcome.staged.stamp
    return summary


def _finish(staged: StagedBuild, summary: BuildSummary, merged: list[Extraction], *, owl: bool, base: str) -> None:
    """The OWL check, the counts, the VoID description and the validation report of a staged build."""
    if owl:
        summary.report.owl = check_owl(staged.graph().quads())
    summary.entities_by_type = _count_entities(merged)
    summary.mentions = sum(len(e.mentions) for e in merged)
    summary.facts = _count_facts(merged)
    summary.triples = len(staged.graph())
    staged.write("void.ttl", void_turtle(void_from_graph(staged.graph(), Iris(base))))
    staged.write("validation-report.ttl", report_turtle(summary.report))
