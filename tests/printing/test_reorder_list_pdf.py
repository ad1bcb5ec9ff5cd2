"""The printed reorder list: what to order, from whom, at what price, and the total (by hand in
support/reorder_sample.py); printed by workshop print reorder-list."""

from __future__ import annotations

from support.reorder_sample import below_reorder
from workshop.cli import main
from workshop.documents.reorder_list import reorder_list_pdf


def test_the_reorder_list_prints_each_material_and_the_total(db, shop, pdf_text):
    assert "Nothing is below its reorder level." in pdf_text(reorder_list_pdf(db))
    below_reorder(db)
    text = " ".join(pdf_text(reorder_list_pdf(db)).split())
    for expected in ("REORDER LIST", 'GLUE-1 =HYPERLINK("x") glue', "no preferred supplier: at the average cost",
                     "5 l", "£8.75", "£43.75", "PIN-8 Dowel pin 8 mm", "Dowel & Co", "7 ea", "£0.04", "£0.28",
                     "Total at these prices £44.03"):
        assert expected in text, expected
    assert "OAK-25" not in text  # 40 m2 against a level of 10


def test_print_reorder_list_command(db, shop, tmp_path, pdf_text):
    below_reorder(db)
    out = tmp_path / "reorder.pdf"
    assert main(["print", "reorder-list", "-o", str(out), "--db", db.url.render_as_string(hide_password=False)]) == 0
    assert "PIN-8" in pdf_text(out.read_bytes())
