from kg_builder.extract.nlp import make_nlp


def test_nlp_splits_at_line_breaks_and_full_stops_not_abbreviations():
    doc = make_nlp()("Caption without stop\nU.S. President Trump met Mr. Abe. They talked.")
    assert [s.text.strip() for s in doc.sents] == ["Caption without stop", "U.S. President Trump met Mr. Abe.",
                                                   "They talked."]
