"""Helpers for export tests: read a written file back with the csv module, as a tool would."""

from __future__ import annotations

import pytest

from support.export_samples import read_csv


@pytest.fixture
def read_back():
    """path -> rows (the header first), read with the csv module after checking the BOM."""
    return read_csv
