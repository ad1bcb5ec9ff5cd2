"""The two purchasing settings: the purchase order prefix and how a job's purchase costs the job."""

from __future__ import annotations

import pytest

from workshop.domain.errors import ValidationError
from workshop.services import settings


def test_defaults_and_changes(db):
    view = settings.get_settings(db)
    assert (view.purchase_order_prefix, view.job_purchase_costing) == ("PO", "actual")
    view = settings.update_settings(db, purchase_order_prefix=" bo ", job_purchase_costing="average")
    assert (view.purchase_order_prefix, view.job_purchase_costing) == ("BO", "average")  # prefixes go upper case
    assert settings.get_settings(db).job_purchase_costing == "average"


@pytest.mark.parametrize("changes, field, words", [
    (dict(job_purchase_costing="cheapest"), "job_purchase_costing", "must be one of: actual, average"),
    (dict(purchase_order_prefix="P-O"), "purchase_order_prefix", "only the letters A–Z and digits"),
    (dict(purchase_order_prefix=""), "purchase_order_prefix", "required"),
])
def test_bad_settings_are_refused(db, changes, field, words):
    with pytest.raises(ValidationError) as info:
        settings.update_settings(db, **changes)
    assert info.value.field == field and words in info.value.message
    assert (settings.get_settings(db).purchase_order_prefix, settings.get_settings(db).job_purchase_costing) == (
        "PO", "actual")
