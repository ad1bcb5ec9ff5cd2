"""0008 adds invoices, their lines and payments, and gives the shop payment terms (30 days) and a
country taken from its locale; its downgrade takes them away again, keeping the rest."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError

from workshop.db import migrate

INVOICE_TABLES = {"invoices", "invoice_lines", "payments"}


def _customer(conn) -> None:
    conn.execute(text("INSERT INTO customers (id, name, contact_person, email, phone, address, country, tax_number, "
                      "notes, archived, created_at) VALUES (1, 'Łódź Metal', '', '', '', 'ul. Piotrkowska 1', 'PL', "
                      "'PL123', '', 0, '2026-01-01')"))


def _invoice(conn, invoice_id: int, number: str | None) -> None:
    conn.execute(text(
        "INSERT INTO invoices (id, number, kind, status, customer_id, currency, payment_terms, notes, buyer_name, "
        "buyer_address, buyer_country, buyer_tax_number, buyer_email, seller_name, seller_address, seller_country, "
        "seller_tax_number, created_at) VALUES (:id, :number, 'manual', 'draft', 1, 'PLN', '', '', '', '', '', '', "
        "'', '', '', '', '', '2026-03-01')"), {"id": invoice_id, "number": number})


def test_0008_adds_invoices_and_settings_and_downgrades(tmp_path):
    url = URL.create("sqlite", database=str(tmp_path / "m.db"))
    migrate.upgrade(url, "0007")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE shop_settings SET locale = 'pl_PL', currency = 'PLN'"))
        _customer(conn)
    engine.dispose()

    migrate.upgrade(url, "0008")
    engine = create_engine(url)
    with engine.begin() as conn:
        assert INVOICE_TABLES <= set(inspect(conn).get_table_names())
        # A Polish shop sells from Poland, on 30 days unless it says otherwise.
        assert tuple(conn.execute(text("SELECT payment_terms_days, country FROM shop_settings")).one()) == (30, "PL")
        _invoice(conn, 1, None)
        _invoice(conn, 2, None)  # two drafts: neither has a number yet, and that is no clash
        _invoice(conn, 3, "INV-2026-0001")
        conn.execute(text("INSERT INTO invoice_lines (invoice_id, position, description, quantity, unit, unit_price, "
                          "discount, category, rate, exemption_reason, deduction, net) VALUES (3, 1, 'Brama', 1000, "
                          "'ea', 123456, 0, 'standard', 2300, '', 0, 123456)"))
        conn.execute(text("INSERT INTO payments (invoice_id, paid_on, amount, method, reference, created_at) VALUES "
                          "(3, '2026-03-05', 50000, 'transfer', '', '2026-03-05')"))
    with pytest.raises(IntegrityError), engine.begin() as conn:  # an issued number is never taken twice
        _invoice(conn, 4, "INV-2026-0001")
    with engine.connect() as conn:
        # 1 234,56 zł at 23 %, a 500 zł payment: stored as minor units, read back to the grosz
        assert tuple(conn.execute(text("SELECT quantity, unit_price, rate, net FROM invoice_lines")).one()) \
            == (1000, 123456, 2300, 123456)
        assert conn.execute(text("SELECT amount FROM payments")).scalar() == 50000
    engine.dispose()

    migrate.downgrade(url, "0007")
    engine = create_engine(url)
    with engine.connect() as conn:
        assert not INVOICE_TABLES & set(inspect(conn).get_table_names())
        columns = {c["name"] for c in inspect(conn).get_columns("shop_settings")}
        assert not {"payment_terms_days", "country"} & columns
        assert conn.execute(text("SELECT name FROM customers")).scalar() == "Łódź Metal"
    engine.dispose()

    migrate.upgrade(url, "0008")  # up again: empty invoice tables, the country read from the locale again
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM invoices")).scalar() == 0
        assert conn.execute(text("SELECT country FROM shop_settings")).scalar() == "PL"
    engine.dispose()


def test_0008_a_locale_without_a_country_sells_from_gb(tmp_path):
    url = URL.create("sqlite", database=str(tmp_path / "m.db"))
    migrate.upgrade(url, "0007")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE shop_settings SET locale = 'en'"))
    engine.dispose()
    migrate.upgrade(url, "0008")
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT country FROM shop_settings")).scalar() == "GB"
    engine.dispose()
