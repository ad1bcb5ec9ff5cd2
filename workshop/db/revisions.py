"""Which schema revisions this program knows, read from the migration files without importing
Alembic (~0.4 s): opening a database that is already current must be quick. Alembic itself is
loaded only when a database needs upgrading. tests/db/test_migrations.py checks that this
agrees with Alembic."""

from __future__ import annotations

import re
from functools import lru_cache

from ..paths import migrations_path

_REVISION = re.compile(r"^revision(?:\s*:\s*[\w\[\], ]+)?\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision(?:\s*:\s*[\w\[\], .]+)?\s*=\s*(None|['\"]([^'\"]+)['\"])", re.MULTILINE)


@lru_cache(maxsize=1)
def _read() -> tuple[str, frozenset[str]]:
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (migrations_path() / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        found, down = _REVISION.search(source), _DOWN.search(source)
        if found is None or down is None:
            continue
        revisions.add(found.group(1))
        if down.group(2):
            parents.add(down.group(2))
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"the migrations must have exactly one head, found {sorted(heads)}")
    return heads.pop(), frozenset(revisions)


def head_revision() -> str:
    return _read()[0]


def known_revisions() -> frozenset[str]:
    return _read()[1]
