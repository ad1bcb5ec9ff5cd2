"""Record a result for one check: the check's specification, readings with the verdict worked
out live from the tolerance, inspector, notes and photos; below, every result already signed
for the check, with "Correct…" (a signed result is never edited: a correction is a new entry
with a reason)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton, QRadioButton,
                               QTableView, QVBoxLayout, QWidget)

from ...domain import quality as q
from ...domain.errors import ValidationError
from ...domain.locale_text import DEFAULT_LOCALE
from ...services import inspection
from ...services.inspection_state import CheckDetail, CheckView, ResultView
from ...services.workstations import OperatorView
from .. import theme
from ..context import AppContext
from ..file_dialogs import start_in
from ..models.quality_models import FAIL_COLOUR, PASS_COLOUR, ResultsModel, check_type_label
from .field_errors import FieldErrors, general_error_label
from .inspection_inputs import InspectorCombo, live_verdict, readings_example


def choose_photos(parent: QWidget) -> list[str]:
    """Ask for photo files (tests replace this)."""
    files, _filter = QFileDialog.getOpenFileNames(parent, "Add photos", start_in(),
                                                  "Images (*.png *.jpg *.jpeg *.heic *.webp);;All files (*)")
    return files


def spec_text(check: CheckView, locale: str = DEFAULT_LOCALE) -> str:
    if check.check_type != q.CheckType.MEASURED:
        return f"{check_type_label(check.check_type)} check — no readings; choose pass or fail."
    unit = f" {check.unit}" if check.unit else ""
    return (f"{q.fmt(check.nominal, locale=locale)}{unit}  {check.tolerance_text}   →   accepts "
            f"{q.fmt(check.lower_limit, locale=locale)} to {q.fmt(check.upper_limit, locale=locale)}{unit}")


class InspectionRecordPanel(QWidget):
    #: a result was signed (ResultView)
    recorded = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 operators: Iterable[OperatorView] | None = None) -> None:
        """``operators``: the inspectors to offer, already read (None: the picker reads them)."""
        super().__init__(parent)
        self.ctx = ctx
        self.check: CheckView | None = None
        self.photo_paths: list[str] = []
        self.dialog = None

        self.heading = QLabel(objectName="checkHeading", wordWrap=True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.where = QLabel(objectName="checkWhere", wordWrap=True)
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setStyleSheet(f"color: {theme.TEXT_SOFT};")
        self.method = QLabel(objectName="checkMethod", wordWrap=True)
        self.method.setTextFormat(Qt.TextFormat.PlainText)
        self.spec = QLabel(objectName="checkSpec", wordWrap=True)
        self.spec.setTextFormat(Qt.TextFormat.PlainText)
        self.spec.setStyleSheet("font-weight: bold;")
        self.state = QLabel(objectName="checkState")
        spec_form = QFormLayout()
        spec_form.addRow("Method", self.method)
        spec_form.addRow("Specification", self.spec)
        spec_form.addRow("Now", self.state)

        self.readings = QLineEdit(objectName="readingsEdit")
        self.verdict = QLabel(objectName="verdictLabel", wordWrap=True)
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.pass_button = QRadioButton("Pass", objectName="resultPass")
        self.fail_button = QRadioButton("Fail", objectName="resultFail")
        result_row = QWidget(objectName="resultChoice")
        result_layout = QHBoxLayout(result_row)
        result_layout.setContentsMargins(0, 0, 0, 0)
        result_layout.addWidget(self.pass_button)
        result_layout.addWidget(self.fail_button)
        result_layout.addStretch(1)
        self.inspector = InspectorCombo(ctx, operators=operators)
        self.inspector.setObjectName("inspectorCombo")
        self.notes = QPlainTextEdit(objectName="resultNotes", tabChangesFocus=True)
        self.notes.setPlaceholderText("What you saw, where it was measured …")
        self.notes.setFixedHeight(56)
        self.photos = QListWidget(objectName="photoList")
        self.photos.setFixedHeight(30)
        self.photos.setFlow(QListWidget.Flow.LeftToRight)
        self.add_photo = QPushButton("Add photos…", objectName="addPhotos")
        self.remove_photo = QPushButton("Remove", objectName="removePhoto")
        photo_row = QWidget()
        photo_layout = QHBoxLayout(photo_row)
        photo_layout.setContentsMargins(0, 0, 0, 0)
        photo_layout.addWidget(self.photos, 1)
        photo_layout.addWidget(self.add_photo)
        photo_layout.addWidget(self.remove_photo)

        self.form = QFormLayout()
        self.form.addRow("Readings", self.readings)
        self.form.addRow("", self.verdict)
        self.form.addRow("Result", result_row)
        self.form.addRow("Inspector", self.inspector)
        self.form.addRow("Notes", self.notes)
        self.form.addRow("Photos", photo_row)
        self.general_error = general_error_label()
        self.form.addRow(self.general_error)
        self.errors = FieldErrors(self.form, fallback=self.general_error)
        for field, widget in (("readings", self.readings), ("result", result_row), ("inspector", self.inspector),
                              ("notes", self.notes), ("photos", photo_row)):
            self.errors.register(field, widget)
        self.errors.clear()
        self.save_button = QPushButton("Sign result", objectName="signResult")
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Save this result with the inspector's name and the time. "
                                    "A signed result is never edited; correct it later if needed.")
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        record_box = QGroupBox("Record a result", objectName="recordBox")
        record_layout = QVBoxLayout(record_box)
        record_layout.addLayout(self.form)
        record_layout.addLayout(save_row)

        self.results_model = ResultsModel(self, with_check=False)
        self.results = QTableView(objectName="resultsTable")
        self.results.setModel(self.results_model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.verticalHeader().hide()
        self.results.setWordWrap(False)
        self.results.horizontalHeader().setStretchLastSection(True)
        self.results.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.results.setMinimumHeight(90)
        self.correct_button = QPushButton("Correct…", objectName="correctResult")
        self.correct_button.setToolTip("Signed results are never changed: a correction is a new entry with a reason.")
        history_box = QGroupBox("Results signed for this check", objectName="historyBox")
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.results)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.correct_button)
        history_layout.addLayout(row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.where)
        layout.addLayout(spec_form)
        layout.addWidget(record_box)
        layout.addWidget(history_box, 1)

        self.readings.textChanged.connect(self._update_verdict)
        self.readings.returnPressed.connect(self.save)
        self.add_photo.clicked.connect(self._add_photos)
        self.remove_photo.clicked.connect(self._remove_photo)
        self.save_button.clicked.connect(self.save)
        self.correct_button.clicked.connect(self.correct)
        self.results.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.set_check(None)

    # --- showing a check ---------------------------------------------------------------------
    def set_check(self, check: CheckView | None, *, keep_inspector: bool = True) -> None:
        """Show ``check`` and read the results signed for it."""
        results = inspection.list_results(self.ctx.db, check_id=check.id) if check is not None else ()
        self._show(check, results, keep_inspector)

    def show_detail(self, detail: CheckDetail | None, *, keep_inspector: bool = True) -> None:
        """Show a check with its results, already read (``inspection.check_detail``)."""
        self._show(detail.check if detail is not None else None, detail.results if detail is not None else (),
                   keep_inspector)

    def _show(self, check: CheckView | None, results: Sequence[ResultView], keep_inspector: bool) -> None:
        self.check = check
        self.errors.clear()
        self.readings.clear()
        self.notes.clear()
        self.photo_paths = []
        self.photos.clear()
        for b in (self.pass_button, self.fail_button):
            b.setAutoExclusive(False)
            b.setChecked(False)
            b.setAutoExclusive(True)
        if not keep_inspector:
            self.inspector.setEditText("")
        if check is None:
            self.heading.setText("No check chosen")
            self.where.setText("Choose an inspection from the list.")
            self.method.clear()
            self.spec.clear()
            self.state.clear()
            self.results_model.set_rows([])
            self.setEnabled(True)
            for w in (self.readings, self.pass_button, self.fail_button, self.inspector, self.notes,
                      self.add_photo, self.save_button):
                w.setEnabled(False)
            self._update_buttons()
            return
        for w in (self.readings, self.pass_button, self.fail_button, self.inspector, self.notes, self.add_photo,
                  self.save_button):
            w.setEnabled(True)
        self.heading.setText(check.characteristic)
        self.where.setText(f"at {check.where}" + ("" if check.required else "  ·  optional"))
        self.method.setText(check.method or "—")
        self.spec.setText(spec_text(check, self.ctx.locale))
        self.readings.setPlaceholderText(readings_example(check, self.ctx.locale))
        state = {"due": ("Not inspected yet", theme.DUE), "pass": ("Passed", PASS_COLOUR.name()),
                 "fail": ("FAILED — inspect again after the rework", FAIL_COLOUR.name()),
                 "concession": ("Accepted by concession", PASS_COLOUR.name())}[check.state]
        self.state.setText(state[0])
        self.state.setStyleSheet(f"color: {state[1]}; font-weight: bold;")
        measured = check.check_type == q.CheckType.MEASURED
        self.form.setRowVisible(self.readings, measured)
        self.form.setRowVisible(self.verdict, measured)
        self.form.setRowVisible(self.pass_button.parentWidget(), not measured)
        self.results_model.set_rows(list(results))
        self._update_verdict()
        self._update_buttons()

    def reload_check(self) -> None:
        """Read the check shown and its results again (one read)."""
        if self.check is not None:
            self.show_detail(self.ctx.call(self, inspection.check_detail, self.check.id, with_job=False).value)

    def _update_verdict(self) -> None:
        if self.check is None or self.check.check_type != q.CheckType.MEASURED:
            self.verdict.clear()
            return
        text, result = live_verdict(self.check, self.readings.text(), self.ctx.locale)
        self.verdict.setText(text)
        colour = {"pass": PASS_COLOUR.name(), "fail": FAIL_COLOUR.name()}.get(result or "", theme.HINT)
        self.verdict.setStyleSheet(f"color: {colour};" + (" font-weight: bold;" if result else ""))

    def _update_buttons(self) -> None:
        r = self.selected_result()
        self.correct_button.setEnabled(r is not None and r.superseded_by is None)
        self.remove_photo.setEnabled(bool(self.photo_paths))

    def selected_result(self):
        rows = self.results.selectionModel().selectedRows()
        return self.results_model.row_at(rows[0].row()) if rows else None

    # --- photos ------------------------------------------------------------------------------
    def _add_photos(self) -> None:
        for path in choose_photos(self):
            if path not in self.photo_paths:
                self.photo_paths.append(path)
                self.photos.addItem(Path(path).name)
        self._update_buttons()

    def _remove_photo(self) -> None:
        row = self.photos.currentRow()
        if row < 0:
            row = len(self.photo_paths) - 1
        if 0 <= row < len(self.photo_paths):
            self.photo_paths.pop(row)
            self.photos.takeItem(row)
        self._update_buttons()

    def _photo_data(self) -> list[tuple[str, bytes]] | None:
        data = []
        for path in self.photo_paths:
            try:
                data.append((Path(path).name, Path(path).read_bytes()))
            except OSError as exc:
                self.errors.show(ValidationError("photos", f"{Path(path).name} could not be read: {exc.strerror}."))
                return None
        return data

    # --- saving ------------------------------------------------------------------------------
    def form_values(self) -> dict:
        values = dict(notes=self.notes.toPlainText(), **self.inspector.values())
        if self.check.check_type == q.CheckType.MEASURED:
            values["readings"] = self.readings.text()
        else:
            values["result"] = "pass" if self.pass_button.isChecked() else "fail" if self.fail_button.isChecked() \
                else None
        return values

    def save(self) -> bool:
        if self.check is None:
            return False
        self.errors.clear()
        photos = self._photo_data()
        if photos is None:
            return False
        saved = self.ctx.call(self, inspection.record_result, self.check.id, **self.form_values(), photos=photos,
                              on_invalid=self.errors.show)
        if not saved.ok:
            return False
        self.reload_check()
        self.recorded.emit(saved.value)
        return True

    def has_unsaved_changes(self) -> bool:
        return self.check is not None and bool(self.readings.text().strip() or self.notes.toPlainText().strip()
                                               or self.photo_paths or self.pass_button.isChecked()
                                               or self.fail_button.isChecked())

    def correct(self) -> None:
        from ..dialogs.inspection_correct import CorrectionDialog

        r = self.selected_result()
        if r is None or self.check is None:
            return
        self.dialog = CorrectionDialog(self.ctx, self.check, r, self)
        self.dialog.accepted.connect(lambda: (self.reload_check(), self.recorded.emit(self.dialog.result_value)))
        self.dialog.open()
