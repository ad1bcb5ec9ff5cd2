from workshop.ui.models.paged import Column, PagedTableModel
from workshop.ui.models.roles import RowRole


def test_paged_model_fetches_pages_lazily_and_passes_modeltester(qtmodeltester):
    calls = []

    def fetch(offset, limit):
        calls.append((offset, limit))
        return [(i, f"row {i}") for i in range(offset, min(offset + limit, 250))]

    model = PagedTableModel([Column("Id", lambda r: r[0]), Column("Name", lambda r: r[1])], fetch)
    model.fetchMore()
    assert model.rowCount() == 100 and calls == [(0, 100)]
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 250 and not model.canFetchMore()
    assert model.index(249, 1).data() == "row 249"
    assert model.index(3, 0).data(RowRole) == (3, "row 3")
    qtmodeltester.check(model)
    model.reload(lambda o, l: [])
    assert model.rowCount() == 0


def test_a_first_page_handed_in_is_shown_without_a_fetch_and_a_short_one_is_the_whole_list():
    calls = []

    def fetch(offset, limit):
        calls.append((offset, limit))
        return [(i, f"row {i}") for i in range(offset, min(offset + limit, 250))]

    model = PagedTableModel([Column("Id", lambda r: r[0])], fetch)
    model.reload(first_page=fetch(0, 100))
    assert model.rowCount() == 100 and calls == [(0, 100)] and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 200 and calls[-1] == (100, 100)
    model.reload(first_page=[(1, "one"), (2, "two")])
    assert model.rowCount() == 2 and not model.canFetchMore() and len(calls) == 2


def test_the_job_list_model_answers_its_roles_and_passes_modeltester(qtmodeltester):
    import datetime as dt

    from PySide6.QtCore import Qt

    from workshop.services.jobs import JobRow
    from workshop.ui.models.jobs_model import JobsModel
    from workshop.ui.models.roles import ProgressRole

    rows = [JobRow(1, "J-2026-0001", "Harrow & Co", "Oak dresser", dt.date(2026, 1, 5), "in_progress", "normal", 2,
                   3, 4, True),
            JobRow(2, "J-2026-0002", "Łódź Metal Works", "Gate", dt.date(2026, 3, 1), "planned", "normal", 1, 0, 0,
                   False)]
    model = JobsModel(lambda offset, limit: rows[offset:offset + limit])
    model.reload()
    assert model.index(0, JobsModel.CUSTOMER).data() == "Harrow & Co"
    assert model.index(0, JobsModel.PROGRESS).data() == "3/4"
    assert model.index(0, JobsModel.PROGRESS).data(ProgressRole) == 0.75
    assert model.index(1, JobsModel.PROGRESS).data(ProgressRole) is None
    assert model.index(0, JobsModel.LATE).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0, JobsModel.DUE).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(1, JobsModel.DUE).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(0, JobsModel.NUMBER).data(Qt.ItemDataRole.DecorationRole) is None
    assert model.index(0, JobsModel.NUMBER).data(RowRole) is rows[0]
    assert model.data(model.index(5, 0)) is None  # past the rows: an invalid index
    qtmodeltester.check(model)
