"""Add or edit a check on a job's operation or in its final inspection: the characteristic,
how it is checked, its type and, for a measured check, the nominal, tolerance and unit."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...domain import quality as q
from ...services import inspection, routing
from ...services.inspection_state import CheckView
from ..context import AppContext
from .form_dialog import FormDialog
from .record_editor import Field

FINAL = "final"
MEASURED_ONLY = ("nominal", "lower_tolerance", "upper_tolerance", "unit")


def check_fields(ctx: AppContext, job_id: int) -> list[Field]:
    ops = routing.list_operations(ctx.db, job_id)
    where = [(f"{op.op_number:03d} {op.name}", op.id) for op in ops]
    where.append(("Final inspection (after all operations)", FINAL))
    return [
        Field("operation_id", "Where", "choice", choices=lambda: where),
        Field("characteristic", "What is checked", placeholder="e.g. Overall width"),
        Field("method", "Method or instrument", placeholder="e.g. Steel rule, vernier caliper"),
        Field("check_type", "Type", "choice", choices=lambda: [(t.label, t.value) for t in q.CheckType]),
        Field("nominal", "Nominal", "number", placeholder="e.g. 25"),
        Field("lower_tolerance", "Lower tolerance", "number", placeholder="e.g. -0.1"),
        Field("upper_tolerance", "Upper tolerance", "number", placeholder="e.g. +0.1"),
        Field("unit", "Unit", width=100, placeholder="mm"),
        Field("required", "Required before the job can be completed", "bool"),
    ]


class CheckDialog(FormDialog):
    def __init__(self, ctx: AppContext, job_id: int, check: CheckView | None = None,
                 operation_id: int | None = None, parent: QWidget | None = None) -> None:
        self.ctx = ctx
        self.job_id = job_id
        self.check = check
        if check is None:
            values = dict(operation_id=operation_id or FINAL, check_type="measured", required=True)
        else:
            values = {name: getattr(check, name) for name in inspection.CHECK_FIELDS}
            values["operation_id"] = check.operation_id or FINAL
            for name in MEASURED_ONLY[:3]:
                value = values[name]
                values[name] = "" if value is None else q.fmt(value, signed=name != "nominal", locale=ctx.locale)
        super().__init__("Edit check" if check else "Add check", check_fields(ctx, job_id), self._save,
                         values=values, parent=parent, object_name="checkDialog",
                         intro="Tolerances are deviations from the nominal: 25 with −0.1 / +0.1 accepts "
                               "24.9 to 25.1. A reading exactly on a limit passes.")
        if check is not None:
            self.widget("operation_id").setEnabled(False)
        self.widget("check_type").currentIndexChanged.connect(self._type_changed)
        self._type_changed()

    def _type_changed(self) -> None:
        measured = self.widget("check_type").currentData() == q.CheckType.MEASURED
        for name in MEASURED_ONLY:
            self.set_row_visible(name, measured)

    def _save(self, values: dict, show_error):
        where = values.pop("operation_id")
        if values["check_type"] != q.CheckType.MEASURED:
            for name in MEASURED_ONLY:
                values[name] = None if name != "unit" else ""
        if self.check is not None:
            return self.ctx.call(self, inspection.update_check, self.check.id, **values, on_invalid=show_error)
        place = dict(job_id=self.job_id) if where == FINAL else dict(operation_id=where)
        return self.ctx.call(self, inspection.add_check, **place, **values, on_invalid=show_error)
