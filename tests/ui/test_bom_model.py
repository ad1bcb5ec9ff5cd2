"""The bill of materials' table model: its stock figures shown as "…" while they are worked out,
then filled in place (dataChanged over the stock columns under each parent, no reset), each cell's
answers made once. Figures by hand."""

from __future__ import annotations

from decimal import Decimal as D

from PySide6.QtCore import QModelIndex, Qt

from workshop.services.bom import BomNode
from workshop.services.stock_needs import MaterialNeed
from workshop.ui.models.bom_model import BomModel

# a carcass (sub-assembly) holding 2 × 3 m² of oak, a free-text line, and 12 hinges at the top
NODES = (
    BomNode(1, None, 0, 1, True, None, "", "Carcass", D(1), "ea", D(0), D(2), D("150.00")),
    BomNode(2, 1, 1, 1, False, 7, "OAK-18", "Oak 18 mm", D(3), "m2", D("25.00"), D(6), D("150.00")),
    BomNode(3, 1, 1, 2, False, None, "", "Glue", D(1), "ea", D("4.00"), D(2), D("8.00")),
    BomNode(4, None, 0, 2, False, 9, "HNG-35", "Hinge 35 mm", D(12), "ea", D("1.50"), D(24), D("36.00")),
)
# oak: 6 needed, none issued, 4 on the shelf, nothing on order or elsewhere: 2 missing; hinges: all there
NEEDS = {7: MaterialNeed(7, "OAK-18", "m2", D(6), D(0), D(4), missing=D(2)),
         9: MaterialNeed(9, "HNG-35", "ea", D(24), D(0), D(100))}


def _cell(model, parent_row, row, col, role=Qt.ItemDataRole.DisplayRole):
    parent = QModelIndex() if parent_row is None else model.index(parent_row, 0)
    return model.index(row, col, parent).data(role)


def test_the_stock_figures_show_working_then_fill_in_place(qtbot, qtmodeltester):
    model = BomModel()
    model.set_nodes(NODES, working=True)
    qtmodeltester.check(model)
    assert model.working
    # the oak (inside the carcass) and the hinges show "…"; the carcass and the glue have no stock figures
    assert [_cell(model, 0, 0, c) for c in BomModel.STOCK_COLUMNS] == ["…"] * 4
    assert [_cell(model, None, 1, c) for c in BomModel.STOCK_COLUMNS] == ["…"] * 4
    assert [_cell(model, None, 0, c) for c in BomModel.STOCK_COLUMNS] == [""] * 4
    assert [_cell(model, 0, 1, c) for c in BomModel.STOCK_COLUMNS] == [""] * 4
    assert _cell(model, 0, 0, BomModel.MISSING, Qt.ItemDataRole.ToolTipRole) == "Working out where stock stands…"
    assert _cell(model, 0, 0, BomModel.COST) == "150.00"  # the rest shows at once

    changed, reset = [], []
    model.dataChanged.connect(lambda top, bottom, _roles: changed.append(
        (top.parent().row(), top.row(), top.column(), bottom.row(), bottom.column())))
    model.modelReset.connect(lambda: reset.append(True))
    model.set_needs(NEEDS)
    # under the top level rows 0-1 and under the carcass rows 0-1, In stock … Missing; no reset
    assert sorted(changed) == [(-1, 0, BomModel.IN_STOCK, 1, BomModel.MISSING),
                               (0, 0, BomModel.IN_STOCK, 1, BomModel.MISSING)]
    assert not reset and not model.working
    assert [_cell(model, 0, 0, c) for c in BomModel.STOCK_COLUMNS] == ["4", "0", "0", "2"]
    assert _cell(model, 0, 0, BomModel.MISSING, Qt.ItemDataRole.ForegroundRole) is not None  # in red
    assert [_cell(model, None, 1, c) for c in BomModel.STOCK_COLUMNS] == ["100", "0", "0", ""]
    assert _cell(model, None, 1, BomModel.MISSING, Qt.ItemDataRole.ForegroundRole) is None
    assert _cell(model, 0, 0, BomModel.MISSING, Qt.ItemDataRole.ToolTipRole).endswith("missing: 2 m2 to order")
    qtmodeltester.check(model)


def test_each_answer_is_the_same_asked_again(qtbot):
    model = BomModel()
    model.set_nodes(NODES, needs=NEEDS)
    index = model.index(0, BomModel.DESCRIPTION)
    assert index.data() == "Carcass" and index.data() == "Carcass"
    assert index.data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, BomModel.TOTAL_QTY).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.index(1, BomModel.TOTAL_QTY).data() == "24"
    # another bill: nothing of the first one's answers is left
    model.set_nodes(NODES[3:], needs={})
    assert model.index(0, BomModel.DESCRIPTION).data() == "Hinge 35 mm"
    assert model.index(0, BomModel.IN_STOCK).data() == ""
    assert not model.index(1, 0).isValid()
