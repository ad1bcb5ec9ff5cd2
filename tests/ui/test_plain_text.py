"""User text is never markup: a shop whose customer, job, operation, material, brief and check
names all carry ``<b>`` shows them as typed on every tab and every job page, in labels and in
tooltips alike."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QAbstractListModel, QSettings, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QAbstractItemView, QLabel

from workshop.services import attachments, bom, briefs, customers, inspection, jobs, materials, routing
from workshop.ui.app import create_main_window
from workshop.ui.plain_text import plain_tooltip

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support")

MARKUP = "<b>Ltd</b>"


@pytest.fixture
def marked_up_shop(db, shop, today):
    """Every name a person types carries markup."""
    customer = customers.create_customer(db, name=f"J&C {MARKUP}", contact_person=f"Jo {MARKUP}")
    brief = briefs.create_brief(db, customer_id=customer.id, title=f"Brief {MARKUP}", budget="500")
    job = jobs.create_job(db, customer_id=customer.id, title=f"Walnut {MARKUP} table", brief_id=brief.id,
                          specification=f"Spec {MARKUP}", due_date=today + dt.timedelta(days=14))
    material = materials.create_material(db, code="WAL-1", name=f"Walnut {MARKUP} board", unit="m2",
                                         unit_cost="120.00", stock_on_hand="5", reorder_level="1")
    op = routing.add_operation(db, job.id, name=f"Plane {MARKUP}", workstation_id=shop.saw.id,
                               setup_minutes="10", run_minutes="30", instructions=f"Slowly {MARKUP}")
    bom.add_line(db, job.id, material_id=material.id, quantity="1.5")
    bom.add_line(db, job.id, description=f"Free line {MARKUP}", quantity="1", unit_cost="3.00")
    inspection.add_check(db, operation_id=op, characteristic=f"Top {MARKUP} flat", check_type="visual")
    attachments.add_to_job(db, job.id, f"cut list {MARKUP}.txt", b"legs 4 x 720")
    attachments.add_to_brief(db, brief.id, f"sketch {MARKUP}.txt", b"a table")
    return job


def rendered_as_markup(window) -> list[str]:
    """Every visible label or tooltip on screen that Qt would draw as rich text with user markup."""
    found = []
    for label in window.findChildren(QLabel):
        if label.isVisible() and MARKUP in label.text() and label.textFormat() != Qt.TextFormat.PlainText:
            found.append(f"label {label.objectName() or label.parent().objectName()}: {label.text()!r}")
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if not view.isVisible() or model is None:
            continue
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
        for row in range(min(model.rowCount(), 50)):
            for col in range(columns):
                tip = model.index(row, col).data(Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str) and MARKUP in tip and GuiQt.mightBeRichText(tip):
                    found.append(f"tooltip in {view.objectName() or type(view).__name__}: {tip!r}")
    return found


def test_every_tab_and_job_page_shows_user_text_as_typed(qtbot, db, tmp_path, marked_up_shop):
    window = create_main_window(db, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    problems = []
    window.select_tab("job-cards")
    window.ctx.open_job_requested.emit(marked_up_shop.id)
    cards = window.current_tab()
    qtbot.waitUntil(lambda: cards.detail.job is not None and cards.detail.job.id == marked_up_shop.id)
    # the heading, customer line and plan show the angle brackets themselves
    assert cards.detail.heading.text().endswith(f"Walnut {MARKUP} table")
    assert cards.detail.header.customer.text() == f"J&C {MARKUP}"
    pages = cards.detail.pages
    for i in range(pages.count()):
        pages.setCurrentIndex(i)
        qtbot.wait(1)
        problems += [f"Job Cards / {pages.tabText(i)}: {p}" for p in rendered_as_markup(window)]
    for tab_id in ("briefs", "routing", "inspection", "wip"):
        window.select_tab(tab_id)
        qtbot.waitUntil(lambda: not getattr(window.current_tab(), "loading", False))  # Inspection's list
        window.ctx.select_job(marked_up_shop.id)
        qtbot.wait(1)
        problems += [f"{tab_id}: {p}" for p in rendered_as_markup(window)]
    routing_tab = window.tab("routing")
    assert MARKUP in routing_tab.summary.text()
    assert routing_tab.summary.textFormat() == Qt.TextFormat.PlainText
    assert problems == []


def test_plain_tooltip_escapes_only_what_qt_would_take_for_markup():
    assert plain_tooltip("Oak & walnut") == "Oak & walnut"  # ordinary text unchanged
    assert plain_tooltip(None) is None
    escaped = plain_tooltip(f"J&C {MARKUP}")
    assert "&lt;b&gt;Ltd&lt;/b&gt;" in escaped and "<b>" not in escaped


def test_questions_and_error_messages_show_names_as_typed(qtbot, db, tmp_path, marked_up_shop):
    from PySide6.QtWidgets import QMessageBox

    from support.gui import click, when_dialog_opens
    from workshop.domain.errors import ValidationError
    from workshop.ui.errors import show_error

    seen = []

    def read_and_say_no(box):
        seen.append((box.text(), box.textFormat()))
        box.button(QMessageBox.StandardButton.No if box.button(QMessageBox.StandardButton.No)
                   else QMessageBox.StandardButton.Ok).click()

    window = create_main_window(db, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.select_tab("routing")
    window.ctx.select_job(marked_up_shop.id)
    tab = window.current_tab()
    tab.table.selectRow(0)
    answered = when_dialog_opens(read_and_say_no)
    click(qtbot, tab.remove_button)  # "Remove operation 010 Plane <b>Ltd</b>?"
    qtbot.waitUntil(lambda: bool(answered))
    assert routing.list_operations(db, marked_up_shop.id)  # No: nothing removed
    answered = when_dialog_opens(read_and_say_no)
    show_error(window, ValidationError("customer", f"J&C {MARKUP} has no address."))
    assert [text for text, _format in seen] == [f"Remove operation 010 Plane {MARKUP}?",
                                                f"J&C {MARKUP} has no address."]
    assert {fmt for _text, fmt in seen} == {Qt.TextFormat.PlainText}
