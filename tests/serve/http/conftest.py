import asyncio
import socket
import threading
import time

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
