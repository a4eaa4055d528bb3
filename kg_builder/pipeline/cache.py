"""What a build keeps for the next incremental change: each article's extraction (before
resolution and merging) and a manifest of the articles with their content hashes and the
fingerprint of what resolution and merging made of them.

>>> from kg_builder.model import Article, Extraction
>>> e = Extraction(Article("a", "a.txt", "t", "0"), (), ())
>>> len(fingerprint(e)) == 64
True
"""

from __future__ import annotations

import gc
import hashlib
import json
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kg_builder.errors import StoreError
from kg_builder.model import Extraction, Kind

CACHE = "cache"
MANIFEST = "manifest.json"
FORMAT = 4  # bumped whenever extraction changes what it finds


@dataclass(frozen=True)
class Entry:
    sha256: str
    source: str
    fingerprint: str


def fingerprint(merged: Extraction) -> str:
    """A hash of what resolution and merging decided for one article: when it is unchanged (and the
    article is), the article's graph is unchanged. Resolution only rewrites people, so only the
    mentions of people are hashed."""
    parts = (
        [(m.start, m.key, m.label) for m in merged.mentions if m.kind is Kind.PERSON],
        [(r.person, r.role, r.of) for r in merged.roles],
        [(m.person, m.organization) for m in merged.memberships],
        [(a.key, a.label, a.signatories) for a in merged.agreements],
        [(e.key, e.label, e.participants) for e in merged.events],
        [(f.about,) for f in merged.figures],
    )
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def cache_bytes(extraction: Extraction) -> bytes:
    return pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL)


def cache_name(article_id: str) -> str:
    return f"{CACHE}/{article_id}.pickle"


def load_extraction(build_dir: Path, article_id: str) -> Extraction:
    path = build_dir / cache_name(article_id)
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError) as error:
        raise StoreError(f"{path}: cached extraction unreadable ({error}); run a full build") from error


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while many objects are made and kept (loading every cached
    extraction, merging them): it would scan them all again and again for no garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def manifest_bytes(entries: dict[str, Entry]) -> bytes:
    data = {"format": FORMAT, "articles": {k: vars(v) for k, v in sorted(entries.items())}}
    return json.dumps(data, indent=1).encode("utf-8")


def read_manifest(build_dir: Path) -> dict[str, Entry]:
    path = build_dir / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise StoreError(f"{path}: no readable manifest ({error}); run a full build first") from error
    if data.get("format") != FORMAT:
        raise StoreError(f"{path}: made by another version of kg-builder; run a full build")
    return {k: Entry(**v) for k, v in data["articles"].items()}
