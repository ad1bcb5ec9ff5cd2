"""Extra pages of a job in Job Cards (costs, bookings, quality, delivery …).

A page joins by being listed in ``JOB_PAGES``; Job Cards knows nothing else about it. A
module that does not exist (yet) is skipped, so features can land one at a time.
"""

from __future__ import annotations

from importlib import import_module

#: "module:Class" of each page, in the order they appear after the built-in ones.
JOB_PAGES: list[str] = [
    "workshop.ui.job_pages.costs:JobCostsPage",
    "workshop.ui.job_pages.bookings:JobBookingsPage",
    "workshop.ui.job_pages.change_orders:ChangeOrdersPage",
    "workshop.ui.job_pages.quality:JobQualityPage",
    "workshop.ui.job_pages.delivery:DeliveryAftercarePage",
    "workshop.ui.job_pages.trace:JobTracePage",
]


def load_job_pages() -> list[type]:
    classes = []
    for spec in JOB_PAGES:
        module_name, _, name = spec.partition(":")
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        classes.append(getattr(module, name))
    return classes
