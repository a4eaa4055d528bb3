// The timeline of events and agreements (vis-timeline): one row per kind, a time axis that zooms and pans,
// opening on the bulk of the dates; a click shows an item's details, a double click opens its page. Items
// without a date are listed beside it. The participant and mineral filters are kept in the URL.
"use strict";

function timelineElement(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}

const TIMELINE_FILTERS = ["participant", "mineral"];

function timelineFilters() {
  const params = new URLSearchParams(location.search);
  const kept = new URLSearchParams();
  for (const name of TIMELINE_FILTERS) if (params.get(name)) kept.set(name, params.get(name));
  return kept;
}

function itemDetails(item) {
  // The details of an item: label, kind, date, participants, place, minerals, sources and a link.
  const box = timelineElement("div");
  box.appendChild(timelineElement("h3", { class: "details-label" }, item.label));
  const list = timelineElement("dl");
  const row = (name, value) => {
    if (!value) return;
    list.appendChild(timelineElement("dt", {}, name));
    const dd = timelineElement("dd", { "data-field": name });
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = value;
    list.appendChild(dd);
  };
  row("kind", item.kind);
  row("date", item.date ? item.date + (item.dateText ? " (" + item.dateText + ")" : "") : item.dateText || "undated");
  row("status", item.status);
  row("participants", item.participants.join(", "));
  row("place", item.place.split(" | ").join(", "));
  row("minerals", item.minerals.join(", "));
  row("sources", String(item.sources) + (item.sources === 1 ? " article" : " articles"));
  row("page", timelineElement("a", { href: item.href, class: "entity-link" }, "open its page"));
  box.appendChild(list);
  return box;
}

function showDetails(item) {
  const section = document.getElementById("details");
  document.getElementById("details-body").replaceChildren(itemDetails(item));
  section.hidden = false;
}

function listUndated(items) {
  const list = document.getElementById("undated");
  list.replaceChildren();
  if (!items.length) { list.appendChild(timelineElement("li", {}, "none")); return; }
  for (const item of items) {
    const li = timelineElement("li");
    li.appendChild(timelineElement("span", { class: "kind" }, item.kind));
    li.appendChild(timelineElement("a", { href: item.href }, item.label));
    if (item.dateText) li.appendChild(document.createTextNode(" (" + item.dateText + ")"));
    li.addEventListener("click", (event) => { if (!event.target.closest("a")) showDetails(item); });
    list.appendChild(li);
  }
}

function drawTimelineItems(box, data) {
  // The dated items on a vis-timeline in ``box``, one group per kind.
  const kinds = [...new Set(data.dated.map((item) => item.kind))].sort();
  const groups = new vis.DataSet(kinds.map((kind, order) => ({ id: kind, content: kind, order })));
  const byId = Object.fromEntries(data.dated.map((item) => [item.id, item]));
  const items = new vis.DataSet(data.dated.map((item) => ({
    id: item.id, group: item.kind, start: item.start, end: item.end || undefined,
    type: item.end ? "range" : "box",
    content: timelineElement("span", { class: "item-label" }, item.label),
    className: [item.category, item.status || ""].join(" ").trim(),
  })));
  const options = {
    stack: true, zoomable: true, moveable: true, orientation: { axis: "both" }, margin: { item: 6 },
    zoomMin: 1000 * 60 * 60 * 24, zoomMax: 1000 * 60 * 60 * 24 * 365 * 30, showCurrentTime: false,
    groupOrder: "order", tooltip: { followMouse: false },
  };
  if (data.window) { options.start = data.window.start; options.end = data.window.end; }
  box.replaceChildren();
  const timeline = new vis.Timeline(box, items, groups, options);
  timeline.on("select", (event) => { if (event.items.length) showDetails(byId[event.items[0]]); });
  timeline.on("doubleClick", (event) => { if (event.item) window.location.href = byId[event.item].href; });
  document.getElementById("zoom-in").onclick = () => timeline.zoomIn(0.5);
  document.getElementById("zoom-out").onclick = () => timeline.zoomOut(0.5);
  document.getElementById("fit-all").onclick = () => timeline.fit();
  box.timeline = timeline;
  return timeline;
}

async function startTimelinePage() {
  const filters = timelineFilters();
  const form = document.getElementById("timeline-filter");
  for (const name of TIMELINE_FILTERS) form.elements[name].value = filters.get(name) || "";
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = new URL(location.pathname, location.href);
    for (const name of TIMELINE_FILTERS) {
      const value = form.elements[name].value.trim();
      if (value) url.searchParams.set(name, value);
    }
    location.assign(url);
  });
  const status = document.getElementById("timeline-status");
  const box = document.getElementById("timeline");
  const response = await fetch("/api/timeline?" + filters.toString());
  const text = await response.text();
  if (!response.ok) {
    status.textContent = "error: " + text.trim();
    status.classList.add("error");
    listUndated([]);
    return;
  }
  const data = JSON.parse(text);
  status.textContent = data.dated.length + " dated, " + data.undated.length + " undated" +
    (filters.toString() ? " (filtered)" : "");
  listUndated(data.undated);
  if (data.dated.length) drawTimelineItems(box, data); else box.textContent = "no dated events or agreements";
}

startTimelinePage();
