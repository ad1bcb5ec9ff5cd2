"""Decide what to do about a non-conformance (cause and disposition), verify it, or raise one
by hand. Each saves through one service call; bad input shows next to its field."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...domain import quality as q
from ...services import materials, nonconformance as ncrs, workstations
from ..context import AppContext
from .form_dialog import FormDialog
from .record_editor import Field

ROWS = {
    "rework": ("rework_minutes", "rework_workstation_id"),
    "scrap": ("scrap_material_id", "scrap_quantity", "scrap_description", "scrap_unit_cost"),
    "use_as_is": ("concession_reference",),
    "return_to_supplier": (),
}


class DispositionDialog(FormDialog):
    def __init__(self, ctx: AppContext, ncr: ncrs.NcrView, parent: QWidget | None = None) -> None:
        self.ctx = ctx
        self.ncr = ncr
        stations = [("Same as the failed operation", None)] + [(w.label, w.id)
                                                                for w in workstations.list_workstations(ctx.db)]
        stock = [("Not from stock: describe it below", None)] + [(f"{m.code} — {m.name} ({m.unit})", m.id)
                                                                 for m in materials.list_materials(ctx.db)]
        fields = [
            Field("cause", "Cause", "long"),
            Field("disposition", "Disposition", "choice", choices=lambda: [(d.label, d.value) for d in q.Disposition]),
            Field("rework_minutes", "Rework time", "number", placeholder="e.g. 30, 1h20 or 1:20"),
            Field("rework_workstation_id", "Rework at", "choice", choices=lambda: stations),
            Field("scrap_material_id", "Material lost", "choice", choices=lambda: stock),
            Field("scrap_quantity", "Quantity lost", "number"),
            Field("scrap_description", "Description", placeholder="only when not from stock"),
            Field("scrap_unit_cost", "Unit cost", "number", placeholder="only when not from stock"),
            Field("concession_reference", "Customer's concession ref.", placeholder="e.g. email of 12 Nov from R. Harrow"),
            Field("note", "Instructions / note", "long"),
        ]
        super().__init__(f"Disposition — {ncr.number}", fields, self._save, parent=parent,
                         object_name="dispositionDialog", ok_text="Save disposition", locale=ctx.locale,
                         values=dict(cause=ncr.cause, disposition="rework"),
                         intro=f"{ncr.description}\n\nRework adds an operation to the routing after the failed one; "
                               "its time counts on the job. The check must pass again before the report is verified.")
        self.widget("disposition").currentIndexChanged.connect(self._disposition_changed)
        self._disposition_changed()

    def _disposition_changed(self) -> None:
        chosen = self.widget("disposition").currentData()
        for disposition, names in ROWS.items():
            for name in names:
                self.set_row_visible(name, disposition == chosen)

    def _save(self, values: dict, show_error):
        chosen = values["disposition"]
        for disposition, names in ROWS.items():
            if disposition != chosen:
                for name in names:
                    values.pop(name)
        return self.ctx.call(self, ncrs.disposition, self.ncr.id, **values, on_invalid=show_error)


class VerifyDialog(FormDialog):
    def __init__(self, ctx: AppContext, ncr: ncrs.NcrView, parent: QWidget | None = None,
                 verifier: str = "") -> None:
        self.ctx = ctx
        self.ncr = ncr
        super().__init__(f"Verify — {ncr.number}", [Field("verified_by", "Verified by"),
                                                     Field("note", "What was checked", "long")],
                         self._save, parent=parent, object_name="verifyDialog", ok_text="Verify",
                         values=dict(verified_by=verifier),
                         intro="Confirm the disposition worked. Except for a concession, the failed check must "
                               "have passed again since the report was raised.")

    def _save(self, values: dict, show_error):
        return self.ctx.call(self, ncrs.verify, self.ncr.id, **values, on_invalid=show_error)


class RaiseNcrDialog(FormDialog):
    def __init__(self, ctx: AppContext, job_id: int, parent: QWidget | None = None) -> None:
        self.ctx = ctx
        self.job_id = job_id
        super().__init__("Raise a non-conformance", [Field("description", "What is wrong", "long"),
                                                      Field("cause", "Cause (if known)", "long"),
                                                      Field("raised_by", "Raised by")],
                         self._save, parent=parent, object_name="raiseNcrDialog", ok_text="Raise report",
                         intro="A failed check raises its report by itself; raise one here for anything else "
                               "found wrong (a dent while wrapping, a wrong part from a supplier …).")

    def _save(self, values: dict, show_error):
        return self.ctx.call(self, ncrs.raise_ncr, self.job_id, **values, on_invalid=show_error)
