from kg_builder.extract.nlp import make_nlp
from kg_builder.extract.tokens import headline_sentences, is_name_token


def test_tokens_name_tokens():
    doc = make_nlp()("McDonald met J. Smith on Monday in NATO talks")
    assert [t.text for t in doc if is_name_token(t)] == ["McDonald", "J.", "Smith"]


def test_tokens_headlines_have_no_full_stop_and_mostly_capitals():
    doc = make_nlp()("US and Japan Forge Minerals Pact as Trump Expands Asia Trade Push\n"
                     "Australian Prime Minister Anthony Albanese met investors in Perth.")
    assert headline_sentences(doc) == {0}
