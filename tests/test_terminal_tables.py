"""Tables laid out for a terminal: they stay within its width and nothing in a cell is lost."""

import io
import re

import pytest
from rich.console import Console

from kg_builder.errors import KgBuilderError
from kg_builder.serve.terminal_tables import Layout, Sheet, column_widths, pick_columns, show


def printed_columns(text: str) -> dict[str, str]:
    """Each column's text as printed (whitespace removed, rows in order), read from a table's cells or
    from the 'column │ value' lines of records."""
    lines = text.splitlines()
    columns: dict[str, list[str]] = {}
    header = [line.split("┃")[1:-1] for line in lines if line.startswith("┃")]
    if header:
        names = [re.sub(r"\s+", "", "".join(parts)) for parts in zip(*header, strict=True)]
        for line in lines:
            if line.startswith("│"):
                for name, part in zip(names, line.split("│")[1:-1], strict=True):
                    columns.setdefault(name, []).append(part)
    else:
        name = ""
        for line in lines:
            if "│" in line and not line.startswith("row "):
                label, value = line.split("│", 1)
                name = label.strip() or name
                columns.setdefault(name, []).append(value)
    return {name: re.sub(r"\s+", "", "".join(parts)) for name, parts in columns.items()}


def assert_all_shown(text: str, columns: list[str], rows: list[list[str]]) -> None:
    """Every non-empty cell is printed, in its column, in the order of the rows."""
    shown = printed_columns(text)
    for index, name in enumerate(columns):
        if not any(row[index] for row in rows):
            continue
        assert name in shown, f"column {name!r} not printed"
        at = 0
        for row in rows:
            value = re.sub(r"\s+", "", row[index])
            found = shown[name].find(value, at)
            assert found >= 0, f"{name}: {row[index]!r} not printed after position {at}"
            at = found + len(value)


def render(sheet: Sheet, width: int, layout: Layout = Layout.AUTO) -> str:
    console = Console(file=io.StringIO(), width=width)
    show(console, sheet, layout)
    text = console.file.getvalue()
    assert max(len(line) for line in text.splitlines()) <= width
    return text


WIDE = Sheet("wide", ["key", "label", "note", "empty"],
             [["agreement/jp-us-framework-agreement-2025-10-28", "Japan–United States framework agreement",
               "energy | manufacturing | batteries | magnets | clean energy | electronics", ""],
              ["country/jp", "Japan", "a-word-longer-than-a-narrow-column-could-hold-" * 2, ""]])


def test_a_table_that_fits_is_a_table_and_one_that_cannot_is_records():
    wide = render(WIDE, 200)
    assert wide.startswith("wide\n┏") and "row 1" not in wide
    assert_all_shown(wide, WIDE.columns, WIDE.rows)
    narrow = render(WIDE, 60)
    assert "┏" not in narrow and narrow.count("row ") == 2
    assert_all_shown(narrow, WIDE.columns, WIDE.rows)


def test_a_column_empty_in_every_row_is_named_not_shown():
    text = render(WIDE, 200)
    assert "empty in every row, not shown: empty" in text and "┃ empty" not in text


@pytest.mark.parametrize("width", [40, 80, 200])
@pytest.mark.parametrize("layout", list(Layout))
def test_every_layout_keeps_within_the_width_and_loses_nothing(width, layout):
    text = render(WIDE, width, layout)
    assert_all_shown(text, WIDE.columns, WIDE.rows)
    assert ("┏" in text) == (layout is Layout.TABLE or (layout is Layout.AUTO and width == 200))


def test_column_widths_give_each_column_a_readable_width_or_none():
    sheet = Sheet("t", ["a", "b"], [["x" * 30, "one two three four five six seven eight nine ten"]])
    widths = column_widths(sheet, 60)
    assert widths is not None and widths[0] == 30 and sum(widths) + 7 <= 60
    assert column_widths(sheet, 40) is None
    assert column_widths(sheet, 200) == [30, 48]


def test_pick_columns_names_the_columns_there_are():
    assert pick_columns(["key", "label"], ["label"], "the report") == [1]
    with pytest.raises(KgBuilderError, match=r"no column 'lable' \(did you mean 'label'\?\); its columns: key, label"):
        pick_columns(["key", "label"], ["lable"], "the report")
