"""Features listed by name ("module:attribute"): every entry resolves to the kind of object its
list promises, a missing one is an error instead of a placeholder, and the bundler is told about
every one of them (build.spec). The demo's seeds are a plain list of functions."""

from __future__ import annotations

import inspect
import re
import sys
import types
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QWidget

from workshop.demo import EXTRA_SEEDS, costing, invoices, orders, quality, stock
from workshop.registry import load, module_of
from workshop.ui.job_pages import JOB_PAGES, load_job_pages
from workshop.ui.job_pages.base import JobPage
from workshop.ui.menus import SHOP_DIALOGS
from workshop.ui.tabs import TAB_CLASSES
from workshop.ui.tabs.base import WorkshopTab

ROOT = Path(__file__).resolve().parent.parent
#: A "module:attribute" name written anywhere in the program's source.
NAMED = re.compile(r"""["'](workshop(?:\.\w+)+:\w+)["']""")


def _named_in_source() -> set[str]:
    return {m for path in (ROOT / "workshop").rglob("*.py") for m in NAMED.findall(path.read_text(encoding="utf-8"))}


def _tabs() -> list[str]:
    return [spec for _tab_id, spec, _title in TAB_CLASSES]


def _dialogs() -> list[str]:
    return [spec for _key, _label, spec in SHOP_DIALOGS]


def test_every_tab_page_and_dialog_resolves_to_what_its_list_promises():
    for spec in _tabs():  # built as cls(ctx), shown in the window's tab bar
        assert issubclass(load(spec), WorkshopTab) and issubclass(load(spec), QWidget), spec
    for spec in JOB_PAGES:  # built as cls(ctx), a page of a job in Job Cards
        assert issubclass(load(spec), JobPage), spec
    for spec in _dialogs():  # built as cls(ctx, parent) from the Shop menu
        dialog = load(spec)
        assert issubclass(dialog, QDialog), spec
        inspect.signature(dialog).bind("ctx", "parent")
    assert load_job_pages() == [load(spec) for spec in JOB_PAGES]
    assert EXTRA_SEEDS == [costing.seed, quality.seed, invoices.bill_tickets, stock.seed, orders.seed]
    for seed in EXTRA_SEEDS:  # called as seed(db, demo)
        inspect.signature(seed).bind("db", "demo")


def test_the_registries_are_every_name_the_program_loads_by():
    """A "module:attribute" written anywhere in workshop/ is an entry of one of these lists, so
    the tests above and the bundler's list miss none (a new list must be added to both)."""
    listed = [*_tabs(), *JOB_PAGES, *_dialogs()]
    # 11 tabs (issue 16 adds Start, Schedule and Reports), 8 job pages, 10 shop dialogs (one in the File menu)
    assert len(listed) == len(set(listed)) == 29
    assert _named_in_source() == set(listed)


def test_a_missing_module_or_name_is_an_error():
    with pytest.raises(ModuleNotFoundError):
        load("workshop.ui.tabs.ghost:GhostTab")
    with pytest.raises(ImportError, match=r"workshop\.ui\.tabs\.briefs has no GhostTab"):
        load("workshop.ui.tabs.briefs:GhostTab")
    with pytest.raises(ValueError, match="module:attribute"):
        module_of("workshop.ui.tabs.briefs")


def test_a_job_page_that_is_not_there_is_an_error(monkeypatch):
    monkeypatch.setattr("workshop.ui.job_pages.JOB_PAGES", [*JOB_PAGES, "workshop.ui.job_pages.ghost:GhostPage"])
    with pytest.raises(ModuleNotFoundError):
        load_job_pages()


def test_choosing_a_tab_whose_module_is_missing_raises_instead_of_showing_a_placeholder(qtbot, db, tmp_path,
                                                                                       monkeypatch):
    from workshop.ui import main_window
    from workshop.ui.app import create_main_window

    ghost = ("ghost", "workshop.ui.tabs.ghost:GhostTab", "Ghost")
    monkeypatch.setattr(main_window, "TAB_CLASSES", [TAB_CLASSES[0], ghost])
    window = create_main_window(db, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    assert window.tabs.tabText(1) == "Ghost"
    with qtbot.captureExceptions() as raised:
        window.tabs.setCurrentIndex(1)  # as a click on the tab does
    assert [type(exc) for _kind, exc, _tb in raised] == [ModuleNotFoundError]
    assert "workshop.ui.tabs.ghost" in str(raised[0][1])
    assert not window.tabs.widget(1).findChildren(QWidget)  # nothing stands in for it
    window.tabs.setCurrentIndex(0)  # closing the window saves the current tab's state


class _StoredZipFile(zipfile.ZipFile):
    def __init__(self, file, mode="r", compression=zipfile.ZIP_STORED, *args, **kwargs):
        super().__init__(file, mode, zipfile.ZIP_STORED, *args, **kwargs)


def _run_build_spec(monkeypatch, workpath) -> dict:
    """build.spec as PyInstaller runs it, with PyInstaller's spec globals recording their arguments."""
    made: dict = {}

    def record(kind):
        def build(*args, **kwargs):
            made[kind] = (args, kwargs)
            return types.SimpleNamespace(pure=[], scripts=[], binaries=[], datas=[])
        return build

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda package: [f"{package}.code93"]
    hooks.collect_data_files = lambda package: [(f"/site-packages/{package}/data.xml", package)]
    for name, module in (("PyInstaller", types.ModuleType("PyInstaller")),
                         ("PyInstaller.utils", types.ModuleType("PyInstaller.utils")),
                         ("PyInstaller.utils.hooks", hooks)):
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setattr(sys, "path", list(sys.path))  # the spec puts the project first
    # The spec zips Babel's locale data for the bundle with LZMA (~10 s of CPU); nothing here reads that
    # zip, so it is written stored instead (the same files, not compressed).
    monkeypatch.setattr(zipfile, "ZipFile", _StoredZipFile)
    spec = ROOT / "build.spec"
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"),
         {"SPECPATH": str(ROOT), "workpath": str(workpath),
         **{k: record(k) for k in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")}})
    return made


def test_build_spec_hands_the_bundler_every_registered_module(monkeypatch, tmp_path):
    made = _run_build_spec(monkeypatch, tmp_path)
    (scripts,), analysis = made["Analysis"]
    hidden = analysis["hiddenimports"]
    registered = {name.partition(":")[0] for name in _named_in_source()}
    assert registered <= set(hidden), registered - set(hidden)
    assert "workshop.ui.tabs.wip" in hidden and "workshop.ui.dialogs.company_settings" in hidden
    assert "reportlab.graphics.barcode.code93" in hidden  # the barcode writers are loaded by name too
    assert scripts == [str(ROOT / "scripts" / "frozen_entry.py")]
    own = [(src, dest) for src, dest in analysis["datas"] if not src.startswith("/site-packages/")]
    datas = dict((Path(src).relative_to(ROOT).as_posix(), dest) for src, dest in own)
    assert datas == {"resources": "resources", "migrations": "migrations", "alembic.ini": "."}
    # the libraries that read files beside their code at run time get them in the bundle
    assert {dest for src, dest in analysis["datas"] if src.startswith("/site-packages/")} \
        == {"facturx", "schwifty", "pycountry"}
