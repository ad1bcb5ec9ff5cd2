"""Choose where a bill of materials line goes: the top level or a sub-assembly."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ..plain_text import plain_label
from ..widgets.sizing import fit_to_screen


class MoveIntoDialog(QDialog):
    def __init__(self, item_name: str, targets: list[tuple[int | None, str]], current: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bomMoveDialog")
        self.setWindowTitle("Move into…")
        self.list = QListWidget(objectName="bomMoveTargets")
        for target_id, label in targets:
            item = QListWidgetItem(label)
            item.setData(256, target_id)
            self.list.addItem(item)
            if target_id == current:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(f"Move “{item_name}” into:"))
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 360, 300)

    def choose(self, label: str) -> None:
        """Select the target whose label is ``label`` (for keyboard users and tests)."""
        for row in range(self.list.count()):
            if self.list.item(row).text() == label:
                self.list.setCurrentRow(row)
                return
        raise KeyError(label)

    def target(self) -> int | None:
        item = self.list.currentItem()
        return item.data(256) if item is not None else None
