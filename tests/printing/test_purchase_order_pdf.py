"""The purchase order PDF: read back, it names the order, the supplier, every line and the total
worked out by hand; user text prints as typed; drafts and cancelled orders say so."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from workshop.documents.purchase_order import purchase_order_pdf
from workshop.printing.purchase_order import PurchaseOrderData, PurchaseOrderLineData, render_purchase_order
from workshop.services import materials, settings, suppliers
from workshop.services import purchase_orders as po
from workshop.services.purchase_orders import PurchaseOrderLineInput as Line
from workshop.services.suppliers import MaterialSupplierInput


def _sample() -> PurchaseOrderData:
    return PurchaseOrderData(
        number="PO-2026-0007", order_date=date(2026, 6, 12), expected_on=date(2026, 6, 17),
        supplier_name="J&C <b>Timber</b>", supplier_address="ul. Piotrkowska 12\n90-001 Łódź\nPoland",
        supplier_contact="Łukasz Wróbel", supplier_email="zamowienia@jc.example", job_number="J-2026-0042",
        deliver_to="Unit 3, Canal Wharf\nStroud", notes="Boards flat-stacked & dry.",
        lines=(PurchaseOrderLineData("American black walnut 27 mm", D("2.5"), "m2", D("84.10"), D("210.25"),
                                     supplier_code="HD-WAL27"),
               PurchaseOrderLineData("Hardwax oil", D("2"), "l", D("31.50"), D("63.00"), job_number="J-2026-0043",
                                     expected_on=date(2026, 6, 20)),
               PurchaseOrderLineData("Carriage <pallet>", D("1"), "ea", D("18.00"), D("18.00"))),
        total=D("291.25"))  # 2.5 × 84.10 = 210.25; + 63.00 + 18.00 = 291.25


def test_the_order_names_the_supplier_every_line_and_the_total(letterhead, a4, pdf_text, pages_text):
    pdf = render_purchase_order(_sample(), letterhead, a4)
    text = pdf_text(pdf)
    assert "PURCHASE ORDER" in text and "PO-2026-0007" in text
    assert "J&C <b>Timber</b>" in text and "Łódź" in text and "For the attention of Łukasz Wróbel" in text
    assert "12 Jun 2026" in text and "17 Jun 2026" in text and "J-2026-0042" in text
    assert "1 HD-WAL27 American black walnut 27 mm 2.5 m2 £84.10 £210.25" in text
    assert "2 Hardwax oil for J-2026-0043 · by 20 Jun 2026 2 l £31.50 £63.00" in text
    assert "3 Carriage <pallet> 1 ea £18.00 £18.00" in text
    assert "Total (excl. tax) £291.25" in text
    assert "Boards flat-stacked & dry." in text and "Please quote PO-2026-0007 on your delivery note" in text
    assert "DRAFT" not in text and "CANCELLED" not in text
    assert len(pages_text(pdf)) == 1


def test_a_draft_and_a_cancelled_order_say_so(letterhead, a4, pdf_text):
    assert "DRAFT: not yet sent" in pdf_text(render_purchase_order(replace(_sample(), status="draft"), letterhead, a4))
    text = pdf_text(render_purchase_order(replace(_sample(), status="cancelled", cancel_reason="Ordered twice."),
                                          letterhead, a4))
    assert "CANCELLED: please do not supply. Ordered twice." in text


def test_lines_that_do_not_add_up_are_refused(letterhead, a4):
    with pytest.raises(ValueError, match="add up to £291.25, not the total £300.00"):
        render_purchase_order(replace(_sample(), total=D("300.00")), letterhead, a4)


def test_from_the_database_in_a_german_shop(db, shop, pdf_text):
    settings.update_settings(db, locale="de_DE", currency="EUR", address="Werkstattweg 3\n10115 Berlin")
    hd = suppliers.create_supplier(db, name="Holzhandel Süd", address="Sägewerkstr. 1\nMünchen", lead_time_days=4)
    walnut = materials.create_material(db, code="WAL-27", name="Nussbaum 27 mm", unit="m2", unit_cost="84,10")
    suppliers.set_material_suppliers(db, walnut.id, [MaterialSupplierInput(hd.id, "HS-N27", "84,10")])
    order = po.create_purchase_order(db, hd.id, job_id=shop.job.id, lines=[
        Line(quantity="2,5", unit_price=None, material_id=walnut.id)])
    text = pdf_text(purchase_order_pdf(db, order.id))
    assert order.number in text and "Holzhandel Süd" in text and "Sägewerkstr. 1 München" in text
    assert "Werkstattweg 3 10115 Berlin" in text and shop.job.number in text
    # 2,5 × 84,10 = 210,25 €
    assert "HS-N27 Nussbaum 27 mm 2,5 m2 84,10 € 210,25 €" in text and "Total (excl. tax) 210,25 €" in text
    assert "DRAFT: not yet sent" in text
    assert order.expected_on == db.today() + dt.timedelta(days=4)  # the supplier's lead time
