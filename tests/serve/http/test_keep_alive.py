"""Keep-alive connections: one left idle longer than clients' pools keep theirs is still open when
the client reuses it, and many clients reusing their connections under load see no reset."""

import socket
import threading
import time
from urllib.parse import urlparse

import httpx

from kg_builder.serve.http.app import KEEP_ALIVE_SECONDS


def get_health(conn: socket.socket, host: str) -> bytes:
    conn.sendall(f"GET /health HTTP/1.1\r\nHost: {host}\r\n\r\n".encode("ascii"))
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    length = int(next(line.split(b":")[1] for line in lines if line.lower().startswith(b"content-length")))
    while len(body) < length:
        body += conn.recv(4096)
    return lines[0]


def test_an_idle_keep_alive_connection_outlives_clients_idle_timeouts(live_server):
    assert KEEP_ALIVE_SECONDS > 60
    url = urlparse(live_server)
    with socket.create_connection((url.hostname, url.port)) as conn:
        assert get_health(conn, url.netloc).startswith(b"HTTP/1.1 200")
        time.sleep(6)  # past uvicorn's default of 5 s, and httpx's idle pool timeout
        assert get_health(conn, url.netloc).startswith(b"HTTP/1.1 200")


def test_many_clients_reusing_connections_see_no_reset(live_server):
    errors, answers = [], []

    def client() -> None:
        with httpx.Client(base_url=live_server, timeout=30) as http:
            for i in range(40):
                try:
                    path = "/health" if i % 2 else "/queries/entities?type=Country"
                    answers.append(http.get(path, headers={"accept": "application/json"}).status_code)
                except httpx.TransportError as error:
                    errors.append(repr(error))
                time.sleep(0.01 * (i % 3))

    threads = [threading.Thread(target=client) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == [] and answers == [200] * 800
