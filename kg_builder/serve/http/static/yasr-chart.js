// A YASR plugin that draws a result as a bar chart with the bundled Chart.js. The first column whose
// values are all numbers gives the bars' heights; the column of words that tells rows apart best
// (else one of IRIs) gives their labels. Shown for results that have both; downloads as a PNG.
"use strict";

class YasrChart {
  constructor(yasr) {
    this.yasr = yasr;
    this.priority = 5;
    this.label = "Chart";
    this.chart = null;
  }

  columns() {
    const results = this.yasr.results;
    if (!results || !results.getBindings || !results.getVariables) return null;
    const rows = results.getBindings() || [];
    const vars = results.getVariables() || [];
    if (!rows.length) return null;
    const numeric = (v) => rows.every((r) => r[v] && r[v].type !== "uri" && r[v].value !== "" && !isNaN(Number(r[v].value)));
    const value = vars.find(numeric);
    const words = (v) => rows.every((r) => !r[v] || r[v].type === "literal");
    const others = vars.filter((v) => v !== value && !numeric(v));
    const distinct = (v) => new Set(rows.map((r) => r[v] && r[v].value)).size;
    const named = others.filter(words).sort((a, b) => distinct(b) - distinct(a));
    const label = named[0] || others[0];  // names (the column that tells rows apart best) read better than IRIs
    return value && label ? { rows, value, label } : null;
  }

  canHandleResults() {
    return this.columns() !== null;
  }

  draw() {
    const { rows, value, label } = this.columns();
    const shown = rows.slice(0, 50);  // a bar chart past fifty bars is no longer read
    const box = document.createElement("div");
    box.className = "yasr-chart";
    const canvas = document.createElement("canvas");
    box.appendChild(canvas);
    if (rows.length > shown.length) {
      const note = document.createElement("p");
      note.textContent = `the first ${shown.length} of ${rows.length} rows`;
      box.appendChild(note);
    }
    this.yasr.resultsEl.appendChild(box);
    const name = (r) => {
      const cell = r[label];
      if (!cell) return "";
      const prefixes = this.yasr.getPrefixes ? this.yasr.getPrefixes() : {};
      for (const [p, iri] of Object.entries(prefixes || {})) if (cell.value.startsWith(iri)) return p + ":" + cell.value.slice(iri.length);
      return cell.value;
    };
    this.chart = new Chart(canvas, {
      type: "bar",
      data: { labels: shown.map(name), datasets: [{ label: value, data: shown.map((r) => Number(r[value].value)),
        backgroundColor: "#457b9d" }] },
      options: { indexAxis: shown.length > 12 ? "y" : "x", animation: false, responsive: true,
        scales: { x: { ticks: { autoSkip: false } }, y: { ticks: { autoSkip: false } } },
        plugins: { legend: { display: true } } },
    });
  }

  destroy() {
    if (this.chart) this.chart.destroy();
    this.chart = null;
  }

  download() {
    if (!this.chart) return undefined;
    return { contentType: "image/png", getData: () => this.chart.toBase64Image(), filename: "chart.png",
      title: "Download the chart as PNG" };
  }

  getIcon() {
    const icon = document.createElement("span");
    icon.textContent = "▮▮";
    return icon;
  }
}

Yasgui.Yasr.registerPlugin("chart", YasrChart);
