"""Extra pages of a job in Job Cards (costs, bookings, quality, delivery …).

A page joins by being listed in ``JOB_PAGES``; Job Cards knows nothing else about it. Every
listed page ships: one that cannot be imported is an error, not a page left out.
"""

from __future__ import annotations

from ...registry import load

#: "module:Class" of each page, in the order they appear after the built-in ones.
JOB_PAGES: list[str] = [
    "workshop.ui.job_pages.files:JobFilesPage",
    "workshop.ui.job_pages.costs:JobCostsPage",
    "workshop.ui.job_pages.bookings:JobBookingsPage",
    "workshop.ui.job_pages.change_orders:ChangeOrdersPage",
    "workshop.ui.job_pages.quality:JobQualityPage",
    "workshop.ui.job_pages.delivery:DeliveryAftercarePage",
    "workshop.ui.job_pages.invoices:JobInvoicesPage",
    "workshop.ui.job_pages.trace:JobTracePage",
]


def load_job_pages() -> list[type]:
    return [load(spec) for spec in JOB_PAGES]
