"""Briefs: what customers ask for, from the first call until it becomes a job (or is lost)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget

from ...domain.changes import Change
from ...domain.errors import EditConflict
from ...domain.statuses import BriefStatus, can_move_brief, can_reopen_brief
from ...services import briefs, quotes
from ...services.briefs import BriefDetail
from .. import theme
from ..context import AppContext, Outcome
from ..dates import date_text
from ..dialogs.edit_conflict import resolve_edit, save_from_version
from ..dialogs.reason import ask_reason
from ..dialogs.unsaved import Leave, ask_unsaved, revert_if_confirmed
from ..widgets.brief_attachments import BriefAttachments
from ..widgets.brief_form import FIELD_LABELS, BriefForm
from ..widgets.brief_list import BriefList
from ..widgets.quote_panel import QuotesPanel
from .base import WorkshopTab


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold; margin-top: 4px;")
    return label


class BriefsTab(WorkshopTab):
    tab_id = "briefs"
    title = "Briefs"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.brief: BriefDetail | None = None
        self.creating = False

        self.list = BriefList(ctx)
        self.list.can_leave = self.maybe_leave
        self.list.brief_chosen.connect(self.show_brief)
        self.list.reloaded.connect(self.status_changed)
        self.search = self.list.search

        self.heading = QLabel()
        self.heading.setObjectName("briefHeading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.status_badge = QLabel()
        self.status_badge.setObjectName("briefStatus")
        self.status_badge.setTextFormat(Qt.TextFormat.PlainText)
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("saveBriefButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("Revert")
        self.revert_button.setObjectName("revertBriefButton")
        self.revert_button.clicked.connect(
            lambda: revert_if_confirmed(self, "The brief", self.has_unsaved_changes(), self.revert))
        self.new_button = QPushButton("New brief")
        self.new_button.setObjectName("newBriefButton")
        self.new_button.clicked.connect(self.new_record)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.status_badge)
        top.addStretch(1)
        top.addWidget(self.new_button)

        self.form = BriefForm(ctx)
        self.form.dirty_changed.connect(lambda _d: self._update_actions())

        self.lost_button = QPushButton("Mark lost…")
        self.lost_button.setObjectName("lostButton")
        self.lost_button.clicked.connect(lambda: self.close_brief(BriefStatus.LOST))
        self.withdrawn_button = QPushButton("Withdrawn…")
        self.withdrawn_button.setObjectName("withdrawnButton")
        self.withdrawn_button.setToolTip("The customer withdrew the request")
        self.withdrawn_button.clicked.connect(lambda: self.close_brief(BriefStatus.WITHDRAWN))
        self.reopen_button = QPushButton("Reopen")
        self.reopen_button.setObjectName("reopenButton")
        self.reopen_button.clicked.connect(self.reopen)
        self.convert_button = QPushButton("Convert to job…")
        self.convert_button.setObjectName("convertButton")
        self.convert_button.clicked.connect(self.convert_to_job)
        self.convert_button.setStyleSheet("font-weight: bold;")
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.revert_button)
        actions.addSpacing(18)
        for b in (self.lost_button, self.withdrawn_button, self.reopen_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.convert_button)
        self.info = QLabel()
        self.info.setObjectName("briefInfo")
        self.info.setStyleSheet("color: palette(mid);")
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setWordWrap(True)

        form_page = QWidget()
        form_layout = QVBoxLayout(form_page)
        form_layout.setContentsMargins(0, 0, 6, 0)
        form_layout.addWidget(self.form, 1)

        self.attachments = BriefAttachments(ctx)
        files_page = QWidget()
        files_layout = QVBoxLayout(files_page)
        files_layout.setContentsMargins(0, 0, 6, 0)
        files_layout.addWidget(_heading("Drawings, photos and files"))
        files_layout.addWidget(self.attachments, 1)

        self.quotes = QuotesPanel(ctx)
        self.lower_tabs = QTabWidget(objectName="briefLowerTabs")
        self.lower_tabs.addTab(files_page, "Files")
        self.lower_tabs.addTab(self.quotes, "Quotes")

        self.detail_splitter = QSplitter(Qt.Orientation.Vertical)
        self.detail_splitter.setObjectName("briefDetailSplitter")
        self.detail_splitter.addWidget(form_page)
        self.detail_splitter.addWidget(self.lower_tabs)
        self.detail_splitter.setStretchFactor(0, 3)
        self.detail_splitter.setStretchFactor(1, 2)
        self.detail_splitter.setSizes([380, 260])
        self.detail_splitter.setChildrenCollapsible(False)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(6, 0, 0, 0)
        detail_layout.addLayout(top)
        detail_layout.addWidget(self.info)
        detail_layout.addLayout(actions)
        detail_layout.addWidget(self.detail_splitter, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("briefSplitter")
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([600, 660])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

        first = self.list.model.row_at(0)
        self.show_brief(first.id if first else None)
        if first:
            self.list.select_brief(first.id)

    # --- showing a brief ----------------------------------------------------------------------
    def show_brief(self, brief_id: int | None) -> None:
        self.creating = False
        self.brief = briefs.get_brief(self.ctx.db, brief_id) if brief_id is not None else None
        self.form.load(self.brief)
        self.attachments.set_brief(self.brief.id if self.brief else None, self.brief.attachments if self.brief else ())
        self.quotes.set_brief(self.brief)
        self._update_header()

    def open_record(self, kind: str, record_id: int) -> None:
        """Another tab asked for a quote (the Start page): its brief, whatever the list's search
        or filter, with the quote chosen on the Quotes page."""
        if kind != "quote" or not self.maybe_leave():
            return
        quote = self.ctx.call(self, quotes.get_quote, record_id).value
        if quote is None:
            return
        if not self.list.select_brief(quote.brief_id):
            self.list.search.blockSignals(True)
            self.list.search.clear()
            self.list.search.blockSignals(False)
            self.list.status_filter.blockSignals(True)
            self.list.status_filter.setCurrentIndex(1)  # all briefs
            self.list.status_filter.blockSignals(False)
            self.list.reload(keep_id=quote.brief_id)
        self.show_brief(quote.brief_id)
        self.lower_tabs.setCurrentWidget(self.quotes)
        self.quotes.reload(keep_id=quote.id)
        self.quotes.view.setFocus()

    def _update_header(self) -> None:
        b = self.brief
        if self.creating:
            self.heading.setText("New brief")
            self.status_badge.setText("")
            self.info.setText("Fill in what the customer asked for, then Save (Ctrl+S).")
        elif b is None:
            self.heading.setText("No brief chosen")
            self.status_badge.setText("")
            self.info.setText("Choose a brief on the left, or press New brief (Ctrl+N).")
        else:
            self.heading.setText(b.number)
            status = BriefStatus(b.status)
            self.status_badge.setText(status.label)
            colour = {"won": theme.GOOD, "lost": theme.MUTED, "withdrawn": theme.MUTED}.get(b.status, theme.PRICE)
            self.status_badge.setStyleSheet(f"color: white; background: {colour}; border-radius: 4px; "
                                            "padding: 2px 8px; font-weight: bold;")
            parts = [f"Received {date_text(b.created_at)}"]
            if b.status_reason:
                parts.append(f"{status.label}: {b.status_reason}")
            if b.job_numbers:
                parts.append("Job " + ", ".join(b.job_numbers))
            self.info.setText("   ·   ".join(parts))
        self.form.setEnabled(self.creating or b is not None)
        self._update_actions()

    def _update_actions(self) -> None:
        dirty = self.form.is_dirty()
        editing = self.creating or self.brief is not None
        self.save_button.setEnabled(editing and (dirty or self.creating))
        self.revert_button.setEnabled(editing and dirty)
        status = self.brief.status if self.brief and not self.creating else None
        self.lost_button.setEnabled(status is not None and can_move_brief(status, BriefStatus.LOST))
        self.withdrawn_button.setEnabled(status is not None and can_move_brief(status, BriefStatus.WITHDRAWN))
        self.reopen_button.setEnabled(status is not None and can_reopen_brief(status))
        self.convert_button.setEnabled(status is not None and can_move_brief(status, BriefStatus.WON))

    # --- the WorkshopTab contract -------------------------------------------------------------
    def new_record(self) -> None:
        if not self.maybe_leave():
            return
        self.list.clear_selection()
        self.brief = None
        self.creating = True
        self.form.load(None)
        self.attachments.set_brief(None, ())
        self.quotes.set_brief(None)
        self._update_header()
        self.form.customer.setFocus()

    def focus_search(self) -> None:
        self.list.search.setFocus()
        self.list.search.selectAll()

    def status_text(self) -> str:
        return f"{self.list.count_label.text()} listed"

    def has_unsaved_changes(self) -> bool:
        return self.creating or self.form.is_dirty()

    def save(self) -> bool:
        if not (self.creating or self.brief is not None):
            return True
        if not self.creating and not self.form.is_dirty():
            return True
        self.form.errors.clear()
        values = self.form.values()
        if self.creating:
            saved = self.ctx.call(self, briefs.create_brief, **values, on_invalid=self.form.errors.show)
        else:
            saved = self._update(values, self.brief.version)
        if not saved.ok:
            return False
        self.creating = False
        self.brief = saved.value
        self.form.mark_clean()
        self._show_saved()
        return True

    def _update(self, values: dict, version: int) -> Outcome:
        """Save the brief from the version shown; saved by someone since, ``_resolve``."""
        saved, conflict = save_from_version(self.ctx, self, briefs.update_brief, self.brief.id,
                                            expected_version=version, on_invalid=self.form.errors.show, **values)
        return self._resolve(conflict) if conflict is not None else saved

    def _resolve(self, conflict: EditConflict) -> Outcome:
        """Someone saved the brief since it was shown: what either changed, then merge, overwrite or
        back to the form with what was typed (asked again at the next save). Nothing of theirs in the
        form's fields (its status moved): saved without a question."""
        current = conflict.current
        names = {self.brief.customer_id: self.brief.customer_name, current.customer_id: current.customer_name,
                 self.form.customer.customer_id(): self.form.customer.combo.currentText()}
        shown = lambda name, value: (names.get(value, "") if name == "customer_id"  # noqa: E731
                                     else date_text(value) if name == "required_by" else str(value))
        to_save = resolve_edit(self, f"brief {current.number}", conflict, began=self.form.began(),
                               theirs=self.form.values_of(current), yours=self.form.values(),
                               labels=FIELD_LABELS, shown=shown)
        if to_save is None:
            return Outcome(False)
        self.brief = current
        # saved, the tab shows the brief as the database has it: theirs and yours together (_show_saved)
        return self._update(to_save, current.version)

    def revert(self) -> None:
        if self.creating:
            self.creating = False
            first = self.list.shown_id()
            self.show_brief(first)
            return
        if self.brief is not None:
            self.show_brief(self.brief.id)

    def maybe_leave(self) -> bool:
        if not self.has_unsaved_changes():
            return True
        what = "The new brief" if self.creating else f"Brief {self.brief.number}"
        answer = ask_unsaved(self, what)
        if answer is Leave.SAVE:
            return self.save()
        if answer is Leave.DISCARD:
            self.creating = False
            self.form.mark_clean()
            return True
        return False

    def on_changed(self, changes: Change, initiator: QWidget | None) -> None:
        if changes & Change.CUSTOMERS:
            self.form.customer.reload()
        # this tab's own saves show their result once done (the broadcast comes mid-save); a new
        # currency shows in the budgets at once
        if changes & (Change.BRIEFS | Change.CUSTOMERS | Change.SETTINGS) and initiator is not self:
            self._show_saved()

    def _show_saved(self) -> None:
        """The list, and the form unless it holds unsaved typing, as the database now has them."""
        keep = self.brief.id if self.brief and not self.creating else None
        self.list.reload(keep_id=keep)
        if keep is not None and not self.form.is_dirty():
            self.show_brief(keep)

    def save_state(self) -> dict[str, object]:
        return {"splitter": self.splitter.saveState(), "detail_splitter": self.detail_splitter.saveState(),
                "files_splitter": self.attachments.splitter.saveState(),
                "status_filter": self.list.status_filter.currentIndex()}

    def restore_state(self, state: dict[str, object]) -> None:
        for key, splitter in (("splitter", self.splitter), ("detail_splitter", self.detail_splitter),
                              ("files_splitter", self.attachments.splitter)):
            if isinstance(state.get(key), QByteArray):
                splitter.restoreState(state[key])
        try:
            index = int(state.get("status_filter", 0))
        except (TypeError, ValueError):
            index = 0
        if 0 < index < self.list.status_filter.count():
            self.list.status_filter.setCurrentIndex(index)

    # --- status actions -----------------------------------------------------------------------
    def close_brief(self, status: BriefStatus) -> None:
        if self.brief is None or not self.maybe_leave():
            return
        verb = "lost" if status is BriefStatus.LOST else "withdrawn"
        reason = ask_reason(self, f"Brief {verb}", f"Why is {self.brief.number} {verb}? (the reason is kept "
                                                    "with the brief)")
        if reason is not None:
            if self.ctx.call(self, briefs.set_brief_status, self.brief.id, status.value, reason).ok:
                self._show_saved()

    def reopen(self) -> None:
        if self.brief is not None:
            if self.ctx.call(self, briefs.set_brief_status, self.brief.id, BriefStatus.NEW.value).ok:
                self._show_saved()

    def convert_to_job(self) -> None:
        from ..dialogs.convert_brief import ConvertBriefDialog

        if self.brief is None or not self.maybe_leave():
            return
        dialog = ConvertBriefDialog(self.ctx, self.brief, self)
        if dialog.exec() == ConvertBriefDialog.DialogCode.Accepted and dialog.job is not None:
            self.ctx.select_job(dialog.job.id)
            self.ctx.open_job_requested.emit(dialog.job.id)
