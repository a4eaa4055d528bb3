"""Given names, from the lexicon of the gender-guesser package (about 40,000 first names of
many countries), to tell a person's name from a company's.

>>> is_given_name("Yulia"), is_given_name("Therese"), is_given_name("Khazanah"), is_given_name("Rapid")
(True, True, False, False)
"""

from __future__ import annotations

from functools import cache

from kg_builder.extract.lexicons import cached


@cache
def _lexicon() -> frozenset[str]:
    """The given names, in lower case."""
    return cached("given-names", "gender-guesser", _read_names)


def _read_names() -> frozenset[str]:
    import gender_guesser.detector

    return frozenset(gender_guesser.detector.Detector(case_sensitive=False).names)


def is_given_name(word: str) -> bool:
    """``word`` (capitalised) is a given name somewhere in the world (the detector knows its gender)."""
    return word[:1].isupper() and word.lower() in _lexicon()


def is_initial(word: str) -> bool:
    """"G." in "G. Kishan Reddy"."""
    return len(word) == 2 and word[0].isupper() and word[1] == "."
