// kg_builder web page: saved queries, SPARQL, results table, timeline and neighbourhood pictures.
"use strict";

let BASE = "https://w3id.org/cmkg/";
const SVG = "http://www.w3.org/2000/svg";

function el(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}

function svgEl(tag, attrs = {}, text = "") {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}

function localHref(iri) {
  return iri.startsWith(BASE) ? "/" + iri.slice(BASE.length) : iri;
}

function renderTable(data, page = null) {
  const box = document.getElementById("results");
  box.replaceChildren();
  const vars = data.head.vars;
  const table = el("table", { class: "results" });
  const head = el("tr");
  vars.forEach((v) => head.appendChild(el("th", {}, v)));
  table.appendChild(head);
  for (const binding of data.results.bindings) {
    const row = el("tr");
    for (const v of vars) {
      const cell = el("td");
      const term = binding[v];
      if (term && term.type === "uri") {
        const a = el("a", { href: localHref(term.value) }, term.value.startsWith(BASE) ? term.value.slice(BASE.length) : term.value);
        cell.appendChild(a);
      } else if (term) {
        cell.textContent = term.value;
      }
      row.appendChild(cell);
    }
    table.appendChild(row);
  }
  box.appendChild(table);
  const count = data.results.bindings.length;
  const nav = document.getElementById("pages");
  nav.hidden = !page || (!page.next && !page.prev);
  if (page) {
    document.getElementById("prev-page").disabled = !page.prev;
    document.getElementById("next-page").disabled = !page.next;
  }
  document.getElementById("status").textContent = !page || !count ? count + " rows"
    : "rows " + (page.offset + 1) + "-" + (page.offset + count) + (page.next ? ", more follow" : "");
}

function linkTo(response, rel) {
  // The URL of a Link header (RFC 8288) entry with this relation, or null.
  for (const part of (response.headers.get("Link") || "").split(",")) {
    const found = part.match(/<([^>]*)>\s*;\s*rel="([^"]*)"/);
    if (found && found[2] === rel) return found[1];
  }
  return null;
}

async function fetchPage(url) {
  // One page of a saved query's answer, with the URLs of the pages before and after it.
  const { response, text } = await fetchText(url);
  const offset = Number(new URL(url, location.href).searchParams.get("offset") || 0);
  return { data: JSON.parse(text), offset, next: linkTo(response, "next"), prev: linkTo(response, "prev") };
}

async function fetchEveryRow(url) {
  // Every row of a saved query's answer, page after page.
  const first = await fetchPage(url);
  const rows = first.data.results.bindings;
  for (let page = first; page.next;) {
    page = await fetchPage(page.next);
    rows.push(...page.data.results.bindings);
  }
  return first.data;
}

let shownPage = null;

async function showPage(url) {
  try {
    shownPage = await fetchPage(url);
    renderTable(shownPage.data, shownPage);
  } catch (error) { showError(error); }
}

async function fetchText(url, options = {}) {
  const response = await fetch(url, options);
  const text = await response.text();
  if (!response.ok) throw new Error(text.trim() || response.statusText);
  return { response, text };
}

async function fetchJson(url, options = {}) {
  return JSON.parse((await fetchText(url, options)).text);
}

function showError(error) {
  document.getElementById("results").replaceChildren();
  document.getElementById("pages").hidden = true;
  document.getElementById("status").textContent = "error: " + error.message;
}

async function startIndex(base) {
  BASE = base;
  const queries = await fetchJson("/queries");
  const select = document.getElementById("query-name");
  for (const q of queries) select.appendChild(el("option", { value: q.name }, q.name));
  const byName = Object.fromEntries(queries.map((q) => [q.name, q]));
  const showParams = () => {
    const q = byName[select.value];
    document.getElementById("query-summary").textContent = q.summary;
    const box = document.getElementById("query-params");
    box.replaceChildren();
    for (const p of q.parameters) {
      const input = el("input", { name: p.name, placeholder: p.name + " (" + p.type + ")", title: p.description || p.name });
      if (p.default) input.value = p.default;
      box.appendChild(input);
    }
  };
  select.addEventListener("change", showParams);
  select.value = queries.some((q) => q.name === "agreements") ? "agreements" : queries[0].name;
  showParams();
  document.getElementById("saved").addEventListener("submit", async (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const input of document.querySelectorAll("#query-params input")) if (input.value) params.set(input.name, input.value);
    await showPage("/queries/" + select.value + ".json?" + params.toString());
  });
  document.getElementById("next-page").addEventListener("click", () => shownPage && shownPage.next && showPage(shownPage.next));
  document.getElementById("prev-page").addEventListener("click", () => shownPage && shownPage.prev && showPage(shownPage.prev));
  document.getElementById("sparql").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      renderTable(await fetchJson("/sparql", {
        method: "POST",
        headers: { "Content-Type": "application/sparql-query", Accept: "application/sparql-results+json" },
        body: document.getElementById("sparql-text").value,
      }));
    } catch (error) { showError(error); }
  });
  document.getElementById("neighbours").addEventListener("submit", (event) => {
    event.preventDefault();
    const box = document.getElementById("neighbourhood-index");
    box.dataset.entity = document.getElementById("entity").value;
    drawNeighbourhood(box);
  });
  drawTimeline(document.getElementById("timeline"));
}

async function drawTimeline(box) {
  const data = await fetchEveryRow("/queries/timeline.json?limit=1000");
  const events = data.results.bindings.filter((b) => b.date && /^\d{4}/.test(b.date.value));
  box.replaceChildren();
  if (!events.length) { box.textContent = "no dated events"; return; }
  const time = (b) => Date.parse(b.date.value.length === 4 ? b.date.value + "-01-01" : b.date.value.length === 7 ? b.date.value + "-01" : b.date.value);
  const times = events.map(time);
  const lo = Math.min(...times), hi = Math.max(...times) || lo + 1;
  const width = 900, rowHeight = 22, height = 40 + rowHeight * events.length;
  const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, class: "timeline", role: "img" });
  svg.appendChild(svgEl("line", { x1: 20, y1: 20, x2: width - 20, y2: 20, class: "axis" }));
  events.forEach((b, i) => {
    const x = 20 + ((time(b) - lo) / (hi - lo || 1)) * (width - 40);
    const y = 40 + i * rowHeight;
    svg.appendChild(svgEl("line", { x1: x, y1: 20, x2: x, y2: y - 4, class: "tick" }));
    svg.appendChild(svgEl("circle", { cx: x, cy: y, r: 5, class: b.status && b.status.value !== "occurred" ? "planned" : "event" }));
    const link = svgEl("a", { href: localHref(b.event.value) });
    const left = x > width / 2;
    link.appendChild(svgEl("text", { x: left ? x - 10 : x + 10, y: y + 4, "text-anchor": left ? "end" : "start" },
      b.date.value + "  " + b.label.value));
    svg.appendChild(link);
  });
  box.appendChild(svg);
}

async function drawNeighbourhood(box) {
  let data;
  try {
    data = await fetchJson("/api/neighbourhood?entity=" + encodeURIComponent(box.dataset.entity));
  } catch (error) { box.textContent = error.message; return; }
  box.replaceChildren();
  const width = 1100, height = 600, c = width / 2, cy = height / 2, rx = 300, ry = 240;
  const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, class: "neighbourhood", role: "img" });
  const others = data.nodes.filter((n) => !n.center);
  const where = {};
  others.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / Math.max(others.length, 1);
    where[n.id] = [c + rx * Math.cos(angle), cy + ry * Math.sin(angle)];
  });
  const center = data.nodes.find((n) => n.center);
  where[center.id] = [c, cy];
  for (const e of data.edges) {
    const [x1, y1] = where[e.source], [x2, y2] = where[e.target];
    svg.appendChild(svgEl("line", { x1, y1, x2, y2, class: "edge" }));
    svg.appendChild(svgEl("text", { x: (x1 + x2) / 2, y: (y1 + y2) / 2, class: "edge-label" }, e.label));
  }
  for (const n of data.nodes) {
    const [x, y] = where[n.id];
    const link = svgEl("a", { href: n.href });
    link.appendChild(svgEl("circle", { cx: x, cy: y, r: n.center ? 10 : 6, class: n.center ? "center" : "node" }));
    const left = x < c - 1;
    link.appendChild(svgEl("text", { x: left ? x - 12 : x + 12, y: y + 4, "text-anchor": left ? "end" : "start" },
      n.label));
    svg.appendChild(link);
  }
  box.appendChild(svg);
}
