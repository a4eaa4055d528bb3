from kg_builder.read.metadata import read_header


def test_metadata_byline_and_published_line_are_read_and_removed():
    header = read_header(["Pact signed", "", "By Ana Ruiz and Li Wei", "Published on 03/05/24",
                          "Chile and Korea signed a lithium pact."])
    assert header.title == "Pact signed"
    assert header.authors == ("Ana Ruiz", "Li Wei")
    assert header.published.value == "2024-03-05"
    assert header.body == ["Pact signed", "Chile and Korea signed a lithium pact."]


def test_metadata_date_prefix_is_stripped_from_first_line():
    header = read_header([" date 2025-10-28 Japan's new prime minister signed the deal."])
    assert header.published.value == "2025-10-28"
    assert header.body == ["Japan's new prime minister signed the deal."]
    assert header.title is None


def test_metadata_dateline_without_year_gives_month_day():
    header = read_header(["Tokyo, October 28: leaders signed a framework agreement on minerals."])
    assert header.published.value == "--10-28"
    assert header.body[0].startswith("Tokyo, October 28:")


def test_metadata_inline_date_in_first_paragraph():
    header = read_header(["Headline here", "", "They met in Tokyo, this Tuesday (28.Oct.2025), and signed."])
    assert header.published.value == "2025-10-28"


def test_metadata_publisher_from_copyright_line():
    header = read_header(["Body of the article that says something.", "© 2025 Mining Weekly"])
    assert header.publisher == "Mining Weekly"


def test_metadata_no_date_stays_none():
    assert read_header(["Just a story with no date at all."]).published is None


def test_metadata_date_only_lines_in_common_forms():
    from kg_builder.read.metadata import read_header
    for line, value in (("THURSDAY, OCTOBER 09, 2025", "2025-10-09"), ("Published 10 Jul 2025", "2025-07-10"),
                        ("Nov 19, 2025 12:03 GMT", "2025-11-19"), ("2025-11-06", "2025-11-06")):
        header = read_header(["China tightens controls", "", line, "", "China said so on Tuesday."])
        assert header.published.value == value, line
        assert line not in " ".join(header.body)


def test_metadata_wire_dateline_gives_the_publisher_and_leaves_the_text():
    cases = [("SANTIAGO DE CHILE (Reuters) - German Chancellor Olaf Scholz announced a partnership.",
              "German Chancellor Olaf Scholz announced a partnership.", "Reuters"),
             ("BANGKOK (AP) — China announced Tuesday it is banning exports.",
              "China announced Tuesday it is banning exports.", "AP"),
             ("SAO PAULO/BRASILIA (Reuters) - Brazil said.", "Brazil said.", "Reuters"),
             ("IMPORTANT (Note) - This is a sentence.", "IMPORTANT (Note) - This is a sentence.", None)]
    for line, body, publisher in cases:
        header = read_header(["A headline of the story", "", line])
        assert (header.body[-1], header.publisher) == (body, publisher)
    dated = read_header(["A headline of the story", "WASHINGTON, Oct 28 (Reuters) - The two signed a deal."])
    assert dated.body[-1] == "The two signed a deal." and dated.published.value == "--10-28"


def test_metadata_author_shown_twice_reading_time_and_a_byline_in_capitals_are_header_matter():
    header = read_header(["A headline of the story", "Sarah Marsh", "·2 min read", "", "By Sarah Marsh", "",
                          "Chile and Germany agreed a partnership on Sunday."])
    assert header.authors == ("Sarah Marsh",) and header.body == [
        "A headline of the story", "Chile and Germany agreed a partnership on Sunday."]
    caps = read_header(["A headline of the story", "By ELAINE KURTENBACH – Associated Press", "China said so."])
    assert caps.authors == ("Elaine Kurtenbach",) and caps.body[-1] == "China said so."
