"""The shop the invoice benchmarks bill from: issuing checks EN 16931, so the shop states its
address and VAT number and the customer its address, country and VAT number."""

from __future__ import annotations


def billing_customer(db) -> int:
    """Set the shop up to issue invoices and return a customer's id to bill."""
    from workshop.services import customers, settings

    settings.update_settings(db, address="Unit 4, Mill Lane\nLeeds LS1 4AB", tax_number="GB123456789")
    return customers.create_customer(db, name="Bench & Co", address="1 Mill Lane\nLeeds", country="GB",
                                     tax_number="GB987654321").id


def ten_line_invoice(db) -> int:
    """Issue a 10-line invoice (every third line at the reduced 5 %, the rest standard) to the
    shop's customer and return its id: what the printing benchmarks print."""
    from workshop.services import invoices

    lines = [dict(description=f"Line {i}", quantity="2", unit_price="12.34",
                  **(dict(category="reduced", rate="5") if i % 3 == 0 else {})) for i in range(10)]
    draft = invoices.create_draft(db, kind="manual", customer_id=billing_customer(db), lines=lines)
    return invoices.issue(db, draft.id).id
