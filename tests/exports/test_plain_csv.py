"""The plain CSV of invoices and of lines, read back with the csv module; figures by hand
(support/export_samples.py)."""

from __future__ import annotations

from dataclasses import replace

from support.export_samples import chair_credit_note, dining_set_invoice, line
from workshop.exports.plain_csv import write_plain

INVOICES_HEADER = ["Number", "Kind", "Customer", "Reference", "Issue date", "Due date", "Net", "Tax", "Gross",
                   "Paid", "Due", "Currency"]
LINES_HEADER = ["Invoice number", "Line", "Description", "Quantity", "Unit amount", "Discount", "Net",
                "Tax category", "Tax rate", "Tax amount"]


def test_invoices_and_lines_with_totals_and_a_negative_credit_note(tmp_path, read_back):
    paths = write_plain([dining_set_invoice(), chair_credit_note()], tmp_path / "invoices.csv",
                        tmp_path / "lines.csv")
    assert paths == (tmp_path / "invoices.csv", tmp_path / "lines.csv")
    invoices, lines = read_back(paths[0]), read_back(paths[1])
    assert invoices == [
        INVOICES_HEADER,
        # net 3296.71 + tax 656.57 = 3953.28; less 1000.00 paid = 2953.28 due.
        ["INV-2026-0042", "invoice", "J&C <b>Ltd</b>", "J-2026-0007", "2026-03-05", "2026-04-19",
         "3296.71", "656.57", "3953.28", "1000.00", "2953.28", "GBP"],
        # 245.50 + 49.10 = 294.60 owed back.
        ["CN-2026-0003", "credit_note", "J&C <b>Ltd</b>", "J-2026-0007", "2026-03-20", "2026-03-20",
         "-245.50", "-49.10", "-294.60", "0.00", "-294.60", "GBP"],
    ]
    assert lines == [
        LINES_HEADER,
        ["INV-2026-0042", "1", "Oak dining table", "1", "1850.00", "0.00", "1850.00", "standard", "20", "370.00"],
        ["INV-2026-0042", "2", "Chairs, 10% off", "6", "245.50", "147.30", "1325.70", "standard", "20", "265.14"],
        ["INV-2026-0042", "3", "Fitting, £10 off", "2.5", "45.00", "10.00", "102.50", "standard", "20", "20.50"],
        ["INV-2026-0042", "4", "Seat fabric, Łódź", "1.5", "12.34", "0.00", "18.51", "reduced", "5", "0.93"],
        ["CN-2026-0003", "1", "Chair returned", "1", "-245.50", "0.00", "-245.50", "standard", "20", "-49.10"],
    ]


def test_text_that_would_run_as_a_formula_is_neutralised(tmp_path, read_back):
    invoice = replace(dining_set_invoice(), customer_name="@cmd", reference="-J-7",
                      lines=(line("=SUM(A1)", "1", "10.00", "10.00", "2.00"),
                             line("\rreturn", "1", "5.00", "5.00", "1.00")))
    invoices_path, lines_path = write_plain([invoice], tmp_path / "i.csv", tmp_path / "l.csv")
    (row,) = read_back(invoices_path)[1:]
    assert (row[2], row[3], row[6]) == ("'@cmd", "'-J-7", "15.00")
    assert [row[2] for row in read_back(lines_path)[1:]] == ["'=SUM(A1)", "'\rreturn"]
