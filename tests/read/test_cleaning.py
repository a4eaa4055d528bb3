from kg_builder.read.cleaning import clean_lines, collapse_repeats

BODY = "Japan and the United States signed a framework on rare earths in Tokyo on Tuesday."
CAPTION = "President A and Prime Minister B attend a meeting at the palace in Tokyo, Japan. (Photo / Agency)"


def test_cleaning_drops_repeated_caption_but_keeps_first():
    cleaned = clean_lines([BODY, CAPTION, "Another sentence of the story follows here, with facts.", CAPTION])
    assert cleaned.lines.count(CAPTION.removesuffix(" (Photo / Agency)")) == 1  # the photo credit goes too
    assert any(r.startswith("repeated paragraph") for r in cleaned.removed)


def test_cleaning_drops_near_repeat():
    near = CAPTION.replace("attend", "attended")
    cleaned = clean_lines([BODY, CAPTION, near])
    assert near not in cleaned.lines


def test_cleaning_drops_footer_and_related_headlines_inside_body():
    lines = [BODY, "Minister threatens big tariffs, sees no reason to meet", "Click here to get the app",
             "More of the story comes in this closing sentence of the article."]
    cleaned = clean_lines(lines)
    assert cleaned.lines == [BODY, lines[3]]
    assert len(cleaned.removed) == 2


def test_cleaning_keeps_title_and_standfirst_at_top():
    lines = ["US and Japan sign agreement", "Leaders met in Tokyo; they talk about a new age", BODY]
    assert clean_lines(lines, keep_first=2).lines == lines


def test_cleaning_collapses_stuttered_phrases():
    line = "the ceremony at the Palace Deal at the Palace Deal at the Palace Deal at the Palace Deal in Tokyo"
    assert collapse_repeats(line) == "the ceremony at the Palace Deal in Tokyo"


def test_cleaning_removes_pdf_link_text():
    line = "The deal sets a framework for mining and processing. Here is the document (PDF – 65 kB)."
    assert clean_lines([line]).lines == ["The deal sets a framework for mining and processing."]


def test_cleaning_photo_marks_go_and_the_caption_stays():
    lines = clean_lines(["FILE - Chinese Commerce Minister Wang Wentao speaks at a press conference in Beijing, "
                         "Wednesday, March 6, 2024. (AP Photo/Ng Han Guan, File)",
                         "Japan signed the deal (Photo: Kyodo) on Monday in Tokyo with the United States."]).lines
    assert lines == ["Chinese Commerce Minister Wang Wentao speaks at a press conference in Beijing, "
                     "Wednesday, March 6, 2024.", "Japan signed the deal on Monday in Tokyo with the United States."]
