"""Answers kept per build: a build never changes once published, so the answer to a GET request
(its path, parameters and Accept header) stays right until another build is published, and is then
dropped. A plain ASGI middleware, bounded in bytes, least recently used out first; only complete
200 answers are kept. ``X-Cache`` says whether an answer came from it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

CACHED_PREFIXES = ("/sparql", "/queries/", "/id/", "/api/", "/void")
DEFAULT_MB = 64


class AnswerCache:
    """At most ``max_bytes`` of answers of the build ``build()`` names (0 turns the cache off; a
    build of ``None``, a remote store, is never cached)."""

    def __init__(self, app, *, build, max_bytes: int = DEFAULT_MB * 2**20) -> None:
        self.app = app
        self.build = build
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple, tuple[int, list, bytes]] = OrderedDict()
        self._bytes = 0
        self._for_build: str | None = None
        self._lock = threading.Lock()

    async def __call__(self, scope, receive, send) -> None:
        if (scope["type"] != "http" or scope["method"] != "GET" or not self.max_bytes
                or not scope["path"].startswith(CACHED_PREFIXES)):
            await self.app(scope, receive, send)
            return
        build = self.build()
        if build is None:  # a remote store: it may change behind the server's back
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        key = (scope["path"], scope["query_string"], headers.get(b"accept", b""))
        hit = self._get(build, key)
        if hit is not None:
            status, response_headers, body = hit
            await send({"type": "http.response.start", "status": status,
                        "headers": [*response_headers, (b"x-cache", b"hit")]})
            await send({"type": "http.response.body", "body": body})
            return
        started: dict = {}
        chunks: list[bytes] = []

        async def sending(message) -> None:
            if message["type"] == "http.response.start":
                started.update(message)
                message = {**message, "headers": [*message.get("headers", []), (b"x-cache", b"miss")]}
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body") and started.get("status") == 200:
                    self._put(build, key, (200, list(started.get("headers", [])), b"".join(chunks)))
            await send(message)

        await self.app(scope, receive, sending)

    def _get(self, build: str | None, key: tuple):
        with self._lock:
            if build != self._for_build:  # another build is published: every answer kept is stale
                self._entries.clear()
                self._bytes = 0
                self._for_build = build
                return None
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def _put(self, build: str | None, key: tuple, entry: tuple[int, list, bytes]) -> None:
        size = _size(key, entry)
        if size > self.max_bytes // 8:
            return
        with self._lock:
            if build != self._for_build or key in self._entries:
                return
            self._entries[key] = entry
            self._bytes += size
            while self._bytes > self.max_bytes:
                old_key, old = self._entries.popitem(last=False)
                self._bytes -= _size(old_key, old)


def _size(key: tuple, entry: tuple[int, list, bytes]) -> int:
    """What an answer kept costs, roughly: its body, its key and a little for the rest."""
    return len(entry[2]) + sum(len(k) for k in key if isinstance(k, bytes)) + 200
