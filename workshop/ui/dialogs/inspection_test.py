"""Record a finished-goods test (load test, electrical test, finish adhesion …): a measured
value against its limits, or pass/fail. A failure raises a non-conformance report."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...services import finished_tests
from ..context import AppContext
from ..widgets.inspection_inputs import InspectorCombo
from .form_dialog import FormDialog
from .record_editor import Field

MEASURED = ("nominal", "lower_tolerance", "upper_tolerance", "unit", "value")


class _Tester(InspectorCombo):
    from PySide6.QtCore import Signal as _Signal

    changed = _Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.lineEdit().setPlaceholderText("Who tested? Pick or type a name")
        self.editTextChanged.connect(lambda _t: self.changed.emit())

    def value(self) -> dict:
        return self.values("tester")

    def set_value(self, value) -> None:
        self.setEditText(value if isinstance(value, str) else "")


class FinishedTestDialog(FormDialog):
    def __init__(self, ctx: AppContext, job_id: int, parent: QWidget | None = None, tester: str = "") -> None:
        self.ctx = ctx
        self.job_id = job_id
        fields = [
            Field("name", "Test", placeholder="e.g. Shelf load test"),
            Field("method", "Method", placeholder="e.g. 50 kg for 24 h"),
            Field("test_type", "Type", "choice", choices=lambda: [("Measured value", "measured"),
                                                                  ("Pass/fail", "pass_fail")]),
            Field("nominal", "Nominal", "number"),
            Field("lower_tolerance", "Lower tolerance", "number", placeholder="e.g. -0.5"),
            Field("upper_tolerance", "Upper tolerance", "number", placeholder="e.g. +0.5"),
            Field("unit", "Unit", width=100),
            Field("value", "Measured value", "number"),
            Field("result", "Result", "choice", choices=lambda: [("Pass", "pass"), ("Fail", "fail")]),
            Field("tester", "Tester", "custom", make=lambda: _Tester(ctx)),
            Field("notes", "Notes", "long"),
        ]
        super().__init__("Record a finished-goods test", fields, self._save, parent=parent,
                         object_name="finishedTestDialog", ok_text="Sign test",
                         values=dict(test_type="measured", tester=tester))
        self.widget("test_type").currentIndexChanged.connect(self._type_changed)
        self._type_changed()

    def _type_changed(self) -> None:
        measured = self.widget("test_type").currentData() == "measured"
        for name in MEASURED:
            self.set_row_visible(name, measured)
        self.set_row_visible("result", not measured)

    def _save(self, values: dict, show_error):
        tester = values.pop("tester")
        if values["test_type"] == "measured":
            values["result"] = None
        else:
            for name in MEASURED:
                values[name] = None if name != "unit" else ""
        return self.ctx.call(self, finished_tests.record_finished_test, self.job_id, **values, **tester,
                             on_invalid=show_error)
