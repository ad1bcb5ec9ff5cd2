"""Help ▸ About: the version, the shop's database and where its backups go."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ... import __version__
from ...db.engine import Database
from ...services.servers import place_of
from ...services.shop_backups import backups_folder
from ..plain_text import plain_label
from ..widgets.sizing import fit_to_screen


def database_facts(db: Database) -> list[tuple[str, str]]:
    """(label, text) rows: the database in use (a server's URL without its password) and where
    its backups go."""
    place = place_of(db)
    if place.file is not None:
        return [("Database", str(place.file)),
                ("Backups", f"{backups_folder(place.file)}\n(one a day when something changed, and before "
                            "an upgrade or a restore; File ▸ Back up now… makes one at once)")]
    if not place.on_server:  # a shop in memory: the tests' and nothing else's
        return [("Database", "in memory (nothing is kept)"), ("Backups", "none: nothing is kept")]
    return [("Database", db.display_name),
            ("Backups", "a PostgreSQL server is backed up with pg_dump: workshop backup --db … runs it "
                        "(the server's own backups are its administrator's)")]


class AboutDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About Workshop")
        body = QVBoxLayout(self)
        title = plain_label(f"Workshop {__version__}", objectName="aboutVersion")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        body.addWidget(title)
        body.addWidget(plain_label("Briefs, quotes, job cards, routing, inspection, costing and invoices "
                                   "for a bespoke workshop.", wordWrap=True))
        rows = QFormLayout()
        self.values: dict[str, QLabel] = {}
        facts = database_facts(db) + [
            ("Runs on", f"Python {platform.python_version()}, Qt {pyside_version} (PySide6)")]
        for label, text in facts:
            value = plain_label(text, wordWrap=True, objectName=f"about{label.replace(' ', '')}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            rows.addRow(f"{label}:", value)
            self.values[label] = value
        body.addLayout(rows)
        body.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        body.addWidget(buttons)
        # as tall as its words need at that width (the wrapped lines), no taller
        fit_to_screen(self, 620, body.totalHeightForWidth(620))
