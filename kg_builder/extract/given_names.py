"""Given names, from the lexicon of the gender-guesser package (about 40,000 first names of
many countries), to tell a person's name from a company's.

>>> is_given_name("Yulia"), is_given_name("Therese"), is_given_name("Khazanah"), is_given_name("Rapid")
(True, True, False, False)
"""

from __future__ import annotations

from functools import cache

import gender_guesser.detector


@cache
def _lexicon() -> gender_guesser.detector.Detector:
    return gender_guesser.detector.Detector(case_sensitive=False)


def is_given_name(word: str) -> bool:
    """``word`` (capitalised) is a given name somewhere in the world."""
    return word[:1].isupper() and _lexicon().get_gender(word) != "unknown"


def is_initial(word: str) -> bool:
    """"G." in "G. Kishan Reddy"."""
    return len(word) == 2 and word[0].isupper() and word[1] == "."
