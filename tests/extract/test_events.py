from kg_builder.extract import extract
from kg_builder.read.dates import parse_date
from tests.conftest import make_article

DATED = {"published": parse_date("2025-10-28")}


def events(text, **meta):
    return [(e.kind, e.status, set(e.participants), e.date.value if e.date else None, e.places)
            for e in extract(make_article(text, **{**DATED, **meta})).events]


def test_events_meeting_with_date_and_place():
    assert events("Donald Trump and Sanae Takaichi met at Akasaka Palace in Tokyo on Tuesday.") == [
        ("Meeting", "occurred", {"person/donald-trump", "person/sanae-takaichi"}, "2025-10-28",
         ("place/akasaka-palace", "place/tokyo"))]


def test_events_planned_meeting_and_trip_are_planned():
    found = events("On Wednesday (Oct 29), Trump heads to South Korea, where he is expected to meet Chinese "
                   "President Xi Jinping on Thursday (Oct 30).")
    assert ("Visit", "planned", {"person/donald-trump"}, "2025-10-29", ("country/kr",)) in found
    assert ("Meeting", "planned", {"person/donald-trump", "person/xi-jinping"}, "2025-10-30", ()) in found


def test_events_export_controls_and_their_lifting():
    found = events("Beijing said on Monday it will impose export controls on gallium from August 1. "
                   "The United States lifted export controls on chip tools in May.")
    assert found == [("ExportControl", "planned", {"country/cn"}, "2026-08-01", ()),
                     ("ExportControlLifting", "occurred", {"country/us"}, "2025-05", ())]


def test_events_tariff_threat_names_who_and_whom():
    (tariff,) = events("US President Donald Trump threatened on Saturday to impose tariffs on Canada and Mexico.")
    assert tariff[:2] == ("Tariff", "threatened") and tariff[3] == "2025-10-25"
    assert {"person/donald-trump", "country/ca", "country/mx"} <= tariff[2]


def test_events_tariff_barriers_and_tariffs_without_an_imposer_are_not_events():
    assert events("The pacts remove tariff barriers. Tariffs rose in recent weeks.") == []


def test_events_taking_office_and_nomination():
    found = events("Sanae Takaichi, who took office last Tuesday, said she would nominate Donald Trump.")
    assert ("TakingOffice", "occurred", {"person/sanae-takaichi"}, "2025-10-21", ()) in found
    assert any(k == "Nomination" and s == "planned" and "person/donald-trump" in p for k, s, p, _, _ in found)


def test_events_signing_of_each_signed_agreement():
    extraction = extract(make_article("Japan and Australia signed a lithium pact in Canberra on Monday.", **DATED))
    (signing,) = extraction.events
    assert (signing.kind, signing.agreement, signing.places) == ("Signing", 0, ("place/canberra",))


def test_events_pronouns_point_to_the_last_person_named():
    found = events("Donald Trump landed in Tokyo. As part of his Asia tour, he praised Japan.")
    assert ("Visit", "occurred", {"person/donald-trump"}, None, ("place/asia",)) in found


def test_events_a_tariff_rate_is_not_a_tariff_event():
    assert not [e for e in events("The United States would maintain a tariff rate of 19 per cent on exports "
                                  "from Thailand.") if e[0] == "Tariff"]
    assert [e for e in events("The United States imposed a 19% tariff on Thai goods.") if e[0] == "Tariff"]


def test_events_a_summit_named_as_a_time_is_no_meeting():
    found = events("Trump signed the deal on the sidelines of the ASEAN Summit in Kuala Lumpur.")
    assert not [e for e in found if e[0] == "Meeting"]


def test_events_meeting_a_target_is_no_meeting():
    assert events("The European Union targets meeting 10 percent of its demand from local mines. "
                  "China aims to meet its 2030 targets.") == []


def test_events_the_meeting_refers_back_and_one_sentence_tells_one_meeting():
    found = events("Donald Trump and Xi Jinping met in Busan on Thursday. Trump called the meeting a success. "
                   "After the meeting, Trump left without attending the APEC summit, where leaders were supposed "
                   "to meet.")
    assert found == [("Meeting", "occurred", {"person/donald-trump", "person/xi-jinping"}, "2025-10-23",
                      ("place/busan",))]
    (meeting,) = events("The deal came as Trump met Takaichi for the first time, holding talks on trade.")
    assert meeting[2] == {"person/donald-trump", "person/sanae-takaichi"}


def test_events_who_imposes_an_export_control_or_a_tariff():
    found = events("Trump, who is in Japan on a tour of Asia, signed the deals following China's recent decision "
                   "to tighten export controls. The move came amid retaliation for the tariffs introduced by US "
                   "President Donald Trump.")
    assert ("ExportControl", "occurred", {"country/cn"}, None, ()) in found
    assert ("Tariff", "occurred", {"person/donald-trump"}, None, ()) in found
    assert not any(kind == "Visit" and "country/jp" in who for kind, _, who, _, _ in found)


def test_events_a_ban_on_exports_is_an_export_control():
    found = events("Zimbabwe last Wednesday announced an immediate ban on raw lithium exports.")
    assert [(k, who) for k, _, who, _, _ in found] == [("ExportControl", {"country/zw"})]


def test_events_meeting_unnamed_people_stays_apart_from_a_meeting_with_named_ones(reference):
    from kg_builder.corpus.merge import merge

    a = extract(make_article("Mr Trump will also meet business leaders in Tokyo.", "a", **DATED), reference)
    b = extract(make_article("Trump will meet Chinese President Xi Jinping on Thursday.", "b", **DATED), reference)
    assert a.events[0].unnamed and not b.events[0].unnamed
    merged = merge([a, b], reference)
    assert len({e.key for x in merged for e in x.events}) == 2
