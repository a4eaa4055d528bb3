"""Organisations known by their form ("... Party", "Ministry of ...", "... Inc.", "Piedmont
Lithium", "Merdeka Copper Gold"), by what the sentence calls them ("sovereign wealth fund Khazanah
Nasional", "US refiner Valero") and governments named through their country ("the Japanese
government", "the US Government", "the government of Japan").
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg_builder.extract.candidates import Candidate
from kg_builder.extract.given_names import is_given_name
from kg_builder.extract.tokens import demonym_before, is_name_token
from kg_builder.keys import entity_key, government_key
from kg_builder.model import Kind
from kg_builder.reference import Reference, government_label

# head word -> subtype (None: an organisation of no finer kind)
LEFT_HEADS = {
    "Party": "PoliticalParty",
    "Inc": "Company", "Inc.": "Company", "Corp": "Company", "Corp.": "Company", "Corporation": "Company",
    "Ltd": "Company", "Ltd.": "Company", "Limited": "Company", "LLC": "Company", "PLC": "Company",
    "plc": "Company", "Group": "Company", "Holdings": "Company", "Co.": "Company", "Company": "Company",
    "Mining": "Company", "Metals": "Company", "Resources": "Company", "Materials": "Company",
    "Ministry": "GovernmentBody", "Department": "GovernmentBody",
    "Agency": None, "Commission": None, "Council": None, "Administration": None, "Authority": None,
    "Institute": None, "Association": None, "Bank": None, "Fund": None, "Federation": None,
}
RIGHT_HEADS = {
    "Ministry": "GovernmentBody", "Department": "GovernmentBody", "Office": "GovernmentBody",
    "Bank": None, "Council": None, "Commission": None, "Agency": None, "Institute": None,
    "Federation": None, "Organization": None, "Organisation": None, "Union": None,
}
# Legal forms written after a company's name: the ones a recognised name ends with, and all of them.
LEGAL_SUFFIXES = {"Inc", "Inc.", "Corp", "Corp.", "Ltd", "Ltd.", "Limited", "LLC", "PLC", "plc", "AG", "Tbk"}
LEGAL_FORMS = LEGAL_SUFFIXES | {"Corporation", "SA", "S.A.", "NV", "N.V.", "SE", "ASA", "AB", "Co", "Co."}
CONNECTORS = {"of", "and", "for", "&"}
HOLDINGS_WORDS = {"shares", "stock", "stocks", "units", "bonds", "owners", "shareholders"}
NAME_WORD_HEADS = {"Mining", "Metals", "Resources", "Materials"}  # heads that also occur inside names
GOVERNMENT_WORDS = {"government", "administration", "cabinet"}
# Words that end the name of a document, plan or event, not of an organisation ("the Critical Raw Materials
# Act", "the Minerals Security Partnership Forum", "a Mining Week").
TITLE_WORDS = {
    "agreement", "agreements", "deal", "deals", "accord", "pact", "treaty", "memorandum", "mou", "mous", "moc",
    "act", "bill", "law", "plan", "strategy", "initiative", "programme", "program", "framework", "project",
    "projects", "summit", "forum", "conference", "dialogue", "talks", "week", "declaration", "statement",
    "order", "orders", "decree", "directive", "regulation", "regulations", "report", "dashboard", "index",
    "guidelines",
}
MAX_NAME_TOKENS = 6


def _name_span_left(doc: Doc, head: int, known: list[Candidate]) -> int:
    start = head
    while start > 0 and head - start < MAX_NAME_TOKENS:
        prev = doc[start - 1]
        if prev.text in LEFT_HEADS and prev.text not in NAME_WORD_HEADS:
            break  # another organisation's name ends there ("Eramet Group and Kobalt Mining Inc.")
        if is_name_token(prev) or (prev.is_upper and prev.is_alpha and len(prev.text) <= 5):
            start -= 1
        elif (prev.lower_ in CONNECTORS and start - 2 >= 0 and is_name_token(doc[start - 2])
              and not (prev.lower_ in ("and", "&") and doc[start - 2].text in LEFT_HEADS)):
            start -= 1
        else:
            break
    while start < head and doc[start].lower_ in CONNECTORS:
        start += 1
    if start - 2 >= 0 and doc[start - 1].text in ("-", "–") and not doc[start - 2].whitespace_ \
            and not doc[start - 1].whitespace_ and is_name_token(doc[start - 2]):
        start -= 2  # "US-Ukraine Reinvestment Fund": the first name of a hyphen pair belongs to it
    if head - start > 2 and doc[start].lower_ in HOLDINGS_WORDS and doc[start + 1].lower_ in ("of", "in"):
        start += 2  # "Shares of MP Materials" is MP Materials
    return start


def _name_span_right(doc: Doc, head: int) -> int:
    end = head + 1
    if end >= len(doc) or doc[end].lower_ != "of":
        return head + 1
    end += 1
    while end < len(doc) and end - head < MAX_NAME_TOKENS:
        token = doc[end]
        if is_name_token(token):
            end += 1
        elif token.lower_ in CONNECTORS | {","} and end + 1 < len(doc) and is_name_token(doc[end + 1]):
            end += 1
        else:
            break
    return end if end > head + 2 else head + 1


# Nouns news puts before a company's or fund's name to say what it is, after a modifier ("Australian miner
# Lynas", "battery maker Gotion High-tech", "sovereign wealth fund Danantara"): noun -> subtype.
DESCRIPTORS = {
    "firm": "Company", "company": "Company", "miner": "Company", "producer": "Company", "refiner": "Company",
    "smelter": "Company", "maker": "Company", "manufacturer": "Company", "automaker": "Company",
    "carmaker": "Company", "chipmaker": "Company", "conglomerate": "Company", "giant": "Company",
    "startup": "Company", "start-up": "Company", "developer": "Company", "explorer": "Company",
    "trader": "Company", "supplier": "Company", "utility": "Company", "insurer": "Company", "processor": "Company",
    "fund": None, "lender": None, "bank": None,
}
DETERMINERS = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "whose", "which"}
MAX_DESCRIBED_TOKENS = 5


def _described_name_end(doc: Doc, start: int) -> int:
    """End of the name that starts at ``start``: capitalised words and acronyms, and the part after a
    hyphen written without spaces ("Gotion High-tech")."""
    end = start
    while end < len(doc) and end - start < MAX_DESCRIBED_TOKENS:
        token = doc[end]
        if is_name_token(token) or (token.is_upper and token.is_alpha and 2 <= len(token.text) <= 6):
            end += 1
        elif (token.text == "-" and end > start and not doc[end - 1].whitespace_ and not token.whitespace_
              and end + 1 < len(doc) and doc[end + 1].is_alpha):
            end += 2
        else:
            break
    return end


def find_described_organisations(doc: Doc, skip: set[int], sent_of: list[int]) -> list[Candidate]:
    """Organisations the sentence introduces by what they are: a descriptor noun after a modifier, then
    a capitalised name ("Malaysian sovereign wealth fund Khazanah Nasional"). "The company In a
    statement" has a determiner before the noun; a name that starts like a person's ("developer Donald
    Trump") is left to the people finder."""
    out = []
    for token in doc[1:-1]:
        subtype = DESCRIPTORS.get(token.lower_, "")
        if subtype == "" or sent_of[token.i] in skip or doc[token.i - 1].lower_ in DETERMINERS:
            continue
        if doc[token.i - 1].is_punct or sent_of[token.i + 1] != sent_of[token.i]:
            continue
        start = token.i + 1
        end = _described_name_end(doc, start)
        if end == start or (end - start in (2, 3) and is_given_name(doc[start].text)):
            continue  # "developer Donald Trump": the shape of a person's name
        name = doc[start:end].text
        out.append(Candidate(start, end, Kind.ORGANIZATION, entity_key("organization", name),
                             "rule:org-described", 0.7, label=name, subtype=subtype))
    return out


def _capitalised_in(doc: Doc, i: int, words: set[str]) -> bool:
    """Whether the token at ``i`` is one of ``words``, capitalised: part of the name before it, which it
    makes the title of a document ("... Materials Act") or the name of a site ("... Lithium Project");
    "MP Materials deal" is a deal of MP Materials."""
    return i < len(doc) and doc[i].lower_ in words and doc[i].text[:1].isupper()


def find_organisations(doc: Doc, known: list[Candidate], skip: set[int], sent_of: list[int]) -> list[Candidate]:
    """Organisation candidates found by the form of their names."""
    out = []
    for token in doc:
        if sent_of[token.i] in skip:
            continue
        if token.text in RIGHT_HEADS:
            end = _name_span_right(doc, token.i)
            if end > token.i + 1:
                name = doc[token.i:end].text
                out.append(Candidate(token.i, end, Kind.ORGANIZATION, entity_key("organization", name),
                                     "rule:org-form", 0.7, label=name, subtype=RIGHT_HEADS[token.text]))
                continue
        if token.text in LEFT_HEADS and token.i > 0 and not _capitalised_in(doc, token.i + 1, TITLE_WORDS):
            start = _name_span_left(doc, token.i, known)
            if start < token.i:
                name = doc[start:token.i + 1].text
                out.append(Candidate(start, token.i + 1, Kind.ORGANIZATION, entity_key("organization", name),
                                     "rule:org-form", 0.7, label=name, subtype=LEFT_HEADS[token.text]))
    return out


def mineral_heads(reference: Reference) -> frozenset[str]:
    """Capitalised one-word mineral names that end company names ("Lithium", "Gold", "Earths")."""
    words = {"Earths"}
    for entity in reference.entities.values():
        if entity.kind is Kind.MINERAL and " " not in entity.label and "-" not in entity.label:
            words.add(entity.label.capitalize())
    return frozenset(words)


def find_mineral_companies(doc: Doc, known: list[Candidate], skip: set[int], sent_of: list[int],
                           heads: frozenset[str], demonyms: dict[str, str]) -> list[Candidate]:
    """Companies named by a proper name and the minerals they produce: "Piedmont Lithium", "Merdeka
    Copper Gold", "Lynas Rare Earths". A country or demonym is no such name ("Chilean Lithium")."""
    taken = {i for c in known if c.is_actor for i in range(c.start, c.end)}
    out = []
    for token in doc:
        if token.text not in heads or token.i == 0 or sent_of[token.i] in skip or token.i in taken:
            continue
        if token.i + 1 < len(doc) and (doc[token.i + 1].text in heads or doc[token.i + 1].text == "Earths"):
            continue  # not the last word of the name
        if _capitalised_in(doc, token.i + 1, FACILITIES):
            continue  # "the Salinas Lithium Project": the name of a site
        start, proper = token.i, 0
        while start > 0 and token.i - start < MAX_NAME_TOKENS:
            prev = doc[start - 1]
            if prev.text in heads or prev.text in ("Rare", "&"):
                start -= 1
            elif is_name_token(prev) and prev.i not in taken and prev.text not in demonyms \
                    and sent_of[prev.i] == sent_of[token.i] and prev.i != doc[prev.i].sent.start:
                start, proper = start - 1, proper + 1
            else:
                break
        if proper:
            name = doc[start:token.i + 1].text
            out.append(Candidate(start, token.i + 1, Kind.ORGANIZATION, entity_key("organization", name),
                                 "rule:org-minerals", 0.7, label=name, subtype="Company"))
    return out + _mineral_first(doc, taken, skip, sent_of, heads, demonyms)


def _mineral_first(doc: Doc, taken: set[int], skip: set[int], sent_of: list[int], heads: frozenset[str],
                   demonyms: dict[str, str]) -> list[Candidate]:
    """"Graphite One", "Lithium Americas", "Cobalt Blue": a capitalised mineral name and the name after it."""
    out = []
    for token in doc:
        if token.text not in heads or sent_of[token.i] in skip or token.i in taken:
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= 2 and is_name_token(doc[end]) and end not in taken \
                and doc[end].text not in heads and doc[end].text not in demonyms and doc[end].text != "Earths" \
                and doc[end].lower_ not in ORDINARY_AFTER_MINERALS:
            end += 1
        if any(t.lower_ in FACILITIES for t in doc[token.i:min(len(doc), end + 1)]):
            continue  # "Gallium Recovery Project", "Graphite Creek mine": a site
        before = doc[token.i - 1].text.lower() if token.i > 0 else ""
        if end > token.i + 1 and before not in ("the", "'", "‘", "“", '"'):
            name = doc[token.i:end].text
            out.append(Candidate(token.i, end, Kind.ORGANIZATION, entity_key("organization", name),
                                 "rule:org-minerals", 0.65, label=name, subtype="Company"))
    return out


# Capitalised words after a mineral's name that do not make a company name ("Lithium Prices Fall" aside,
# headlines are skipped): months, days and the like are already no name tokens.
FACILITIES = {"mine", "mines", "project", "projects", "deposit", "deposits", "site", "plant", "field", "fields",
              "prospect", "operation", "operations", "district", "belt", "region", "refinery", "hub",
              "creek", "lake", "river", "valley", "hill", "hills", "mountain", "mount", "bay", "island", "basin"}
ORDINARY_AFTER_MINERALS = {"is", "was", "has", "prices", "price", "output", "exports", "imports", "demand", "supply"}


def find_governments(doc: Doc, known: list[Candidate], reference: Reference) -> list[Candidate]:
    """"the Japanese government", "the US Government", "the government of Japan", "China's government"."""
    out = []
    countries = {(c.start, c.end): c.key for c in known if c.kind is Kind.COUNTRY}
    by_end = {end: (start, key) for (start, end), key in countries.items()}
    by_start = {start: (end, key) for (start, end), key in countries.items()}
    for token in doc:
        if token.lower_ not in GOVERNMENT_WORDS:
            continue
        i = token.i
        found = None
        before = i - 1 if i > 0 and doc[i - 1].text in ("’s", "'s") else i
        if before in by_end:
            start, key = by_end[before]
            found = (start, i + 1, key)
        elif demonym := demonym_before(doc, i, reference.demonyms):
            found = (demonym[1], i + 1, demonym[0])
        if found is None and i + 2 < len(doc) and doc[i + 1].lower_ == "of" and i + 2 in by_start:
            end, key = by_start[i + 2]
            found = (i, end, key)
        if found:
            start, end, country = found
            label = government_label(reference, country)
            out.append(Candidate(start, end, Kind.ORGANIZATION, government_key(country), "rule:government", 0.85,
                                 label=label, subtype="GovernmentBody"))
    return out
