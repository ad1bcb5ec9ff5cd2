"""The words the program shows for its kinds and categories, from one place (domain/labels.py)."""

from __future__ import annotations

from workshop.domain.costing import CostCategory
from workshop.domain.labels import COST_CATEGORY_LABELS, DELIVERY_METHOD_LABELS, quote_label


def test_every_cost_category_has_its_words_in_the_sheets_order():
    assert list(COST_CATEGORY_LABELS) == list(CostCategory)
    assert list(COST_CATEGORY_LABELS.values()) == ["Labour", "Machine", "Overhead", "Materials",
                                                   "Other direct costs"]


def test_delivery_methods_say_how_the_job_reached_the_customer():
    assert DELIVERY_METHOD_LABELS == {"collected": "Collected by the customer", "delivered": "Delivered",
                                      "installed": "Installed on site"}


def test_a_quote_is_named_by_its_number_and_from_the_second_revision_its_revision():
    assert quote_label("Q-2026-0012", 1) == "Q-2026-0012"
    assert quote_label("Q-2026-0012", 2) == "Q-2026-0012 rev 2"
