"""``workshop print purchase-order PO-…``: the order's PDF, and a clear error for a number that
does not exist."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from workshop.cli import main
from workshop.services import purchase_orders as po
from workshop.services import suppliers
from workshop.services.purchase_orders import PurchaseOrderLineInput as Line


def test_print_purchase_order_writes_its_pdf(db, shop, tmp_path, capsys):
    url = db.url.render_as_string(hide_password=False)
    hd = suppliers.create_supplier(db, name="Hardwood Direct")
    order = po.create_purchase_order(db, hd.id, lines=[Line(quantity="3", unit_price="84.10",
                                                            material_id=shop.oak.id)])
    out = tmp_path / "po.pdf"
    assert main(["print", "purchase-order", order.number.lower(), "-o", str(out), "--db", url]) == 0
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages))
    assert order.number in text and "Hardwood Direct" in text
    assert "Oak board 25 mm 3 m2 £84.10 £252.30" in text  # 3 × 84.10
    assert main(["print", "purchase-order", "PO-1999-0001", "-o", str(out), "--db", url]) == 1
    assert "There is no purchase order PO-1999-0001." in capsys.readouterr().err
