from decimal import Decimal

import pytest

from kg_builder.quantities import find_amounts, parse_number


@pytest.mark.parametrize(("text", "value", "currency"), [
    ("a $550-billion deal", Decimal("550000000000"), "USD"),
    ("US$8.5 billion", Decimal("8500000000"), "USD"),
    ("USD 500 mn", Decimal("500000000"), "USD"),
    ("€2bn", Decimal("2000000000"), "EUR"),
    ("2 billion euros", Decimal("2000000000"), "EUR"),
    ("A$1.2 billion", Decimal("1200000000"), "AUD"),
    ("¥1 trillion", Decimal("1000000000000"), "JPY"),
    ("$3.5m grant", Decimal("3500000"), "USD"),
])
def test_quantities_money_amounts_with_currency(text, value, currency):
    (amount,) = find_amounts(text)
    assert (amount.value, amount.currency) == (value, currency)
    assert text[amount.start:amount.end] == amount.text


def test_quantities_plain_numbers_are_not_money():
    assert find_amounts("the 2 countries and 10 m tonnes") == []


def test_quantities_numbers_in_words_and_digits():
    assert parse_number("twelve") == 12
    assert parse_number("1,200") == 1200
    assert parse_number("many") is None
