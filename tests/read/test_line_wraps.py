from kg_builder.read.line_wraps import continues, unwrap

WRAPPED = """China's commerce ministry said on Thursday that exports of gallium and germanium would
need a licence from 1 August, and that the rules would apply to products made with
the two metals abroad.

Analysts said the controls were a reply to curbs imposed by the United States and
its allies.""".split("\n")


def test_line_wraps_a_wrapped_paragraph_becomes_one_line_per_paragraph():
    lines = unwrap(WRAPPED)
    assert [line for line in lines if line] == [
        "China's commerce ministry said on Thursday that exports of gallium and germanium would need a licence "
        "from 1 August, and that the rules would apply to products made with the two metals abroad.",
        "Analysts said the controls were a reply to curbs imposed by the United States and its allies."]


def test_line_wraps_headlines_captions_and_list_items_stay_on_their_own_line():
    lines = ["Rare earths: the week in review", "Lynas signed a deal on Monday.", "Key points", "- lithium",
             "- cobalt", "Photo: Reuters", "MP Materials rose 5%"]
    assert unwrap(lines) == lines
    assert not continues("Minister of Mines", "Jane Roe said the deal was signed.")  # short, upper case next


def test_line_wraps_a_title_before_a_date_line_stays_a_title():
    lines = ["China bans exports to US of gallium, germanium, antimony in response to chip sanctions",
             "date 2024-12-03", "updated: 3 December 2024", "China has announced a ban."]
    assert unwrap(lines) == lines


def test_line_wraps_a_line_ending_on_a_word_that_cannot_end_a_sentence_goes_on():
    assert unwrap(["It signed a deal with the US Department of", "Defense on Monday."]) == [
        "It signed a deal with the US Department of Defense on Monday."]


def test_line_wraps_keep_an_agreement_whole_in_a_wrapped_article(reference, tmp_path):
    from kg_builder.extract import extract
    from kg_builder.read.articles import read_articles

    (tmp_path / "a.txt").write_text(
        "Lynas Rare Earths signed an offtake agreement with the US Department of Defense on 10 July 2025 to\n"
        "supply NdPr oxide at a floor price of $110 per kilogram for ten years.\n", encoding="utf-8")
    [article] = read_articles([tmp_path]).articles
    assert "\n" not in article.text
    [agreement] = extract(article, reference).agreements
    assert set(agreement.parties) == {"organization/lynas", "organization/us-department-of-defense"}
