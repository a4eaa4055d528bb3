"""Where the project's resource folders live: the only module that knows.

Installed from a wheel, the folders ship inside the package as ``_resources``;
in a source checkout (or an editable install) they sit at the repository root.

>>> (ontology_dir() / "cmkg.ttl").exists()
True
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def resource_root() -> Path:
    """The folder holding ontology/, shapes/, queries/ and data/."""
    bundled = _PACKAGE / "_resources"
    if (bundled / "ontology").is_dir():
        return bundled
    return _PACKAGE.parent


def ontology_dir() -> Path:
    return resource_root() / "ontology"


def shapes_dir() -> Path:
    return resource_root() / "shapes"


def queries_dir() -> Path:
    return resource_root() / "queries"


def data_dir() -> Path:
    return resource_root() / "data"


def sample_articles_dir() -> Path:
    """The bundled sample corpus."""
    return data_dir() / "articles"


def reference_dir() -> Path:
    """Curated reference entities (actors, places, country extras, minerals)."""
    return data_dir() / "reference"
