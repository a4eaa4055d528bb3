// The query workbench: saved queries as forms (typed inputs, pickers for the nodes a parameter
// names) and a SPARQL editor (YASGUI), both showing results in YASR. The tab, the query and its
// parameters live in the page's URL, so a result can be shared by its address.
"use strict";

const INPUT_TYPES = { date: "date", integer: "number", decimal: "number", string: "text", iri: "text" };

function workbenchState() {
  // What the URL says the page shows: { tab, saved, params, sparql }.
  const url = new URL(location.href);
  const params = {};
  for (const [k, v] of url.searchParams) if (!["tab", "saved", "query", "offset", "limit"].includes(k)) params[k] = v;
  const tab = url.searchParams.get("tab") || (url.searchParams.has("query") ? "sparql" : "saved");
  return { tab, saved: url.searchParams.get("saved"), params, offset: url.searchParams.get("offset") };
}

function showTab(name) {
  for (const t of ["saved", "sparql"]) {
    document.getElementById("panel-" + t).hidden = t !== name;
    document.getElementById("tab-" + t).setAttribute("aria-selected", String(t === name));
  }
}

function openNodesHere(box, base) {
  // Nodes of this graph, shown in results inside ``box``, open their pages here, not at their public IRI.
  box.addEventListener("click", (event) => {
    const a = event.target.closest("a.iri");
    if (a && a.href.startsWith(base)) {
      event.preventDefault();
      location.href = "/" + a.href.slice(base.length);
    }
  });
}

function newYasr(box, base, prefixes) {
  openNodesHere(box, base);
  return new Yasgui.Yasr(box, { persistenceId: null, prefixes: { ...prefixes, id: base + "id/" } });
}

function picker(input, param) {
  // Completion over the labels of the nodes the parameter can name: typing shows the best matches,
  // choosing one puts its key (such as mineral/rare-earth-elements) in the box.
  const list = document.createElement("datalist");
  list.id = "pick-" + param.name;
  input.setAttribute("list", list.id);
  input.setAttribute("autocomplete", "off");
  let asked = "";
  input.addEventListener("input", async () => {
    const text = input.value.trim();
    if (text.length < 2 || text === asked) return;
    asked = text;
    const url = "/api/nodes?" + new URLSearchParams({ q: text, parameter: param.name });
    const hits = await (await fetch(url)).json();
    if (asked !== text) return;  // a later keystroke asked again
    list.replaceChildren(...hits.map((h) => {
      const option = document.createElement("option");
      option.value = h.key;
      option.label = h.label + " (" + h.type + ")";
      option.textContent = h.label + " (" + h.type + ")";
      return option;
    }));
  });
  return list;
}

function paramInputs(query, values) {
  const box = document.getElementById("query-params");
  box.replaceChildren();
  for (const p of query.parameters) {
    if (p.name === "service") continue;  // the server names the endpoint of a federated query
    const label = document.createElement("label");
    label.textContent = p.name + " ";
    const input = document.createElement("input");
    input.name = p.name;
    input.type = INPUT_TYPES[p.type] || "text";
    if (p.type === "decimal") input.step = "any";
    if (p.type === "integer") input.step = "1";
    input.placeholder = p.type === "iri" ? "type a name" : p.type;
    input.title = p.description || p.name;
    input.value = values[p.name] ?? p.default ?? "";
    label.appendChild(input);
    if (p.type === "iri") label.appendChild(picker(input, p));
    box.appendChild(label);
  }
}

function linkTo(response, rel) {
  // The URL of a Link header (RFC 8288) entry with this relation, or null.
  for (const part of (response.headers.get("Link") || "").split(",")) {
    const found = part.match(/<([^>]*)>\s*;\s*rel="([^"]*)"/);
    if (found && found[2] === rel) return found[1];
  }
  return null;
}

async function startWorkbench(base, example) {
  const prefixes = await (await fetch("/api/prefixes")).json();
  const queries = await (await fetch("/queries")).json();
  const byName = Object.fromEntries(queries.map((q) => [q.name, q]));
  const state = workbenchState();
  const select = document.getElementById("query-name");
  for (const q of queries) {
    const option = document.createElement("option");
    option.value = q.name;
    option.textContent = q.name + " — " + q.summary;
    select.appendChild(option);
  }
  select.value = byName[state.saved] ? state.saved : (byName.agreements ? "agreements" : queries[0].name);
  const yasr = newYasr(document.getElementById("saved-results"), base, prefixes);
  const status = document.getElementById("status");
  let shown = null;  // the page of rows on screen: { next, prev }

  const showQuery = (values) => {
    const q = byName[select.value];
    document.getElementById("query-summary").textContent = q.description || q.summary;
    paramInputs(q, values);
  };
  const formParams = () => {
    const params = new URLSearchParams();
    for (const input of document.querySelectorAll("#query-params input")) if (input.value) params.set(input.name, input.value);
    return params;
  };
  const links = (params) => {
    const name = select.value;
    document.getElementById("saved-page").href = "/queries/" + name + "?" + params;
    document.getElementById("saved-csv").href = "/queries/" + name + ".csv?" + params;
    document.getElementById("saved-json").href = "/queries/" + name + ".json?" + params;
  };
  const runSaved = async (url) => {
    status.textContent = "running…";
    const started = performance.now();
    const response = await fetch(url, { headers: { Accept: "application/sparql-results+json" } });
    const text = await response.text();
    if (!response.ok) {
      status.textContent = "error " + response.status + ": " + text.trim();
      return;
    }
    const data = JSON.parse(text);
    yasr.setResponse({ data: text, contentType: "application/sparql-results+json", status: 200 },
      Math.round(performance.now() - started));
    const offset = Number(new URL(url, location.href).searchParams.get("offset") || 0);
    const count = data.results.bindings.length;
    shown = { next: linkTo(response, "next"), prev: linkTo(response, "prev") };
    document.getElementById("pages").hidden = !shown.next && !shown.prev;
    document.getElementById("prev-page").disabled = !shown.prev;
    document.getElementById("next-page").disabled = !shown.next;
    status.textContent = count ? "rows " + (offset + 1) + "-" + (offset + count) + (shown.next ? ", more follow" : "")
      : "no rows";
  };
  const submit = (offset) => {
    const params = formParams();
    links(params);
    const shared = new URLSearchParams({ tab: "saved", saved: select.value });
    for (const [k, v] of params) shared.set(k, v);
    if (offset) shared.set("offset", offset);
    history.replaceState(null, "", "?" + shared);
    if (offset) params.set("offset", offset);
    return runSaved("/queries/" + select.value + "?" + params);
  };
  select.addEventListener("change", () => { showQuery({}); links(formParams()); });
  document.getElementById("saved").addEventListener("submit", (event) => { event.preventDefault(); submit(0); });
  const turn = (url) => {
    if (!url) return;
    const offset = new URL(url, location.href).searchParams.get("offset");
    submit(Number(offset || 0));
  };
  document.getElementById("next-page").addEventListener("click", () => shown && turn(shown.next));
  document.getElementById("prev-page").addEventListener("click", () => shown && turn(shown.prev));
  showQuery(state.params);
  links(formParams());

  // The SPARQL editor: this server's endpoint only; completion from this graph's prefixes and ontology.
  const local = (kind) => (yasqe, token) => fetch("/api/terms?" + new URLSearchParams({ kind, q: token.autocompletionString || "" }))
    .then((r) => r.json()).then((hits) => hits.map((h) => h.iri));
  Yasgui.Yasqe.forkAutocompleter("property", { name: "graph-property", get: local("property") }, false);
  Yasgui.Yasqe.forkAutocompleter("class", { name: "graph-class", get: local("class") }, false);
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: location.origin + "/sparql", method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    endpointCatalogueOptions: { getData: () => [{ endpoint: location.origin + "/sparql" }], keys: [] },
    populateFromUrl: (config) => { config.requestConfig.args = []; return config; },
    autofocus: false,
    yasqe: {
      value: example,
      prefixCcApi: location.origin + "/api/prefixes",
      autocompleters: ["prefixes", "variables", "graph-property", "graph-class"],
    },
    yasr: { prefixes: { ...prefixes, id: base + "id/" } },
  });
  window.workbench = { yasgui, yasr };
  openNodesHere(document.getElementById("yasgui"), base);
  yasgui.on("query", (instance, tab) => {
    history.replaceState(null, "", "?" + new URLSearchParams({ tab: "sparql", query: tab.getQuery() }));
  });

  for (const button of document.querySelectorAll("nav.tabs button")) {
    button.addEventListener("click", () => {
      showTab(button.dataset.tab);
      if (button.dataset.tab === "sparql") yasgui.getTab().getYasqe().refresh();
    });
  }
  showTab(state.tab === "sparql" ? "sparql" : "saved");
  if (state.saved && state.tab !== "sparql") await submit(Number(state.offset || 0));
}
