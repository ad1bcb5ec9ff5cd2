"""Shows a service's ValidationError next to the widget for the field it names."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from ...domain.errors import ValidationError
from ..theme import ERROR_STYLE


def line_of_field(field: str, rows: int) -> tuple[int, str] | None:
    """The row and field a service's error names for a line of a table (``lines[2].unit_price`` →
    (2, "unit_price")); None when it names no line of the ``rows`` shown."""
    if not field.startswith("lines["):
        return None
    index, _, name = field[len("lines["):].partition("].")
    if not index.isdigit() or int(index) >= rows:
        return None
    return int(index), name


def general_error_label() -> QLabel:
    """The red line under a form for a message that names no field of it (hidden until used);
    pass it to ``FieldErrors`` as ``fallback``."""
    label = QLabel(objectName="error_general", wordWrap=True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


class FieldErrors:
    """Register ``field name -> widget`` pairs from a QFormLayout; ``show(error)`` puts the
    message in red under that widget and focuses it; ``clear()`` hides every message."""

    def __init__(self, form: QFormLayout, fallback: QLabel | None = None) -> None:
        self._form = form
        self._widgets: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}
        self._fallback = fallback

    def register(self, field: str, widget: QWidget) -> None:
        label = QLabel()
        label.setObjectName(f"error_{field}")
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        row, _role = self._form.getWidgetPosition(widget)
        self._form.insertRow(row + 1, "", label)
        self._widgets[field] = widget
        self._labels[field] = label

    def show(self, error: ValidationError) -> None:
        self.clear()
        label = self._labels.get(error.field)
        if label is None:
            label = self._fallback
        if label is None:
            from ..errors import show_error

            show_error(self._form.parentWidget(), error)
            return
        label.setText(error.message)
        label.show()
        _grow_to_fit(label.window())
        widget = self._widgets.get(error.field)
        if widget is not None:
            widget.setFocus()

    def clear(self) -> None:
        for label in self._labels.values():
            label.clear()
            label.hide()
        if self._fallback is not None:
            self._fallback.clear()
            self._fallback.hide()

    def message(self, field: str) -> str:
        label = self._labels.get(field)
        return label.text() if label is not None else ""


def _grow_to_fit(window: QWidget) -> None:
    """A message of two or three lines must not squeeze the rows under it: the form's window
    grows to its new size hint (never shrinks, so a size the user chose stays)."""
    layout = window.layout()
    if layout is not None:
        layout.activate()
    hint = window.sizeHint()
    if window.isWindow() and (hint.height() > window.height() or hint.width() > window.width()):
        window.resize(max(hint.width(), window.width()), max(hint.height(), window.height()))
