"""The screenshot command renders the real window to a PNG of the asked size, showing the asked
tab (and job): checked on the window as it is grabbed, and on the picture's pixels."""

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel

import workshop.ui.app
from workshop.domain.errors import WorkshopError
from workshop.ui.screenshot import take_screenshot


@pytest.fixture
def grabbed(monkeypatch):
    """What the window showed at the moment the screenshot was taken."""
    seen = {}
    make_window = workshop.ui.app.create_main_window

    def create_and_watch(*args, **kwargs):
        window = make_window(*args, **kwargs)
        grab = window.grab

        def grab_and_note():
            seen["title"] = window.windowTitle()
            seen["tab"] = window.tabs.tabText(window.tabs.currentIndex())
            seen["labels"] = [w.text() for w in window.findChildren(QLabel) if w.isVisible()]
            return grab()

        window.grab = grab_and_note
        return window

    monkeypatch.setattr(workshop.ui.app, "create_main_window", create_and_watch)
    return seen


def _colours(image: QImage) -> set[int]:
    """The distinct colours on a 10-pixel grid: a blank or one-colour picture has one or two."""
    return {image.pixel(x, y) for x in range(0, image.width(), 10) for y in range(0, image.height(), 10)}


def test_screenshot_writes_png_of_the_right_size(qtbot, db, shop, tmp_path, grabbed):
    out = tmp_path / "briefs.png"
    take_screenshot(db.display_name, "briefs", str(out), size=(1024, 700))
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 700)
    assert grabbed["tab"] == "Briefs" and grabbed["title"] == (
        Path(db.url.database).name if db.url.get_backend_name() == "sqlite" else f"{db.url.database} on {db.url.host}")
    assert len(_colours(image)) > 10  # text, lines and fields drawn, not an empty frame


def test_screenshot_of_a_job(qtbot, db, shop, tmp_path, grabbed):
    out = tmp_path / "job.png"
    take_screenshot(db.display_name, "job-cards", str(out), job_number=shop.job.number, size=(1280, 800))
    image = QImage(str(out))
    assert image.size().toTuple() == (1280, 800)
    assert grabbed["tab"] == "Job Cards"
    assert any(shop.job.number in text for text in grabbed["labels"])  # the job's card is open
    assert any("Oak dresser" in text for text in grabbed["labels"])
    assert len(_colours(image)) > 10


def test_unknown_tab_is_named(qtbot, db, tmp_path):
    with pytest.raises(WorkshopError, match="briefs, job-cards, routing"):
        take_screenshot(db.display_name, "nope", str(tmp_path / "x.png"))
