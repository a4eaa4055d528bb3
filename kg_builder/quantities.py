"""Numbers written in words or digits, and money amounts with their currency.

>>> parse_number("six"), parse_number("1,200"), parse_number("8.5")
(Decimal('6'), Decimal('1200'), Decimal('8.5'))
>>> [(a.value, a.currency) for a in find_amounts("a $550-billion plan and US$8.5 billion, USD 500 mn")]
[(Decimal('550000000000'), 'USD'), (Decimal('8500000000'), 'USD'), (Decimal('500000000'), 'USD')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

WORDS = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12,
}
NUMBER_WORD_RE = "|".join(w for w in WORDS if len(w) > 2)
SCALES = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12, "tn": 10**12, "trn": 10**12,
}
SCALE_RE = r"trillion|billion|million|thousand|trn|mln|bn|mn|tn|k|m|b"
# Symbols and codes, longest first so "US$" wins over "$".
CURRENCIES = {
    "us$": "USD", "usd": "USD", "$": "USD", "a$": "AUD", "aud": "AUD", "c$": "CAD", "cad": "CAD",
    "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY", "jpy": "JPY", "yen": "JPY",
    "yuan": "CNY", "rmb": "CNY", "cny": "CNY", "dollars": "USD", "euros": "EUR", "pounds": "GBP",
    "won": "KRW", "krw": "KRW", "rupees": "INR", "inr": "INR",
}
_PREFIX = "|".join(re.escape(k) for k in sorted(CURRENCIES, key=len, reverse=True) if not k.isalpha() or len(k) == 3)
_SUFFIX = "|".join(k for k in CURRENCIES if k.isalpha() and len(k) > 3) + "|usd|eur|jpy|cny|gbp|aud|cad"
AMOUNT = re.compile(
    rf"(?<![\w$€£¥])(?P<cur>{_PREFIX})\s?(?P<num>\d[\d,]*(?:\.\d+)?)(?:[\s-]?(?P<scale>{SCALE_RE})\b)?"
    rf"|(?<![\w.])(?P<num2>\d[\d,]*(?:\.\d+)?)[\s-]?(?P<scale2>{SCALE_RE})?\s(?P<cur2>{_SUFFIX})\b",
    re.I,
)


def parse_number(text: str) -> Decimal | None:
    """A number written in digits (``1,200``, ``8.5``) or one word (``six``); ``None`` otherwise."""
    word = text.strip().lower()
    if word in WORDS:
        return Decimal(WORDS[word])
    try:
        return Decimal(word.replace(",", ""))
    except InvalidOperation:
        return None


@dataclass(frozen=True)
class Money:
    """A money amount in running text: ``value`` in units of ``currency`` (ISO 4217)."""

    value: Decimal
    currency: str
    start: int
    end: int
    text: str


def find_amounts(text: str) -> list[Money]:
    """Every money amount in ``text`` ("$550-billion", "US$8.5 billion", "USD 500 mn", "2 billion euros")."""
    out = []
    for m in AMOUNT.finditer(text):
        cur = (m["cur"] or m["cur2"]).lower()
        number = parse_number(m["num"] or m["num2"])
        scale = (m["scale"] or m["scale2"] or "").lower()
        if number is None:
            continue
        value = number * SCALES.get(scale, 1)
        out.append(Money(value.normalize() if value != value.to_integral() else value.quantize(Decimal(1)),
                         CURRENCIES[cur], m.start(), m.end(), m.group(0)))
    return out
