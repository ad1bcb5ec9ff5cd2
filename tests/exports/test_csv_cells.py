"""The cells every export shares: formulas neutralised, exact numbers, dates, whole files."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from workshop.exports.csv_cells import date_cell, money_cell, quantity_cell, text_cell, write_csv_files


@pytest.mark.parametrize("typed, written", [
    ("=SUM(A1)", "'=SUM(A1)"),
    ("@cmd", "'@cmd"),
    ("+44 20 7946 0000", "'+44 20 7946 0000"),
    ("-2 hinges", "'-2 hinges"),
    ("\tindented", "'\tindented"),
    ("\rreturn", "'\rreturn"),
    ("J&C <b>Ltd</b>", "J&C <b>Ltd</b>"),
    ("Łódź", "Łódź"),
    ("Total = 3", "Total = 3"),  # only the first character makes a formula
    ("", ""),
])  # fmt: skip
def test_text_that_a_spreadsheet_would_run_is_prefixed_with_a_quote(typed, written):
    assert text_cell(typed) == written


@pytest.mark.parametrize("amount, written", [
    (D("1234.5"), "1234.50"),
    (D("12345678.9"), "12345678.90"),  # no thousands separator
    (D("-12.5"), "-12.50"),  # a number, not neutralised
    (D("-0.00"), "0.00"),
    (D("0"), "0.00"),
    (D("0.125"), "0.125"),  # finer digits are kept, never rounded away
    (D("7.100"), "7.10"),
])  # fmt: skip
def test_amounts_have_a_dot_and_two_decimals(amount, written):
    assert money_cell(amount) == written


@pytest.mark.parametrize("quantity, written", [
    (D("2.000"), "2"), (D("1.500"), "1.5"), (D("0.125"), "0.125"), (D("1E+2"), "100"), (D("-1"), "-1"),
    (D("0.000"), "0"),
])  # fmt: skip
def test_quantities_are_exact_without_trailing_zeros(quantity, written):
    assert quantity_cell(quantity) == written


def test_dates_uk_and_us():
    assert date_cell(dt.date(2026, 3, 5)) == "05/03/2026"
    assert date_cell(dt.date(2026, 3, 5), us_dates=True) == "03/05/2026"


def test_a_failing_export_leaves_no_file_behind(tmp_path):
    def rows():
        yield ["1"]
        raise OSError("No space left on device")

    with pytest.raises(OSError):
        write_csv_files([(tmp_path / "a.csv", ["A"], [["1"]]), (tmp_path / "b.csv", ["B"], rows())])
    assert list(tmp_path.iterdir()) == []


def test_files_are_utf8_with_a_bom_and_text_comes_back_exactly(tmp_path, read_back):
    path = tmp_path / "out.csv"
    write_csv_files([(path, ["Name", "City"], [["J&C <b>Ltd</b>", "Łódź"], ['Say "hi", then\nleave', ""]])])
    assert read_back(path) == [["Name", "City"], ["J&C <b>Ltd</b>", "Łódź"], ['Say "hi", then\nleave', ""]]
