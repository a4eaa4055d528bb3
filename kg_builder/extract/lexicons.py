"""Lexicons derived from the data packages extraction reads, kept in a user cache so that a new
process reads each in milliseconds instead of parsing the package's own files (the GeoNames cities
and the given names take about a tenth of a second each).

A lexicon is cached under its name, a hash of the module whose code makes it (a change to how it is
made makes it again), and the name and version of the package it comes from (and the Python
version), in ``$KG_BUILDER_CACHE``, else ``$XDG_CACHE_HOME/kg-builder``, else
``~/.cache/kg-builder``. It is written to a temporary name and renamed, so a reader never sees half
of one; one that is missing or unreadable is made again, and where the cache cannot be written the
lexicon is made in memory each time.

>>> import tempfile
>>> where, made = Path(tempfile.mkdtemp()), []
>>> def make():
...     made.append(1)
...     return frozenset({"Lyon"})
>>> cached("cities", "pyyaml", make, where), cached("cities", "pyyaml", make, where), len(made)
(frozenset({'Lyon'}), frozenset({'Lyon'}), 1)
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import inspect
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
FORMAT = 1  # the layout of the cached lexicons: a change makes every one again


def cache_dir() -> Path:
    """Where lexicons are cached."""
    if os.environ.get("KG_BUILDER_CACHE"):
        return Path(os.environ["KG_BUILDER_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg-builder"


def cached(name: str, package: str, make: Callable[[], T], where: Path | None = None) -> T:
    """The lexicon ``name`` made by ``make`` from the data of ``package``, from the cache (``where``,
    by default :func:`cache_dir`) when this version of the package made it before."""
    version = importlib.metadata.version(package)
    python = f"{sys.version_info[0]}.{sys.version_info[1]}"
    code = _module_hash(make)
    path = (where or cache_dir()) / f"{name}-{code}-{package}-{version}-py{python}-{FORMAT}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        pass
    value = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only home: the lexicon is made again next time
    return value


def _module_hash(make: Callable) -> str:
    """A short hash of the file that defines ``make`` ("0" where there is none)."""
    try:
        source = inspect.getsourcefile(make)
        return hashlib.sha256(Path(source).read_bytes()).hexdigest()[:8] if source else "0"
    except (TypeError, OSError):
        return "0"
