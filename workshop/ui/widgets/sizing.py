"""Give a window an explicit minimum size once it is built.

Without one, its layout keeps moving the minimum while the window is shown; besides making
dialogs jump, that makes Qt warn on platforms that cannot pass size hints on ("offscreen",
used by the tests and the screenshot command)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def fix_minimum_size(window: QWidget, width: int = 0, height: int = 0, slack: int = 24) -> None:
    hint = window.minimumSizeHint()
    window.setMinimumSize(max(width, hint.width()), max(height, hint.height() + slack))
