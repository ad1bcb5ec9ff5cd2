"""Help ▸ About (version, database, where the backups go) and Help ▸ Open the user guide (the
guide shipped in resources/guide/, found through workshop/paths.py, also from a bundle)."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QDialogButtonBox

from support.gui import click, open_window, press
from workshop import __version__
from workshop.db.backup import make_backup
from workshop.db.engine import Database
from workshop.ui.dialogs.about import AboutDialog, database_facts
from workshop.ui.dialogs.user_guide import UserGuideDialog, guide_path

GUIDE = Path(__file__).resolve().parents[2] / "resources" / "guide"
STEPS = ["1. The brief: what the customer wants", "2. The quote", "3. The job", "4. Bill of materials and routing",
         "5. The job card for the bench", "6. Booking time and material", "7. Inspection", "8. Delivery",
         "9. The invoice", "10. Payment, and the backup"]


def _close(qtbot, dialog) -> None:
    click(qtbot, dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close))
    assert not dialog.isVisible()


def test_about_names_the_version_the_shop_file_and_its_backups_folder(qtbot, file_db, tmp_path):
    window = open_window(qtbot, file_db, tmp_path)
    window.actions.about.trigger()
    about = window.findChild(AboutDialog)
    qtbot.waitExposed(about)
    shop_file = (tmp_path / "shop.db").resolve()  # the db fixture's file
    texts = [label.text() for label in about.findChildren(type(about.values["Database"]))]
    assert f"Workshop {__version__}" in texts
    assert about.values["Database"].text() == str(shop_file)
    folder_shown = about.values["Backups"].text().splitlines()[0]
    assert folder_shown == str(tmp_path.resolve() / "backups")
    # the folder named is where a backup of this shop really goes
    assert make_backup(shop_file).path.parent == Path(folder_shown)
    # what a person reads can be copied (to tell someone where the shop is)
    assert about.values["Database"].textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    _close(qtbot, about)


def test_about_a_server_shows_its_url_without_the_password():
    from sqlalchemy.engine import make_url

    server = SimpleNamespace(url=make_url("postgresql+psycopg://tom:s3cret@shopserver:5432/oakridge"), file_path=None,
                             engine=SimpleNamespace(dialect=SimpleNamespace(name="postgresql")))
    server.display_name = Database.display_name.fget(server)  # the Database's own rule
    facts = dict(database_facts(server))
    assert facts["Database"] == "postgresql+psycopg://tom:***@shopserver:5432/oakridge"
    assert "pg_dump" in facts["Backups"]
    assert "s3cret" not in " ".join(facts.values())


def test_about_an_in_memory_shop_says_nothing_is_kept():
    from sqlalchemy.engine import make_url

    in_memory = SimpleNamespace(url=make_url("sqlite://"), display_name=":memory:", file_path=None,
                                engine=SimpleNamespace(dialect=SimpleNamespace(name="sqlite")))
    facts = dict(database_facts(in_memory))
    assert facts == {"Database": "in memory (nothing is kept)", "Backups": "none: nothing is kept"}


def _headings(browser) -> list[str]:
    return [line for line in browser.toPlainText().splitlines() if re.match(r"^\d+\. ", line)]


def _images(browser) -> dict[str, QImage | None]:
    html = guide_path().read_text(encoding="utf-8")
    doc = browser.document()
    shown = {}
    for src in re.findall(r'<img src="([^"]+)"', html):
        pixmap = doc.resource(QTextDocument.ResourceType.ImageResource, QUrl(src))
        shown[src] = None if pixmap is None else pixmap.toImage()
    return shown


def test_f1_opens_the_guide_ten_steps_each_with_its_picture(qtbot, db, tmp_path):
    window = open_window(qtbot, db, tmp_path)
    press(qtbot, window, Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier)
    guide = window.findChild(UserGuideDialog)
    qtbot.waitExposed(guide)
    assert guide.browser.source() == QUrl.fromLocalFile(str(GUIDE / "index.html"))
    assert _headings(guide.browser) == STEPS
    images = _images(guide.browser)
    assert len(images) == 10
    # every picture is loaded and is the file shipped beside the guide, pixel for pixel
    for src, image in images.items():
        assert image is not None and not image.isNull(), src
        shipped = QImage(str(GUIDE / src))
        assert (image.width(), image.height()) == (shipped.width(), shipped.height()), src
    # screenshots of the window at 1000×600, printed pages at 60 dpi (A4, 210×297 mm: 497×702, pdftoppm rounds up)
    sizes = {src: (image.width(), image.height()) for src, image in images.items()}
    assert sizes["03-job.png"] == (1000, 600)
    assert sizes["05-job-card.png"] == (497, 702)
    # the guide is no bigger than the screen it opens on (800×800 offscreen)
    room, frame = guide.screen().availableGeometry(), guide.frameGeometry()
    assert frame.width() <= room.width() and frame.height() <= room.height()
    _close(qtbot, guide)


def test_the_guide_ships_small():
    pictures = sorted(GUIDE.glob("*.png"))
    assert len(pictures) == 10
    assert sum(p.stat().st_size for p in pictures) < 1_500_000


def test_the_guide_is_found_in_a_bundle(qtbot, tmp_path, monkeypatch):
    bundle = tmp_path / "dist" / "workshop" / "_internal"
    shutil.copytree(GUIDE, bundle / "resources" / "guide")
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert guide_path() == bundle / "resources" / "guide" / "index.html"
    guide = UserGuideDialog()
    qtbot.addWidget(guide)
    guide.show()
    qtbot.waitExposed(guide)
    assert guide.browser.source() == QUrl.fromLocalFile(str(bundle / "resources" / "guide" / "index.html"))
    assert _headings(guide.browser) == STEPS
    assert all(image is not None and not image.isNull() for image in _images(guide.browser).values())
