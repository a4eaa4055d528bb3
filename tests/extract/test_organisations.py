from kg_builder.extract import extract
from tests.conftest import make_article


def orgs(text):
    return {(m.text, m.key, m.subtype) for m in extract(make_article(text)).mentions if m.kind.value == "organization"}


def test_organisations_by_form():
    found = orgs("The Ministry of Energy and Mineral Resources signed an MoU with Eramet Group and Kobalt Mining Inc.")
    assert ("Ministry of Energy and Mineral Resources", "organization/ministry-of-energy-and-mineral-resources",
            "GovernmentBody") in found
    assert ("Eramet Group", "organization/eramet-group", "Company") in found
    assert ("Kobalt Mining Inc.", "organization/kobalt-mining-inc", "Company") in found


def test_organisations_party_by_form():
    assert ("Progressive Labour Party", "organization/progressive-labour-party", "PoliticalParty") in orgs(
        "He leads the Progressive Labour Party in parliament.")


def test_organisations_governments_named_through_countries():
    found = orgs("The Japanese government and the US Government agreed, as did the government of Chile.")
    assert {key for _, key, _ in found} == {"organization/government-jp", "organization/government-us",
                                            "organization/government-cl"}


def test_organisations_companies_named_for_their_minerals():
    found = {(m.label, m.kind.value) for m in extract(make_article(
        "Danantara is in talks with nickel miners PT Vale Indonesia and Merdeka Copper Gold. Shares of Piedmont "
        "Lithium rose. Gold fell, and Chinese Lithium exports grew.")).mentions}
    assert ("Merdeka Copper Gold", "organization") in found and ("Piedmont Lithium", "organization") in found
    assert ("gold", "mineral") in found  # the word alone is the metal
    assert not any(label in ("Copper", "Chinese Lithium") for label, _ in found)


def test_organisations_named_with_a_mineral_first_but_not_mines_or_regions():
    found = {(m.text, m.kind.value) for m in extract(make_article(
        "Graphite One will supply Lucid. Lithium Americas fell. The Graphite Creek mine and the Lithium Triangle "
        "region are far apart. Copper fell in London.")).mentions}
    assert {("Graphite One", "organization"), ("Lithium Americas", "organization")} <= found
    assert not any(text in ("Graphite Creek", "Lithium Triangle", "Copper fell") for text, _ in found)


def test_organisations_short_names_of_companies_but_not_of_their_divisions():
    mentions = extract(make_article("Rio Tinto bought Arcadium Lithium. Arcadium shares rose. Solvay said its unit "
                                    "Solvay Special Chemicals would grow.")).mentions
    keys = {m.text: m.key for m in mentions if m.kind.value == "organization"}
    assert keys["Arcadium"] == keys["Arcadium Lithium"] == "organization/arcadium-lithium"
    assert keys.get("Solvay") != keys["Solvay Special Chemicals"]


def test_organisations_cities_formulas_and_acronyms_of_things_are_not_organisations():
    mentions = extract(make_article("Solvay sells NdFeB magnets from its plant in Lyon. Kinshasa banned exports. "
                                    "Graphite One makes anode active material (AAM); AAM demand grows. Danantara "
                                    "met nickel miners PT Vale Indonesia.")).mentions
    orgs = {m.text for m in mentions if m.kind.value == "organization"}
    places = {m.text for m in mentions if m.kind.value == "place"}
    assert not orgs & {"NdFeB", "Lyon", "Kinshasa", "AAM"}
    assert {"Lyon"} <= places
    assert "PT Vale Indonesia" in orgs


def test_organisations_ministries_named_through_their_country():
    mentions = extract(make_article("In August, the Chinese Commerce Ministry said it would restrict exports. China "
                                    "said its commerce ministry would act. India's Ministry of Mines agreed.")).mentions
    keys = {m.text: (m.key, m.label) for m in mentions if m.kind.value == "organization"}
    assert keys["Chinese Commerce Ministry"] == keys["commerce ministry"] == (
        "organization/china-ministry-of-commerce", "Ministry of Commerce of China")
    assert any(label == "Ministry of Mines of India" for _, label in keys.values())


def test_organisations_spans_neither_cut_nor_padded():
    mentions = extract(make_article('They called it the "US-Ukraine Reinvestment Fund". Shares of MP Materials rose. '
                                    "The Alcoa-Sojitz Gallium Recovery Project will get funds.")).mentions
    orgs = {m.text for m in mentions if m.kind.value == "organization"}
    assert {"US-Ukraine Reinvestment Fund", "MP Materials", "Alcoa", "Sojitz"} <= orgs
    assert not orgs & {"Ukraine Reinvestment Fund", "Shares of MP Materials", "Gallium Recovery Project"}


def test_organisations_blocs_banks_and_agencies_of_the_field_are_known_without_identifiers():
    from kg_builder.reference import load_reference

    mentions = extract(make_article("The Quad, ASEAN and the G7 met. EXIM, JBIC and Export Development Canada "
                                    "lent money; the African Development Bank and KfW joined.")).mentions
    keys = {m.key for m in mentions if m.kind.value == "organization"}
    assert {"organization/quad", "organization/asean", "organization/g7", "organization/us-exim", "organization/jbic",
            "organization/export-development-canada", "organization/african-development-bank",
            "organization/kfw"} <= keys
    reference = load_reference()
    assert not any(reference.entities[k].wikidata for k in keys if k in ("organization/quad", "organization/us-exim"))


def test_organisations_known_names_under_their_legal_form():
    mentions = extract(make_article("Pilbara Minerals Ltd agreed to buy Latin Resources Ltd. Pilbara said the deal "
                                    "was good.")).mentions
    found = [(m.text, m.key) for m in mentions if m.kind.value == "organization"]
    assert ("Pilbara Minerals Ltd", "organization/pilbara-minerals") in found
    assert ("Pilbara", "organization/pilbara-minerals") in found
    assert ("Latin Resources Ltd.", "organization/latin-resources-ltd") in found


def test_organisations_a_short_form_the_model_took_for_a_person_is_the_company():
    from kg_builder.extract import extract
    from tests.conftest import make_article

    e = extract(make_article("Brazilian rare earth producer Serra Verde Group has offered the United States a stake. "
                             "The move comes as Serra Verde finalized a US$565 million loan with the DFC. "
                             "Serra Verde is Brazil's only producing rare earth miner."))
    assert not [m for m in e.mentions if m.kind.name == "PERSON"]
    assert {m.key for m in e.mentions if "Serra" in m.text} == {"organization/serra-verde-group"}


def test_organisations_the_title_of_a_law_plan_or_event_names_no_organisation():
    found = {text for text, _, _ in orgs(
        "The projects implement the Critical Raw Materials Act (CRMA). Delegates met at the Battery Metals "
        "Conference in Perth. MP Materials deal terms were not disclosed.")}
    assert not {name for name in found if "Critical Raw Materials" in name or "Battery Metals" in name}, found
    assert "MP Materials" in found


def test_organisations_introduced_by_what_they_are():
    found = orgs("Malaysian sovereign wealth fund Khazanah Nasional will partner Chinese battery maker Gotion "
                 "High-tech, and the deal was struck with Brazilian state oil firm Petrobras and US refiner Valero.")
    assert {("Khazanah Nasional", "organization/khazanah-nasional", None),
            ("Gotion High-tech", "organization/gotion-high-tech", "Company"),
            ("Petrobras", "organization/petrobras", "Company"),
            ("Valero", "organization/valero", "Company")} <= found


def test_organisations_a_descriptor_after_a_determiner_or_before_a_person_names_no_organisation():
    mentions = extract(make_article("The company In a statement said it would expand. Top lithium producer "
                                    "Chile raised royalties. Property developer Donald Trump met them.")).mentions
    assert {m.text: m.kind.value for m in mentions if m.text in ("In", "Chile", "Donald Trump")} == {
        "Chile": "country", "Donald Trump": "person"}


def test_organisations_sites_orders_and_quoted_headlines_name_no_organisation():
    found = {text for text, _, _ in orgs(
        "Latin Resources owns the flagship Salinas Lithium Project in Brazil. The company said Graphite Creek "
        "can anchor supply. From Presidential Executive Orders to permits, read This Lithium Stock Is Soaring "
        "Again. Piedmont Lithium signed a deal.")}
    assert not {name for name in found if name.startswith(("Salinas", "Graphite Creek", "Presidential", "This"))}, found
    assert "Piedmont Lithium" in found
