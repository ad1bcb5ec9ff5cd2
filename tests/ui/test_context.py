"""AppContext.call: success and value apart, what a service changed broadcast with who asked, and
every service the window calls to write declares what it writes."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

from PySide6.QtWidgets import QWidget

from workshop.domain.changes import Change, changes_of, writes
from workshop.domain.errors import WorkshopError
from workshop.services import attachments, briefs, customers
from workshop.ui.context import AppContext, Outcome
from support.gui import ok, when_dialog_opens

UI = Path(__file__).resolve().parents[2] / "workshop" / "ui"


def _context(qtbot, db):
    ctx = AppContext(db)
    widget = QWidget()
    qtbot.addWidget(widget)
    return ctx, widget


def test_a_service_that_returns_nothing_succeeds_and_says_what_it_changed(qtbot, db, shop):
    ctx, widget = _context(qtbot, db)
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Hall bench")
    drawing = attachments.add_to_brief(db, brief.id, "bench.pdf", b"%PDF-1.4 bench")
    with qtbot.waitSignal(ctx.changed) as broadcast:
        outcome = ctx.call(widget, attachments.remove_attachment, drawing.id)
    # remove_attachment returns None: that is success, not failure
    assert outcome == Outcome(ok=True, value=None, changes=Change.BRIEFS | Change.FILES)
    assert broadcast.args == [Change.BRIEFS | Change.FILES, widget]
    assert briefs.get_brief(db, brief.id).attachments == ()


def test_the_value_comes_back_and_the_broadcast_names_the_caller(qtbot, db):
    ctx, widget = _context(qtbot, db)
    with qtbot.waitSignal(ctx.changed) as broadcast:
        outcome = ctx.call(widget, customers.create_customer, name="Hollis & Daughters")
    assert outcome.ok and outcome.value.name == "Hollis & Daughters"
    assert customers.get_customer(db, outcome.value.id).name == "Hollis & Daughters"
    assert broadcast.args == [Change.CUSTOMERS, widget]


def test_bad_input_goes_to_the_form_and_nothing_is_broadcast(qtbot, db):
    ctx, widget = _context(qtbot, db)
    shown = []
    with qtbot.assertNotEmitted(ctx.changed):
        outcome = ctx.call(widget, customers.create_customer, name="  ", on_invalid=shown.append)
    assert outcome == Outcome(ok=False)
    assert [e.field for e in shown] == ["name"]
    assert customers.count_customers(db) == 0


def test_bad_input_without_a_form_and_an_expected_failure_are_shown_in_a_dialog(qtbot, db):
    ctx, widget = _context(qtbot, db)
    messages = []

    def read_and_close(dialog):
        messages.append(dialog.text())
        ok(qtbot, dialog)

    @writes(Change.SHOP)
    def full_disk(db):
        raise WorkshopError("The disk is full: nothing was saved.")

    with qtbot.assertNotEmitted(ctx.changed):
        answered = when_dialog_opens(read_and_close)
        refused = ctx.call(widget, customers.create_customer, name="")
        assert answered
        answered = when_dialog_opens(read_and_close)
        failed = ctx.call(widget, full_disk)
        assert answered
    assert refused == Outcome(ok=False) and failed == Outcome(ok=False)
    assert messages[1] == "The disk is full: nothing was saved."
    assert "name" in messages[0].lower()


def test_a_service_that_only_reads_broadcasts_nothing(qtbot, db, shop):
    ctx, widget = _context(qtbot, db)
    with qtbot.assertNotEmitted(ctx.changed):
        outcome = ctx.call(widget, customers.get_customer, shop.customer.id)
    assert outcome.ok and outcome.value.id == shop.customer.id and outcome.changes == Change.NONE


# --- every service the window calls to write says what it writes ---------------------------------

#: calls whose service is chosen at run time, and the services each may be
CHOSEN_AT_RUN_TIME = {
    ("dialogs/booking.py", "fn"): ["workshop.services.bookings:issue_material",
                                   "workshop.services.bookings:return_material"],
    ("dialogs/change_order.py", "fn"): ["workshop.services.change_orders:approve_change_order",
                                        "workshop.services.change_orders:reject_change_order"],
    ("job_pages/bookings.py", "reverse"): ["workshop.services.booking_corrections:reverse_time_log",
                                           "workshop.services.booking_corrections:reverse_material_issue",
                                           "workshop.services.booking_corrections:reverse_other_cost"],
    ("dialogs/job_invoice.py", "fn"): ["workshop.services.job_invoices:draft_deposit",
                                       "workshop.services.job_invoices:draft_progress",
                                       "workshop.services.job_invoices:draft_final"],
    ("dialogs/record_editor.py", "self.create"): [],  # the record editors: checked below
    ("dialogs/record_editor.py", "self.update"): [],
    # save_from_version's own ctx.call: each caller's service is found where it calls save_from_version
    ("dialogs/edit_conflict.py", "save"): [],
}


#: reads through a writing session (the settings row is made on first use): nothing shown changes
READS_THROUGH_A_WRITER = {"workshop.services.settings:get_settings"}


def _service_names(tree: ast.Module) -> dict[str, str]:
    """Names bound by ``from ...services import x`` (a module) or ``from ...services.m import f``."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("services"):
            for alias in node.names:
                target = (f"workshop.services.{alias.name}" if node.module == "services"
                          else f"workshop.{node.module}:{alias.name}")
                names[alias.asname or alias.name] = target
    return names


def _called_services():
    """(file, the service's expression, its resolved "module:function" or None) for every
    ``ctx.call(parent, service, ...)`` in workshop/ui."""
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text())
        names = _service_names(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            if (isinstance(node.func, ast.Attribute) and node.func.attr == "call"
                    and "ctx" in ast.unparse(node.func.value) and len(node.args) >= 2):
                fn = node.args[1]
            elif isinstance(node.func, ast.Name) and node.func.id == "save_from_version" and len(node.args) >= 3:
                fn = node.args[2]  # save_from_version(ctx, parent, service, …): ctx.call inside
            else:
                continue
            resolved = None
            if isinstance(fn, ast.Attribute) and isinstance(fn.value, ast.Name) and fn.value.id in names:
                resolved = f"{names[fn.value.id]}:{fn.attr}"
            elif isinstance(fn, ast.Name) and ":" in names.get(fn.id, ""):
                resolved = names[fn.id]
            yield path.relative_to(UI).as_posix(), ast.unparse(fn), resolved


def _function(target: str):
    module, name = target.split(":")
    return getattr(importlib.import_module(module), name)


def _writes(fn) -> bool:
    return ".session()" in inspect.getsource(fn)


def test_every_service_the_window_calls_to_write_declares_what_it_writes():
    calls = list(_called_services())
    assert len(calls) > 60  # the walk finds the window's calls
    unresolved = {(path, text) for path, text, target in calls if target is None}
    assert unresolved == set(CHOSEN_AT_RUN_TIME)
    targets = {target for _, _, target in calls if target} | {
        t for chosen in CHOSEN_AT_RUN_TIME.values() for t in chosen}
    undeclared = sorted(t for t in targets - READS_THROUGH_A_WRITER
                        if _writes(_function(t)) and not changes_of(_function(t)))
    assert undeclared == []
    # a few by hand: what each changes is what the screens that show it listen for
    assert changes_of(_function("workshop.services.bookings:issue_material")) == Change.BOOKINGS | Change.SHOP
    assert changes_of(_function("workshop.services.change_orders:approve_change_order")) == (
        Change.CHANGE_ORDERS | Change.JOBS | Change.ROUTING | Change.BOM | Change.BOOKINGS)
    assert changes_of(_function("workshop.services.routing:save_as_template")) == Change.TEMPLATES


def test_the_record_editors_save_through_services_that_declare_what_they_write():
    from workshop.ui.dialogs.record_editor import RecordEditor

    expected = {"customers": Change.CUSTOMERS, "materials": Change.SHOP, "operators": Change.SHOP,
                # a workstation's capacity, machines and days off change the schedule too
                "workstations": Change.SHOP | Change.PLANNING, "templates": Change.TEMPLATES}
    for name, change in expected.items():
        module = importlib.import_module(f"workshop.ui.dialogs.{name}")
        editors = [c for c in vars(module).values()
                   if isinstance(c, type) and issubclass(c, RecordEditor) and c is not RecordEditor]
        assert len(editors) == 1, name
        assert changes_of(editors[0].create) == change and changes_of(editors[0].update) == change, name
