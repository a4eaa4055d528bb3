// Tables whose column headers sort their rows on a click: ascending, then descending. Numbers sort
// as numbers, other cells as text in the reader's locale; empty cells go last.
"use strict";

function sortTable(table, column, descending) {
  const body = table.tBodies[0];
  const key = (row) => row.cells[column].dataset.sort ?? row.cells[column].textContent;
  const compare = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" }).compare;
  const rows = Array.from(body.rows).sort((a, b) => {
    const x = key(a), y = key(b);
    if (!x || !y) return !x - !y;
    const nx = Number(x), ny = Number(y);
    const order = !isNaN(nx) && !isNaN(ny) ? nx - ny : compare(x, y);
    return descending ? -order : order;
  });
  body.replaceChildren(...rows);
}

for (const table of document.querySelectorAll("table.sortable")) {
  for (const button of table.querySelectorAll("th button.sort")) {
    button.addEventListener("click", () => {
      const descending = button.getAttribute("aria-sort") === "ascending";
      for (const other of table.querySelectorAll("th button.sort")) other.removeAttribute("aria-sort");
      button.setAttribute("aria-sort", descending ? "descending" : "ascending");
      sortTable(table, Number(button.dataset.column), descending);
    });
  }
}
