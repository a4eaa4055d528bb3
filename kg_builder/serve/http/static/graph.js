// The neighbourhood of a node drawn with Cytoscape.js: nodes coloured by type with a legend, edges
// labelled by the ontology's names of their properties; a click adds the clicked node's neighbours,
// a double click opens its page. Used by /graph and by the entity pages.
"use strict";

const GRAPH_COLOURS = {
  Country: "#e63946", Person: "#f4a261", Organization: "#2a9d8f", Agreement: "#1d3557", Event: "#8338ec",
  Mineral: "#b5651d", Sector: "#588157", Place: "#4ea8de", Article: "#6c757d", Figure: "#ff006e",
  Post: "#e9c46a", Role: "#a98467", Commitment: "#adb5bd", Amount: "#adb5bd", Concept: "#ced4da", Other: "#adb5bd",
};
const GRAPH_LABEL_CHARS = 38; // longer labels end in an ellipsis (the full one shows on selection)

function graphElement(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}

function shortLabel(text) {
  return text.length > GRAPH_LABEL_CHARS ? text.slice(0, GRAPH_LABEL_CHARS - 1).trimEnd() + "…" : text;
}

function ensureGraphStyle() {
  if (!document.querySelector('link[href="/static/pictures.css"]')) {
    document.head.appendChild(graphElement("link", { rel: "stylesheet", href: "/static/pictures.css" }));
  }
}

async function fetchNeighbourhood(entity) {
  const response = await fetch("/api/neighbourhood?entity=" + encodeURIComponent(entity));
  const text = await response.text();
  if (!response.ok) throw new Error(text.trim() || response.statusText);
  return JSON.parse(text);
}

const GRAPH_STYLE = [
  { selector: "node", style: {
    "background-color": "data(colour)", label: "data(short)", "font-size": 10, color: "#1d2433",
    "text-valign": "bottom", "text-margin-y": 3, "text-wrap": "wrap", "text-max-width": 120,
    "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": 1,
    width: 18, height: 18, "border-width": 1, "border-color": "#fff" } },
  { selector: "node[?center]", style: { width: 30, height: 30, "border-width": 3, "border-color": "#1d2433",
    "font-weight": "bold", "font-size": 12 } },
  { selector: "node[?expanded][!center]", style: { "border-width": 2, "border-color": "#1d2433" } },
  { selector: "node:selected", style: { "overlay-color": "#e76f51", "overlay-opacity": 0.25, "overlay-padding": 6 } },
  { selector: "edge", style: {
    width: 1.2, "line-color": "#b7c0cc", "target-arrow-color": "#b7c0cc", "target-arrow-shape": "triangle",
    "arrow-scale": 0.7, "curve-style": "bezier", label: "data(label)", "font-size": 8, color: "#5c6675",
    "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.85,
    "text-background-padding": 1 } },
];

class NeighbourhoodGraph {
  // A picture in ``box``: a legend, the canvas and a line about the selected node.
  constructor(box) {
    ensureGraphStyle();
    this.box = box;
    box.classList.add("graph-box");
    this.legend = graphElement("div", { class: "graph-legend", "aria-label": "node types" });
    this.canvas = graphElement("div", { class: "graph-canvas" });
    this.selected = graphElement("div", { class: "graph-selected" });
    box.replaceChildren(this.legend, this.canvas, this.selected);
    this.cy = cytoscape({ container: this.canvas, style: GRAPH_STYLE, minZoom: 0.1, maxZoom: 4 });
    box.cy = this.cy;
    box.graph = this;
    this.cy.on("tap", "node", (event) => this.select(event.target, true));
    this.cy.on("dbltap", "node", (event) => { window.location.href = event.target.data("href"); });
  }

  async show(entity) {
    this.cy.elements().remove();
    this.selected.replaceChildren();
    const data = await fetchNeighbourhood(entity);
    this.add(data, null);
    const centre = this.cy.nodes("[?center]");
    centre.data("expanded", true);
    this.layout(true);
    return data;
  }

  async expand(node) {
    if (node.data("expanded")) return 0;
    node.data("expanded", true);
    const before = this.cy.nodes().length;
    const data = await fetchNeighbourhood(node.id());
    this.add(data, node);
    if (this.cy.nodes().length > before) this.layout(false);
    return this.cy.nodes().length - before;
  }

  add(data, from) {
    const at = from ? from.position() : { x: 0, y: 0 };
    const elements = [];
    for (const n of data.nodes) {
      if (this.cy.getElementById(n.id).nonempty()) continue;
      elements.push({ group: "nodes", position: { x: at.x + Math.random() * 40 - 20, y: at.y + Math.random() * 40 - 20 },
        data: { id: n.id, label: n.label, short: shortLabel(n.label), type: n.type, kind: n.kind, href: n.href,
          colour: GRAPH_COLOURS[n.type] || GRAPH_COLOURS.Other, center: !from && n.center } });
    }
    for (const e of data.edges) {
      const id = e.source + " " + e.label + " " + e.target;
      if (this.cy.getElementById(id).nonempty()) continue;
      elements.push({ group: "edges", data: { id, source: e.source, target: e.target, label: e.label } });
    }
    this.cy.add(elements);
    this.drawLegend();
    if (data.truncated) this.selected.textContent = "Only the first neighbours are shown.";
  }

  layout(fresh) {
    const count = this.cy.nodes().length;
    this.cy.layout({
      name: "cose", animate: false, randomize: fresh, fit: true, padding: 30, nodeDimensionsIncludeLabels: true,
      idealEdgeLength: () => 90 + Math.min(count, 60), nodeRepulsion: () => 60000, nodeOverlap: 20,
      componentSpacing: 80, gravity: 0.25, numIter: 1500,
      boundingBox: { x1: 0, y1: 0, w: this.canvas.clientWidth || 800, h: this.canvas.clientHeight || 600 },
    }).run();
  }

  drawLegend() {
    const counts = {};
    this.cy.nodes().forEach((n) => { counts[n.data("type")] = (counts[n.data("type")] || 0) + 1; });
    this.legend.replaceChildren();
    for (const type of Object.keys(GRAPH_COLOURS).filter((t) => counts[t])) {
      const entry = graphElement("span", { class: "legend-entry", "data-type": type });
      entry.appendChild(graphElement("span", { class: "swatch", style: "background:" + GRAPH_COLOURS[type] }));
      entry.appendChild(document.createTextNode(type + " " + counts[type]));
      this.legend.appendChild(entry);
    }
    this.cy.resize(); // the legend may have moved the canvas: where clicks land is measured again
  }

  async select(node, expand) {
    this.selected.replaceChildren(
      graphElement("strong", {}, node.data("label")), document.createTextNode(" · " + node.data("kind") + " · "),
      graphElement("a", { href: node.data("href") }, "open its page"));
    if (!expand) return;
    try {
      const added = await this.expand(node);
      this.selected.appendChild(document.createTextNode(added ? " · " + added + " nodes added" : ""));
      this.box.dispatchEvent(new CustomEvent("graphchange"));
    } catch (error) { this.selected.appendChild(document.createTextNode(" · " + error.message)); }
  }
}

async function drawGraph(box, entity = box.dataset.entity) {
  // The neighbourhood of ``entity`` in ``box`` (the entity pages call it on their neighbourhood section).
  const graph = box.graph || new NeighbourhoodGraph(box);
  try {
    await graph.show(entity);
  } catch (error) {
    graph.selected.textContent = error.message;
    graph.selected.classList.add("error");
  }
  return graph;
}

function startGraphPage(box, form) {
  // /graph?entity=...: the entity picked is kept in the URL.
  const input = form.querySelector("input[name=entity]");
  const status = document.getElementById("graph-status");
  const count = () => {
    status.textContent = box.cy.nodes().length + " nodes, " + box.cy.edges().length + " edges";
  };
  box.addEventListener("graphchange", count);
  const showFromUrl = async () => {
    const entity = new URLSearchParams(location.search).get("entity") || "country/cn";
    input.value = entity;
    status.textContent = "";
    const graph = await drawGraph(box, entity);
    count();
    graph.cy.resize(); // the status line may have moved the canvas
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set("entity", input.value.trim());
    history.pushState(null, "", url);
    showFromUrl();
  });
  window.addEventListener("popstate", showFromUrl);
  showFromUrl();
}
