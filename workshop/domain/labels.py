"""The words a person reads for the program's kinds and categories, kept with the rules
(statuses carry their own ``label``; these are the kinds that are not enums of their own).
Services, the window, print and the command line all name them from here."""

from __future__ import annotations

from .costing import CostCategory

#: Cost categories as the cost sheet, quotes and the command line name them, in the sheet's order.
COST_CATEGORY_LABELS: dict[CostCategory, str] = {
    CostCategory.LABOUR: "Labour",
    CostCategory.MACHINE: "Machine",
    CostCategory.OVERHEAD: "Overhead",
    CostCategory.MATERIALS: "Materials",
    CostCategory.OTHER: "Other direct costs",
}

#: How a job reached its customer: the stored value → what the delivery page and history say.
DELIVERY_METHOD_LABELS: dict[str, str] = {
    "collected": "Collected by the customer",
    "delivered": "Delivered",
    "installed": "Installed on site",
}

def quote_label(number: str, revision: int) -> str:
    """A quote revision as people name it: "Q-2026-0012", then "Q-2026-0012 rev 2"."""
    return number if revision == 1 else f"{number} rev {revision}"


#: What a cost sheet's margin is, by how far the job has got (``services.cost_progress`` chooses).
FINAL_MARGIN = "Final margin"
MARGIN_ON_WORK_DONE = "Margin on the work done"
MARGIN_UNMEASURED = "Margin so far (nothing estimated to measure the work by)"

__all__ = ["COST_CATEGORY_LABELS", "DELIVERY_METHOD_LABELS", "FINAL_MARGIN", "MARGIN_ON_WORK_DONE",
           "MARGIN_UNMEASURED", "quote_label"]
