from decimal import Decimal

import pytest

from kg_builder.extract.quantities import find_amounts, parse_number


@pytest.mark.parametrize(("text", "value", "currency"), [
    ("a $550-billion deal", Decimal("550000000000"), "USD"),
    ("US$8.5 billion", Decimal("8500000000"), "USD"),
    ("USD 500 mn", Decimal("500000000"), "USD"),
    ("€2bn", Decimal("2000000000"), "EUR"),
    ("2 billion euros", Decimal("2000000000"), "EUR"),
    ("A$1.2 billion", Decimal("1200000000"), "AUD"),
    ("¥1 trillion", Decimal("1000000000000"), "JPY"),
    ("$3.5m grant", Decimal("3500000"), "USD"),
    ("US$1.4bn", Decimal("1400000000"), "USD"),
    ("€12 billion", Decimal("12000000000"), "EUR"),
    ("Rs 5bn", Decimal("5000000000"), "INR"),
    ("Rs. 500 crore", Decimal("5000000000"), "INR"),
    ("₹2,000 crore", Decimal("20000000000"), "INR"),
    ("C$50 million", Decimal("50000000"), "CAD"),
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


@pytest.mark.parametrize(("text", "low", "high"), [
    ("$100-150 million", 100_000_000, 150_000_000),
    ("between $1bn and $2bn", 1_000_000_000, 2_000_000_000),
    ("$1 billion to $2 billion", 1_000_000_000, 2_000_000_000),
    ("$500 million–$1 billion", 500_000_000, 1_000_000_000),
])
def test_quantities_money_ranges(text, low, high):
    (amount,) = find_amounts(text)
    assert (amount.value, amount.upper) == (low, high)


def test_quantities_two_amounts_are_no_range():
    found = find_amounts("a $2.3 billion loan and $435 million in grants; $5m and $10m; lent $50 million to 2 firms")
    assert [(a.value, a.upper) for a in found] == [(2_300_000_000, None), (435_000_000, None), (5_000_000, None),
                                                  (10_000_000, None), (50_000_000, None)]


def test_quantities_bounds_are_kept():
    found = find_amounts("up to $120m, more than $1 billion, about €5bn, $7bn")
    assert [(a.value, a.qualifier) for a in found] == [(120_000_000, "up to"), (1_000_000_000, "more than"),
                                                      (5_000_000_000, "about"), (7_000_000_000, None)]


def test_quantities_prices_per_unit():
    found = find_amounts("a floor of $110 per kilogram, US$10,000 per tonne, $30 a share, $110/kg at $2bn")
    assert [(a.value, a.per) for a in found] == [(110, "kg"), (10_000, "t"), (30, "share"), (110, "kg"),
                                                (2_000_000_000, None)]
    assert [a.is_price for a in found] == [True, True, True, True, False]
