from kg_builder.corpus.merge import merge
from kg_builder.extract import extract
from kg_builder.read.dates import parse_date
from tests.conftest import make_article


def build(reference, *texts, published="2025-10-28"):
    arts = [make_article(t, f"a{i}", published=parse_date(published) if published else None)
            for i, t in enumerate(texts)]
    return merge([extract(a, reference) for a in arts], reference)


def keys(extractions, attr):
    return [sorted({x.key for x in getattr(e, attr)}) for e in extractions]


def test_merge_one_agreement_told_by_several_articles_is_one_node(reference):
    out = build(reference,
                "Japan and the United States on Tuesday signed a framework agreement on rare earths in Tokyo.",
                "The United States and Japan have signed a framework agreement on critical minerals.",
                "Japan's prime minister Sanae Takaichi and US president Donald Trump signed the deal in Tokyo.")
    assert keys(out, "agreements") == [["agreement/jp-us-framework-agreement-2025-10-28"]] * 3
    assert out[0].agreements[0].label == "Japan–United States framework agreement"


def test_merge_different_agreements_between_the_same_parties_stay_apart(reference):
    out = build(reference,
                "Japan and the United States signed a framework agreement on rare earths.",
                "Japan and the United States signed a trade agreement on cars.")
    assert keys(out, "agreements") == [["agreement/jp-us-framework-agreement-undated"],
                                       ["agreement/jp-us-trade-agreement-undated"]]


def test_merge_contradicting_dates_keep_agreements_apart(reference):
    out = build(reference, "Japan and Australia signed a pact on lithium on 3 March 2025.",
                "Japan and Australia signed a pact on lithium on 9 May 2024.")
    assert len({a.key for e in out for a in e.agreements}) == 2


def test_merge_events_by_kind_date_and_participants(reference):
    out = build(reference, "Donald Trump and Sanae Takaichi met in Tokyo on Tuesday.",
                "Trump praised Takaichi during a meeting at Akasaka Palace.",
                "Donald Trump met Xi Jinping in Busan on Thursday.")
    meetings = [sorted({e.key for e in x.events if e.kind == "Meeting"}) for x in out]
    assert meetings[0] == meetings[1] == ["event/meeting-donald-trump-sanae-takaichi-2025-10-28"]
    assert meetings[2] == ["event/meeting-donald-trump-xi-jinping-2025-10-23"]


def test_merge_signing_is_the_signing_of_its_agreement_and_done_by_people(reference):
    (out,) = build(reference, "US and Japan sign agreement on rare earths\n"
                              "Donald Trump and Sanae Takaichi signed an agreement on rare earths on Tuesday.")
    signings = {e.key for e in out.events if e.kind == "Signing"}
    assert signings == {"event/signing-of-" + out.agreements[0].key.split("/", 1)[1]}
    assert all(set(e.participants) == {"person/donald-trump", "person/sanae-takaichi"} for e in out.events)


def test_merge_is_deterministic_whatever_the_order(reference):
    texts = ("Japan and Australia signed a pact on lithium.", "Australia and Japan signed a lithium deal.")
    assert {a.key for e in build(reference, *texts) for a in e.agreements} == \
        {a.key for e in build(reference, *reversed(texts)) for a in e.agreements}
