"""Correct a signed result: a new entry with a reason, the old one kept on record."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...domain import quality as q
from ...services import inspection
from ...services.inspection_state import CheckView, ResultView
from ..context import AppContext
from ..dates import date_time_text
from ..widgets.inspection_inputs import InspectorCombo, live_verdict
from .form_dialog import FormDialog
from .record_editor import Field


class CorrectionDialog(FormDialog):
    def __init__(self, ctx: AppContext, check: CheckView, result: ResultView,
                 parent: QWidget | None = None) -> None:
        self.ctx = ctx
        self.check = check
        self.old = result
        measured = check.check_type == q.CheckType.MEASURED
        fields = [Field("reason", "Why correct it", "long")]
        if measured:
            fields.append(Field("readings", "Correct readings", placeholder="e.g. 25.02, 25.05"))
        else:
            fields.append(Field("result", "Correct result", "choice",
                                choices=lambda: [("Pass", "pass"), ("Fail", "fail")]))
        fields += [Field("inspector", "Inspector", "custom", make=lambda: _Inspector(ctx)),
                   Field("notes", "Notes", "long")]
        was = result.readings_text or result.result.upper()
        super().__init__(f"Correct result — {check.characteristic}", fields, self._save, parent=parent,
                         object_name="correctionDialog", ok_text="Sign correction",
                         values=dict(readings=q.readings_text(result.readings, check.unit, ctx.locale),
                                     result=result.result, inspector=result.inspector, notes=result.notes),
                         intro=f"Signed {date_time_text(result.recorded_at)} by {result.inspector}: "
                               f"{was}. That entry stays on record; the correction takes its place.")
        if measured:
            self.form.widgets["readings"].textChanged.connect(self._verdict)
            self._verdict()

    def _verdict(self) -> None:
        text, _result = live_verdict(self.check, self.form.widgets["readings"].text(), self.ctx.locale)
        self.form.widgets["readings"].setToolTip(text)
        self.form.widgets["readings"].setStatusTip(text)

    def _save(self, values: dict, show_error):
        inspector = values.pop("inspector")
        return self.ctx.call(self, inspection.correct_result, self.old.id, **values, **inspector,
                             on_invalid=show_error)


class _Inspector(InspectorCombo):
    from PySide6.QtCore import Signal as _Signal

    changed = _Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.editTextChanged.connect(lambda _t: self.changed.emit())

    def value(self) -> dict:
        return self.values()

    def set_value(self, value) -> None:
        self.setEditText(value or "" if isinstance(value, str) else "")
