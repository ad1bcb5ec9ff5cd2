"""An address kept as printed lines, split into the fields Xero's contact import asks for."""

from __future__ import annotations

import pytest

from workshop.domain.postal_parts import PostalParts, split_address


@pytest.mark.parametrize("address, country, parts", [
    ("12 High Street\nYork YO1 7HF", "GB", PostalParts(("12 High Street",), "York", "", "YO1 7HF")),
    ("Unit 4\nLeeds\nLS1 4AB", "GB", PostalParts(("Unit 4",), "Leeds", "", "LS1 4AB")),  # postcode alone
    ("ul. Piotrkowska 12\n90-001 Łódź", "PL", PostalParts(("ul. Piotrkowska 12",), "Łódź", "", "90-001")),
    ("Hauptstr. 5\n10115 Berlin", "DE", PostalParts(("Hauptstr. 5",), "Berlin", "", "10115")),
    ("Keizersgracht 1\n1015 CJ Amsterdam", "NL", PostalParts(("Keizersgracht 1",), "Amsterdam", "", "1015 CJ")),
    ("1 Main St\nSpringfield, IL 62704", "US", PostalParts(("1 Main St",), "Springfield", "IL", "62704")),
    ("1 Canal St\nDublin D02 X285", "IE", PostalParts(("1 Canal St",), "Dublin", "", "D02 X285")),
    ("J&C <b>Ltd</b>\n=SUM(1)\nLeeds LS1 4AB", "", PostalParts(("J&C <b>Ltd</b>", "=SUM(1)"), "Leeds", "", "LS1 4AB")),
])
def test_the_last_line_read_the_way_the_country_writes_it(address, country, parts):
    assert split_address(address, country) == parts


def test_no_postcode_keeps_every_line_and_guesses_no_city():
    assert split_address("12 Mill Lane\nLeeds", "GB") == PostalParts(("12 Mill Lane", "Leeds"))
    assert split_address("", "GB") == PostalParts(())


def test_more_than_four_street_lines_join_the_fourth():
    assert split_address("a\nb\nc\nd\ne\nLeeds LS1 4AB", "GB").street == ("a", "b", "c", "d, e")
