"""Numbers written in words or digits, and money amounts with their currency.

>>> parse_number("six"), parse_number("1,200"), parse_number("8.5")
(Decimal('6'), Decimal('1200'), Decimal('8.5'))
>>> [(a.value, a.currency) for a in find_amounts("a $550-billion plan and US$8.5 billion, USD 500 mn")]
[(Decimal('550000000000'), 'USD'), (Decimal('8500000000'), 'USD'), (Decimal('500000000'), 'USD')]
>>> [(a.value, a.upper, a.qualifier, a.per) for a in find_amounts("up to $100-150 million at $110 per kg")]
[(Decimal('100000000'), Decimal('150000000'), 'up to', None), (Decimal('110'), None, None, 'kg')]
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
    "lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7,
}
SCALE_RE = r"trillion|billion|million|thousand|crores?|lakhs?|trn|mln|bn|mn|tn|k|m|b"
# Symbols and codes, longest first so "US$" wins over "$".
CURRENCIES = {
    "us$": "USD", "usd": "USD", "$": "USD", "a$": "AUD", "au$": "AUD", "aud": "AUD", "c$": "CAD", "ca$": "CAD",
    "cad": "CAD", "nz$": "NZD", "nzd": "NZD", "hk$": "HKD", "hkd": "HKD", "s$": "SGD", "sgd": "SGD", "r$": "BRL",
    "brl": "BRL", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY", "jpy": "JPY", "yen": "JPY",
    "yuan": "CNY", "rmb": "CNY", "cny": "CNY", "dollars": "USD", "euros": "EUR", "pounds": "GBP",
    "won": "KRW", "krw": "KRW", "rupees": "INR", "inr": "INR", "₹": "INR", "rs.": "INR", "rs": "INR",
    "chf": "CHF", "francs": "CHF", "zar": "ZAR", "rand": "ZAR", "riyals": "SAR", "sar": "SAR",
    "dirhams": "AED", "aed": "AED", "ringgit": "MYR", "myr": "MYR", "rupiah": "IDR", "idr": "IDR",
}
_PREFIX = "|".join(re.escape(k) for k in sorted(CURRENCIES, key=len, reverse=True)
                   if not k.isalpha() or len(k) <= 3 and k not in ("won", "yen"))
_SUFFIX = "|".join(k for k in sorted(CURRENCIES, key=len, reverse=True) if k.isalpha() and len(k) >= 3)
_NUM = r"\d[\d,]*(?:\.\d+)?"
_SCALE = rf"(?:[\s-]?(?:{SCALE_RE})\b)"
# "$100-150 million", "$1 billion to $2 billion", "between $5m and $10m"
_UPPER = rf"(?:\s?(?:-|–|to|and)\s?(?:{_PREFIX})?\s?(?P<hi>{_NUM})(?P<hiscale>{_SCALE})?)"
AMOUNT = re.compile(
    rf"(?<![\w$€£¥₹])(?P<cur>{_PREFIX})\s?(?:\$\s?)?(?P<num>{_NUM})(?P<scale>{_SCALE})?{_UPPER}?"
    rf"|(?<![\w.])(?P<num2>{_NUM})(?P<scale2>{_SCALE})?\s(?P<cur2>{_SUFFIX})\b",
    re.I,
)
BOUNDS = re.compile(r"\b(?P<q>up to|as much as|as many as|at least|more than|over|nearly|almost|about|around|"
                    r"approximately|roughly|some|less than|under|between)\s+$", re.I)
PER = re.compile(r"^\s?(?:(?:per|a|an)\s|/\s?)(?:metric\s)?"
                 r"(?P<unit>kilogram|kg|tonne|ton|t|pound|lb|ounce|oz|share|unit|barrel|mwh|kwh|gram|g)s?\b", re.I)
UNITS = {"kilogram": "kg", "kg": "kg", "tonne": "t", "ton": "t", "t": "t", "pound": "lb", "lb": "lb",
         "ounce": "oz", "oz": "oz", "share": "share", "unit": "unit", "barrel": "barrel", "mwh": "MWh",
         "kwh": "kWh", "gram": "g", "g": "g"}


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
    """A money amount in running text: ``value`` in units of ``currency`` (ISO 4217).

    ``upper`` is the top of a range ("$100-150 million"); ``qualifier`` says how the figure bounds the sum
    ("up to", "more than", "about"); ``per`` makes it a price per unit ("$110 per kilogram": ``kg``).
    """

    value: Decimal
    currency: str
    start: int
    end: int
    text: str
    upper: Decimal | None = None
    qualifier: str | None = None
    per: str | None = None

    @property
    def is_price(self) -> bool:
        return self.per is not None


def _scaled(number: Decimal, scale: str) -> Decimal:
    value = number * SCALES.get(scale.strip(" -").lower(), 1)
    return value.normalize() if value != value.to_integral() else value.quantize(Decimal(1))


def find_amounts(text: str) -> list[Money]:
    """Every money amount in ``text`` ("$550-billion", "US$8.5 billion", "USD 500 mn", "2 billion euros",
    "Rs 5bn", "€12 billion"), with its range, bound and unit price if the text gives them."""
    out: list[Money] = []
    pos = 0
    while (m := AMOUNT.search(text, pos)) is not None:
        pos = m.end()
        cur = (m["cur"] or m["cur2"]).lower()
        number = parse_number(m["num"] or m["num2"])
        if number is None:
            continue
        scale = m["scale"] or m["scale2"] or m["hiscale"] or ""
        end, upper = m.end(), None
        if m["hi"] is not None:
            high = parse_number(m["hi"])
            low_scale = m["scale"] or ("" if m["hiscale"] is None else m["hiscale"])
            gap = text[m.end("num") + len(m["scale"] or ""):m.start("hi")].lower()
            joiner = "and" if "and" in gap else "to" if "to" in gap else "-"
            between = BOUNDS.search(text[:m.start()])
            unmarked = not (m["hiscale"] or re.search(r"[$€£¥₹]|[a-z]{3}\s?$", gap))
            if high is None or (joiner == "and" and not (between and between["q"].lower() == "between")) \
                    or (joiner == "to" and unmarked):
                end, scale = m.end("scale") if m["scale"] else m.end("num"), m["scale"] or ""
            else:
                upper = _scaled(high, m["hiscale"] or low_scale)
                scale = low_scale
                if upper <= _scaled(number, scale):
                    end, upper, scale = m.end("scale") if m["scale"] else m.end("num"), None, m["scale"] or ""
        bound = BOUNDS.search(text[:m.start()])
        qualifier = bound["q"].lower() if bound and bound["q"].lower() != "between" else None
        pos = end  # a second amount the range test gave back ("$2.3 billion and $435 million")
        per = PER.match(text[end:])
        if per:
            end += per.end()
        value = _scaled(number, scale)
        out.append(Money(value, CURRENCIES[cur], m.start(), end, text[m.start():end], upper, qualifier,
                         UNITS[per["unit"].lower()] if per else None))
    return out
