"""Names as the scorer compares them: lower case, punctuation and legal forms dropped,
common aliases folded ("US" is "united states", "rare earths" is "rare earth elements").

>>> normalise("The U.S.")
'united states'
>>> normalise("Atlantic Lithium Limited")
'atlantic lithium'
>>> normalise("the Japanese government")
'government of japan'
>>> normalise("Rare-earth elements")
'rare earth elements'
"""

from __future__ import annotations

import re

ALIASES = {
    "us": "united states", "u s": "united states", "usa": "united states",
    "united states of america": "united states", "america": "united states",
    "uk": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "prc": "china", "peoples republic of china": "china", "people s republic of china": "china",
    "republic of korea": "south korea", "korea republic of": "south korea", "rok": "south korea",
    "viet nam": "vietnam", "eu": "european union",
    "drc": "democratic republic of the congo", "dr congo": "democratic republic of the congo",
    "congo kinshasa": "democratic republic of the congo",
    "congo the democratic republic of the": "democratic republic of the congo",
    "democratic republic of congo": "democratic republic of the congo",
    "dr of congo": "democratic republic of the congo",
    "czechia": "czech republic", "turkiye": "turkey", "t rkiye": "turkey",
    "russian federation": "russia", "kingdom of saudi arabia": "saudi arabia",
    "ldp": "liberal democratic party", "liberal democratic party of japan": "liberal democratic party",
    "ccp": "chinese communist party", "communist party of china": "chinese communist party",
    "cpc": "chinese communist party", "gop": "republican party",
    "republican party united states": "republican party",
    "department of defense": "us department of defense", "pentagon": "us department of defense",
    "dod": "us department of defense", "u s department of defense": "us department of defense",
    "rare earths": "rare earth elements", "rare earth": "rare earth elements",
    "rare earth element": "rare earth elements", "rare earth metals": "rare earth elements",
    "rare earth minerals": "rare earth elements", "rees": "rare earth elements", "ree": "rare earth elements",
    "critical mineral": "critical minerals", "critical raw materials": "critical minerals",
    "critical raw material": "critical minerals", "critical materials": "critical minerals",
    "heavy rare earths": "heavy rare earth elements", "heavy rare earth": "heavy rare earth elements",
    "defense": "defence", "defense industry": "defence", "defence industry": "defence",
    "defense systems": "defence", "defence systems": "defence", "military": "defence",
    "evs": "electric vehicles", "ev": "electric vehicles", "electric vehicle": "electric vehicles",
    "cars": "automotive", "car": "automotive", "auto": "automotive", "autos": "automotive",
    "automobiles": "automotive", "automobile": "automotive", "auto industry": "automotive",
    "magnet": "magnets", "permanent magnets": "magnets", "permanent magnet": "magnets",
    "rare earth magnets": "magnets", "battery": "batteries", "catalyst": "catalysts",
    "semiconductor": "semiconductors", "chips": "semiconductors",
    "renewable energy": "clean energy", "renewables": "clean energy",
    "optical material": "optical materials", "optics": "optical materials",
    "electronic": "electronics",
}

DEMONYMS = {
    "american": "united states", "us": "united states", "u s": "united states", "australian": "australia",
    "japanese": "japan", "chinese": "china", "malaysian": "malaysia", "indian": "india", "pakistani": "pakistan",
    "saudi": "saudi arabia", "kazakh": "kazakhstan", "thai": "thailand", "indonesian": "indonesia",
    "ukrainian": "ukraine", "canadian": "canada", "british": "united kingdom", "german": "germany",
    "french": "france", "korean": "south korea", "south korean": "south korea", "vietnamese": "vietnam",
    "cambodian": "cambodia", "chilean": "chile", "congolese": "democratic republic of the congo",
}

LEGAL_FORM = re.compile(r"(?:\s+(?:co|company|ltd|limited|inc|incorporated|corp|corporation|plc|llc|lp|sa|s a|ag|nv"
                        r"|bv|gmbh|pty|pte|spa|jsc|ojsc|pjsc|tbk|pt|bhd|sdn))+$")
BRACKETED = re.compile(r"\s*(.+?)\s*\((.+)\)\s*")
ACRONYM = re.compile(r"[A-Z0-9&.\- ]{2,10}")


def normalise(text: str | None, variants: dict[str, str] | None = None) -> str:
    """The form two names are compared in; ``variants`` maps other forms a gold file allows."""
    text = (text or "").lower().replace("&", " and ").replace("\u2019", "'")
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^the ", "", text)
    text = LEGAL_FORM.sub("", text) or text
    text = ALIASES.get(text, text)
    if (m := re.fullmatch(r"(.+?)(?: s)? government", text)) and m.group(1) in DEMONYMS:
        text = "government of " + DEMONYMS[m.group(1)]
    if m := re.fullmatch(r"government of (?:the )?(.+)", text):
        text = "government of " + ALIASES.get(m.group(1), m.group(1))
    return (variants or {}).get(text, text)


def bracket_forms(name: str) -> tuple[str, set[str]]:
    """A gold name written with a note in brackets, and the other forms that count as it.

    "X (ACRONYM)" is also X or the acronym; "X (Country)" is also X or "X of Country";
    "X (a lowercase note)" is X.

    >>> bracket_forms("Asia-Pacific Economic Cooperation (APEC)")[1] == {"asia pacific economic cooperation", "apec"}
    True
    >>> bracket_forms("United States (broker)")
    ('united states', set())
    """
    m = BRACKETED.fullmatch(name or "")
    if not m:
        return normalise(name), set()
    base, inner = m.group(1), m.group(2)
    if inner[:1].islower():
        return normalise(base), set()
    if ACRONYM.fullmatch(inner):
        return normalise(name), {normalise(base), normalise(inner)}
    return normalise(name), {normalise(base), normalise(f"{base} of {inner}")}
