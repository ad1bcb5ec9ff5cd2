"""A closed (or cancelled) job looks read-only: its fields and buttons are disabled before anyone
types, instead of a save being refused afterwards.

``set_read_only(root, True)`` disables every editing widget under ``root`` (fields, buttons,
check boxes) and stops double-clicks and drags in its lists from opening editors. It stays so
while read-only, whatever the page enables later (a selection enabling Edit…): a guard puts the
widget back. Lists, tabs and scroll bars keep working, so everything can still be read, and a
few buttons that only show or print (and aftercare, which comes after a job is closed) stay usable.
``set_read_only(root, False)`` gives each widget back the state its page last asked for.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit,
                               QPlainTextEdit, QScrollBar, QTabBar, QTextEdit, QWidget)

EDITING = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox, QPlainTextEdit, QTextEdit)

#: Buttons that only show or print, and aftercare (warranty tickets, feedback, a chargeable ticket's
#: invoice): usable on a closed job. An invoice opened from a closed job is still paid or credited.
STAYS_USABLE = frozenset({"costRefresh", "printCostSheet", "deliveryNote", "certificateButton", "printTrace",
                          "openTicket", "editTicket", "setTicketStatus", "feedbackRating", "feedbackComments",
                          "saveFeedback", "openJobInvoice", "invoiceTicket"})


def _inside(widget: QWidget, root: QWidget, kinds: tuple) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, kinds):
            return True
        parent = parent.parentWidget()
    return False


def editing_widgets(root: QWidget) -> list[QWidget]:
    """The fields and buttons under ``root`` a person edits with (not those inside lists and tab bars)."""
    return [w for w in root.findChildren(QWidget)
            if isinstance(w, EDITING) and w.objectName() not in STAYS_USABLE
            and not _inside(w, root, (QTabBar, QAbstractItemView, QScrollBar, QComboBox, QAbstractSpinBox))
            and not isinstance(w.parentWidget(), (QTabBar, QScrollBar))]


class _Guard(QObject):
    def __init__(self, root: QWidget) -> None:
        super().__init__(root)
        self.setObjectName("readOnlyGuard")
        self.root = root
        self.active = False
        self.wanted: dict[QWidget, bool] = {}  # the enabled state each page last asked for
        self.views: dict[QAbstractItemView, QAbstractItemView.DragDropMode] = {}

    def freeze(self) -> None:
        self.active = True
        for w in editing_widgets(self.root):
            if w not in self.wanted:
                self.wanted[w] = not w.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled)
                w.installEventFilter(self)
                w.destroyed.connect(lambda _o=None, w=w: self.wanted.pop(w, None))
            w.setEnabled(False)
        for view in self.root.findChildren(QAbstractItemView):
            if view not in self.views:
                self.views[view] = view.dragDropMode()
                view.viewport().installEventFilter(self)
                view.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)

    def thaw(self) -> None:
        self.active = False
        for w, enabled in self.wanted.items():
            w.removeEventFilter(self)
            w.setEnabled(enabled)
        for view, mode in self.views.items():
            view.viewport().removeEventFilter(self)
            view.setDragDropMode(mode)
        self.wanted.clear()
        self.views.clear()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if not self.active:
            return False
        if event.type() == QEvent.Type.MouseButtonDblClick:
            return True  # no editor opens from a read-only list
        if (event.type() == QEvent.Type.EnabledChange and obj in self.wanted
                and not obj.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled)):
            self.wanted[obj] = True  # the page wants it usable once the job is editable again
            obj.setEnabled(False)
        return False


def set_read_only(root: QWidget, read_only: bool) -> None:
    guard = root.findChild(_Guard, "readOnlyGuard", Qt.FindChildOption.FindDirectChildrenOnly)
    if guard is None:
        if not read_only:
            return
        guard = _Guard(root)
    if read_only:
        guard.freeze()
    elif guard.active:
        guard.thaw()


def is_read_only(root: QWidget) -> bool:
    guard = root.findChild(_Guard, "readOnlyGuard", Qt.FindChildOption.FindDirectChildrenOnly)
    return guard is not None and guard.active
