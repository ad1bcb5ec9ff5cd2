"""Helpers for export tests: read a written file back with the csv module, as a tool would."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

BOM = b"\xef\xbb\xbf"


def _read_back(path: Path) -> list[list[str]]:
    raw = Path(path).read_bytes()
    assert raw.startswith(BOM), "the file starts with the UTF-8 byte-order mark Excel looks for"
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.fixture
def read_back():
    """path -> rows (the header first), read with the csv module after checking the BOM."""
    return _read_back
