"""Briefs: a brief's quotes are read when its Quotes page is shown, not for every brief shown while
the Files page is in front (issue 17: the tab's first show read them, and the current quote twice)."""

from __future__ import annotations

import pytest

from workshop.services import briefs, quotes
from workshop.ui.context import AppContext
from workshop.ui.tabs.briefs import BriefsTab

OFFSCREEN_LIMITS = r"^This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS)


def test_quotes_are_read_when_their_page_is_shown_and_the_quote_once(qtbot, db, shop, monkeypatch):
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Oak bookcase")
    quote = quotes.create_quote(db, brief.id, lines=[("labour", "Making", "400.00")], markup_pct="0")
    asked: list[str] = []
    for name in ("list_quotes", "get_quote"):
        real = getattr(quotes, name)
        monkeypatch.setattr(quotes, name, lambda *a, _name=name, _real=real, **k: asked.append(_name) or _real(*a, **k))

    tab = BriefsTab(AppContext(db))
    qtbot.addWidget(tab)
    tab.resize(1280, 720)
    tab.show()
    qtbot.waitExposed(tab)
    assert tab.brief is not None and tab.brief.id == brief.id
    assert tab.lower_tabs.currentIndex() == 0  # Files in front
    assert asked == []

    tab.lower_tabs.setCurrentWidget(tab.quotes)  # as the person clicks "Quotes"
    assert asked == ["list_quotes", "get_quote"]
    assert tab.quotes.model.rowCount() == 1 and tab.quotes.current_row().id == quote.id
    assert tab.quotes.f_price.text() == "£400.00"

    asked.clear()
    tab.lower_tabs.setCurrentIndex(0)
    tab.show_brief(brief.id)  # the brief shown again, its quotes hidden: nothing read for them
    assert asked == []
    tab.lower_tabs.setCurrentWidget(tab.quotes)
    assert asked == ["list_quotes", "get_quote"]
