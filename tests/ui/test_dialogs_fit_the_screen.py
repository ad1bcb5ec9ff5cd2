"""Every dialog fits the screen it opens on, down to 1280×720: its frame inside the screen's
available geometry, its content not squeezed below what it needs, every button on screen.

Qt's offscreen screen is 800×800 unless told otherwise, and the screen is fixed once the
application exists, so the checks run in a second pytest on a 1280×720 offscreen screen
(``QT_QPA_PLATFORM=offscreen:configfile=…``); the first test starts it and reports its failures."""

from __future__ import annotations

from types import SimpleNamespace

import io

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, QSize
from PySide6.QtWidgets import QAbstractButton, QMainWindow

from workshop.ui.context import AppContext
from support.small_screen import run_on_a_1280x720_screen

SCREEN = QSize(1280, 720)
pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


def test_every_dialog_fits_a_1280x720_screen(tmp_path):
    run = run_on_a_1280x720_screen(__file__, "on_a_small_screen", tmp_path)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and "skipped" not in run.stdout.splitlines()[-1]


def _pdf() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 760, "A page as tall as A4")
    page.showPage()
    page.save()
    return out.getvalue()


def _brief(db, shop):
    from workshop.services import briefs

    return briefs.create_brief(db, customer_id=shop.customer.id, title="Walnut table", requirements="Seats eight")


def _check(db, shop):
    from workshop.services import inspection

    return inspection.add_check(db, job_id=shop.job.id, characteristic="Top flatness", nominal="0",
                                lower_tolerance="0", upper_tolerance="0.5", unit="mm")


def _billing(db, shop):
    """What the sample job has been billed, on a quote accepted the first time it is asked."""
    from support.invoicing import quoted
    from workshop.services import job_invoices, quotes

    if not quotes.list_quotes(db, statuses=["accepted"]):
        quoted(db, shop, shop.job.id, "6794.41")
    return job_invoices.job_billing(db, shop.job.id)


def _issued(db, shop):
    """An issued manual invoice (the shop and its customer given their addresses first)."""
    from support.invoicing import issued_manual, with_billing_address

    return issued_manual(db, with_billing_address(db, shop))


def _clocked_on(db, shop):
    """Anna clocked on, an hour ago, to the sample job's one operation (the job released); made
    once per test (the dialog is opened twice)."""
    import datetime as dt

    from workshop.domain.scan_codes import operation_code
    from workshop.services import clocking, jobs, routing

    if not hasattr(shop, "clock_on"):
        routing.add_operation(db, shop.job.id, name="Cut panels", workstation_id=shop.saw.id, run_minutes="20")
        jobs.change_status(db, shop.job.id, "release")
        number = jobs.get_job(db, shop.job.id).number
        now = db.now()
        # an hour ago, but today: an hour before 01:00 is yesterday, and a clock-on left from yesterday
        # is a forgotten one (pausing it asks when it stopped)
        today = dt.datetime.combine(now.astimezone().date(), dt.time(0, 1)).astimezone()
        started = min(now, max(now - dt.timedelta(hours=1), today))
        shop.clock_on = clocking.scan(db, operation_code(number, 10), shop.anna.id, now=started).clock_on
    return shop.clock_on


def _segment(db, shop):
    """That hour, paused now: a time segment of today's review."""
    from workshop.services import clocking, day_review

    if not hasattr(shop, "segment"):
        clocking.pause(db, _clocked_on(db, shop).id)
        shop.segment = day_review.day_review(db, db.today()).operators[0].segments[0]
    return shop.segment


def _position(db, shop):
    from workshop.services import stock_position

    return stock_position.stock_positions(db, "OAK-25")[0]


def _dialogs():
    """(name, make(ctx, db, shop, window)) for each dialog the window opens."""
    from workshop.ui.dialogs import (booking, change_order, check_editor, company_settings, convert_brief,
                                     customer_quick, customers, inspection_record, material_picker, materials,
                                     ncr_disposition, operation, operators, pdf_preview, quote_editor, reason,
                                     templates, ticket_editor, workstations)
    from workshop.ui.dialogs.bom_line import BomItemDialog
    from workshop.ui.dialogs.bom_move import MoveIntoDialog
    from workshop.ui.dialogs import credit_note, invoice_export, payment
    from workshop.ui.dialogs import day_review, day_review_edits, key_back
    from workshop.ui.dialogs.invoice_editor import InvoiceEditor
    from workshop.ui.dialogs.job_invoice import JobInvoiceDialog
    from workshop.ui.dialogs.job_orders import JobOrdersDialog
    from workshop.ui.dialogs.shop_calendar import ShopCalendarDialog
    from workshop.ui.dialogs.workstation_days_off import DaysOffDialog
    from workshop.ui.dialogs.about import AboutDialog
    from workshop.ui.dialogs.backups import RestoreDialog
    from workshop.ui.dialogs.user_guide import UserGuideDialog
    from workshop.ui.dialogs import purchase_goods_in, purchase_order_editor, purchase_suppliers, stock_dialogs
    from workshop.ui.tabs.invoices import NewInvoiceDialog
    from workshop.ui.widgets.job_new_dialog import NewJobDialog

    return [
        ("print preview", lambda c, db, s, w: pdf_preview.PdfPreviewDialog(_pdf(), "Job card", "card.pdf", w)),
        ("quote editor", lambda c, db, s, w: quote_editor.QuoteEditorDialog(c, _brief(db, s), parent=w)),
        ("customers", lambda c, db, s, w: customers.CustomersDialog(c, w)),
        ("job orders", lambda c, db, s, w: JobOrdersDialog(c, w)),
        ("workstations", lambda c, db, s, w: workstations.WorkstationsDialog(c, w)),
        ("workstation days off", lambda c, db, s, w: DaysOffDialog(c, s.saw.id, s.saw.label, w)),
        ("shop calendar", lambda c, db, s, w: ShopCalendarDialog(c, w)),
        ("operators", lambda c, db, s, w: operators.OperatorsDialog(c, w)),
        ("materials", lambda c, db, s, w: materials.MaterialsDialog(c, w)),
        ("templates", lambda c, db, s, w: templates.TemplatesDialog(c, w)),
        ("company settings", lambda c, db, s, w: company_settings.CompanySettingsDialog(c, w)),
        ("new job", lambda c, db, s, w: NewJobDialog(c, w)),
        ("new customer", lambda c, db, s, w: customer_quick.NewCustomerDialog(c, w)),
        ("convert brief", lambda c, db, s, w: convert_brief.ConvertBriefDialog(c, _brief(db, s), w)),
        ("book time", lambda c, db, s, w: booking.TimeBookingDialog(c, s.job, parent=w)),
        ("key back", lambda c, db, s, w: key_back.KeyBackDialog(c, s.job.id, parent=w)),
        ("day review", lambda c, db, s, w: day_review.DayReviewDialog(c, w)),
        ("clock off afterwards", lambda c, db, s, w: day_review_edits.ClockOffDialog(c, _clocked_on(db, s), w)),
        ("correct a time", lambda c, db, s, w: day_review_edits.CorrectTimeDialog(c, _segment(db, s), w)),
        ("issue material", lambda c, db, s, w: booking.MaterialBookingDialog(c, s.job, parent=w)),
        ("other cost", lambda c, db, s, w: booking.OtherCostDialog(c, s.job, parent=w)),
        ("material picker", lambda c, db, s, w: material_picker.MaterialPicker(c, parent=w)),
        ("operation", lambda c, db, s, w: operation.OperationDialog(c, s.job.id, parent=w)),
        ("bom line", lambda c, db, s, w: BomItemDialog(c, s.job.id, assembly=False, parents=[(None, "Top")],
                                                       parent=w)),
        ("bom move", lambda c, db, s, w: MoveIntoDialog("Hinge", [(None, "Top")], None, w)),
        ("change order", lambda c, db, s, w: change_order.ChangeOrderDialog(c, s.job, parent=w)),
        ("check", lambda c, db, s, w: check_editor.CheckDialog(c, s.job.id, parent=w)),
        ("inspection result", lambda c, db, s, w: inspection_record.RecordResultDialog(c, _check(db, s), w)),
        ("raise report", lambda c, db, s, w: ncr_disposition.RaiseNcrDialog(c, s.job.id, w)),
        ("ticket", lambda c, db, s, w: ticket_editor.TicketDialog(c, s.job.id, parent=w)),
        ("reason", lambda c, db, s, w: reason.ReasonDialog("Put on hold", "Why put on hold J-2026-0001?", w)),
        ("job invoice", lambda c, db, s, w: JobInvoiceDialog(c, s.job, _billing(db, s), w)),
        ("new invoice", lambda c, db, s, w: NewInvoiceDialog(c, w)),
        ("invoice editor", lambda c, db, s, w: InvoiceEditor(c, _issued(db, s).id, w)),
        ("payment", lambda c, db, s, w: payment.PaymentDialog(c, _issued(db, s).id, w)),
        ("credit note", lambda c, db, s, w: credit_note.CreditNoteDialog(c, _issued(db, s).id, w)),
        ("export invoices", lambda c, db, s, w: invoice_export.InvoiceExportDialog(c, w)),
        ("restore", lambda c, db, s, w: RestoreDialog(SimpleNamespace(ctx=c), w)),
        ("about", lambda c, db, s, w: AboutDialog(db, w)),
        ("user guide", lambda c, db, s, w: UserGuideDialog(w)),
        ("supplier", lambda c, db, s, w: purchase_suppliers.supplier_dialog(w, c)),
        ("material's suppliers", lambda c, db, s, w: purchase_suppliers.MaterialSuppliersDialog(c, s.oak.id, "OAK-25",
                                                                                               w)),
        ("purchase order", lambda c, db, s, w: purchase_order_editor.PurchaseOrderEditor(c, None, w)),
        ("goods in", lambda c, db, s, w: purchase_goods_in.GoodsInDialog(c, w)),
        ("adjust stock", lambda c, db, s, w: stock_dialogs.AdjustStockDialog(c, _position(db, s), w)),
        ("stock value", lambda c, db, s, w: stock_dialogs.StockValueDialog(c, w)),
    ]


@pytest.mark.on_1280x720
@pytest.mark.parametrize("name", [name for name, _make in _dialogs()])
def test_on_a_small_screen(qtbot, db, shop, tmp_path, name):
    window = QMainWindow()  # dialogs open over the main window, which remembers their sizes
    window.settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    qtbot.addWidget(window)
    window.show()
    make = dict(_dialogs())[name]
    dialog = make(AppContext(db), db, shop, window)
    dialog.show()
    qtbot.waitExposed(dialog)
    room = dialog.screen().availableGeometry()
    assert room.size() == SCREEN
    frame = dialog.frameGeometry()
    assert room.contains(frame), f"{name}: {frame} is not inside the screen {room}"
    needed = dialog.layout().totalMinimumSize()
    assert needed.width() <= dialog.width() and needed.height() <= dialog.height(), (
        f"{name}: needs {needed}, squeezed into {dialog.size()}")
    for button in dialog.findChildren(QAbstractButton):
        if button.isVisibleTo(dialog):
            where = QRect(button.mapTo(dialog, QPoint(0, 0)), button.size())
            assert dialog.rect().contains(where), f"{name}: {button.text()!r} at {where} is off the dialog"
    dialog.resize(700, 500)  # the person makes it smaller; next time it opens so
    dialog.done(0)
    again = make(AppContext(db), db, shop, window)
    assert again.size() == QSize(700, 500).expandedTo(again.minimumSize()).boundedTo(room.size())
    again.done(0)


@pytest.mark.on_1280x720
def test_main_window_on_a_small_screen(qtbot, db, tmp_path):
    from workshop.ui.app import create_main_window

    window = create_main_window(db, QSettings(str(tmp_path / "first-run.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    room = window.screen().availableGeometry()
    # first run: not 1280×800 but what the screen has, less its frame: 1280 − 16 by 720 − 40
    assert window.size() == QSize(1264, 680)
    assert room.contains(window.frameGeometry())
