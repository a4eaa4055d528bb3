"""End to end in a browser: the workbench runs saved queries through their forms and SPARQL typed
in its editor, a shared address shows the same result, and a saved query's page sorts and
downloads. Nothing is asked of another host."""

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture
def page(browser, live_server):
    """A fresh page that records script errors and any request to another host."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.errors, page.foreign = [], []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("request", lambda request: None if request.url.startswith(live_server) or request.url.startswith("data:")
            else page.foreign.append(request.url))
    yield page
    assert page.errors == [] and page.foreign == []
    page.close()


def _rows(page, box: str) -> list[str]:
    return page.locator(f"{box} table.dataTable tbody tr").all_inner_texts()


def test_a_saved_query_runs_from_its_form_with_the_entity_picker(page, live_server):
    page.goto(live_server + "/")
    page.wait_for_selector("#query-name option[value='agreements']", state="attached")
    page.select_option("#query-name", "agreements")
    page.fill("#query-params input[name='mineral']", "rare ear")  # spaces find hyphenated labels
    page.wait_for_selector("#pick-mineral option[value='mineral/rare-earth-elements']", state="attached")
    assert "rare-earth elements (Mineral)" in page.inner_text("#pick-mineral")
    page.fill("#query-params input[name='mineral']", "mineral/rare-earth-elements")
    page.click("#run-saved")
    page.wait_for_selector("#saved-results table.dataTable tbody tr")
    rows = _rows(page, "#saved-results")
    assert len(rows) == 1 and "Japan–United States framework agreement" in rows[0]
    assert page.inner_text("#status") == "rows 1-1"
    assert "saved=agreements" in page.url and "mineral=mineral%2Frare-earth-elements" in page.url
    page.locator("#saved-results a.iri").first.dispatch_event("click")  # a node of the graph opens its page here
    page.wait_for_selector("h1")
    assert page.url == live_server + "/id/agreement/jp-us-framework-agreement-2025-10-28"


def test_a_shared_address_reproduces_a_saved_querys_result(page, browser, live_server):
    page.goto(live_server + "/")
    page.wait_for_selector("#query-name option[value='timeline']", state="attached")
    page.select_option("#query-name", "timeline")
    page.fill("#query-params input[name='participant']", "country/cn")
    page.click("#run-saved")
    page.wait_for_selector("#saved-results table.dataTable tbody tr")
    first = _rows(page, "#saved-results")
    other = browser.new_page()
    other.goto(page.url)
    other.wait_for_selector("#saved-results table.dataTable tbody tr")
    assert _rows(other, "#saved-results") == first
    assert other.input_value("#query-name") == "timeline"
    assert other.input_value("#query-params input[name='participant']") == "country/cn"
    other.close()


def test_pages_of_a_long_answer_turn_and_the_address_follows(page, live_server):
    page.goto(live_server + "/?saved=fact-sources")  # over 100 rows on the sample
    page.wait_for_selector("#saved-results table.dataTable tbody tr")
    assert page.inner_text("#status").startswith("rows 1-100, more follow")
    assert page.is_disabled("#prev-page") and not page.is_disabled("#next-page")
    page.click("#next-page")
    page.wait_for_function("document.getElementById('status').textContent.startsWith('rows 101-')")
    assert "offset=100" in page.url
    page.click("#prev-page")
    page.wait_for_function("document.getElementById('status').textContent.startsWith('rows 1-100')")


def test_sparql_typed_in_the_editor_runs_and_its_address_reproduces_it(page, browser, live_server):
    page.goto(live_server + "/?tab=sparql")
    page.wait_for_selector("#panel-sparql .CodeMirror")
    query = ("PREFIX cmkg: <https://w3id.org/cmkg/ontology#>\n"
             "SELECT ?mineral WHERE { ?mineral a cmkg:Mineral ; cmkg:mentionCount ?n } ORDER BY ?mineral")
    page.evaluate("q => workbench.yasgui.getTab().getYasqe().setValue(q)", query)
    page.click("#panel-sparql .yasqe_queryButton")
    page.wait_for_selector("#panel-sparql table.dataTable tbody tr")
    rows = _rows(page, "#panel-sparql")
    assert any("mineral/rare-earth-elements" in r for r in rows)
    assert "tab=sparql" in page.url
    other = browser.new_page()
    other.goto(page.url)
    other.wait_for_selector("#panel-sparql table.dataTable tbody tr")
    assert other.evaluate("workbench.yasgui.getTab().getYasqe().getValue()") == query
    assert _rows(other, "#panel-sparql") == rows
    other.close()


def test_the_editor_completes_from_this_graphs_ontology(page, live_server):
    page.goto(live_server + "/?tab=sparql")
    page.wait_for_selector("#panel-sparql .CodeMirror")
    page.evaluate("""() => { const y = workbench.yasgui.getTab().getYasqe();
        y.setValue("PREFIX cmkg: <https://w3id.org/cmkg/ontology#>\\nSELECT * WHERE { ?a a cmkg:Agree");
        y.setCursor(y.lastLine(), 1000); y.autocomplete(); }""")
    page.wait_for_selector(".CodeMirror-hints li")
    assert "cmkg:Agreement" in page.locator(".CodeMirror-hints").inner_text()


def test_a_saved_querys_page_sorts_on_a_click_and_downloads(page, live_server):
    page.goto(live_server + "/queries/entities?limit=40")
    page.wait_for_selector("#rows tbody tr")
    labels = lambda: page.locator("#rows tbody tr td:nth-child(3)").all_inner_texts()  # noqa: E731
    before = labels()
    page.click("#rows th button:text('label')")
    ascending = labels()
    assert ascending == sorted(before, key=str.casefold) != before
    page.click("#rows th button:text('label')")
    assert labels() == ascending[::-1]
    with page.expect_download() as download:
        page.evaluate("document.getElementById('csv').setAttribute('download', 'entities.csv')")
        page.click("#csv")
    assert download.value.path().read_text().splitlines()[0] == "entity,type,label,wikidata"


def test_a_result_with_numbers_draws_as_a_chart(page, live_server):
    page.goto(live_server + "/?saved=actors-by-sources")
    page.wait_for_selector("#saved-results table.dataTable tbody tr")
    page.click("#saved-results .select_chart")
    page.wait_for_selector("#saved-results .yasr-chart canvas")
    chart = page.evaluate("""() => { const c = Chart.getChart(document.querySelector('#saved-results canvas'));
        return { labels: c.data.labels, values: c.data.datasets[0].data, name: c.data.datasets[0].label }; }""")
    assert chart["name"] == "articles" and "Japan" in chart["labels"]
    assert chart["values"] == sorted(chart["values"], reverse=True) and chart["values"][0] >= 1
