"""The screenshot command renders the real window to a PNG of the asked size."""

from PySide6.QtGui import QImage

import pytest

from workshop.domain.errors import WorkshopError
from workshop.ui.screenshot import take_screenshot


def test_screenshot_writes_png_of_the_right_size(qtbot, db, shop, tmp_path):
    out = tmp_path / "briefs.png"
    take_screenshot(db.display_name, "briefs", str(out), size=(1024, 700))
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 700)


def test_screenshot_of_a_job(qtbot, db, shop, tmp_path):
    out = tmp_path / "job.png"
    take_screenshot(db.display_name, "job-cards", str(out), job_number=shop.job.number, size=(1280, 800))
    assert QImage(str(out)).size().toTuple() == (1280, 800)


def test_unknown_tab_is_named(qtbot, db, tmp_path):
    with pytest.raises(WorkshopError, match="briefs, job-cards, routing"):
        take_screenshot(db.display_name, "nope", str(tmp_path / "x.png"))
