"""One walnut dining table's whole life through the real main window at 1280×720, from the
customer's phone call to its certificate, driven as the shop owner drives it — and every action
of the owner counted: a click on a widget, a shortcut key, a dialog answered, a field typed into
(one per field, however many characters). The total has a ceiling, so a change that makes the
owner click a lot more fails here. Run with ``-s`` to see the count per step.

The shop's master data (the walnut board on the materials list, the dining-table routing template
with its checks) exists before the phone call and is set up through the services, uncounted.

Qt's offscreen screen is 800×800 unless told otherwise and is fixed once the application exists,
so the walk runs in a second pytest on a 1280×720 offscreen screen (as
``test_dialogs_fit_the_screen`` does); the first test starts it and prints its count.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections import Counter
from decimal import Decimal

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialogButtonBox, QLineEdit, QMessageBox,
                               QRadioButton, QTabWidget)

from workshop.domain.locale_text import format_date
from workshop.services import (bom, booking_views, briefs, customers, inspection, jobs, materials, quotes, routing,
                               templates)
from workshop.ui.app import create_main_window
from workshop.ui.dialogs.unsaved import Leave
from workshop.ui.models.jobs_model import status_label
from workshop.ui.models.quality_models import DueInspectionsModel
from support.gui import CTRL, type_text, when_dialog_opens
from support.small_screen import run_on_a_1280x720_screen

pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

LEFT = Qt.MouseButton.LeftButton

#: Measured on 30 Nov 2026: 79 actions (12 brief, 17 quote, 13 BOM/routing/release, 2 job card,
#: 16 work, 19 inspection to certificate); 83 before Book time offered the operation at the bench.
#: The ceiling is that plus 10%. 80 since the window opens on Start (one click on the Briefs tab).
MEASURED_TOTAL = 79
CEILING = 87


class Owner:
    """The shop owner at the keyboard and mouse; every action adds one to the step's count."""

    def __init__(self, qtbot, window) -> None:
        self.qtbot = qtbot
        self.window = window
        self.step = ""
        self.counts: dict[str, Counter] = {}
        self.shots = 0

    def begin(self, step: str) -> None:
        self.look(f"before {step}")
        self.step = step
        self.counts.setdefault(step, Counter())

    def look(self, what: str) -> None:
        """With WORKSHOP_WALK_SHOTS=folder, keep a picture of what the owner sees (the dialog being
        answered, else the window) to look at, as the issue's "Done when" asks."""
        folder = os.environ.get("WORKSHOP_WALK_SHOTS")
        if not folder:
            return
        QApplication.processEvents()  # the layout settles first, as it has by the time a person looks
        shown = QApplication.activeModalWidget() or self.window
        self.shots += 1
        name = "".join(ch if ch.isalnum() else "-" for ch in what)[:60]
        shown.grab().save(os.path.join(folder, f"{self.shots:02d}-{name}.png"))

    def _count(self, kind: str) -> None:
        self.counts[self.step][kind] += 1

    @property
    def total(self) -> int:
        return sum(sum(c.values()) for c in self.counts.values())

    def report(self) -> str:
        lines = [f"Owner's actions for the walnut table: {self.total}"]
        for step, c in self.counts.items():
            kinds = ", ".join(f"{n} {k}" for k, n in sorted(c.items()))
            lines.append(f"  {sum(c.values()):3d}  {step}  ({kinds})")
        return "\n".join(lines)

    # --- what a person does -------------------------------------------------------------------
    def _on_screen(self, widget) -> None:
        """A person clicks only what they can see and what is enabled (a tab built just now is
        shown once the event loop has run)."""
        self.qtbot.waitUntil(widget.isVisible, timeout=2_000)
        assert widget.isEnabled(), widget.objectName() or widget.text()

    def click(self, widget) -> None:
        """A click on a button (or a check box, a radio button)."""
        self._on_screen(widget)
        if isinstance(widget, QCheckBox | QRadioButton):  # on its box, not beyond its words
            self.qtbot.mouseClick(widget, LEFT, pos=QPoint(8, widget.height() // 2))
        else:
            self.qtbot.mouseClick(widget, LEFT)
        self._count("clicks")

    def answer(self, button) -> None:
        """OK / Yes in a dialog."""
        self._on_screen(button)
        self.look(f"{self.step} answer {button.text()}")
        self.qtbot.mouseClick(button, LEFT)
        self._count("answers")

    def click_tab(self, tabs: QTabWidget, title: str) -> None:
        index = next(i for i in range(tabs.count()) if tabs.tabText(i).startswith(title))
        bar = tabs.tabBar()
        self.qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(index).center())
        assert tabs.currentIndex() == index, title
        self._count("clicks")

    def click_cell(self, view, row: int, column: int) -> None:
        index = view.model().index(row, column)
        view.scrollTo(index)
        self.qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(index).center())
        self._count("clicks")

    def choose(self, combo: QComboBox, data) -> None:
        """Open a drop-down list and pick an entry: two clicks."""
        index = combo.findData(data)
        assert index >= 0, data
        combo.setCurrentIndex(index)
        combo.activated.emit(index)
        self._count("clicks")
        self._count("clicks")

    def type(self, widget, text: str) -> None:
        """Type into one field (whatever was there is replaced)."""
        widget.setFocus()
        if hasattr(widget, "toPlainText"):
            widget.clear()
        else:
            widget.selectAll()
            widget.del_()
        type_text(self.qtbot, widget, text)
        self._count("fields typed")

    def type_cell(self, table, row: int, column: int, text: str) -> None:
        """Click a table cell and type: the first key opens its editor; Enter keeps it."""
        self.click_cell(table, row, column)
        self.qtbot.keyClick(table, text[0])
        assert table.state() == table.State.EditingState, "typing did not open the cell's editor"
        editor = next(w for w in table.viewport().findChildren(QLineEdit) if w.isVisible())
        type_text(self.qtbot, editor, text[1:])
        self.qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits it a moment later
        self.qtbot.waitUntil(lambda: table.item(row, column).text() == text)
        self._count("fields typed")

    def key(self, key, modifier=CTRL) -> None:
        """A shortcut, with the window active (as it is when a person presses keys)."""
        self.window.activateWindow()
        self.qtbot.waitUntil(self.window.isActiveWindow)
        self.qtbot.keyClick(QApplication.focusWidget() or self.window, key, modifier)
        self._count("keys")


@pytest.fixture
def walnut_shop(db, shop):
    """Before the call: walnut on the materials list, and a routing template for tables with the
    checks its last operation carries."""
    walnut = materials.create_material(db, code="WAL-27", name="American black walnut 27 mm", unit="m2",
                                       unit_cost="118.00", stock_on_hand="30", reorder_level="5")
    template = templates.create_template(db, name="Dining table", description="Solid top on a frame", steps=[
        dict(name="Cut and plane the top", workstation_id=shop.saw.id, setup_minutes="20", run_minutes="90"),
        dict(name="Join the frame and fit the top", workstation_id=shop.bench.id, setup_minutes="15",
             run_minutes="240"),
        dict(name="Oil and check", workstation_id=shop.bench.id, setup_minutes="10", run_minutes="60",
             inspection_required=True, checks=[
                 dict(characteristic="Top flatness", method="Straight edge and feelers", nominal="0",
                      lower_tolerance="0", upper_tolerance="0.5", unit="mm"),
                 dict(characteristic="Height to the top", method="Tape from the floor", nominal="750",
                      lower_tolerance="-2", upper_tolerance="2", unit="mm"),
                 dict(characteristic="Oil finish even", method="Raking light", check_type="visual"),
             ]),
    ])
    return walnut, template


@pytest.fixture
def window(monkeypatch, qtbot, db, walnut_shop, tmp_path):
    # Closing the window at the end must not wait on a question nobody answers.
    monkeypatch.setattr("workshop.ui.main_window.ask_unsaved", lambda parent, what: Leave.DISCARD)
    w = create_main_window(db, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    qtbot.waitExposed(w)
    return w


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def close_preview(owner: Owner, qtbot, parent, title: str) -> bytes:
    """Wait for the preview the button asked for, read it, and close it (one click)."""
    qtbot.waitUntil(lambda: getattr(parent, "_preview", None) is not None and parent._preview.isVisible(),
                    timeout=30_000)
    preview = parent._preview
    assert preview.windowTitle() == title and preview.document.pageCount() >= 1
    pdf = preview.pdf
    close = preview.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    owner.click(close)
    assert not preview.isVisible()
    parent._preview = None
    return pdf


def test_walnut_table_life_on_a_1280x720_screen(tmp_path):
    run = run_on_a_1280x720_screen(__file__, "from_the_phone_call", tmp_path)
    assert run.returncode == 0, run.stdout[-8000:] + run.stderr[-2000:]
    assert " passed" in run.stdout.splitlines()[-1]
    start = run.stdout.index("Owner's actions")
    print("\n" + "\n".join(run.stdout[start:].splitlines()[:8]))


@pytest.mark.on_1280x720
def test_a_walnut_dining_table_from_the_phone_call_to_its_certificate(qtbot, window, db, shop, walnut_shop,
                                                                      monkeypatch, capsys):
    walnut, template = walnut_shop
    assert window.screen().availableGeometry().size().toTuple() == (1280, 720)
    owner = Owner(qtbot, window)
    today = db.today()
    required_by = today + dt.timedelta(days=56)

    # --- 1. the phone call: a new brief for a new customer ------------------------------------
    owner.begin("1 brief and new customer")
    assert window.current_tab().tab_id == "start"  # the window opens on Start (issue 16; it was Briefs)
    owner.click_tab(window.tabs, "Briefs")
    tab = window.current_tab()
    assert tab.tab_id == "briefs"
    owner.key(Qt.Key.Key_N)
    assert tab.creating and tab.heading.text() == "New brief"

    def new_customer(dialog):
        owner.type(dialog.fields["name"], "Łódź Walnut & Co")
        owner.type(dialog.fields["email"], "zamowienia@lodzwalnut.example")
        owner.type(dialog.address, "ul. Piotrkowska 104\nŁódź\n90-926")
        owner.type(dialog.country.lineEdit(), "Poland")
        owner.answer(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))

    answered = when_dialog_opens(new_customer)
    owner.click(tab.form.customer.new_button)
    assert answered
    [customer] = customers.list_customers(db, "Walnut & Co")
    assert (customer.name, customer.email, customer.country) == ("Łódź Walnut & Co", "zamowienia@lodzwalnut.example",
                                                                 "PL")
    assert "Piotrkowska 104" in customer.address
    assert tab.form.customer.customer_id() == customer.id

    owner.type(tab.form.title, "Walnut dining table")
    owner.type(tab.form.requirements, "Solid walnut dining table for eight, 2200 x 1000, oiled; "
                                      "breadboard ends, frame with four square legs")
    owner.type(tab.form.budget, "3,200")  # as an en_GB shop writes it
    owner.type(tab.form.required_by.edit, f"{required_by.day}/{required_by.month}/{required_by.year % 100}")
    owner.key(Qt.Key.Key_S)
    brief = briefs.get_brief(db, tab.brief.id)
    assert (brief.title, brief.customer_id, brief.budget, brief.required_by) == (
        "Walnut dining table", customer.id, Decimal("3200.00"), required_by)
    assert brief.status == "new"
    assert tab.heading.text() == brief.number and not tab.creating
    assert tab.form.budget.text() == "3,200.00"  # shown back in the shop's form
    assert tab.form.required_by.edit.text() == format_date(required_by, "en_GB")

    # --- 2. the quote: priced, sent, accepted — which makes the job ---------------------------
    owner.begin("2 quote, send, accept")
    owner.click_tab(tab.lower_tabs, "Quotes")
    panel = tab.quotes
    owner.click(panel.new_button)
    editor = panel.dialog
    assert editor.isVisible() and editor.lines_table.rowCount() == 1  # a labour line to fill in
    assert editor.lines_table.cellWidget(0, 0).currentData() == "labour"
    owner.type_cell(editor.lines_table, 0, 1, "Making: top, frame and finish")
    owner.type_cell(editor.lines_table, 0, 2, "1,400.00")
    owner.click(editor.add_line_button)
    owner.choose(editor.lines_table.cellWidget(1, 0), "materials")  # a new line copies the labour above
    owner.type_cell(editor.lines_table, 1, 1, "American black walnut, 27 mm")
    owner.type_cell(editor.lines_table, 1, 2, "800.00")
    # contingency 10% and markup 25% as the editor offers: 2,200 + 220 = 2,420; + 605 = 3,025.00
    assert (editor.contingency.text(), editor.markup.text()) == ("10", "25")
    assert editor.f_cost.text() == "£2,200.00" and editor.f_price.text() == "£3,025.00"
    owner.answer(editor.ok_button)
    assert not editor.isVisible()
    [quote] = quotes.list_quotes(db, brief_id=brief.id)
    assert (quote.status, quote.price) == ("draft", Decimal("3025.00"))
    assert panel.f_price.text() == "£3,025.00"

    owner.click(panel.send_button)
    assert quotes.get_quote(db, quote.id).status == "sent"
    owner.click(panel.accept_button)
    accept = panel.dialog
    assert accept.due_date.date() == required_by  # the brief's required-by date
    with qtbot.waitSignal(window.ctx.open_job_requested) as opened:
        owner.answer(accept.ok_button)
    job = jobs.get_job(db, opened.args[0])
    assert (job.title, job.customer_id, job.brief_id, job.status, job.budget, job.due_date) == (
        "Walnut dining table", customer.id, brief.id, "planned", Decimal("3025.00"), required_by)
    assert briefs.get_brief(db, brief.id).status == "won"
    assert window.current_tab().tab_id == "job-cards"
    cards = window.current_tab()
    detail = cards.detail
    qtbot.waitUntil(lambda: detail.job is not None and detail.job.id == job.id)
    assert detail.pages.currentWidget() is detail.header  # on its Job page
    assert detail.status_badge.text() == "Planned"

    # --- 3. bill of materials, routing from a template, release -------------------------------
    owner.begin("3 BOM, routing, release")
    owner.click(detail.pages.tabButton(detail.pages.indexOf(detail.bom)))
    bom_editor = detail.bom
    owner.click(bom_editor.add_line_button)
    line = bom_editor.dialog
    owner.click(line.pick_button)
    picker = line.picker
    owner.type(picker.search, "walnut")
    qtbot.waitUntil(lambda: picker.model.rowCount() == 1 and picker.chosen() is not None
                    and picker.chosen().id == walnut.id)
    owner.answer(picker.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert line.description.text() == "American black walnut 27 mm" and line.unit.text() == "m2"
    owner.type(line.quantity, "2.6")
    owner.answer(line.buttons.button(QDialogButtonBox.StandardButton.Ok))
    tree = bom.get_bom(db, job.id)
    assert [(n.material_id, n.quantity, n.unit_cost) for n in tree.nodes] == [
        (walnut.id, Decimal("2.600"), Decimal("118.00"))]
    assert tree.material_cost == Decimal("306.80")  # 2.6 m2 at 118.00
    assert "£306.80" in bom_editor.total_label.text() and "£306.80" in detail.plan_label.text()

    owner.click_tab(window.tabs, "Routing")
    routing_tab = window.current_tab()
    qtbot.waitUntil(lambda: routing_tab.job_id == job.id)
    assert routing_tab.template_combo.currentData() is None  # nothing pre-picked
    assert not routing_tab.apply_button.isEnabled()
    owner.choose(routing_tab.template_combo, template.id)
    owner.click(routing_tab.apply_button)
    ops = routing.list_operations(db, job.id)
    assert [(o.op_number, o.name) for o in ops] == [(10, "Cut and plane the top"),
                                                     (20, "Join the frame and fit the top"), (30, "Oil and check")]
    assert [c.characteristic for c in inspection.list_checks(db, job.id)] == [
        "Top flatness", "Height to the top", "Oil finish even"]
    assert routing_tab.model.rowCount() == 3 and len(routing_tab.path.boxes) == 3
    assert "3 operations (0 done)" in routing_tab.summary.text()

    owner.click_tab(window.tabs, "Job Cards")
    assert window.current_tab() is cards and detail.job.id == job.id
    owner.click(detail.actions.buttons["release"])
    assert jobs.get_job(db, job.id).status == "released"
    assert detail.status_badge.text() == "Released"

    # --- 4. the job card for the bench --------------------------------------------------------
    owner.begin("4 print the job card")
    assert [r.id for r in cards.list.selected_jobs()] == [job.id]
    owner.key(Qt.Key.Key_P)  # Print: the selected job's card, in a preview
    card = pdf_text(close_preview(owner, qtbot, cards, f"Job card {job.number}"))
    assert job.number in card and "Cut and plane the top" in card and "Oil and check" in card
    assert "American black walnut 27 mm" in card

    # --- 5. work: start, book time on each operation, each marked done ------------------------
    owner.begin("5 start, book time, ops done")
    owner.click(detail.actions.buttons["start"])
    assert jobs.get_job(db, job.id).status == "in_progress"
    assert detail.status_badge.text() == status_label("in_progress")
    bookings_page = next(p for p in detail.extra_pages if p.title == "Bookings")
    owner.click(detail.pages.tabButton(detail.pages.indexOf(bookings_page)))
    for n, op in enumerate(ops):
        owner.click(bookings_page.book_time_button)
        booking = bookings_page.dialog
        if booking.operation.currentData() != op.id:
            owner.choose(booking.operation, op.id)
        if booking.operator.currentData() != shop.anna.id:
            owner.choose(booking.operator, shop.anna.id)
        owner.type(booking.minutes, "1h20")
        owner.click(booking.mark_done)
        assert booking.mark_done.isChecked()
        owner.answer(booking.ok_button)
        assert not booking.isVisible(), booking.errors
        assert len(booking_views.list_time_logs(db, job.id)) == n + 1
    logs = booking_views.list_time_logs(db, job.id)
    assert [(log.op_number, max(log.labour_minutes, log.machine_minutes), log.operator_name) for log in logs] == [
        (10, Decimal("80.00"), "Anna Kowalska"), (20, Decimal("80.00"), "Anna Kowalska"),
        (30, Decimal("80.00"), "Anna Kowalska")]
    assert {o.status for o in routing.list_operations(db, job.id)} == {"done"}
    assert bookings_page.times.rowCount() == 3
    assert [bookings_page.times.index(r, 2).data() for r in range(3)] == ["1 h 20 min"] * 3

    # --- 6. inspection, complete, delivered, certificate --------------------------------------
    owner.begin("6 inspect, complete, deliver, certificate")
    owner.click(detail.actions.buttons["to_inspection"])
    assert jobs.get_job(db, job.id).status == "inspection"
    owner.click_tab(window.tabs, "Inspection")
    insp = window.current_tab()
    assert insp.tab_id == "inspection"
    qtbot.waitUntil(lambda: not insp.loading)  # the work list is read off the GUI thread
    assert [insp.model.index(r, DueInspectionsModel.CHECK).data() for r in range(insp.model.rowCount())] == [
        "Top flatness", "Height to the top", "Oil finish even"]
    record = insp.record
    assert record.check is not None and record.check.characteristic == "Top flatness"  # the first, chosen
    owner.type(record.inspector.lineEdit(), "Anna Kowalska")
    owner.type(record.readings, "0.2, 0.3")
    assert record.verdict.text().startswith("PASS")
    owner.click(record.save_button)
    assert insp.banner.text().startswith("PASS signed for “Top flatness”")

    def choose_due(characteristic: str) -> None:
        row = insp.model.find_row(lambda r: r.characteristic == characteristic)
        assert row >= 0, characteristic
        owner.click_cell(insp.table, row, DueInspectionsModel.CHECK)
        qtbot.waitUntil(lambda: record.check is not None and record.check.characteristic == characteristic)

    choose_due("Height to the top")
    assert record.inspector.currentText() == "Anna Kowalska"  # kept from the last result
    owner.type(record.readings, "749.5, 750.5")
    owner.click(record.save_button)
    choose_due("Oil finish even")
    owner.click(record.pass_button)
    assert record.pass_button.isChecked()
    owner.click(record.save_button)
    results = inspection.list_results(db, job_id=job.id)
    assert sorted((r.characteristic, r.result, r.inspector) for r in results) == [
        ("Height to the top", "pass", "Anna Kowalska"), ("Oil finish even", "pass", "Anna Kowalska"),
        ("Top flatness", "pass", "Anna Kowalska")]
    qtbot.waitUntil(lambda: not insp.loading)
    assert insp.model.rowCount() == 0

    owner.click_tab(window.tabs, "Job Cards")
    questions = []

    def yes(box):
        questions.append((box.objectName(), box.windowTitle(), box.text()))
        owner.answer(box.button(QMessageBox.StandardButton.Yes))

    answered = when_dialog_opens(yes)
    owner.click(detail.actions.buttons["complete"])
    assert answered and questions[-1][0] == "statusQuestion"
    assert jobs.get_job(db, job.id).status == "complete"
    assert detail.status_badge.text() == "Complete"

    answered = when_dialog_opens(yes)
    owner.click(detail.actions.buttons["deliver"])
    assert answered and questions[-1][1] == f"Mark {job.number} as delivered?"
    done = jobs.get_job(db, job.id)
    assert done.status == "delivered"
    assert [h.to_status for h in done.history] == ["planned", "released", "in_progress", "inspection", "complete",
                                                    "delivered"]
    assert detail.status_badge.text() == "Delivered"

    drafts = []
    monkeypatch.setattr("workshop.ui.job_pages.quality.ask_draft", lambda parent, problems: drafts.append(problems))
    quality = next(p for p in detail.extra_pages if p.title == "Quality")
    owner.click(detail.pages.tabButton(detail.pages.indexOf(quality)))
    # delivered, so no longer "ready to complete": the page says what the job is
    assert quality.gate.text() == "Delivered: every required check passed. The results below are its quality record."
    owner.click(quality.certificate_button)
    assert drafts == []  # not refused: no question about a draft
    certificate = pdf_text(close_preview(owner, qtbot, quality, f"Certificate of conformity {job.number}"))
    assert "DRAFT" not in certificate
    assert job.number in certificate and "Łódź Walnut & Co" in certificate
    for characteristic in ("Top flatness", "Height to the top", "Oil finish even"):
        assert characteristic in certificate
    assert "PASS" in certificate and "FAIL" not in certificate

    # --- the count ----------------------------------------------------------------------------
    with capsys.disabled():
        owner.look("the end")
        print(f"\n{owner.report()}\n  (measured {MEASURED_TOTAL} on 30 Nov 2026; ceiling {CEILING})")
    assert owner.total <= CEILING, owner.report()
