"""A job's extra pages (files, costs, bookings, quality …) are built when first chosen (issue 17: eight
pages built up front held Job Cards' first show ~116 ms on the ten-year shop): their buttons show at
once, a page chosen is built, told the job shown and loaded; a page built stays and follows the jobs
opened after it, shown for the job now open."""

from __future__ import annotations

import pytest

from workshop.services import bookings, jobs
from workshop.ui.job_pages import JOB_PAGES, load_job_pages
from workshop.ui.job_pages.bookings import JobBookingsPage
from workshop.ui.job_pages.quality import JobQualityPage
from support.gui import click, open_job_cards, show_job_page

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support (propagateSizeHints|raise)")


@pytest.fixture
def two_jobs(db, shop):
    van = bookings.add_other_cost(db, shop.job.id, category="delivery", description="Van hire", amount="120.50")
    side = jobs.create_job(db, customer_id=shop.customer.id, title="Side table", quantity=1, due_date=shop.job.due_date)
    return shop.job, side, van


def others(page) -> list[str]:
    return [page.others.index(r, 2).data() for r in range(page.others.rowCount())]


def test_no_extra_page_is_built_until_chosen(qtbot, db, two_jobs):
    job, _side, _van = two_jobs
    tab = open_job_cards(qtbot, db, job.id)
    detail = tab.detail
    assert detail.built_pages() == []
    titles = [detail.pages.tabText(i) for i in range(detail.pages.count())]
    assert titles == ["Job", "Bill of materials", "Status history", *(cls.title for cls in load_job_pages())]
    assert len(titles) == 3 + len(JOB_PAGES)
    assert all(detail.pages.tabButton(i).isVisible() for i in range(detail.pages.count()))

    index = detail.page_index(JobBookingsPage)
    click(qtbot, detail.pages.tabButton(index))  # as a person chooses it
    page = detail.pages.currentWidget()
    assert isinstance(page, JobBookingsPage) and detail.built_pages() == [page]
    assert page.job.id == job.id and page.isVisible()


def test_a_built_page_follows_the_job_opened(qtbot, db, two_jobs):
    job, side, van = two_jobs
    tab = open_job_cards(qtbot, db, job.id)
    page = show_job_page(tab, JobBookingsPage)
    assert others(page) == [van.description]  # loaded for the job shown

    tab.open_job(side.id)  # on the Job page: the hidden Bookings page waits
    assert page.job.id == side.id
    show_job_page(tab, JobBookingsPage)
    assert others(page) == []  # the side table has no costs: shown for the job now open

    quality = show_job_page(tab, JobQualityPage)  # another page: built, for the job now open
    assert quality.job.id == side.id
    assert tab.detail.built_pages() == [page, quality]  # in the pages' order, each built once
    tab.open_job(job.id)
    assert show_job_page(tab, JobBookingsPage) is page and others(page) == [van.description]
