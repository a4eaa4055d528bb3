"""Queries run in worker processes that are stopped when they overrun: a runaway query answers 503
and leaves nothing running, a query that grows without bound is stopped by the memory bound, and a
worker that dies answers 503 while the server goes on."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from kg_builder.serve.http import ServerSettings, create_app
from kg_builder.serve.sparql_service import Limits
from tests.process_tree import alive, descendants, gone

CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
GROWING_SORT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"
SMALL = "SELECT ?s WHERE { ?s a <https://w3id.org/cmkg/ontology#Country> } LIMIT 1"


def sparql(client, query):
    return client.get("/sparql", params={"query": query}, headers={"accept": "application/sparql-results+json"})


def pool(client):
    return client.app.state.published.current.runner.pool


@pytest.fixture
def one_worker(sample_kg):
    def make(**settings):
        limits = Limits(seconds=settings.pop("seconds", 10.0))
        return TestClient(create_app(ServerSettings(sample_kg, limits, query_workers=1, **settings)))
    return make


def test_a_query_past_the_time_limit_is_stopped_not_left_running(one_worker):
    with one_worker(seconds=1.0) as client:
        assert sparql(client, SMALL).status_code == 200
        [worker] = pool(client).pids
        started = time.monotonic()
        response = sparql(client, CROSS_PRODUCT)
        assert response.status_code == 503 and "time limit" in response.text
        assert time.monotonic() - started < 5
        assert not alive(worker)
        cpu = time.process_time()
        time.sleep(1.0)
        assert time.process_time() - cpu < 0.3  # nothing of the runaway goes on in this process either
        assert sparql(client, SMALL).status_code == 200  # a new worker answers
        assert pool(client).pids != [worker]


def test_a_query_that_grows_without_bound_is_stopped_by_the_memory_bound(one_worker):
    with one_worker(seconds=60.0, query_memory_mb=150) as client:
        started = time.monotonic()
        response = sparql(client, GROWING_SORT)
        assert response.status_code == 503 and "150 MB" in response.text
        assert time.monotonic() - started < 30  # the bound, not the time limit, stopped it
        assert sparql(client, SMALL).status_code == 200


def test_a_worker_that_crashes_answers_503_and_the_server_goes_on(one_worker):
    with one_worker(seconds=30.0) as client:
        assert sparql(client, SMALL).status_code == 200
        [worker] = pool(client).pids
        answer = {}
        thread = threading.Thread(target=lambda: answer.update(r=sparql(client, CROSS_PRODUCT)))
        thread.start()
        time.sleep(0.5)
        os.kill(worker, signal.SIGSEGV)
        thread.join(timeout=10)
        assert answer["r"].status_code == 503 and "crashed" in answer["r"].text
        assert sparql(client, SMALL).status_code == 200
        assert client.get("/queries/entities", params={"type": "Country"}).status_code == 200


def test_while_every_worker_is_busy_other_requests_wait_then_answer_503(one_worker):
    with one_worker(seconds=1.0) as client:
        assert sparql(client, SMALL).status_code == 200
        answers = []
        threads = [threading.Thread(target=lambda: answers.append(sparql(client, CROSS_PRODUCT).status_code))
                   for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=20)
        assert answers == [503, 503, 503]
        assert sparql(client, SMALL).status_code == 200


def test_closing_the_app_ends_its_workers(one_worker):
    with one_worker() as client:
        assert sparql(client, SMALL).status_code == 200
        [worker] = pool(client).pids
    assert gone([worker])


def test_the_query_workers_die_with_a_server_killed_with_sigkill(sample_kg):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    server = subprocess.Popen([sys.executable, "-m", "kg_builder.cli", "serve", "--kg", str(sample_kg),
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                if httpx.get(f"{url}/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        assert httpx.get(f"{url}/sparql", params={"query": SMALL}).status_code == 200
        workers = descendants(server.pid)
        assert workers  # the query workers (and the process they fork from)
    finally:
        server.kill()
        server.wait()
    assert gone(workers)
