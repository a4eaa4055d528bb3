"""Which SPARQL SERVICE endpoints a query may call: none unless the operator allows them
(``kg-builder serve --allow-service URL``), and only over http(s).

A query's SERVICE clauses are found in its text with strings, IRIs of other clauses and comments
set aside; a SERVICE whose endpoint is a variable cannot be checked and is refused.

>>> services("SELECT * { SERVICE SILENT <https://query.wikidata.org/sparql> { ?s ?p ?o } }")
['https://query.wikidata.org/sparql']
>>> services('SELECT * { ?s ?p "SERVICE <http://x>" } # SERVICE <http://y>')
[]
>>> try:
...     check_services("SELECT * { SERVICE ?where { ?s ?p ?o } }", ())
... except ProtocolError as error:
...     print(error.status, str(error)[:21])
400 SERVICE is off on thi
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg_builder.serve.sparql_service import STRINGS_AND_COMMENTS, ProtocolError

_SERVICE = re.compile(r"\bSERVICE\s+(?:SILENT\s+)?(?:<([^>]*)>|([?$]\w+)|(\w*:\w*))", re.I)


def services(query: str) -> list[str | None]:
    """The endpoints a query's SERVICE clauses name (``None`` for a variable or a prefixed name)."""
    text = STRINGS_AND_COMMENTS.sub(" ", query)
    return [m.group(1) if m.group(1) is not None else None for m in _SERVICE.finditer(text)]


def allowed_endpoints(urls: Iterable[str]) -> tuple[str, ...]:
    """The operator's allow-list, checked: http(s) URLs only."""
    out = []
    for url in urls:
        if not re.fullmatch(r"https?://[^\s<>\"]+", url):
            raise ValueError(f"--allow-service {url!r}: only http(s) endpoints can be allowed")
        out.append(url)
    return tuple(out)


def check_services(query: str, allowed: tuple[str, ...]) -> None:
    """Refuse a query that would call an endpoint the operator has not allowed."""
    for endpoint in services(query):
        if endpoint is not None and endpoint in allowed:
            continue
        if not allowed:
            raise ProtocolError(400, "SERVICE is off on this endpoint; its operator allows no endpoint "
                                     "(kg-builder serve --allow-service URL)")
        named = "a variable or prefixed name" if endpoint is None else repr(endpoint)
        raise ProtocolError(403, f"SERVICE {named} is not allowed here; allowed: {', '.join(allowed)}")
