import asyncio
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient

from kg_builder.serve.http import ServerSettings, create_app, uvicorn_config
from kg_builder.serve.sparql_service import Limits


@pytest.fixture(scope="session")
def app(sample_kg):
    return create_app(ServerSettings(sample_kg))


@pytest.fixture(scope="session")
def client(app):
    return TestClient(app)


@pytest.fixture(scope="session")
def live_server(app):
    """The app under a real uvicorn on a loopback port; yields its address."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn_config(app, "127.0.0.1", log_level="warning"))
    thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])), daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=5)


def limited_client(sample_kg, **limits) -> TestClient:
    return TestClient(create_app(ServerSettings(sample_kg, Limits(**limits))))


CHROMIUM = os.environ.get("KG_BUILDER_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven headless by Playwright (no browser download). Tests that use it are
    skipped where it is not installed, unless KG_BUILDER_REQUIRE_BROWSER is set (as CI sets it)."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if os.environ.get("KG_BUILDER_REQUIRE_BROWSER"):
            raise RuntimeError(f"{CHROMIUM} is required for the browser tests (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is not installed (CI installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()
