"""Choose where a bill of materials line goes: the top level or a sub-assembly."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from ..models.roles import ItemRole
from .form_dialog import SimpleDialog


class MoveIntoDialog(SimpleDialog):
    def __init__(self, item_name: str, targets: list[tuple[int | None, str]], current: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Move into…", object_name="bomMoveDialog", parent=parent,
                         intro=f"Move “{item_name}” into:")
        self.list = QListWidget(objectName="bomMoveTargets")
        for target_id, label in targets:
            item = QListWidgetItem(label)
            item.setData(ItemRole, target_id)
            self.list.addItem(item)
            if target_id == current:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        self.body.addWidget(self.list)
        self.finish(360, 300, guard=None)  # a choice, no typing

    def choose(self, label: str) -> None:
        """Select the target whose label is ``label`` (for keyboard users and tests)."""
        for row in range(self.list.count()):
            if self.list.item(row).text() == label:
                self.list.setCurrentRow(row)
                return
        raise KeyError(label)

    def target(self) -> int | None:
        item = self.list.currentItem()
        return item.data(ItemRole) if item is not None else None
