"""Every item-data role of our own is a different number (issue 10: the explanation and the
progress roles were both UserRole + 2, so one model could answer the other's question)."""

from PySide6.QtCore import Qt

from workshop.ui.models import roles


def test_every_role_is_its_own_number_above_user_role():
    values = {name: int(getattr(roles, name)) for name in roles.__all__}
    assert len(set(values.values())) == len(values) == 6
    assert min(values.values()) >= int(Qt.ItemDataRole.UserRole)
