"""Taking an address's lines apart into street lines, town, postcode and US state, as an
e-invoice (CII PostalTradeAddress) and the accounting imports want them."""

from __future__ import annotations

import pytest

from workshop.domain.addresses import AddressParts, address_parts


@pytest.mark.parametrize("address, parts", [
    # UK: the postcode ends the town's line, or stands on a line of its own under the town.
    ("Unit 4, Mill Lane\nLeeds LS1 4AB", AddressParts(("Unit 4, Mill Lane",), "Leeds", "LS1 4AB")),
    ("Unit 4, Canal Side Works\nBridge Street\nStourport-on-Severn DY13 8XB",
     AddressParts(("Unit 4, Canal Side Works", "Bridge Street"), "Stourport-on-Severn", "DY13 8XB")),
    ("10 Downing St\nLondon\nsw1a 2aa", AddressParts(("10 Downing St",), "London", "SW1A 2AA")),
    # Most of Europe: postcode, then town.
    ("ul. Piotrkowska 1\n90-001 Łódź", AddressParts(("ul. Piotrkowska 1",), "Łódź", "90-001")),
    ("Hauptstr. 5\n10115 Berlin", AddressParts(("Hauptstr. 5",), "Berlin", "10115")),
    ("Keizersgracht 1\n1015 CJ Amsterdam", AddressParts(("Keizersgracht 1",), "Amsterdam", "1015 CJ")),
    # US: town, state, ZIP.
    ("1 Main St\nSpringfield, IL 62704", AddressParts(("1 Main St",), "Springfield", "62704", "IL")),
    # No postcode: the last of several lines is the town; a single line stays a street line.
    ("4 Smith St\nDublin 2", AddressParts(("4 Smith St",), "Dublin 2")),
    ("J&C <b>Ltd</b>", AddressParts(("J&C <b>Ltd</b>",))),
    ("  \n", AddressParts(())),
])
def test_address_parts(address, parts):
    assert address_parts(address) == parts
