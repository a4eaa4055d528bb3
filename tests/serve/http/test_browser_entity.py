"""An entity page in a browser: statements with their sources under them, amounts for people."""

AGREEMENT = "/id/agreement/jp-us-framework-agreement-2025-10-28"


def _open(browser, url):
    page = browser.new_page(viewport={"width": 1280, "height": 1200})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(url)
    page.wait_for_selector("#label")
    return page, errors


def test_browser_entity_statements_show_their_sources_and_amounts(browser, live_server, tmp_path):
    page, errors = _open(browser, live_server + AGREEMENT)
    assert page.inner_text("#label") == "Japan–United States framework agreement"
    labels = page.locator("#statements .property-label").all_inner_texts()
    assert {"party", "signatory", "amount", "covers"} <= set(labels) and "targetsSector" not in labels

    amount = page.locator("#statements .property", has=page.locator(".property-label", has_text="amount"))
    assert amount.locator(".statement .value").first.inner_text() == "US$550 billion"
    source = amount.locator(".reference").first
    assert source.is_visible()
    assert source.locator(".source-title").inner_text().strip()
    assert source.locator(".published").inner_text() == "28 October"
    assert "$550-billion plan" in source.locator(".sentence").inner_text()
    assert source.locator(".sentence mark").first.is_visible()  # the words the rule read, marked

    signatory = page.locator("#statements .property", has=page.locator(".property-label", has_text="signatory"))
    takaichi = signatory.locator(".statement", has=page.locator(".value", has_text="Sanae Takaichi"))
    takaichi.locator("details.references summary").click()  # a statement's sources, opened as on Wikidata
    cited = takaichi.locator(".reference").first
    assert cited.is_visible() and cited.locator(".sentence mark").count() >= 1
    titles = takaichi.locator(".reference .source-title").all_inner_texts()
    assert "US and Japan Forge Minerals Pact as Trump Expands Asia Trade Push" in titles
    assert "28 October 2025" in takaichi.locator(".reference .published").all_inner_texts()
    assert "Sanae Takaichi" in takaichi.inner_text()

    page.click("#statements .property .reference .source-title >> nth=0")  # a source leads to its article
    page.wait_for_selector(".article a.mention")
    assert page.locator(".article").inner_text().startswith("Tokyo, October 28")
    page.screenshot(path=str(tmp_path / "article.png"), full_page=True)
    assert errors == []


def test_browser_entity_mentions_grouped_by_article(browser, live_server):
    page, errors = _open(browser, live_server + "/id/person/sanae-takaichi")
    named = page.locator("#mentions .named")
    assert named.count() == 5
    first = named.first
    first.locator("summary").click()
    assert first.locator(".sentence mark").first.is_visible()
    assert "Takaichi" in first.locator(".words").inner_text()
    related = page.locator("#related .property-label").all_inner_texts()
    assert "signed" in related and not [x for x in related if x.endswith(" of")]
    assert errors == []
