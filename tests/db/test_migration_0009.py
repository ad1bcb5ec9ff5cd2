"""0009 gives the shop an IBAN and BIC (empty until set), freezes them on each issued invoice, and adds
the tax-code mapping for the accounting exports; its downgrade takes them away, keeping the rest."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError

from workshop.db import migrate


def test_0009_adds_bank_details_and_tax_codes_and_downgrades(tmp_path):
    url = URL.create("sqlite", database=str(tmp_path / "m.db"))
    migrate.upgrade(url, "0008")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE shop_settings SET company_name = 'J&C <b>Ltd</b>'"))
    engine.dispose()

    migrate.upgrade(url, "0009")
    engine = create_engine(url)
    with engine.begin() as conn:
        # An existing shop has no bank details until the owner types them in.
        assert tuple(conn.execute(text("SELECT iban, bic, company_name FROM shop_settings")).one()) \
            == ("", "", "J&C <b>Ltd</b>")
        assert {"seller_iban", "seller_bic"} <= {c["name"] for c in inspect(conn).get_columns("invoices")}
        conn.execute(text("INSERT INTO tax_codes (category, rate, xero_tax_type, xero_account_code, "
                          "quickbooks_tax_code) VALUES ('standard', 2000, '20% (VAT on Income)', '200', '20.0% S')"))
    with pytest.raises(IntegrityError), engine.begin() as conn:  # one mapping per category and rate
        conn.execute(text("INSERT INTO tax_codes (category, rate, xero_tax_type, xero_account_code, "
                          "quickbooks_tax_code) VALUES ('standard', 2000, 'Other', '201', 'S')"))
    engine.dispose()

    migrate.downgrade(url, "0008")
    engine = create_engine(url)
    with engine.connect() as conn:
        assert "tax_codes" not in inspect(conn).get_table_names()
        assert not {"iban", "bic"} & {c["name"] for c in inspect(conn).get_columns("shop_settings")}
        assert not {"seller_iban", "seller_bic"} & {c["name"] for c in inspect(conn).get_columns("invoices")}
        assert conn.execute(text("SELECT company_name FROM shop_settings")).scalar() == "J&C <b>Ltd</b>"
    engine.dispose()
