"""An operation done outside the shop on paper: on the job card where it goes and for how long
instead of times, a dispatch and a return sign-off, and still its barcode; on the cost sheet."""

from __future__ import annotations

from workshop.documents.job_cards import job_card_pdf
from workshop.domain.scan_codes import operation_code
from workshop.services import routing, suppliers


def test_an_outside_operation_prints_outside_with_dispatch_and_return(db, shop, pdf_text, decode_barcodes, tmp_path):
    coater = suppliers.create_supplier(db, name="Acme Powder & <Coating>", lead_time_days="5")
    routing.add_operation(db, shop.job.id, name="Cut frame", workstation_id=shop.saw.id, setup_minutes="10",
                          run_minutes="20")
    routing.add_operation(db, shop.job.id, name="Powder coat frame", supplier_id=coater.id)  # op 020
    pdf = job_card_pdf(db, shop.job.id)
    (tmp_path / "card.pdf").write_bytes(pdf)
    text = " ".join(pdf_text(pdf).split())
    # the supplier's name printed as typed, never read as markup; its lead time as days away
    assert "Outside: Acme Powder & <Coating> (5 days away)" in text
    assert "DISPATCHED" in text and "RETURNED" in text and text.count("BY") >= 2
    assert text.count("START") == 1  # the shop's own operation keeps its start/finish boxes; the outside one has none
    payloads = {payload for page in decode_barcodes(pdf) for _kind, payload in page}
    assert operation_code(shop.job.number, 20) in payloads


def test_the_cost_sheet_shows_the_outside_operation_and_its_order(db, shop, pdf_text):
    from workshop.documents.cost_sheet import cost_sheet_pdf
    from workshop.services.outside_work import order_outside_work

    coater = suppliers.create_supplier(db, name="Acme Powder Coating", lead_time_days="5")
    op_id = routing.add_operation(db, shop.job.id, name="Powder coat frame", supplier_id=coater.id)
    order_outside_work(db, op_id, "42.50")  # 2 off × 42.50 = 85.00
    text = " ".join(pdf_text(cost_sheet_pdf(db, shop.job.id)).split())
    assert "Outside: Acme Powder Coating (5 days away)" in text
    assert "£85.00" in text
