"""Result tables laid out for a terminal of a given width.

A table that fits is shown as a table. One that does not is first made smaller: IRIs of the graph's
own base become their keys (``country/jp``), IRIs of well-known vocabularies their prefixed names
(``wd:Q17``), columns empty in every row are left out (and named below the table), and cells wrap.
When the columns still cannot each get a readable width, every row is shown as a block of
``column │ value`` lines (as ``psql``'s expanded display does). Nothing is cut: a word longer than its
column folds onto the next line.

>>> import io
>>> from rich.console import Console
>>> screen = Console(file=io.StringIO(), width=40)
>>> sheet = Sheet("people", ["key", "label"], [["person/xi-jinping", "Xi Jinping"]])
>>> show(screen, sheet)
>>> print(screen.file.getvalue().rstrip())
people
┏━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┓
┃ key               ┃ label      ┃
┡━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━┩
│ person/xi-jinping │ Xi Jinping │
└───────────────────┴────────────┘
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import pyoxigraph as ox
from rapidfuzz import fuzz, process
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kg_builder.errors import KgBuilderError
from kg_builder.namespaces import PREFIXES, Iris
from kg_builder.serve.results import cell

READABLE = 12  # the fewest characters a wrapped column may get before rows are shown as blocks instead


class Layout(StrEnum):
    """How rows are shown: a table if it fits, else blocks (auto); always a table; always blocks."""

    AUTO = "auto"
    TABLE = "table"
    RECORDS = "records"


@dataclass
class Sheet:
    """A titled table of plain cells, with a note to print under it."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)


def compact(term: ox.NamedNode | ox.Literal | ox.BlankNode | None, base: str) -> str:
    """A term as a short cell: an IRI of the graph's own ``base`` (or of its vocabularies) as its key,
    one of a known vocabulary as a prefixed name, anything else as :func:`~kg_builder.serve.results.cell`.

    >>> compact(ox.NamedNode("https://w3id.org/cmkg/id/country/jp"), "https://w3id.org/cmkg/")
    'country/jp'
    >>> compact(ox.NamedNode("http://www.wikidata.org/entity/Q17"), "https://example.org/kg/")
    'wd:Q17'
    >>> compact(ox.Literal("Tokyo"), "https://w3id.org/cmkg/")
    'Tokyo'
    """
    if not isinstance(term, ox.NamedNode):
        return cell(term)
    iri = term.value
    if key := Iris(base).key_of(iri):
        return key
    for prefix, namespace in PREFIXES.items():
        local = iri[len(namespace):]
        if iri.startswith(namespace) and local and all(c.isalnum() or c in "_-." for c in local):
            return f"{prefix}:{local}"
    return iri


def pick_columns(columns: Sequence[str], wanted: Sequence[str], what: str) -> list[int]:
    """The positions of the ``wanted`` columns, in the order given; a name ``what`` lacks is an error
    that says which names it has.

    >>> pick_columns(["key", "type", "label"], ["label", "key"], "the report")
    [2, 0]
    """
    positions = []
    for name in wanted:
        if name not in columns:
            guess = process.extractOne(name, list(columns), scorer=fuzz.WRatio, score_cutoff=70)
            hint = f" (did you mean {guess[0]!r}?)" if guess else ""
            raise KgBuilderError(f"--columns: {what} has no column {name!r}{hint}; its columns: "
                                 f"{', '.join(columns)}")
        positions.append(columns.index(name))
    if not positions:
        raise KgBuilderError(f"--columns: name at least one column of {what}: {', '.join(columns)}")
    return positions


def parse_columns(text: str | None) -> list[str]:
    """``a,b, c`` as ``['a', 'b', 'c']``; nothing given is an empty list."""
    return [name.strip() for name in text.split(",") if name.strip()] if text else []


def show(console: Console, sheet: Sheet, layout: Layout = Layout.AUTO) -> None:
    """Print ``sheet`` within the console's width, as a table or as one block per row."""
    if layout is Layout.AUTO:
        sheet = _without_empty_columns(sheet)
    if layout is Layout.RECORDS or (layout is Layout.AUTO and not fits(sheet, console.width)):
        _print_records(console, sheet)
    else:
        _print_table(console, sheet)


def fits(sheet: Sheet, width: int) -> bool:
    """Whether the table fits in ``width`` with every column as wide as its longest word and as
    :data:`READABLE` characters (or as its longest line, when that is shorter)."""
    return column_widths(sheet, width) is not None


def column_widths(sheet: Sheet, width: int) -> list[int] | None:
    """Widths that fit the table in ``width``: each column gets its readable width (see :func:`fits`),
    and the room left is shared evenly among the columns that still lack some of their longest line
    (one that needs less than its share gives the rest to the others); None when the readable widths
    alone are too wide.

    >>> column_widths(Sheet("t", ["a", "b", "c"], [["x" * 5, " ".join(["word"] * 10), " ".join(["word"] * 4)]]), 60)
    [5, 26, 19]
    """
    natural, readable = [], []
    for index, name in enumerate(sheet.columns):
        texts = [name, *(row[index] for row in sheet.rows)]
        longest_line = max(len(line) for text in texts for line in text.splitlines() or [""])
        longest_word = max((len(word) for text in texts for word in text.split()), default=0)
        natural.append(longest_line)
        readable.append(min(longest_line, max(longest_word, READABLE)))
    room = width - _frame(sheet) - sum(readable)
    if room < 0:
        return None
    widths = list(readable)
    while room > 0:
        short = [i for i, w in enumerate(widths) if w < natural[i]]
        if not short:
            break
        share = max(room // len(short), 1)
        for i in short:
            grant = min(share, natural[i] - widths[i], room)
            widths[i] += grant
            room -= grant
    return widths


def _frame(sheet: Sheet) -> int:
    """The characters of a table's frame: a border and a space on each side of every cell."""
    return 3 * len(sheet.columns) + 1


def _without_empty_columns(sheet: Sheet) -> Sheet:
    empty = [i for i in range(len(sheet.columns)) if sheet.rows and not any(row[i] for row in sheet.rows)]
    if not empty or len(empty) == len(sheet.columns):
        return sheet
    kept = [i for i in range(len(sheet.columns)) if i not in empty]
    note = "empty in every row, not shown: " + ", ".join(sheet.columns[i] for i in empty)
    return Sheet(sheet.title, [sheet.columns[i] for i in kept], [[row[i] for i in kept] for row in sheet.rows],
                 [note, *sheet.notes])


def _print_table(console: Console, sheet: Sheet) -> None:
    widths = column_widths(sheet, console.width) or [None] * len(sheet.columns)  # None: rich folds to fit
    console.print(Text(sheet.title, style="bold"))
    table = Table()
    for name, width in zip(sheet.columns, widths, strict=True):
        table.add_column(name, overflow="fold", width=width)
    for row in sheet.rows:
        table.add_row(*(Text(value) for value in row))
    console.print(table)
    _print_notes(console, sheet)


def _print_records(console: Console, sheet: Sheet) -> None:
    console.print(Text(sheet.title, style="bold"))
    label_width = max(len(name) for name in sheet.columns)
    for number, row in enumerate(sheet.rows, 1):
        console.rule(Text(f"row {number}"), align="left", characters="─")
        grid = Table(box=box.MINIMAL, show_header=False, show_edge=False, pad_edge=False, padding=(0, 1))
        grid.add_column(width=label_width, no_wrap=True, overflow="fold")
        grid.add_column(overflow="fold")
        for name, value in zip(sheet.columns, row, strict=True):
            grid.add_row(Text(name, style="bold"), Text(value))
        console.print(grid)
    _print_notes(console, sheet)


def _print_notes(console: Console, sheet: Sheet) -> None:
    for note in sheet.notes:
        console.print(Text(note, style="dim"))
