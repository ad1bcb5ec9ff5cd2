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
