"""The reorder list as CSV and as a table at the terminal (workshop reorder-list). Figures by hand
(see support/reorder_sample.py); the shop's own three materials are above their levels."""

from __future__ import annotations

from support.reorder_sample import below_reorder
from workshop.cli import main


def test_reorder_list_csv_has_the_suggestions_and_safe_cells(db, shop, tmp_path, read_back, capsys):
    below_reorder(db)
    out = tmp_path / "reorder.csv"
    url = db.url.render_as_string(hide_password=False)
    assert main(["reorder-list", "--csv", str(out), "--db", url]) == 0
    assert capsys.readouterr().out.strip() == f"Wrote {out} (2 materials)"
    header, glue, pins = read_back(out)
    assert header == ["Code", "Material", "Unit", "On hand", "On order", "Allocated", "Reorder level", "Suggested",
                      "Supplier", "Unit price", "Amount"]
    # the name starting "=" is kept as text, never a formula
    assert glue == ["GLUE-1", "'=HYPERLINK(\"x\") glue", "l", "1", "0", "0", "6", "5", "", "8.75", "43.75"]
    assert pins == ["PIN-8", "Dowel pin 8 mm", "ea", "3.5", "0", "0", "10", "7", "Dowel & Co", "0.04", "0.28"]


def test_reorder_list_table_at_the_terminal(db, shop, capsys):
    url = db.url.render_as_string(hide_password=False)
    assert main(["reorder-list", "--db", url]) == 0
    assert capsys.readouterr().out.strip() == "Nothing is below its reorder level."
    below_reorder(db)
    assert main(["reorder-list", "--db", url]) == 0
    text = capsys.readouterr().out
    assert "PIN-8" in text and "7 ea" in text and "Dowel & Co" in text
    assert text.rstrip().endswith("Total at these prices: 44.03")  # 43.75 + 0.28
