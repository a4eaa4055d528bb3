"""Which format to answer in, from the request's Accept header (RFC 9110 content negotiation, parsed by
python-mimeparse: q-values, ``type/*`` and ``*/*`` ranges, media type parameters).

>>> kinds = {"application/json": "json", "text/csv": "csv", "text/html": "html"}
>>> negotiate("text/csv;q=0.5, application/json", kinds, "application/json")
'application/json'
>>> negotiate("*/*", kinds, "application/json")  # a wildcard gets the default
'application/json'
>>> negotiate("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", kinds, "application/json")
'text/html'
>>> negotiate("not a type, text/csv", kinds, "application/json")  # a malformed range is passed over
'text/csv'
"""

from __future__ import annotations

import mimeparse

from kg_builder.errors import KgBuilderError


class NotAcceptable(KgBuilderError):
    """No format the client accepts is one this answer can take."""


def _ranges(accept: str) -> str:
    """The header without the ranges that cannot be parsed."""
    kept = []
    for part in accept.split(","):
        try:
            mimeparse.parse_media_range(part)
        except (mimeparse.MimeTypeParseException, ValueError, IndexError):
            continue
        kept.append(part)
    return ",".join(kept)


def negotiate(accept: str | None, kinds, default: str) -> str:
    """The media type of ``kinds`` the client likes best; ``default`` for no header, for a wildcard, or
    on a tie. Raises :class:`NotAcceptable` when the client accepts none of them."""
    if not accept or not accept.strip():
        return default
    ranges = _ranges(accept)
    if not ranges:
        return default
    offered = [media for media in kinds if media != default] + [default]  # ties go to the last offered
    best = mimeparse.best_match(offered, ranges)
    if not best:
        raise NotAcceptable(f"cannot answer in {accept!r}; this answer can be: {', '.join(sorted(kinds))}")
    return best
