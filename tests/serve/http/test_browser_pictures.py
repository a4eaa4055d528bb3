"""The timeline and neighbourhood pictures in Chromium: they draw, respond, and load nothing from another host."""

import pytest


@pytest.fixture
def page(browser, live_server):
    """A page that records script errors and every request made (all must go to the live server)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.errors, page.requests = [], []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    assert page.errors == []
    assert page.requests and all(url.startswith(live_server + "/") or url.startswith("data:")
                                 for url in page.requests), page.requests
    page.close()


WINDOW = "(() => { const w = document.getElementById('timeline').timeline.getWindow(); " \
         "return [w.start.getTime(), w.end.getTime()]; })()"


def test_timeline_draws_items_on_an_axis_and_zooms(page, live_server):
    page.goto(live_server + "/timeline")
    page.wait_for_selector("#timeline .vis-item")
    assert page.evaluate("document.getElementById('timeline').timeline.itemsData.length") == 11  # every dated one
    assert page.locator("#timeline .vis-item .vis-item-content").count() >= 8  # those in the window are drawn
    labels = page.locator("#timeline .vis-time-axis .vis-text").all_inner_texts()
    assert len([t for t in labels if t.strip()]) >= 3  # a time axis with labels
    groups = page.locator("#timeline .vis-labelset .vis-label").all_inner_texts()
    assert {"Meeting", "Signing", "Export control", "Trade agreement"} <= {g.strip() for g in groups}
    start, end = page.evaluate(WINDOW)
    assert end - start < 30 * 86400_000  # opens on the days in October, not on 2019 to 2025
    page.click("#zoom-out")
    page.wait_for_function(f"(() => {{ const w = {WINDOW}; return w[1] - w[0] > {end - start}; }})()")
    page.click("#fit-all")
    page.wait_for_function(f"{WINDOW}[0] < Date.parse('2019-06-01')")  # zoomed out, the 2019 meeting shows
    box = page.locator("#timeline .vis-center").bounding_box()
    before = page.evaluate(WINDOW)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 40)
    page.keyboard.down("Control")  # vis-timeline zooms on wheel (and on ctrl+wheel)
    page.mouse.wheel(0, -600)
    page.keyboard.up("Control")
    page.wait_for_function(f"(() => {{ const w = {WINDOW}; return w[1] - w[0] < {before[1] - before[0]}; }})()")


def test_timeline_shows_details_and_lists_undated(page, live_server):
    page.goto(live_server + "/timeline")
    page.wait_for_selector("#timeline .vis-item")
    page.click("#timeline .vis-item:has-text('Japan–United States framework agreement')")
    page.wait_for_selector("#details:not([hidden])")
    details = page.inner_text("#details")
    assert "Japan–United States framework agreement" in details and "2025-10-28" in details
    assert "Sanae Takaichi" in details and "5 articles" in details
    assert page.get_attribute("#details a.entity-link", "href") == "/id/agreement/jp-us-framework-agreement-2025-10-28"
    undated = page.locator("#undated li a")
    assert undated.count() == 8
    assert "/id/event/visit-donald-trump-undated" in [undated.nth(i).get_attribute("href") for i in range(8)]


def test_timeline_filter_is_kept_in_the_url(page, live_server):
    page.goto(live_server + "/timeline")
    page.wait_for_selector("#timeline .vis-item")
    page.fill("#participant", "country/cn")
    page.click("#timeline-filter button[type=submit]")
    page.wait_for_url("**/timeline?participant=country%2Fcn")
    page.wait_for_selector("#timeline .vis-item")
    assert page.evaluate("document.getElementById('timeline').timeline.itemsData.length") == 1
    assert page.input_value("#participant") == "country/cn"
    assert "export controls: China" in page.inner_text("#timeline")
    page.goto(live_server + "/timeline?participant=bad%20value")
    page.wait_for_selector("#timeline-status.error")
    assert "parameter 'participant'" in page.inner_text("#timeline-status")


NODES = "document.getElementById('graph').cy.nodes()"


def test_graph_draws_coloured_types_and_expands_on_click(page, live_server):
    page.goto(live_server + "/graph?entity=agreement/jp-us-framework-agreement-2025-10-28")
    page.wait_for_function(f"document.getElementById('graph').cy && {NODES}.length > 5")
    assert page.locator("#graph canvas").count() >= 1
    colours = page.evaluate(f"[...new Set({NODES}.map((n) => n.style('background-color')))]")
    assert len(colours) >= 5
    legend = page.locator("#graph .graph-legend .legend-entry").all_inner_texts()
    assert {entry.split()[0] for entry in legend} >= {"Agreement", "Country", "Person", "Mineral", "Sector", "Article"}
    edge_labels = page.evaluate("document.getElementById('graph').cy.edges().map((e) => e.data('label'))")
    assert "targets sector" in edge_labels and "targetsSector" not in edge_labels
    overlap = page.evaluate(f"""(() => {{ const boxes = {NODES}.map((n) => n.boundingBox({{includeLabels: false}}));
        let hits = 0; for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {{
          const a = boxes[i], b = boxes[j];
          if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) hits++; }} return hits; }})()""")
    assert overlap == 0  # the layout keeps nodes apart
    before = page.evaluate(f"{NODES}.length")
    japan = page.evaluate("""(() => { const n = document.getElementById('graph').cy
        .getElementById('https://w3id.org/cmkg/id/country/jp'); const p = n.renderedPosition();
        const r = document.querySelector('#graph .graph-canvas').getBoundingClientRect();
        return [r.left + p.x, r.top + p.y]; })()""")
    page.mouse.click(*japan)
    page.wait_for_function(f"{NODES}.length > {before}")
    assert "Japan" in page.inner_text("#graph .graph-selected")
    assert page.get_attribute("#graph .graph-selected a", "href") == "/id/country/jp"


def test_graph_entity_is_kept_in_the_url_and_the_entity_page_draws_it(page, live_server):
    page.goto(live_server + "/graph?entity=country/cn")
    page.wait_for_function(f"document.getElementById('graph').cy && {NODES}.length > 1")
    assert page.input_value("#graph-entity") == "country/cn"
    page.fill("#graph-entity", "person/sanae-takaichi")
    page.click("#graph-form button[type=submit]")
    page.wait_for_url("**/graph?entity=person%2Fsanae-takaichi")
    page.wait_for_function(f"{NODES}.some((n) => n.data('center') && n.data('label') === 'Sanae Takaichi')")
    page.goto(live_server + "/id/country/jp")
    page.wait_for_function("(() => { const b = document.getElementById('neighbourhood'); "
                           "return b.cy && b.cy.nodes().length > 3; })()")
    assert page.locator("#neighbourhood canvas").count() >= 1
    assert page.locator("#neighbourhood .graph-legend .legend-entry").count() >= 2
