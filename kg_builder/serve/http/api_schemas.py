"""What the OpenAPI document says of answers: the JSON schema of each saved query's rows (from the
column types its header declares), and the problem details (RFC 9457) every error answers with."""

from __future__ import annotations

from http import HTTPStatus

from fastapi.responses import JSONResponse

from kg_builder.serve.queries import PARAM_TYPES, SavedQuery

PROBLEM_TYPE = "application/problem+json"
PROBLEM = {
    "type": "object", "title": "Problem", "required": ["type", "title", "status", "detail"],
    "description": "What went wrong (RFC 9457): the detail names the parameter or the part of the request at fault.",
    "properties": {"type": {"type": "string", "format": "uri-reference"}, "title": {"type": "string"},
                   "status": {"type": "integer", "minimum": 400, "maximum": 599}, "detail": {"type": "string"}},
}
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
ERRORS = {400: "a parameter is not of its declared type, or a value is refused (the detail names it)",
          403: "a federated query while the server allows no SERVICE endpoint",
          404: "no such saved query or node",
          413: "a page larger than the service's row limit",
          502: "the SPARQL endpoint a federated query asks could not be reached",
          503: "the query ran past the time limit, or every query worker is busy"}
DATE = {"anyOf": [{"type": "string", "format": "date"},
                  {"type": "string", "pattern": r"^\d{4}(-\d{2})?$", "description": "a year, or a year and month"},
                  {"type": "string", "pattern": r"^--\d{2}-\d{2}$", "description": "day and month only"}]}
COLUMNS = {"iri": {"type": "string", "format": "iri"}, "string": {"type": "string"}, "date": DATE,
           "integer": {"type": "integer"}, "decimal": {"type": "number"}, "boolean": {"type": "boolean"},
           "list": {"type": "array", "items": {"type": "string"}}}
# a parameter's value is one full term: a date parameter is a whole day
PARAMETERS = {kind: COLUMNS[kind] for kind in PARAM_TYPES} | {"date": {"type": "string", "format": "date"}}


def problem(status: int, detail: str) -> JSONResponse:
    """An error answer as problem details."""
    return JSONResponse({"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status,
                         "detail": detail}, status_code=status, media_type=PROBLEM_TYPE)


def error_responses(*statuses: int) -> dict:
    return {s: {"description": ERRORS[s], "content": {PROBLEM_TYPE: {"schema": PROBLEM_REF}}} for s in statuses}


def _column(kind: str) -> dict:
    return COLUMNS[kind] if kind == "list" else {"anyOf": [COLUMNS[kind], {"type": "null"}]}


def answer_schema(query: SavedQuery) -> dict:
    """The JSON answer of a saved query: one page of rows, typed by column."""
    names = [c for c, _ in query.columns]
    page_url = {"anyOf": [{"type": "string", "format": "uri"}, {"type": "null"}]}
    return {
        "type": "object", "title": f"{query.name} answer",
        "required": ["query", "columns", "rows", "offset", "limit", "next", "previous"],
        "properties": {
            "query": {"type": "string", "const": query.name},
            "columns": {"type": "array", "items": {"type": "string", "enum": names}},
            "rows": {"type": "array", "items": {
                "type": "object", "required": names, "additionalProperties": False,
                "properties": {c: _column(k) for c, k in query.columns}}},
            "offset": {"type": "integer", "minimum": 0}, "limit": {"type": "integer", "minimum": 1},
            "next": page_url, "previous": page_url,
        },
    }


SPARQL_RESULTS = {"type": "object", "description": "SPARQL 1.1 Query Results JSON",
                  "required": ["head", "results"],
                  "properties": {"head": {"type": "object"}, "results": {"type": "object"}}}


def add_components(schema: dict) -> dict:
    """The OpenAPI document with the shared schemas its operations refer to."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    return schema
