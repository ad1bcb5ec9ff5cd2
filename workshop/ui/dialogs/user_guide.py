"""Help ▸ Open the user guide: the short guide shipped with the program (resources/guide/),
shown inside the window so it works the same from a source checkout and from a bundle."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ...paths import resource_path
from ..widgets.sizing import fit_to_screen


def guide_path() -> Path:
    """The guide's first page (found through workshop/paths.py, so a frozen bundle finds it too)."""
    return resource_path("guide", "index.html")


class UserGuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userGuideDialog")
        self.setWindowTitle("Workshop — user guide")
        body = QVBoxLayout(self)
        self.browser = QTextBrowser(objectName="guideBrowser")
        # links inside the guide are followed here; a web address opens in the browser
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        self.browser.setSearchPaths([str(guide_path().parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(guide_path())))
        body.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        body.addWidget(buttons)
        fit_to_screen(self, 1100, 760, minimum=(560, 400))

    def _follow(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        else:
            self.browser.setSource(url)


def open_user_guide(parent: QWidget | None) -> UserGuideDialog:
    dialog = UserGuideDialog(parent)
    dialog.open()
    return dialog
