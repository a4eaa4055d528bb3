"""The JavaScript libraries ship inside the package, as npm published them, and the pages load
nothing from elsewhere."""

import hashlib
import json
import re
from pathlib import Path

from kg_builder.serve.http.app import STATIC

ROOT = Path(__file__).resolve().parents[3]
VENDOR = STATIC / "vendor"
TEMPLATES = STATIC.parent / "templates"


def test_vendored_files_are_the_locked_npm_releases():
    manifest = json.loads((VENDOR / "MANIFEST.json").read_text())
    lock = json.loads((ROOT / "web" / "package-lock.json").read_text())["packages"]
    wanted = json.loads((ROOT / "web" / "package.json").read_text())["dependencies"]
    assert set(manifest) == set(wanted)
    for package, entry in manifest.items():
        assert entry["version"] == wanted[package] == lock[f"node_modules/{package}"]["version"]
        assert entry["integrity"] == lock[f"node_modules/{package}"]["integrity"]
        assert any("LICENSE" in name for name in entry["files"]), f"{package} ships without its licence"
        for name, digest in entry["files"].items():
            data = (VENDOR / package.rsplit("/", 1)[-1] / name).read_bytes()
            assert hashlib.sha256(data).hexdigest() == digest, f"{package}/{name} differs from its release"


def test_pages_and_scripts_load_nothing_from_another_host():
    external = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", re.I)
    own = [*TEMPLATES.glob("*.html"), *(p for p in STATIC.glob("*") if p.is_file())]
    assert own
    for path in own:
        assert not external.search(path.read_text()), f"{path.name} loads a resource from another host"
