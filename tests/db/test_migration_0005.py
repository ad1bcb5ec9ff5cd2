"""0005 gives existing customers the shop's country, and adds addresses and quote terms; its
downgrade takes them away again."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL

from workshop.db import migrate


def _columns(url, table: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {c["name"] for c in inspect(conn).get_columns(table)}
    finally:
        engine.dispose()


def test_0005_backfills_country_from_the_shop_locale_and_downgrades(tmp_path):
    url = URL.create("sqlite", database=str(tmp_path / "m.db"))
    migrate.upgrade(url, "0004")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE shop_settings SET locale = 'pl_PL', currency = 'PLN'"))
        conn.execute(text("INSERT INTO customers (id, name, contact_person, email, phone, address, tax_number, "
                          "notes, archived, created_at) VALUES (1, 'Łódź Metal', '', '', '', 'ul. Piotrkowska 1', "
                          "'PL123', '', 0, '2026-01-01')"))
        conn.execute(text("INSERT INTO briefs (id, number, customer_id, title, requirements, constraints, status, "
                          "status_reason, created_at, updated_at, search_text) VALUES (1, 'B-2026-0001', 1, 'Gate', "
                          "'', 'Narrow gate', 'quoted', '', '2026-01-01', '2026-01-01', '')"))
        conn.execute(text("INSERT INTO quotes (id, number, revision, brief_id, status, title, quantity, "
                          "contingency_pct, design_fee, terms, notes, cost, price, created_at, decision_reason) "
                          "VALUES (1, 'Q-2026-0001', 1, 1, 'sent', 'Gate', 1, 0, 0, 'Net 30', '', 100, 200, "
                          "'2026-01-01', '')"))
    engine.dispose()
    migrate.upgrade(url, "0005")
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT country, address FROM customers")).one() == ("PL", "ul. Piotrkowska 1")
        # An old quote keeps its terms, has no payment terms or exclusions of its own, and does
        # not start printing the brief's constraints.
        assert conn.execute(text("SELECT terms, payment_terms, exclusions, print_constraints FROM quotes")).one() \
            == ("Net 30", "", "", 0)
        assert conn.execute(text("SELECT quote_payment_terms, quote_exclusions FROM shop_settings")).one() == ("", "")
        assert conn.execute(text("SELECT count(*) FROM customer_addresses")).scalar() == 0
    engine.dispose()
    assert {"site_address", "site_country"} <= _columns(url, "jobs")

    migrate.downgrade(url, "0004")
    assert "country" not in _columns(url, "customers")
    assert "site_address" not in _columns(url, "jobs")
    assert not {"payment_terms", "exclusions", "print_constraints"} & _columns(url, "quotes")
    engine = create_engine(url)
    with engine.connect() as conn:
        assert "customer_addresses" not in inspect(conn).get_table_names()
        assert conn.execute(text("SELECT name, address FROM customers")).one() == ("Łódź Metal", "ul. Piotrkowska 1")
    engine.dispose()

    migrate.upgrade(url, "0005")  # up again: the country is filled from the shop's locale once more
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name, address, country FROM customers")).one() \
            == ("Łódź Metal", "ul. Piotrkowska 1", "PL")
        assert conn.execute(text("SELECT terms, payment_terms, print_constraints FROM quotes")).one() \
            == ("Net 30", "", 0)
    engine.dispose()
    assert {"site_address", "site_country"} <= _columns(url, "jobs")


def test_0005_on_an_empty_database_leaves_country_blank(tmp_path):
    url = URL.create("sqlite", database=str(tmp_path / "m.db"))
    migrate.upgrade(url, "0005")
    assert "country" in _columns(url, "customers")
