"""The detail side of Job Cards: a heading with the plan, status actions, and pages for the
header fields, the bill of materials and the status history, then any pages listed in
``workshop/ui/job_pages``. Those are built when first chosen (eight of them, ~116 ms on the first
show of Job Cards otherwise), each then told the job shown and whether it is read-only."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...domain.statuses import is_read_only
from ...services import floor_board, jobs, routing
from .. import theme
from ..dates import date_text
from ..models.jobs_model import status_label
from ..models.operations_model import format_minutes, progress_text
from ..plain_text import ElidedLabel, plain_label
from .bom_editor import BomEditor
from .job_header import JobHeaderForm
from .job_status import JobActionsBar, JobHistoryView
from .read_only import set_read_only
from .page_stack import PageStack


class JobDetailView(QWidget):
    #: the job was changed here (saved, or its status moved): the list should refresh
    job_changed = Signal(object)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: jobs.JobDetail | None = None
        self.money = str
        self.read_only = False

        # A long title ends in "…" and a long plan wraps, rather than widen this side and squeeze
        # the job list.
        self.heading = ElidedLabel(objectName="jobHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.status_badge = QLabel(objectName="jobStatusBadge")
        self.late_badge = QLabel("LATE", objectName="jobLateBadge")
        self.late_badge.setStyleSheet(f"color: white; background: {theme.ALARM}; padding: 2px 8px; font-weight: bold;")
        self.plan_label = plain_label(objectName="jobPlan", wordWrap=True)
        self.plan_label.setStyleSheet(f"color: {theme.TEXT_SOFT};")

        self.actions = JobActionsBar(ctx)
        self.header = JobHeaderForm(ctx)
        self.bom = BomEditor(ctx)
        self.history = JobHistoryView()
        # Ten pages and more: buttons on rows, never a tab bar scrolling out of sight at 1280 px.
        self.pages = PageStack(objectName="jobPages")
        self.pages.addTab(self.header, "Job")
        self.pages.addTab(self.bom, "Bill of materials")
        self.pages.addTab(self.history, "Status history")
        # Costs, bookings, quality, delivery …: pages that join through ui/job_pages, built when chosen.
        from ..job_pages import load_job_pages

        self._extra: list[tuple[int, type]] = [
            (self.pages.addLazyTab(lambda cls=cls: self._build_page(cls), cls.title), cls)
            for cls in load_job_pages()]

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.late_badge, 0, Qt.AlignmentFlag.AlignTop)  # beside a heading on two lines
        top.addWidget(self.status_badge, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.plan_label)
        layout.addWidget(self.actions)
        layout.addWidget(self.pages, 1)

        self.pages.currentChanged.connect(self._page_chosen)
        self.actions.changed.connect(self._status_changed)
        self.header.saved.connect(self._saved)
        self.show_job(None)

    def show_job(self, job: jobs.JobDetail | None, money=None) -> None:
        if money is not None:
            self.money = money
        self.job = job
        read_only = job is not None and is_read_only(job.status)
        if not read_only:
            self._set_read_only(False)  # first: each page then sets its own buttons as it loads
        self.header.set_job(job)
        self.bom.set_job(job.id if job else None, self.money)
        self._page_chosen(self.pages.currentIndex())
        for page in self.built_pages():
            page.set_job(job)
        if read_only:
            self._set_read_only(True)
        self._show_summary(job)

    # --- the extra pages, built when first chosen -------------------------------------------------
    def _build_page(self, cls: type) -> QWidget:
        page = cls(self.ctx)
        page.set_job(self.job)  # not shown yet: it loads when it is
        if self.read_only:
            set_read_only(page, True)
        return page

    def built_pages(self) -> list[QWidget]:
        """The extra pages built so far, in their order."""
        return [page for index, _cls in self._extra if (page := self.pages.built(index)) is not None]

    def page_index(self, cls: type) -> int:
        """Where the extra page of class ``cls`` is, built or not."""
        return next(index for index, page_class in self._extra if issubclass(page_class, cls))

    def extra_page(self, cls: type) -> QWidget:
        """The extra page of class ``cls``, built now if it was not yet (not shown)."""
        return self.pages.widget(self.page_index(cls))

    @property
    def extra_pages(self) -> list[QWidget]:
        """Every extra page, each built now if it was not yet."""
        return [self.pages.widget(index) for index, _cls in self._extra]

    def _page_chosen(self, _index: int) -> None:
        """The bill of materials is read when its page is chosen (or the job changes on it), not for
        every job passed on the way."""
        if self.pages.currentWidget() is self.bom:
            self.bom.ensure_loaded()

    def _set_read_only(self, read_only: bool) -> None:
        """A closed or cancelled job: every field and button of its pages disabled (not the status
        actions, which can reopen it)."""
        self.read_only = read_only
        for part in (self.header, self.bom, *self.built_pages()):
            set_read_only(part, read_only)

    def refresh(self, initiator: QWidget | None = None) -> None:
        """Reload the job from the database (after a change announced elsewhere); keeps unsaved
        edits, and leaves the page that made the change (``initiator`` is in it) as it is."""
        if self.job is None:
            return
        job = self.ctx.call(self, jobs.get_job, self.job.id).value
        if job is None:
            return self.show_job(None)
        if is_read_only(job.status) != self.read_only:
            return self.show_job(job)  # closed or reopened elsewhere: every page under the new rule
        self.job = job
        if not self.header.is_dirty():
            self.header.set_job(job)
        self.bom.refresh()
        self._page_chosen(self.pages.currentIndex())
        self._pages_follow(job, initiator)
        self._show_summary(job)

    def _pages_follow(self, job: jobs.JobDetail, initiator: QWidget | None = None) -> None:
        """The pages get the job as it now is (its status, above all): a hidden page only marks
        itself stale and loads when shown; the visible one reloads as it would on any change."""
        for page in self.built_pages():
            if not page.holds(initiator):
                page.set_job(job)

    def _show_summary(self, job: jobs.JobDetail | None) -> None:
        self.actions.set_job(job)
        self.history.set_job(job)
        if job is None:
            self.heading.setText("No job selected")
            self.status_badge.clear()
            self.late_badge.hide()
            self.plan_label.setText("Choose a job on the left, or press Ctrl+N for a new one.")
            return
        self.heading.setText(f"{job.number} · {job.title}")
        self.status_badge.setText(status_label(job.status))
        self.status_badge.setToolTip("Read-only: Reopen… to change it." if job.status == "closed" else
                                     "Read-only: a cancelled job cannot be changed." if self.read_only else "")
        self.status_badge.setStyleSheet(f"padding: 2px 8px; border: 1px solid {theme.BORDER}; border-radius: 3px;")
        self.late_badge.setVisible(job.is_late)
        plan = self.ctx.call(self, routing.job_plan, job.id).value
        if plan is None:
            self.plan_label.clear()
            return
        hours = f"{format_minutes(plan.planned_minutes)} planned" if plan.planned_minutes else "no operations yet"
        progress = self.ctx.call(self, floor_board.job_progress, job.id).value
        if progress is not None and progress.hours_done:  # hours done over hours planned
            hours = progress_text(progress)
        order = f"  ·  order {job.job_order_number}" if job.job_order_number else ""
        self.plan_label.setText(
            f"{job.customer_name}{order}  ·  due {date_text(job.due_date)}  ·  {hours}"
            f"  ·  materials {self.money(plan.material_cost)}")
        self.plan_label.setToolTip(f"{plan.planned_hours} hours planned over all operations")

    def _status_changed(self, job: jobs.JobDetail) -> None:
        if is_read_only(job.status) != self.read_only:
            self.show_job(job)  # closed, cancelled or reopened: every page under the new rule
        self.job = job
        if not self.header.is_dirty():
            self.header.set_job(job)
        self._pages_follow(job)
        self._show_summary(job)
        self.job_changed.emit(job)

    def _saved(self, job: jobs.JobDetail) -> None:
        self.job = job
        self._show_summary(job)
        self.job_changed.emit(job)
