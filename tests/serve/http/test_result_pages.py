"""A saved query's answer as a page for browsers: the same rows as the JSON, links, downloads."""

import csv
import io

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.slow
HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}  # as Chromium asks


def _table(page: str) -> tuple[list[str], list[list[str]], BeautifulSoup]:
    soup = BeautifulSoup(page, "html.parser")
    table = soup.find("table", id="rows")
    head = [th.get_text(strip=True) for th in table.find("thead").find_all("th")]
    rows = [[td["data-sort"] for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")]
    return head, rows, soup


@pytest.mark.parametrize("url", ["/queries/agreements?mineral=mineral/rare-earth-elements",
                                 "/queries/fact-sources?limit=7&offset=3", "/queries/entities"])
def test_the_page_holds_the_rows_of_the_json(client, url):
    page = client.get(url, headers=HTML)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    data = client.get(url, headers={"Accept": "application/sparql-results+json"}).json()
    head, rows, _ = _table(page.text)
    assert head == data["head"]["vars"]
    assert rows == [[b[v]["value"] if v in b else "" for v in head] for b in data["results"]["bindings"]]
    assert rows


def test_nodes_link_to_their_pages_and_downloads_give_the_same_page(client):
    url = "/queries/fact-sources?limit=5&offset=5"
    _, rows, soup = _table(client.get(url, headers=HTML).text)
    link = soup.find("table", id="rows").find("a")
    assert link["href"].startswith("/id/") and client.get(link["href"], headers=HTML).status_code == 200
    downloaded = list(csv.reader(io.StringIO(client.get(soup.find("a", id="csv")["href"]).text)))
    assert downloaded[1:] == rows
    as_json = client.get(soup.find("a", id="json")["href"]).json()
    assert len(as_json["rows"]) == len(rows) == 5
    assert "offset=10" in soup.find("a", id="next")["href"] and "offset=0" in soup.find("a", id="prev")["href"]


def test_the_form_keeps_the_parameters(client):
    _, _, soup = _table(client.get("/queries/agreements?mineral=mineral/rare-earth-elements", headers=HTML).text)
    assert soup.find("input", attrs={"name": "mineral"})["value"] == "mineral/rare-earth-elements"
    assert soup.find("form", id="params")["action"] == "/queries/agreements"


def test_clients_that_ask_for_anything_still_get_json(client):
    for accept in (None, "*/*", "application/json"):
        headers = {"Accept": accept} if accept else {}
        answer = client.get("/queries/agreements", headers=headers)
        assert "json" in answer.headers["content-type"], accept
