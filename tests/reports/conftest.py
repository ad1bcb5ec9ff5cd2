"""The demo shop, copied once for the report tests (built once per run: ~10 s), read-only; and a
helper to put rows straight into a fresh shop for the small cases worked by hand."""

from __future__ import annotations

import sqlite3

import pytest

from workshop.db.engine import open_database

from support.report_rows import DEMO_TODAY


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory, demo_copy):
    """The report tests' copy of the demo shop (built once per run: tests/conftest.py)."""
    return demo_copy(tmp_path_factory.mktemp("reports-demo") / "shop.db", DEMO_TODAY)


@pytest.fixture
def demo(demo_path):
    db = open_database(demo_path, create=False)
    yield db
    db.close()


@pytest.fixture
def sql(demo_path):
    """Run a hand-written query on the demo shop's file (sqlite3, independent of the code under test)."""
    conn = sqlite3.connect(demo_path)

    def run(query: str, *params) -> list[tuple]:
        return conn.execute(query, params).fetchall()

    yield run
    conn.close()


@pytest.fixture
def pdf_text_of():
    """pdf bytes -> all its text, whitespace runs made one space."""
    import io
    import re

    from pypdf import PdfReader

    def text(pdf: bytes) -> str:
        return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages))

    return text
