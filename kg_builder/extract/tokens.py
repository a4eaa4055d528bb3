"""Small token tests shared by the rule-based extractors."""

from __future__ import annotations

from spacy.tokens import Doc, Token

MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}
DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
NOT_NAMES = MONTHS | DAYS | {
    "the", "a", "an", "and", "or", "but", "in", "on", "at", "of", "for", "with", "to", "from", "by", "as",
    "he", "she", "it", "they", "we", "i", "his", "her", "their", "this", "that", "these", "those",
    "there", "here", "while", "when", "after", "before", "under", "within", "both", "all", "some",
    "mr", "mrs", "ms", "dr", "said", "says", "told", "according", "however", "meanwhile", "also",
}


# Lower-case words inside personal names: "Mohammed bin Salman", "Ursula von der Leyen", "Luiz Inácio da Silva".
NAME_PARTICLES = {"bin", "bint", "ibn", "al", "el", "de", "da", "do", "dos", "das", "di", "van", "von", "der", "den",
                  "du", "la", "le"}


def is_name_particle(doc: Doc, i: int) -> bool:
    """Token ``i`` is a particle between two words of a name ("bin" in "Mohammed bin Salman"), or the
    hyphen of a hyphenated name ("Kassym-Jomart", "Jean-Noël"), written without spaces."""
    if not 0 < i < len(doc) - 1 or not is_name_token(doc[i - 1]):
        return False
    if doc[i].text in HYPHENS:
        return not doc[i - 1].whitespace_ and not doc[i].whitespace_ and is_name_token(doc[i + 1])
    return doc[i].text in NAME_PARTICLES and (is_name_token(doc[i + 1]) or doc[i + 1].text in NAME_PARTICLES)


HYPHENS = {"-", "‐", "‑"}


def is_name_token(token: Token) -> bool:
    """A capitalised word that can be part of a proper name (``Takaichi``, ``McDonald``, ``J.``)."""
    text = token.text
    if len(text) == 2 and text[0].isupper() and text[1] == ".":
        return True
    if not token.is_alpha or not text[0].isupper() or token.lower_ in NOT_NAMES:
        return False
    return not (len(text) > 2 and token.is_upper)


def headline_sentences(doc: Doc) -> set[int]:
    """Indexes of sentences written in headline case, where capitals say nothing about names.

    A headline has no closing full stop and most of its longer words capitalised. A quote mark or
    bracket that opens the next sentence ("... 2024. (AP Photo)") does not hide a full stop.
    """
    out = set()
    for index, sent in enumerate(doc.sents):
        if sent.text.rstrip().rstrip("“‘([").rstrip().endswith((".", "!", "?", "\"", "”", "’")):  # '... Jalil. “'
            continue
        words = [t for t in sent if t.is_alpha and len(t.text) > 3]
        if len(words) >= 4 and sum(t.text[0].isupper() for t in words) / len(words) >= 0.6:
            out.add(index)
    return out


def sentence_index(doc: Doc) -> list[int]:
    """For each token, the index of its sentence."""
    out = [0] * len(doc)
    for index, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            out[i] = index
    return out


def demonym_before(doc: Doc, end: int, demonyms: dict[str, str]) -> tuple[str, int] | None:
    """The country of a demonym ("Japanese", "South Korean") ending right before token ``end``,
    with the demonym's first token."""
    for width in (2, 1):
        if end - width >= 0 and (key := demonyms.get(doc[end - width:end].text)):
            return key, end - width
    return None
