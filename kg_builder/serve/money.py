"""Sums of money as people write them, from the parts of a ``schema:MonetaryAmount``: a value, or a
range (``minValue`` and ``maxValue``), or one bound with its qualifier, in an ISO 4217 currency.

>>> format_money("USD", value="550000000000")
'US$550 billion'
>>> format_money("JPY", value="1000000000000")
'¥1 trillion'
>>> format_money("USD", minimum="1000000000", maximum="2000000000")
'US$1–2 billion'
>>> format_money("USD", maximum="120000000", qualifier="up to")
'up to US$120 million'
>>> format_money("EUR", value="2750000000", qualifier="about")
'about €2.75 billion'
>>> format_money("USD", minimum="500000000", maximum="1500000000")
'US$500 million–1.5 billion'
>>> format_money("CHF", value="48500")
'CHF 48,500'
>>> format_money("USD", value="not a number")
Traceback (most recent call last):
ValueError: a money amount needs numbers: 'not a number' is not one
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

SYMBOLS = {"USD": "US$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "CN¥", "AUD": "A$", "CAD": "C$",
           "INR": "₹", "KRW": "₩", "HKD": "HK$", "SGD": "S$", "NZD": "NZ$", "BRL": "R$", "MXN": "MX$"}
SCALES = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


def _number(text: str) -> Decimal:
    try:
        return Decimal(str(text))
    except InvalidOperation:
        raise ValueError(f"a money amount needs numbers: {text!r} is not one") from None


def _scaled(number: Decimal) -> tuple[str, str]:
    """The number in the largest scale word it reaches (``("1.5", "billion")``), else with thousands
    separators and no scale word."""
    for size, word in SCALES:
        if abs(number) >= size:
            return _plain(number / size), word
    return _plain(number), ""


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), ",f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _with_currency(amount: str, currency: str) -> str:
    symbol = SYMBOLS.get(currency.upper())
    return f"{symbol}{amount}" if symbol else f"{currency.upper()} {amount}"


def format_money(currency: str, *, value: str | None = None, minimum: str | None = None,
                 maximum: str | None = None, qualifier: str | None = None) -> str:
    """The amount in words for people ("US$1–2 billion", "up to US$120 million")."""
    if value is None and minimum is not None and maximum is not None:
        (low, low_scale), (high, high_scale) = _scaled(_number(minimum)), _scaled(_number(maximum))
        if low_scale == high_scale:
            text = _with_currency(f"{low}–{high}" + (f" {high_scale}" if high_scale else ""), currency)
        else:
            text = _with_currency(f"{low}" + (f" {low_scale}" if low_scale else "") + f"–{high}"
                                  + (f" {high_scale}" if high_scale else ""), currency)
    else:
        number = value if value is not None else minimum if minimum is not None else maximum
        if number is None:
            raise ValueError("a money amount needs a value, a minimum or a maximum: it has none")
        amount, scale = _scaled(_number(number))
        text = _with_currency(amount + (f" {scale}" if scale else ""), currency)
    return f"{qualifier} {text}" if qualifier else text
