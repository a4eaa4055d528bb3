from decimal import Decimal

from kg_builder.extract import extract
from kg_builder.read.dates import parse_date
from tests.conftest import make_article

DATED = {"published": parse_date("2025-10-28")}


def agreements(text, **meta):
    return extract(make_article(text, **{**DATED, **meta})).agreements


def test_agreements_signed_by_two_leaders():
    (a,) = agreements("US President Donald Trump and Japanese Prime Minister Sanae Takaichi on Tuesday signed a "
                      "framework agreement in Tokyo to secure the supply of rare earths and lithium for magnets.")
    assert a.kind == "FrameworkAgreement" and a.signed
    assert set(a.parties) == {"country/us", "country/jp"}
    assert set(a.signatories) == {"person/donald-trump", "person/sanae-takaichi"}
    assert (a.date.value, a.date_text) == ("2025-10-28", "on Tuesday")
    assert a.places == ("place/tokyo",)
    assert set(a.minerals) == {"mineral/rare-earth-elements", "mineral/lithium"}
    assert a.sectors == ("sector/magnets",)
    assert a.commitments[0].text == "secure the supply of rare earths and lithium for magnets"


def test_agreements_passive_signing_names_signatories_after_by():
    (a,) = agreements("The United States and Japan have signed a framework agreement. The accord was signed in "
                      "Tokyo by Japanese Prime Minister Sanae Takaichi and US President Donald Trump.")
    assert set(a.signatories) == {"person/donald-trump", "person/sanae-takaichi"}
    assert a.places == ("place/tokyo",) and len(a.evidence) == 2


def test_agreements_plural_with_parties_gives_one_agreement_each():
    found = agreements("Trump arrived in Kuala Lumpur. In Kuala Lumpur on Sunday, he announced trade agreements "
                       "with Malaysia and Cambodia, alongside framework deals with Thailand and Vietnam. "
                       "The pacts promise to cut tariffs on US exports.")
    assert [(a.kind, a.parties) for a in found] == [
        ("TradeAgreement", ("country/us", "country/my")), ("TradeAgreement", ("country/us", "country/kh")),
        ("FrameworkAgreement", ("country/us", "country/th")), ("FrameworkAgreement", ("country/us", "country/vn"))]
    assert all(a.date.value == "2025-10-26" and a.places == ("place/kuala-lumpur",) for a in found)
    assert all(a.commitments[0].text == "cut tariffs on US exports" for a in found)


def test_agreements_definite_nouns_refer_back_and_add_what_they_say():
    (a,) = agreements("Japan and the United States signed an agreement on cobalt. Under the agreement, both "
                      "countries will speed up permitting. The deal also includes a $550-billion plan covering "
                      "shipbuilding.")
    assert [c.text for c in a.commitments] == ["speed up permitting"]
    (amount,) = a.amounts
    assert (amount.value, amount.currency, amount.purpose) == (Decimal("550000000000"), "USD",
                                                               "plan covering shipbuilding")


def test_agreements_different_kinds_between_the_same_parties_stay_apart():
    found = agreements("Japan and the United States signed a framework agreement on rare earths. "
                       "The leaders also marked the US-Japan trade deal.")
    assert sorted(a.kind for a in found) == ["FrameworkAgreement", "TradeAgreement"]


def test_agreements_memorandum_between_a_ministry_and_a_company():
    (a,) = agreements("Indonesia's Ministry of Energy and Mineral Resources and Eramet Group signed a memorandum "
                      "of understanding on nickel. The memorandum covers an investment of US$2.6 billion. "
                      "Under the memorandum, Eramet Group will build a smelter by 2027.")
    assert a.kind == "MemorandumOfUnderstanding"
    assert a.parties == ("organization/ministry-of-energy-and-mineral-resources-of-indonesia",
                         "organization/eramet-group")
    assert a.amounts[0].value == Decimal("2600000000")
    assert (a.commitments[0].text, a.commitments[0].deadline.value) == ("build a smelter by 2027", "2027")


def test_agreements_passing_mentions_and_verbs_are_not_agreements():
    assert agreements("Trump hopes for talks toward a trade war truce. Both countries must deal with China.") == ()


def test_agreements_without_article_date_have_no_invented_date():
    (a,) = agreements("Japan and Australia on Tuesday signed a pact on lithium.", published=None)
    assert a.date is None and a.date_text == "on Tuesday"


def test_agreements_between_companies_and_agencies():
    found = agreements("Lynas Rare Earths has signed an offtake agreement with Noveon Magnetics for "
                       "dysprosium oxide. Separately, Mota-Engil Group formed a joint venture with the National "
                       "Logistics Corporation.")
    kinds = {a.kind: set(a.parties) for a in found}
    assert kinds["SupplyAgreement"] == {"organization/lynas", "organization/noveon-magnetics"}
    assert "organization/mota-engil-group" in kinds["JointVenture"]


def test_agreements_loans_stakes_and_verbs_other_than_signed():
    found = agreements("Export Development Canada approved a $110 million loan to Torngat Metals. "
                       "Glencore struck a deal with Tesla on cobalt.")
    assert {a.kind for a in found} == {"Loan", "Agreement"}
    loan = next(a for a in found if a.kind == "Loan")
    assert {"organization/export-development-canada"} <= set(loan.parties)
    assert loan.amounts[0].value == 110_000_000


def test_agreements_country_that_only_describes_a_company_is_no_party():
    (a,) = agreements("U.S. rare earths miner MP Materials said it has signed a memorandum of understanding "
                      "with Japan’s trading house Sojitz.")
    assert set(a.parties) == {"organization/mp-materials", "organization/sojitz"}


def test_agreements_have_signed_takes_the_article_date():
    (a,) = agreements("Pakistan and Japan have signed a memorandum of understanding on copper.")
    assert a.date.value == "2025-10-28"
    (b,) = agreements("Pakistan and Japan have signed a memorandum of understanding on copper.", published=None)
    assert b.date is None


def test_agreements_ordinary_words_alone_make_none():
    assert agreements("Japanese investment in mining rose. Its partnership with the region is old. "
                      "The plan is to grow.") == ()


def test_agreements_action_plan_of_a_bloc():
    (a,) = agreements("G7 leaders have launched a critical minerals action plan to secure supply.")
    assert a.kind == "ActionPlan" and a.parties == ("organization/g7",)


def test_agreements_two_in_one_sentence_each_with_its_own_topic():
    found = agreements("The United States and Japan signed two agreements on Tuesday, one on trade and another on "
                       "rare earths.")
    assert [(a.kind, set(a.parties), a.minerals) for a in found] == [
        ("TradeAgreement", {"country/us", "country/jp"}, ()),
        ("Agreement", {"country/us", "country/jp"}, ("mineral/rare-earth-elements",))]
    assert [a.name for a in found] == ["agreement on trade", "agreement on rare earths"]


def test_agreements_each_agreement_of_a_sentence_keeps_its_own_money_and_minerals():
    found = agreements("Japan and the United States signed a framework on rare earths, building on a $550 billion "
                       "trade deal reached in July.")
    framework, trade = found
    assert framework.kind == "FrameworkAgreement" and framework.amounts == ()
    assert framework.minerals == ("mineral/rare-earth-elements",)
    assert trade.kind == "TradeAgreement" and [a.value for a in trade.amounts] == [550_000_000_000]
    assert trade.minerals == ()


def test_agreements_money_of_another_plan_is_not_the_agreements_unless_it_includes_it():
    (a,) = agreements("Japan and the United States signed a framework on critical minerals. The agreement "
                      "follows a $550-billion investment plan.")
    assert a.amounts == ()
    (a,) = agreements("Japan and the United States signed a framework on critical minerals. The agreement also "
                      "includes a $550-billion plan covering shipbuilding.")
    assert [x.value for x in a.amounts] == [550_000_000_000]


def test_agreements_prices_are_not_amounts_and_ranges_keep_their_bounds():
    (a,) = agreements("MP Materials signed an agreement with the Department of Defense that sets a price floor of "
                      "$110 per kilogram for NdPr oxide.")
    assert a.amounts == () and [(p.value, p.currency, p.unit) for p in a.prices] == [(110, "USD", "kg")]
    assert {"mineral/neodymium", "mineral/praseodymium"} <= set(a.minerals)
    (loan,) = agreements("Lithium Americas agreed a loan of up to $2.3 billion with the Department of Energy.")
    assert loan.kind == "Loan" and [(x.value, x.qualifier) for x in loan.amounts] == [(2_300_000_000, "up to")]


def test_agreements_an_mou_for_a_partnership_is_one_agreement():
    (a,) = agreements("The European Union and Australia signed a Memorandum of Understanding (MoU) for a "
                      "bilateral partnership on minerals. The partnership covers recycling.")
    assert a.kind == "MemorandumOfUnderstanding" and a.sectors == ("sector/recycling",)


def test_agreements_a_minimum_price_guarantee_is_a_price_of_the_arrangement():
    (a,) = agreements("MP Materials signed an agreement with the Department of Defense. A strategic element of the "
                      "arrangement involves a ten-year minimum price guarantee of $110 per kilogram for "
                      "neodymium-praseodymium oxide.")
    assert a.kind == "PriceFloor" and [(p.value, p.unit) for p in a.prices] == [(110, "kg")]
    assert {"mineral/neodymium", "mineral/praseodymium"} <= set(a.minerals)


def test_agreements_formalised_is_signed_and_usd_dollar_amounts_count():
    (a,) = agreements("Prime minister Anthony Albanese and US president Donald Trump formalised the agreement on "
                      "rare earths. The two governments have committed to providing at least USD $1 billion each.")
    assert a.signed and set(a.signatories) == {"person/anthony-albanese", "person/donald-trump"}
    assert [(x.value, x.qualifier) for x in a.amounts] == [(1_000_000_000, "at least")]


def test_agreements_a_partnership_between_the_parties_of_an_mou_is_that_mou():
    (a,) = agreements("MP Materials signed a memorandum of understanding with Ma’aden on rare earths. "
                      "The partnership between MP Materials and Ma’aden covers magnets.")
    assert a.kind == "MemorandumOfUnderstanding" and set(a.sectors) == {"sector/magnets"}


def test_agreements_it_continues_the_agreement_just_named():
    (a,) = agreements("The US and Ukraine on Wednesday signed a deal on minerals. The two sides offered few details. "
                      "But it is expected to give the US access to rare earths.")
    assert "mineral/rare-earth-elements" in a.minerals
    (a,) = agreements("The US and Ukraine on Wednesday signed a deal on minerals. Markets rose. "
                      "It is expected that gallium prices will rise.")
    assert "mineral/gallium" not in a.minerals


def test_agreements_the_other_side_of_an_agreement_with_x_and_what_it_later_announces():
    (a,) = agreements("A landmark agreement with the US Department of Defense has positioned MP Materials at the "
                      "forefront. On July 10, 2025, MP Materials announced a transformative partnership arrangement.")
    assert set(a.parties) == {"organization/us-department-of-defense", "organization/mp-materials"}
    assert a.date.value == "2025-07-10"
    (b,) = agreements("The deal with Permag is to supply samarium oxide, which will be turned into metal by British "
                      "firm Less Common Metals.")
    assert b.parties == ("organization/permag",)


def test_agreements_another_agreement_named_as_what_this_one_complements():
    found = agreements("Graphite One lands second supply agreement with Lucid\n\nOn June 4, 2025, Graphite One "
                       "announced a second supply agreement with Lucid Group. This arrangement complements their "
                       "July 2024 agreement covering synthetic graphite.", title="Graphite One lands second supply "
                       "agreement with Lucid")
    assert len(found) == 2
    second, first = sorted(found, key=lambda a: a.date.value, reverse=True)
    assert second.date.value == "2025-06-04" and first.date.value == "2024-07"
    assert set(first.parties) == set(second.parties) == {"organization/graphite-one", "organization/lucid-group"}


def test_agreements_a_country_describing_a_common_noun_is_no_party_and_a_country_that_signs_is():
    (a,) = agreements("The deal marked the first graphite agreement between a U.S. graphite developer and a U.S. "
                      "EV company, Graphite One said.")
    assert "country/us" not in a.parties
    (b,) = agreements("Indonesia signs nickel memorandum with Eramet Group.")
    assert set(b.parties) == {"country/id", "organization/eramet-group"}


def test_agreements_a_bystander_speaking_of_the_signing_is_no_signatory():
    (a,) = agreements("The agreement was signed on Friday in Washington by US Secretary of State Marco Rubio. "
                      "Trump, speaking ahead of the signing, said the deal would give the US mineral rights.")
    assert a.signatories == ("person/marco-rubio",)


def test_agreements_the_start_of_supply_is_no_date_of_signing_and_a_parent_is_no_party():
    (a,) = agreements("Novonix signed a binding offtake agreement with PowerCo, Volkswagen's battery arm, and the "
                      "start of commercial supply is targeted to commence in 2027.", published=None)
    assert a.date is None
    assert set(a.parties) == {"organization/novonix", "organization/powerco"}
