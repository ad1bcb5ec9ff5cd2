"""The reads two tabs make when first shown, made once off the GUI thread after start-up (issue 17).

SQLAlchemy compiles a statement the first time a process sends it and keeps it in the engine's cache
(3–5 ms each here: ~25 ms of the Briefs tab's first show, ~20 ms of Job Cards'). Sent here first, with
the lists' default filters and the first record each opens on, a tab's own reads find them compiled
and only run. What is read is thrown away; a shop that cannot be read now says so when the tab reads.
"""

from __future__ import annotations

from ..domain.errors import WorkshopError


def warm_reads(state, db) -> None:
    """On a pool thread: the Briefs and Job Cards tabs' first reads (``tasks.run_task``)."""
    from ..services import briefs, jobs
    from .models.briefs_model import STATUS_FILTERS, BriefsModel
    from .models.jobs_model import JobsModel
    from .widgets.job_list import COUNTED_STATUSES, QUICK_FILTERS

    try:
        page = briefs.list_page(db, "", STATUS_FILTERS[0][1], limit=BriefsModel.PAGE_SIZE)
        if page.rows and not state.is_cancelled():
            briefs.get_brief(db, page.rows[0].id)
        if state.is_cancelled():
            return
        listed = jobs.list_page(db, jobs.JobFilter(**QUICK_FILTERS[0][2]), limit=JobsModel.PAGE_SIZE,
                                count_statuses=COUNTED_STATUSES)
        if listed.rows and not state.is_cancelled():
            jobs.get_job(db, listed.rows[0].id)
    except WorkshopError:
        return  # busy or unreadable just now: the tab says so when it reads
