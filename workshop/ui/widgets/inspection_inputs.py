"""What recording an inspection result and its correction (and a finished-goods test) share:
the readings example, the verdict worked out live from typed readings, and the inspector picker.
Its own module so the record panel and the correction dialog need not import each other."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from ...domain import quality as q
from ...domain.errors import ValidationError
from ...domain.locale_text import DEFAULT_LOCALE, decimal_sign
from ...services import workstations
from ...services.inspection_state import CheckView
from ...services.workstations import OperatorView
from ..context import AppContext


def readings_example(check: CheckView | None, locale: str = DEFAULT_LOCALE) -> str:
    """What the person might type for this check: readings near its nominal, in its unit, written
    as the shop writes figures (``2000,25; 2000,5`` where the decimal sign is a comma)."""
    between = "; " if decimal_sign(locale) == "," else ", "
    if check is None or check.nominal is None:
        return f"e.g. {q.fmt(Decimal('25.02'), locale=locale)}{between}{q.fmt(Decimal('25.05'), locale=locale)}"
    step = (check.upper_tolerance or check.nominal / 1000 or 1) / 2
    unit = f" {check.unit}" if check.unit else ""
    return f"e.g. {q.fmt(check.nominal, locale=locale)}{between}{q.fmt(check.nominal + step, locale=locale)}{unit}"


def live_verdict(check: CheckView, text: str, locale: str = DEFAULT_LOCALE) -> tuple[str, str | None]:
    """(message, "pass" | "fail" | None) for readings as typed, before anything is saved."""
    if not text.strip():
        return f"Type the readings, {readings_example(check, locale)}", None
    try:
        tol = q.Tolerance(check.nominal, check.lower_tolerance, check.upper_tolerance, check.unit)
        readings = q.parse_readings(text, check.unit, locale)
        outcome = q.evaluate(tol, readings)
    except ValidationError as exc:
        return exc.message, None
    unit = f" {check.unit}" if check.unit else ""
    limits = f"{q.fmt(tol.lower_limit, locale=locale)} to {q.fmt(tol.upper_limit, locale=locale)}{unit}"
    if outcome.passed:
        n = len(readings)
        return f"PASS — {'the reading is' if n == 1 else f'all {n} readings are'} within {limits}", "pass"
    bad = ", ".join(readings[i].text for i in outcome.out_of_tolerance)
    return f"FAIL — {bad} outside {limits}", "fail"


class InspectorCombo(QComboBox):
    """Pick an operator or type any name. ``operators``: the operators to offer, already read (the
    Inspection tab reads them once, off the GUI thread, and gives them with ``set_operators``);
    None: read them now."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 operators: Iterable[OperatorView] | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lineEdit().setPlaceholderText("Who inspected? Pick or type a name")
        self.ctx = ctx
        if operators is None:
            self.reload()
        else:
            self.set_operators(operators)

    def reload(self) -> None:
        self.set_operators(workstations.list_operators(self.ctx.db))

    def set_operators(self, operators: Iterable[OperatorView]) -> None:
        """Offer these operators, keeping what is typed."""
        text = self.currentText()
        self.blockSignals(True)
        self.clear()
        for op in operators:
            self.addItem(op.name, op.id)
        self.setCurrentIndex(-1)
        self.setEditText(text)
        self.blockSignals(False)

    def values(self, prefix: str = "inspector") -> dict:
        name = self.currentText().strip()
        index = self.findText(name, Qt.MatchFlag.MatchFixedString)
        return {prefix: name, f"{prefix}_id": self.itemData(index) if index >= 0 and name else None}
