"""End to end in a browser: the web page runs saved queries and pages through their answers."""


def test_browser_runs_a_saved_query_and_opens_an_entity_page(browser, live_server, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 1200})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server + "/")
    page.wait_for_selector("#query-name option[value='agreements']", state="attached")
    page.select_option("#query-name", "agreements")
    page.fill("#query-params input[name='mineral']", "mineral/rare-earth-elements")
    page.click("#run-saved")
    page.wait_for_selector("#results table tr:nth-child(2)")
    assert "Japan–United States framework agreement" in page.inner_text("#results")
    page.wait_for_selector("#timeline svg circle")
    page.click("#results a >> text=agreement/jp-us-framework-agreement-2025-10-28")
    page.wait_for_selector("#label")
    assert page.inner_text("#label") == "Japan–United States framework agreement"
    page.wait_for_selector("#neighbourhood canvas")
    shot = tmp_path / "entity.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert errors == []


def test_browser_pages_through_a_saved_querys_answer(browser, live_server):
    page = browser.new_page(viewport={"width": 1280, "height": 1200})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server + "/")
    page.wait_for_selector("#query-name option[value='fact-sources']", state="attached")
    page.select_option("#query-name", "fact-sources")  # over 100 rows on the sample
    page.click("#run-saved")
    page.wait_for_selector("#results table tr:nth-child(2)")
    assert page.inner_text("#status").startswith("rows 1-100, more follow")
    first = page.inner_text("#results table tr:nth-child(2)")
    assert page.is_disabled("#prev-page") and not page.is_disabled("#next-page")
    page.click("#next-page")
    page.wait_for_function("document.getElementById('status').textContent.startsWith('rows 101-')")
    assert page.inner_text("#results table tr:nth-child(2)") != first and not page.is_disabled("#prev-page")
    page.click("#prev-page")
    page.wait_for_function("document.getElementById('status').textContent.startsWith('rows 1-100')")
    assert page.inner_text("#results table tr:nth-child(2)") == first
    assert errors == []
