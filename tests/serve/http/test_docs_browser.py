"""Swagger UI at /docs works in a browser with nothing from any other host."""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.slow


def test_docs_browser_shows_every_saved_query_with_no_other_host(browser, live_server):
    page = browser.new_page(viewport={"width": 1280, "height": 1200})
    errors, elsewhere = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    own = urlsplit(live_server).netloc

    def route(request_route):
        url = urlsplit(request_route.request.url)
        if url.scheme in ("http", "https") and url.netloc != own:
            elsewhere.append(request_route.request.url)
            request_route.abort()
        else:
            request_route.continue_()

    page.route("**/*", route)
    page.goto(live_server + "/docs")
    page.wait_for_selector("#operations-saved_queries-agreements")
    assert "Agreements with their parties" in page.inner_text("#operations-saved_queries-agreements")
    assert page.locator("text=Problem").count() >= 1  # the schemas section lists the problem schema
    assert elsewhere == [] and errors == []
