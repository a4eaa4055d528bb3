"""Reading the curated tab-separated tables of ``data/reference/``: rows with their line numbers, and
the confidences a sourced table may give a row."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from kg_builder.errors import ReferenceDataError

CONFIDENCES = ("verified", "likely", "conflict", "none")


def read_tsv(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header; lines starting with ``#`` are comments.
    Each row also gives its line number in the file under ``_line``."""
    if not path.exists():
        raise ReferenceDataError(f"{path}: reference file is missing")
    with path.open(encoding="utf-8") as handle:
        numbered = [(n, line) for n, line in enumerate(handle, start=1) if not line.startswith("#")]
    reader = csv.DictReader([line for _, line in numbered], delimiter="\t")
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise ReferenceDataError(f"{path}: header lacks column(s) {', '.join(missing)}")
    rows = []
    for (line_no, _), row in zip(numbered[1:], reader, strict=False):
        if None in row or any(row.get(c) is None for c in required):
            raise ReferenceDataError(f"{path}:{line_no}: expected {len(reader.fieldnames or [])} tab-separated columns")
        rows.append({**{k: (v or "").strip() for k, v in row.items()}, "_line": str(line_no)})
    return rows


def sources_of(row: dict[str, str]) -> list[str]:
    """The sources a row quotes (its ``sources`` cell, ``;``-separated)."""
    return [s.strip() for s in row["sources"].split(";") if s.strip()]


# A source that names where it is: a file of a repository ("owner/name:path ..."), or a curator's check.
REPOSITORY_FILE = r"(?P<repo>[\w.-]+/[\w.-]+):\S+"  # owner/name:path[@commit]
_NAMED_SOURCE = re.compile(rf"{REPOSITORY_FILE}.*|(?P<hand>checked by hand)\b.*")


def named_origins(row: dict[str, str]) -> set[str]:
    """The distinct origins of the sources a row quotes that name their repository (``owner/name``) or are
    a curator's check by hand; a file quoted without its repository names none.

    >>> sorted(named_origins({"sources": "a/b:x.json 'Q1'; a/b:y.json; c/d:z.py; search-index file id 7"}))
    ['a/b', 'c/d']
    """
    origins = set()
    for source in sources_of(row):
        if match := _NAMED_SOURCE.fullmatch(source):
            origins.add(match["repo"] or match["hand"])
    return origins


UNCONFIRMED = "a verified QID needs files of two named repositories (owner/name:path), or a check by hand"


def confirmed_by_two(row: dict[str, str]) -> bool:
    """An identifier is confirmed by files of two named repositories, or by a curator's check by hand."""
    origins = named_origins(row)
    return "checked by hand" in origins or len(origins) >= 2


def checked_or_sourced(where: str, checked: str, sourced: str | None, table: str) -> str | None:
    """An identifier a curator checked by hand (``checked``, may be empty), else the one a sourced
    ``table`` gives; refused when both are given and differ."""
    if checked and sourced and checked != sourced:
        raise ReferenceDataError(f"{where}: checked QID {checked} is not {sourced}, the one {table} sources")
    return checked or sourced


def checked_confidence(path: Path, row: dict[str, str], sources: int = 2) -> str:
    """The row's confidence, refused unless it is one of CONFIDENCES or, when ``verified``, unless the
    row quotes ``sources`` sources."""
    where = f"{path}:{row['_line']}"
    if row["confidence"] not in CONFIDENCES:
        raise ReferenceDataError(f"{where}: confidence {row['confidence']!r} is not one of {', '.join(CONFIDENCES)}")
    if row["confidence"] == "verified" and len(sources_of(row)) < sources:
        raise ReferenceDataError(f"{where}: a verified row needs {'two sources' if sources == 2 else 'its sources'}")
    return row["confidence"]
