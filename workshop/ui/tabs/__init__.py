"""The tabs of the main window, in order. A new tab joins the window by adding its class here
(a subclass of ``WorkshopTab``); imports are lazy so start-up only pays for what it shows."""

from __future__ import annotations

from ...registry import load_optional

#: (tab_id, "module:Class", title). A tab's module is imported, and the tab built, the first
#: time it is shown: start-up pays only for the tab the window opens on.
TAB_CLASSES: list[tuple[str, str, str]] = [
    ("briefs", "workshop.ui.tabs.briefs:BriefsTab", "Briefs"),
    ("job-cards", "workshop.ui.tabs.job_cards:JobCardsTab", "Job Cards"),
    ("routing", "workshop.ui.tabs.routing:RoutingTab", "Routing"),
    ("inspection", "workshop.ui.tabs.inspection:InspectionTab", "Inspection"),
    ("wip", "workshop.ui.tabs.wip:WipTab", "Work in progress"),
]


def load_tab_class(spec: str):
    """The tab's class, or None when its module is not there (yet)."""
    return load_optional(spec)
