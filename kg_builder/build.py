"""The build: articles -> mentions -> resolved entities -> quads -> validation -> store.

>>> import tempfile, pathlib
>>> kg = pathlib.Path(tempfile.mkdtemp()) / "kg"
>>> summary = build([paths.sample_articles_dir()], kg, owl=False)
>>> summary.articles_read, summary.report.conforms
(5, True)
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg_builder import paths
from kg_builder.articles import DEFAULT_MAX_BYTES, read_articles
from kg_builder.errors import ArticleError, KgBuilderError
from kg_builder.export import ExportFormat, export
from kg_builder.extract import extract
from kg_builder.links import link_files, link_triples, load_links
from kg_builder.merge import figure_key, merge
from kg_builder.model import Extraction
from kg_builder.namespaces import DEFAULT_BASE, Iris
from kg_builder.rdf import article_quads, reference_quads, schema_quads
from kg_builder.reference import load_reference
from kg_builder.resolve import resolve
from kg_builder.store import publish_build
from kg_builder.validate import ValidationReport, validate_quads

Progress = Callable[[str, int, int], None]

EXIT_OK, EXIT_VIOLATIONS, EXIT_FAILED, EXIT_SKIPPED = 0, 1, 2, 3


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
    def exit_code(self) -> int:
        """0 built and conforms; 1 built with violations; 3 built but some inputs skipped."""
        if not self.report.conforms:
            return EXIT_VIOLATIONS
        return EXIT_SKIPPED if self.skipped else EXIT_OK

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
          links: Iterable[Path] = ()) -> BuildSummary:
    """Build the knowledge graph of ``inputs`` (default: the bundled articles) into ``kg_dir``;
    ``links`` are curated links files read after the bundled one and the KG's own."""
    started = time.perf_counter()
    iris = Iris(base)
    curated = load_links(link_files(kg_dir, links))
    inputs = list(inputs or [paths.sample_articles_dir()])
    read = read_articles(inputs, max_bytes=max_bytes)
    summary = BuildSummary(kg_dir=kg_dir, skipped=list(read.errors), warnings=list(read.warnings))
    if not read.articles:
        raise KgBuilderError("no article could be read: " + "; ".join(str(e) for e in read.errors[:5]))
    reference = load_reference()
    extractions = []
    for index, article in enumerate(read.articles, start=1):
        if progress:
            progress(article.id, index, len(read.articles))
        try:
            extractions.append(extract(article, reference))
        except Exception as error:  # a rule failing on one article must not stop the others
            summary.skipped.append(ArticleError(article.source, f"extraction failed ({type(error).__name__}: {error})",
                                                "the article is left out of this build; report it with this message"))
    if not extractions:
        raise KgBuilderError("no article could be extracted: " + "; ".join(str(e) for e in summary.skipped[:5]))
    extractions = merge(resolve(extractions), reference)
    quads: list[ox.Quad] = schema_quads(iris) + reference_quads(reference, iris)
    for extraction in extractions:
        quads += article_quads(extraction, reference, iris)
    known = set(reference.entities) | {m.key for e in extractions for m in e.mentions}
    summary.warnings += [f"{link.where}: {link.key} is neither reference data nor mentioned; its link is not written"
                         for link in curated if link.key not in known]
    links_graph = ox.NamedNode(iris.graph("links"))
    quads += [ox.Quad(t.subject, t.predicate, t.object, links_graph)
              for t in link_triples([link for link in curated if link.key in known], iris)]
    summary.report = validate_quads(quads, iris=iris, owl=owl)
    summary.articles_read = len(read.articles)
    summary.entities_by_type = _count_entities(extractions)
    summary.mentions = sum(len(e.mentions) for e in extractions)
    summary.facts = _count_facts(extractions)
    summary.triples = len(set(quads))
    summary.seconds = round(time.perf_counter() - started, 2)
    files = {
        "validation-report.ttl": summary.report.report_graph.serialize(format="turtle").encode("utf-8"),
        "void.ttl": export(quads, ExportFormat.VOID),
        "build.json": json.dumps({**summary.as_json(), "base": base, "inputs": [str(p) for p in inputs]},
                                 indent=2).encode("utf-8"),
    }
    summary.build_dir = publish_build(kg_dir, quads, files)
    return summary
