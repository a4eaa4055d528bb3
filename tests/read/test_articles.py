import json

import pytest

from kg_builder.read.articles import read_articles

STORY = "Canada and Germany signed a deal on nickel and cobalt on Monday, officials said."


def test_articles_read_plain_text_with_title(tmp_path):
    (tmp_path / "a.txt").write_text(f"Nickel deal signed\n\n{STORY}", encoding="utf-8")
    result = read_articles([tmp_path])
    assert result.errors == []
    (article,) = result.articles
    assert article.id == "a" and article.title == "Nickel deal signed"
    assert article.text == f"Nickel deal signed\n{STORY}"
    assert len(article.sha256) == 64


def test_articles_empty_file_is_reported_and_others_still_read(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    result = read_articles([tmp_path])
    assert [a.id for a in result.articles] == ["good"]
    assert len(result.errors) == 1 and "empty.txt" in str(result.errors[0]) and "empty" in str(result.errors[0])


def test_articles_binary_file_is_reported(tmp_path):
    (tmp_path / "blob.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" * 10)
    result = read_articles([tmp_path / "blob.txt"])
    assert result.articles == [] and "binary file" in str(result.errors[0])


def test_articles_other_encoding_is_decoded_with_a_warning(tmp_path):
    text = "Côte d'Ivoire et la France ont signé un accord sur le manganèse à Abidjan lundi dernier."
    (tmp_path / "fr.txt").write_bytes(text.encode("cp1252"))
    result = read_articles([tmp_path])
    assert result.articles[0].text == text
    assert "not UTF-8" in result.warnings[0] and "fr.txt" in result.warnings[0]


def test_articles_oversized_file_is_reported_with_the_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (4 * 1024 * 1024))  # 20 MB
    result = read_articles([big])
    assert result.articles == []
    message = str(result.errors[0])
    assert "big.txt" in message and "limit" in message and "--max-article-size" in message


def test_articles_jsonl_bad_line_is_reported_and_others_read(tmp_path):
    lines = [json.dumps({"id": "one", "text": STORY, "title": "T1", "url": "https://ex.org/1",
                         "published": "2025-10-28", "publisher": "Ex"}),
             "{not json",
             json.dumps({"title": "no text"}),
             json.dumps({"text": STORY.replace("Monday", "Friday")})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    result = read_articles([tmp_path])
    assert [a.id for a in result.articles] == ["one", "feed-4"]
    first = result.articles[0]
    assert (first.title, first.url, first.published.value, first.publisher) == ("T1", "https://ex.org/1",
                                                                                  "2025-10-28", "Ex")
    assert [str(e).split(":")[1] for e in result.errors] == ["2", "3"]
    assert "malformed JSON" in str(result.errors[0])


def test_articles_html_reads_text_and_metadata(tmp_path):
    html = """<html><head><title>Site | Deal</title>
      <meta property="og:title" content="Gallium curbs tightened">
      <meta property="article:published_time" content="2025-07-03T08:00:00Z">
      <meta property="og:site_name" content="Metal News">
      <link rel="canonical" href="https://metal.example/gallium"></head>
      <body><nav>Home | World</nav><article><h1>Gallium curbs tightened</h1>
      <p>China tightened export controls on gallium and germanium on Thursday.</p>
      <script>var x = 1;</script></article><footer>© Metal News</footer></body></html>"""
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    (article,) = read_articles([tmp_path]).articles
    assert article.title == "Gallium curbs tightened"
    assert article.published.value == "2025-07-03"
    assert (article.publisher, article.url) == ("Metal News", "https://metal.example/gallium")
    assert "export controls on gallium" in article.text and "var x" not in article.text and "Home" not in article.text


def test_articles_markdown_with_front_matter(tmp_path):
    text = ("---\ntitle: Lithium pact\ndate: 2024-03-05\n---\n"
            "# Lithium pact\n\nChile and **Korea** signed a [pact](x).\n")
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    (article,) = read_articles([tmp_path]).articles
    assert article.title == "Lithium pact" and article.published.value == "2024-03-05"
    assert "Chile and Korea signed a pact." in article.text


@pytest.mark.parametrize("name", ["missing.txt", "notes.docx"])
def test_articles_missing_or_unsupported_path_is_reported(tmp_path, name):
    if name.endswith(".docx"):
        (tmp_path / name).write_bytes(b"x")
    result = read_articles([tmp_path / name])
    assert result.articles == [] and name in str(result.errors[0])


def test_articles_same_stem_in_two_folders_gets_distinct_ids(tmp_path):
    for folder, text in (("a", STORY), ("b", STORY.replace("Monday", "Friday"))):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(text, encoding="utf-8")
    ids = [a.id for a in read_articles([tmp_path]).articles]
    assert len(set(ids)) == 2 and ids[0] == "story"


@pytest.mark.parametrize("text", [
    "Vale's chief executive João Müller met Chile's minister in São Paulo.",
    "Eramet's plant in Nouméa; Gérard Ladrière of Umicore spoke in Liège and Zürich.",
    "Nornickel's Åsa Törnqvist said the ñandú logo would stay.",
])
def test_articles_western_single_byte_text_reads_as_cp1252(tmp_path, text):
    (tmp_path / "a.txt").write_bytes(text.encode("cp1252"))
    result = read_articles([tmp_path])
    assert result.articles[0].text == text
    assert any("cp1252" in w for w in result.warnings)


def test_articles_utf16_without_a_byte_order_mark_is_read(tmp_path):
    text = "Japan signed a lithium deal with Chile on Monday."
    (tmp_path / "le.txt").write_bytes(text.encode("utf-16-le"))
    (tmp_path / "be.txt").write_bytes(text.encode("utf-16-be"))
    result = read_articles([tmp_path])
    assert [a.text for a in result.articles] == [text, text] and not result.errors


def test_articles_control_characters_xml_cannot_carry_are_removed_with_a_warning(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"Japan signed a deal. " + b"More words follow here. " * 500 + b"\x00\x01End.")
    result = read_articles([tmp_path])
    assert "\x00" not in result.articles[0].text and "\x01" not in result.articles[0].text
    assert any("control character" in w for w in result.warnings)


def test_articles_longer_than_a_section_are_parsed_in_sections_with_their_offsets():
    from kg_builder.extract.nlp import make_nlp, parse

    nlp = make_nlp()
    text = "Japan and Australia signed a lithium pact in Canberra.\nChina imposed export curbs on gallium.\n" * 40
    whole, parts = nlp(text), parse(nlp, text, section_chars=500)
    assert parts.text == text
    assert [(e.start_char, e.end_char, e.label_) for e in parts.ents] == \
        [(e.start_char, e.end_char, e.label_) for e in whole.ents]
    assert [s.text for s in parts.sents] == [s.text for s in whole.sents]
