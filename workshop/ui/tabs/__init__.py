"""The tabs of the main window, in order. A new tab joins the window by adding its class here
(a subclass of ``WorkshopTab``); imports are lazy so start-up only pays for what it shows. A
listed tab that cannot be imported is an error when it is first shown (``registry.load``)."""

from __future__ import annotations

#: (tab_id, "module:Class", title). A tab's module is imported, and the tab built, the first
#: time it is shown: start-up pays only for the tab the window opens on.
TAB_CLASSES: list[tuple[str, str, str]] = [
    ("start", "workshop.ui.tabs.start:StartTab", "Start"),  # what needs doing: the window opens on it
    ("briefs", "workshop.ui.tabs.briefs:BriefsTab", "Briefs"),
    ("job-cards", "workshop.ui.tabs.job_cards:JobCardsTab", "Job Cards"),
    ("routing", "workshop.ui.tabs.routing:RoutingTab", "Routing"),
    ("shop-floor", "workshop.ui.tabs.shop_floor:ShopFloorTab", "Shop Floor"),
    ("inspection", "workshop.ui.tabs.inspection:InspectionTab", "Inspection"),
    ("wip", "workshop.ui.tabs.wip:WipTab", "Work in progress"),
    ("invoices", "workshop.ui.tabs.invoices:InvoicesTab", "Invoices"),
    ("stock", "workshop.ui.tabs.stock:StockTab", "Stock"),
    ("schedule", "workshop.ui.tabs.schedule:ScheduleTab", "Schedule"),
    ("reports", "workshop.ui.tabs.reports:ReportsTab", "Reports"),
]

#: The tab the window opens on.
START_TAB = "start"

#: Which tab shows a record another tab asks for (``AppContext.open_record_requested``); the tab's
#: ``open_record(kind, record_id)`` finds it there. Jobs go to Job Cards (``open_job_requested``).
RECORD_TABS: dict[str, str] = {
    "job": "job-cards",
    "invoice": "invoices",
    "quote": "briefs",
    "material": "stock",
    "workstation": "schedule",
}


def title_of(tab_id: str) -> str:
    """The tab's title as the window's tab bar shows it."""
    return next(title for known, _spec, title in TAB_CLASSES if known == tab_id)
