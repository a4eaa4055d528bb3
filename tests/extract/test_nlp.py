from kg_builder.extract.nlp import make_nlp


def test_nlp_splits_at_line_breaks_and_full_stops_not_abbreviations():
    doc = make_nlp()("Caption without stop\nU.S. President Trump met Mr. Abe. They talked.")
    assert [s.text.strip() for s in doc.sents] == ["Caption without stop", "U.S. President Trump met Mr. Abe.",
                                                   "They talked."]


def _texts() -> list[str]:
    from kg_builder import paths
    from tests.conftest import DATA

    files = sorted(paths.sample_articles_dir().glob("*")) + sorted((DATA / "dev" / "articles").glob("*"))
    files += sorted((DATA / "stories").glob("*")) + sorted((DATA / "news").rglob("*.txt"))
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files if f.is_file()]
    return texts + ["I ai n't going . There is a thing \t\n  and   '' `` -- $ 5 % something , but whether it 's X"]


def test_the_compiled_attribute_ruler_gives_the_rulers_tags_and_parts_of_speech():
    from kg_builder.extract.nlp import PosFromTags

    compiled, ruler = make_nlp(), make_nlp(compile_ruler=False)
    assert isinstance(compiled.get_pipe("attribute_ruler"), PosFromTags)
    assert not isinstance(ruler.get_pipe("attribute_ruler"), PosFromTags)
    texts = _texts()
    assert len(texts) > 30
    for a, b in zip(compiled.pipe(texts), ruler.pipe(texts), strict=True):
        assert [(t.text, t.tag_, t.pos_) for t in a] == [(t.text, t.tag_, t.pos_) for t in b]


def test_patterns_the_look_ups_cannot_express_are_left_to_the_ruler():
    from kg_builder.extract.nlp import PosFromTags

    two_tokens = {"patterns": [[{"LOWER": "ai"}, {"LOWER": "n't"}]], "attrs": {"POS": "AUX"}, "index": 0}
    regex = {"patterns": [[{"LOWER": {"REGEX": "^a"}}]], "attrs": {"POS": "X"}, "index": 0}
    on_deps = {"patterns": [[{"DEP": "expl"}]], "attrs": {"POS": "PRON"}, "index": 0}
    lemma_only = {"patterns": [[{"LOWER": "ai"}, {"LOWER": "n't"}]], "attrs": {"LEMMA": "be"}, "index": 0}
    assert PosFromTags.compile([two_tokens]) is None and PosFromTags.compile([regex]) is None
    assert PosFromTags.compile([on_deps], deps=True) is None
    assert PosFromTags.compile([on_deps, lemma_only]).table == {}  # never matches without a parser; sets no tag


def test_the_last_matching_pattern_sets_the_part_of_speech():
    from kg_builder.extract.nlp import PosFromTags

    nlp = make_nlp(compile_ruler=False)
    patterns = [{"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}, "index": 0},
                {"patterns": [[{"TAG": "NN", "LOWER": {"IN": ["something", "nothing"]}}]], "attrs": {"POS": "PRON"},
                 "index": 0},
                {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}, "index": 0}]
    doc = nlp.make_doc("something  table")
    for token, tag in zip(doc, ("NN", "NN", "NN"), strict=True):
        token.tag_ = tag
    PosFromTags.compile(patterns)(doc)
    assert [(t.text, t.tag_, t.pos_) for t in doc] == [("something", "NN", "PRON"), (" ", "_SP", "SPACE"),
                                                       ("table", "NN", "NOUN")]
