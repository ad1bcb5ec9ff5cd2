"""Two materials below their reorder level, one with a preferred supplier and a name a spreadsheet
would take for a formula, for the reorder list's CSV, PDF and command tests."""

from __future__ import annotations

from support.stock_rows import add_supplier, prefer
from workshop.services import materials


def below_reorder(db):
    # glue: 1 l on hand, level 6: 6 − 1 = 5 l to order, no supplier: at its cost 8.75 → 43.75
    materials.create_material(db, code="GLUE-1", name='=HYPERLINK("x") glue', unit="l", unit_cost="8.75",
                              stock_on_hand="1", reorder_level="6")
    # pins: 3.5 on hand, level 10: 6.5 → 7 whole pins at Dowel & Co's 0.04 → 0.28
    pins = materials.create_material(db, code="PIN-8", name="Dowel pin 8 mm", unit="ea", unit_cost="0.05",
                                     stock_on_hand="3.5", reorder_level="10")
    prefer(db, pins.id, (add_supplier(db, "Dowel & Co"), "DC-8", "0.04"))
