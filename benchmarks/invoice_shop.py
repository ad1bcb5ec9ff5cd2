"""The shop the invoice benchmarks bill from: issuing checks EN 16931, so the shop states its
address and VAT number and the customer its address, country and VAT number."""

from __future__ import annotations


def billing_customer(db) -> int:
    """Set the shop up to issue invoices and return a customer's id to bill."""
    from workshop.services import customers, settings

    settings.update_settings(db, address="Unit 4, Mill Lane\nLeeds LS1 4AB", tax_number="GB123456789")
    return customers.create_customer(db, name="Bench & Co", address="1 Mill Lane\nLeeds", country="GB",
                                     tax_number="GB987654321").id
