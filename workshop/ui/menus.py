"""The window's actions, menus and toolbar. Each action only calls a method of the window
(or of the current tab); what those do lives elsewhere."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar

#: Shop menu: (key, label, "module:Class"); each dialog is built with (ctx, parent).
SHOP_DIALOGS: list[tuple[str, str, str]] = [
    ("customers", "&Customers…", "workshop.ui.dialogs.customers:CustomersDialog"),
    ("job_orders", "&Job orders…", "workshop.ui.dialogs.job_orders:JobOrdersDialog"),
    ("workstations", "&Workstations…", "workshop.ui.dialogs.workstations:WorkstationsDialog"),
    ("operators", "&Operators…", "workshop.ui.dialogs.operators:OperatorsDialog"),
    ("materials", "&Materials…", "workshop.ui.dialogs.materials:MaterialsDialog"),
    ("templates", "&Routing templates…", "workshop.ui.dialogs.templates:TemplatesDialog"),
    ("shop_calendar", "Shop ca&lendar…", "workshop.ui.dialogs.shop_calendar:ShopCalendarDialog"),
    ("day_review", "Reconcile the &day…", "workshop.ui.dialogs.day_review:DayReviewDialog"),
    ("settings", "Company &settings…", "workshop.ui.dialogs.company_settings:CompanySettingsDialog"),
    ("export_invoices", "&Export invoices…", "workshop.ui.dialogs.invoice_export:InvoiceExportDialog"),
]
#: Dialogs of that list the File menu shows instead of the Shop menu.
FILE_MENU_DIALOGS = ("export_invoices",)


@dataclass
class Actions:
    new_database: QAction
    open_database: QAction
    open_server: QAction
    print_: QAction
    quit: QAction
    new_record: QAction
    save: QAction
    revert: QAction
    undo: QAction
    redo: QAction
    find: QAction
    about: QAction
    shop: dict[str, QAction]
    recent_menu: QMenu | None = None
    backup_now: QAction | None = None
    restore: QAction | None = None
    user_guide: QAction | None = None
    scanner_check: QAction | None = None
    move_to_server: QAction | None = None  # shown while a shop file is open
    copy_to_file: QAction | None = None  # shown while a server's shop is open


def _action(window: QMainWindow, name: str, text: str, slot, shortcut=None, tip: str = "",
            icon: QStyle.StandardPixmap | None = None, icon_text: str = "") -> QAction:
    action = QAction(text, window)
    if icon_text:
        action.setIconText(icon_text)
    action.setObjectName(f"action_{name}")
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                          if shortcut is not None else tip)
    if icon is not None:
        action.setIcon(window.style().standardIcon(icon))
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)  # shortcuts work even when a menu is not shown
    return action


def _move_shop(w, step: str):
    """File ▸ Move this shop to a server… / Copy this shop to a file… (dialogs/move_shop.py, imported
    when chosen)."""
    from .dialogs import move_shop

    return getattr(move_shop, step)(w)


def build_actions(w) -> Actions:
    sp = QStyle.StandardPixmap
    key = QKeySequence.StandardKey
    shop = {k: _action(w, f"shop_{k}", label, lambda k=k: w.open_shop_dialog(k)) for k, label, _ in SHOP_DIALOGS}
    return Actions(
        new_database=_action(w, "new_database", "&New database…", w.new_database_file,
                             tip="Start an empty shop database in a new file"),
        open_database=_action(w, "open_database", "&Open…", w.open_database_file, key.Open,
                              "Open another shop database", sp.SP_DialogOpenButton),
        open_server=_action(w, "open_server", "Open &server…", w.open_server,
                            tip="Open a shop kept on a PostgreSQL server, shared by several PCs"),
        print_=_action(w, "print", "&Print…", w.print_current, key.Print, "Print what this tab shows",
                       sp.SP_FileDialogDetailedView),
        quit=_action(w, "quit", "&Quit", w.close, key.Quit),
        new_record=_action(w, "new_record", "&New", w.new_record, key.New, "New record in this tab",
                           sp.SP_FileIcon),
        save=_action(w, "save", "&Save", w.save_current, key.Save, "Save the changes", sp.SP_DialogSaveButton),
        revert=_action(w, "revert", "&Revert changes", w.revert_current, "Esc", "Undo all unsaved changes",
                       sp.SP_DialogResetButton, icon_text="Revert"),
        undo=_action(w, "undo", "&Undo", w.undo_edit, key.Undo),
        redo=_action(w, "redo", "&Redo", w.redo_edit, key.Redo),
        find=_action(w, "find", "&Find", w.find_in_tab, key.Find, "Search this tab", sp.SP_FileDialogContentsView),
        about=_action(w, "about", "&About Workshop", w.show_about),
        user_guide=_action(w, "user_guide", "Open the user &guide", w.show_user_guide, "F1",
                           "The life of a job in ten steps, with pictures"),
        shop=shop,
        backup_now=_action(w, "backup_now", "&Back up now…", w.back_up_now,
                           tip="Make a checked copy of the shop in its backups folder"),
        restore=_action(w, "restore", "Res&tore…", w.restore_backup,
                        tip="Go back to a backup of the shop (you are told what would be lost first)"),
        scanner_check=_action(w, "scanner_check", "Sca&nner check card…", w.print_scanner_check,
                              tip="A card to scan at the Shop Floor terminal: it names the keyboard layout"),
        move_to_server=_action(w, "move_to_server", "&Move this shop to a server…",
                               lambda: _move_shop(w, "move_to_server"),
                               tip="Copy the whole shop into an empty database on a PostgreSQL server, to share it"),
        copy_to_file=_action(w, "copy_to_file", "Cop&y this shop to a file…", lambda: _move_shop(w, "copy_to_file"),
                             tip="Copy the whole shop from the server into a new shop file"),
    )


def build_menus(w, a: Actions) -> None:
    bar = w.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.setObjectName("menu_file")
    file_menu.addAction(a.new_database)
    file_menu.addAction(a.open_database)
    file_menu.addAction(a.open_server)
    a.recent_menu = file_menu.addMenu("Open &Recent")
    a.recent_menu.setObjectName("menu_recent")
    a.recent_menu.aboutToShow.connect(lambda: fill_recent_menu(w, a.recent_menu))
    file_menu.addSeparator()
    file_menu.addAction(a.move_to_server)
    file_menu.addAction(a.copy_to_file)
    file_menu.aboutToShow.connect(lambda: show_move_actions(w, a))
    file_menu.addSeparator()
    file_menu.addAction(a.print_)
    for key in FILE_MENU_DIALOGS:
        file_menu.addAction(a.shop[key])
    file_menu.addSeparator()
    file_menu.addAction(a.backup_now)
    file_menu.addAction(a.restore)
    file_menu.addSeparator()
    file_menu.addAction(a.quit)

    edit = bar.addMenu("&Edit")
    edit.setObjectName("menu_edit")
    for action in (a.undo, a.redo):
        edit.addAction(action)
    edit.addSeparator()
    for action in (a.new_record, a.save, a.revert):
        edit.addAction(action)
    edit.addSeparator()
    edit.addAction(a.find)

    shop = bar.addMenu("&Shop")
    shop.setObjectName("menu_shop")
    for key, _label, _spec in SHOP_DIALOGS:
        if key in FILE_MENU_DIALOGS:
            continue
        if key == "settings":
            shop.addSeparator()
        shop.addAction(a.shop[key])
        if key == "operators" and a.scanner_check is not None:  # badges are there; the scanner check beside
            shop.addAction(a.scanner_check)

    help_menu = bar.addMenu("&Help")
    help_menu.setObjectName("menu_help")
    help_menu.addAction(a.user_guide)
    help_menu.addSeparator()
    help_menu.addAction(a.about)


def show_move_actions(w, a: Actions) -> None:
    """Moving to a server is offered while a shop file is open, copying to a file while a server's is."""
    from ..services.servers import place_of

    db = w.ctx.db if w.ctx is not None else None
    a.move_to_server.setVisible(db is not None and db.file_path is not None)
    a.copy_to_file.setVisible(db is not None and place_of(db).on_server)


def fill_recent_menu(w, menu: QMenu) -> None:
    menu.clear()
    recent = w.recent_databases()
    for target in recent:
        action = menu.addAction(target.replace("&", "&&"))  # shown as kept: no password is in it
        action.triggered.connect(lambda _checked=False, t=target: w.open_recent(t))
    if not recent:
        menu.addAction("(none yet)").setEnabled(False)


def build_toolbar(w, a: Actions) -> QToolBar:
    bar = QToolBar("Main toolbar", w)
    bar.setObjectName("mainToolbar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for action in (a.new_record, a.save, a.revert):
        bar.addAction(action)
    bar.addSeparator()
    bar.addAction(a.find)
    bar.addAction(a.print_)
    w.addToolBar(bar)
    return bar
