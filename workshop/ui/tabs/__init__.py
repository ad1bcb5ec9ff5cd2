"""The tabs of the main window, in order. A new tab joins the window by adding its class here
(a subclass of ``WorkshopTab``); imports are lazy so start-up only pays for what it shows."""

from __future__ import annotations

from importlib import import_module

#: (tab_id, "module:Class")
TAB_CLASSES: list[tuple[str, str]] = [
    ("briefs", "workshop.ui.tabs.briefs:BriefsTab"),
    ("job-cards", "workshop.ui.tabs.job_cards:JobCardsTab"),
    ("routing", "workshop.ui.tabs.routing:RoutingTab"),
    ("inspection", "workshop.ui.tabs.inspection:InspectionTab"),
    ("wip", "workshop.ui.tabs.wip:WipTab"),
]


def load_tab_class(spec: str):
    module, _, name = spec.partition(":")
    return getattr(import_module(module), name)
