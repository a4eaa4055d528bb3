"""Copy the web pages' JavaScript libraries from their npm packages into the Python package.

    cd web && npm ci --ignore-scripts && python vendor.py

The files land in ``kg_builder/serve/http/static/vendor/<package>/`` with the package's licence, and
``MANIFEST.json`` there records each package's version, licence and the SHA-256 of every file copied,
so a test can tell that what ships is what package-lock.json pins. Nothing is fetched at run time.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENDOR = HERE.parent / "kg_builder" / "serve" / "http" / "static" / "vendor"
FILES = {
    "@triply/yasgui": ["build/yasgui.min.js", "build/yasgui.min.css", "build/yasgui.min.js.LICENSE.txt",
                       "LICENSE.txt"],
    "chart.js": ["dist/chart.umd.min.js", "LICENSE.md"],
    "cytoscape": ["dist/cytoscape.min.js", "LICENSE"],
    "vis-timeline": ["standalone/umd/vis-timeline-graph2d.min.js", "styles/vis-timeline-graph2d.min.css",
                     "LICENSE.MIT.txt", "LICENSE.Apache-2.0.txt"],
    "swagger-ui-dist": ["swagger-ui-bundle.js", "swagger-ui.css", "swagger-ui-bundle.js.LICENSE.txt", "LICENSE",
                        "NOTICE"],
}


def folder(package: str) -> str:
    return package.rsplit("/", 1)[-1]


def main() -> None:
    lock = json.loads((HERE / "package-lock.json").read_text())["packages"]
    manifest = {}
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    for package, files in FILES.items():
        source = HERE / "node_modules" / package
        meta = json.loads((source / "package.json").read_text())
        assert meta["version"] == lock[f"node_modules/{package}"]["version"], f"{package}: run npm ci first"
        target = VENDOR / folder(package)
        target.mkdir(parents=True)
        copied = {}
        for name in files:
            data = (source / name).read_bytes()
            (target / Path(name).name).write_bytes(data)
            copied[Path(name).name] = hashlib.sha256(data).hexdigest()
        manifest[package] = {"version": meta["version"], "license": meta["license"],
                             "integrity": lock[f"node_modules/{package}"]["integrity"], "files": copied}
    (VENDOR / "MANIFEST.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
