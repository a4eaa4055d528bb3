"""Saved SPARQL queries (``queries/NAME.rq``) with a ``#+`` header in the grlc
style, run with their parameters bound as typed RDF terms, never pasted into
the query text.

A header looks like::

    #+ summary: Mentions of a mineral, with the sentence
    #+ params:
    #+   - name: mineral
    #+     type: iri
    #+     default: https://w3id.org/cmkg/id/mineral/rare-earth-elements
    #+     description: the mineral concept
    #+ example: kg-builder query mineral-mentions --param mineral=mineral/lithium

Each parameter binds the SPARQL variable of the same name (``?mineral``), or the
one its ``variable:`` line names; a parameter left unset with no default leaves
its variable free. The value is first made a typed RDF term (an IRI checked as
an IRI, a date checked as a date ...); the runner then places a ``VALUES``
block built from those terms by pyoxigraph's own serialiser at the query's
``#@bind`` line (or at the start of its outermost group), so a value can never
change the query's structure.

The default graph is the union of every graph. Relative IRIs resolve against the graph's base IRI,
so ``GRAPH <graph/facts>`` names the facts layer of any build, whatever its ``--base``: a query over
the facts reads each once there, not once for every article that reports it.

>>> [q.name for q in list_queries()][:2]
['actor-facts', 'actors-by-sources']
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from itertools import islice
from pathlib import Path

import pyoxigraph as ox
import yaml
from rapidfuzz import fuzz, process

from kg_builder import paths
from kg_builder.errors import QueryError, ServiceError
from kg_builder.namespaces import XSD, Iris
from kg_builder.serve.results import QueryResult, cell, to_csv, to_records, to_sparql_json  # noqa: F401
from kg_builder.store.bindings import with_bindings

PARAM_TYPES = ("iri", "string", "date", "integer", "decimal")
IRI_RE = re.compile(r"[a-z][a-z0-9+.-]*:[^\x00-\x20\x7f<>\"{}|\\^`]+", re.I)  # RFC 3987: no controls, no spaces
KEY_RE = re.compile(r"[a-z]+(?:/[A-Za-z0-9._~-]+)+")  # country/jp, agreement/.../amount/500000000-usd
MAX_NUMBER_DIGITS = 40
SEPARATOR = " | "
COLUMN_TYPES = ("iri", "string", "date", "integer", "decimal", "boolean", "list")  # list: cells joined by SEPARATOR


def split_cell(text: str) -> list[str]:
    """The values a query joined into one cell with :data:`SEPARATOR`.

    >>> split_cell("Japan | United States"), split_cell("")
    (['Japan', 'United States'], [])
    """
    return [part for part in text.split(SEPARATOR) if part]


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str | None = None
    description: str = ""
    variable: str = ""

    @property
    def var(self) -> str:
        """The SPARQL variable the parameter binds (its own name unless the header says ``variable:``)."""
        return self.variable or self.name


@dataclass(frozen=True)
class SavedQuery:
    name: str
    summary: str
    description: str
    parameters: tuple[Parameter, ...]
    example: str
    sparql: str
    path: Path
    columns: tuple[tuple[str, str], ...] = ()  # each answer column with its type (COLUMN_TYPES), in order


def parse_query_file(path: Path) -> SavedQuery:
    """Read a ``.rq`` file and its ``#+`` header."""
    text = path.read_text(encoding="utf-8")
    header = "\n".join(line[3:] if line.startswith("#+ ") else line[2:]
                       for line in text.splitlines() if line.startswith("#+"))
    try:
        meta = yaml.safe_load(header) or {}
    except yaml.YAMLError as error:
        raise QueryError(f"{path}: the '#+' header is not valid YAML: {error}") from error
    if not isinstance(meta, dict) or "summary" not in meta:
        raise QueryError(f"{path}: the '#+' header needs at least a 'summary:' line")
    params = []
    for raw in meta.get("params") or []:
        if not isinstance(raw, dict) or "name" not in raw:
            raise QueryError(f"{path}: every entry under 'params' needs a 'name'")
        kind = str(raw.get("type", "string"))
        if kind not in PARAM_TYPES:
            raise QueryError(f"{path}: parameter {raw['name']!r} has unknown type {kind!r} "
                             f"(use one of {', '.join(PARAM_TYPES)})")
        default = raw.get("default")
        variable = str(raw.get("variable") or raw["name"])
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", variable):
            raise QueryError(f"{path}: parameter {raw['name']!r} binds {variable!r}, not a SPARQL variable name")
        params.append(Parameter(str(raw["name"]), kind, None if default is None else str(default),
                                str(raw.get("description", "")), str(raw.get("variable", ""))))
    columns = meta.get("columns") or {}
    if not isinstance(columns, dict):
        raise QueryError(f"{path}: 'columns' maps each answer column to its type")
    for column, kind in columns.items():
        if kind not in COLUMN_TYPES:
            raise QueryError(f"{path}: column {column!r} has unknown type {kind!r} "
                             f"(use one of {', '.join(COLUMN_TYPES)})")
    return SavedQuery(path.stem, str(meta["summary"]), str(meta.get("description", "")).strip(), tuple(params),
                      str(meta.get("example", "")), text, path, tuple((str(c), str(k)) for c, k in columns.items()))


def list_queries(folder: Path | None = None) -> list[SavedQuery]:
    """Every saved query, sorted by name."""
    folder = folder or paths.queries_dir()
    return [parse_query_file(p) for p in sorted(folder.glob("*.rq"))]


def get_query(name: str, folder: Path | None = None) -> SavedQuery:
    folder = folder or paths.queries_dir()
    path = folder / f"{name}.rq"
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name) or not path.exists():
        names = [q.name for q in list_queries(folder)]
        guess = process.extractOne(name, names, scorer=fuzz.WRatio, score_cutoff=75)
        hint = f"; did you mean {guess[0]!r}?" if guess else "."
        raise QueryError(f"unknown saved query {name!r}{hint} Known: {', '.join(names)}")
    return parse_query_file(path)


def is_iri(value: str) -> bool:
    """An absolute IRI as RFC 3987 and the store accept it (no spaces, controls or other forbidden code points)."""
    if not IRI_RE.fullmatch(value):
        return False
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return True


def to_term(param: Parameter, value: str, iris: Iris | None = None) -> ox.NamedNode | ox.Literal:
    """Turn a parameter's text into a typed RDF term, or say clearly why not.

    >>> str(to_term(Parameter("d", "date"), "2025-10-28"))
    '"2025-10-28"^^<http://www.w3.org/2001/XMLSchema#date>'
    >>> to_term(Parameter("m", "iri"), "mineral/lithium").value
    'https://w3id.org/cmkg/id/mineral/lithium'
    >>> to_term(Parameter("a", "iri"), "agreement/au-jp-2025-10-20/amount/500000000-usd").value
    'https://w3id.org/cmkg/id/agreement/au-jp-2025-10-20/amount/500000000-usd'
    """
    iris = iris or Iris()
    shown = value if len(value) <= 60 else value[:57] + "..."
    bad = f"parameter {param.name!r}: {shown!r} is not a valid {param.type}"
    if param.type == "iri":
        if KEY_RE.fullmatch(value):
            return ox.NamedNode(iris.key(value))
        if not is_iri(value):
            raise QueryError(f"{bad} (give a full IRI or a key such as country/jp)")
        return ox.NamedNode(value)
    if param.type == "date":
        try:
            return ox.Literal(date.fromisoformat(value).isoformat(), datatype=ox.NamedNode(XSD + "date"))
        except ValueError:
            raise QueryError(f"{bad} (use YYYY-MM-DD)") from None
    if param.type == "integer":
        if not re.fullmatch(rf"[+-]?\d{{1,{MAX_NUMBER_DIGITS}}}", value):
            raise QueryError(f"{bad} (digits only, at most {MAX_NUMBER_DIGITS})")
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
    if param.type == "decimal":
        if not re.fullmatch(rf"[+-]?(?=[\d.]{{1,{MAX_NUMBER_DIGITS + 1}}}$)\d*\.?\d+|[+-]?\d+\.", value):
            raise QueryError(f"{bad} (a number such as 0.7; no exponent, NaN or Infinity)")
        try:
            return ox.Literal(str(Decimal(value)), datatype=ox.NamedNode(XSD + "decimal"))
        except InvalidOperation:
            raise QueryError(bad) from None
    return ox.Literal(value)


def bind(query: SavedQuery, given: Mapping[str, str], iris: Iris | None = None) -> dict[str, ox.NamedNode | ox.Literal]:
    """Typed terms for the given parameters and the defaults of the others."""
    known = {p.name: p for p in query.parameters}
    unknown = sorted(set(given) - set(known))
    if unknown:
        names = ", ".join(known) or "none"
        raise QueryError(f"query {query.name!r} has no parameter {unknown[0]!r} (its parameters: {names})")
    out = {}
    for param in query.parameters:
        value = given.get(param.name, param.default)
        if value is not None and value != "":
            out[param.var] = to_term(param, value, iris)
    return out


DEFAULT_LIMIT = 100  # rows in a page of a saved query's answer, unless the caller asks for another size


@dataclass(frozen=True)
class Page:
    """Which rows of an answer to give: ``limit`` rows after the first ``offset``."""

    limit: int = DEFAULT_LIMIT
    offset: int = 0

    def __post_init__(self) -> None:
        if self.limit < 1:
            raise QueryError(f"limit {self.limit}: a page holds at least one row")
        if self.offset < 0:
            raise QueryError(f"offset {self.offset}: the first row is at offset 0")


def names_service(query: SavedQuery, variable: str) -> bool:
    """Whether ``variable`` names the endpoint of a ``SERVICE`` clause of the query (a federated query)."""
    return re.search(rf"\bSERVICE\s+\?{re.escape(variable)}\b", query.sparql) is not None


def run_query(graph, query: SavedQuery, given: Mapping[str, str] | None = None,
              iris: Iris | None = None, page: Page | None = None) -> QueryResult:
    """Run a saved SELECT query against a :class:`~kg_builder.store.local.KnowledgeGraph`: every row,
    or the rows of ``page`` (in the query's order, which is the same on every run over one graph)."""
    terms = bind(query, given or {}, iris)
    # A federated endpoint (SERVICE ?var) must be bound before evaluation: pyoxigraph substitutes it.
    services = {name: term for name, term in terms.items() if names_service(query, name)}
    values = {name: term for name, term in terms.items() if name not in services}
    try:
        solutions = graph.query(with_bindings(query.sparql, values),
                                substitutions={ox.Variable(k): v for k, v in services.items()}, base=graph.base)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError(f"saved query {query.name!r} must be a SELECT query")
        columns = [v.value for v in solutions.variables]
        rows = ([solution[c] for c in columns] for solution in solutions)
        if page is None:
            return QueryResult(columns, list(rows))
        kept = list(islice(rows, page.offset, page.offset + page.limit + 1))
    except OSError as error:  # a SERVICE call of a federated query (the store itself raises StoreError)
        raise ServiceError(f"saved query {query.name!r}: a SERVICE endpoint could not be reached or failed: "
                           f"{error}") from None
    return QueryResult(columns, kept[:page.limit], page.offset, more=len(kept) > page.limit)
