"""Take the README's screenshots of the web pages, in headless Chromium driven by Playwright.

    .venv/bin/python docs/screenshots.py [--kg DIR] [--chromium /usr/bin/chromium]

Builds the bundled sample articles into a temporary folder unless --kg names a built graph, serves it
on a loopback port, and writes one PNG per entry of SHOTS into docs/.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import Page, sync_playwright

from kg_builder import paths
from kg_builder.pipeline.build import build
from kg_builder.serve.http import ServerSettings, create_app, uvicorn_config

DOCS = Path(__file__).resolve().parent


def _saved(page: Page) -> None:
    page.wait_for_selector("#saved-results table.dataTable tbody tr")


def _sparql(page: Page) -> None:
    page.wait_for_selector("#panel-sparql .CodeMirror")
    page.click("#panel-sparql .yasqe_queryButton")
    page.wait_for_selector("#panel-sparql table.dataTable tbody tr")


def _chart(page: Page) -> None:
    _saved(page)
    page.click("#saved-results .select_chart")
    page.wait_for_selector("#saved-results .yasr-chart canvas")


def _selector(css: str):
    return lambda page: page.wait_for_selector(css)


# (file, address, what to wait for or do before the picture)
SHOTS = [
    ("workbench.png", "/?saved=agreements&mineral=mineral/rare-earth-elements", _saved),
    ("workbench-sparql.png", "/?tab=sparql", _sparql),
    ("workbench-chart.png", "/?saved=actors-by-sources", _chart),
    ("query-page.png", "/queries/events", _selector("#rows tbody tr")),
    ("entity-page.png", "/id/agreement/jp-us-framework-agreement-2025-10-28", _selector("h1")),
    ("timeline.png", "/timeline", _selector(".vis-item")),
    ("graph.png", "/graph?entity=country/jp", _selector("#graph canvas")),
]


def serve(kg: Path):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn_config(create_app(ServerSettings(kg)), "127.0.0.1", log_level="warning"))
    threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])), daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{sock.getsockname()[1]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kg", type=Path, help="a built graph (default: build the sample articles)")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    kg = args.kg
    if kg is None:
        kg = Path(tempfile.mkdtemp()) / "kg"
        build([paths.sample_articles_dir()], kg, owl=False)
    server, url = serve(kg)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium, args=["--headless", "--no-sandbox"])
            for name, address, ready in SHOTS:
                page = browser.new_page(viewport={"width": 1280, "height": 860})
                page.goto(url + address)
                ready(page)
                page.wait_for_timeout(600)  # layouts and animations settle
                page.screenshot(path=str(DOCS / name))
                page.close()
                print(DOCS / name)
            browser.close()
    finally:
        server.should_exit = True


if __name__ == "__main__":
    main()
