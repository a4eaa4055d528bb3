"""A small client for the Wikidata API (``wbsearchentities``, ``wbgetentities``), with an
on-disk cache so that a second run asks nothing twice. Used only by ``kg-builder link
--online``; nothing else in kg_builder goes online.

The API address is configurable, which is how the tests point it at a local fake server.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import httpx

from kg_builder import __version__
from kg_builder.errors import KgBuilderError

DEFAULT_API = "https://www.wikidata.org/w/api.php"
USER_AGENT = f"kg-builder/{__version__} (knowledge graphs of critical-minerals news)"


class LinkingError(KgBuilderError):
    """The linking service could not be reached or answered something unreadable."""


@dataclass(frozen=True)
class WikidataCandidate:
    qid: str
    label: str
    description: str
    matched: str  # "label" or "alias": which name of the item the search matched
    types: frozenset[str] = frozenset()  # P31 (instance of) values


class WikidataClient:
    """``search`` for items by name, ``types`` to read their P31 values; answers cached on disk."""

    def __init__(self, api: str = DEFAULT_API, *, cache_dir: Path | None = None, timeout: float = 10.0,
                 language: str = "en") -> None:
        self.api = api
        self.cache_dir = cache_dir
        self.language = language
        self.http = httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT}, follow_redirects=True)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> WikidataClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _get(self, params: dict[str, str]) -> dict:
        params = {**params, "format": "json"}
        key = hashlib.sha256(json.dumps([self.api, sorted(params.items())]).encode()).hexdigest()
        cached = self.cache_dir / f"{key}.json" if self.cache_dir else None
        if cached and cached.exists():
            return json.loads(cached.read_text(encoding="utf-8"))
        try:
            response = self.http.get(self.api, params=params)
            response.raise_for_status()
            data = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise LinkingError(f"{self.api}: {error} (check the address or try again later)") from error
        if "error" in data:
            raise LinkingError(f"{self.api}: {data['error'].get('info', data['error'])}")
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(json.dumps(data), encoding="utf-8")
        return data

    def search(self, name: str, limit: int = 7) -> list[WikidataCandidate]:
        """Items whose label or alias matches ``name``, with their P31 types."""
        data = self._get({"action": "wbsearchentities", "search": name, "language": self.language,
                          "uselang": self.language, "type": "item", "limit": str(limit)})
        found = [(item["id"], item.get("label", ""), item.get("description", ""),
                  item.get("match", {}).get("type", "label")) for item in data.get("search", [])]
        types = self.types([qid for qid, *_ in found])
        return [WikidataCandidate(qid, label, description, matched, types.get(qid, frozenset()))
                for qid, label, description, matched in found]

    def types(self, qids: list[str]) -> dict[str, frozenset[str]]:
        """P31 (instance of) of each item."""
        if not qids:
            return {}
        data = self._get({"action": "wbgetentities", "ids": "|".join(qids), "props": "claims"})
        out = {}
        for qid, entity in data.get("entities", {}).items():
            claims = entity.get("claims", {}).get("P31", [])
            values = {c.get("mainsnak", {}).get("datavalue", {}).get("value", {}).get("id") for c in claims}
            out[qid] = frozenset(v for v in values if v)
        return out
