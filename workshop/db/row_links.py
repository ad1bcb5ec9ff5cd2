"""How the shop's rows hang together, read from the models' foreign keys: a row's key, the rows that
refer to it (its group, parents first), and the columns that hold stored files' bytes. The check finds
broken links with these, the repair sets whole groups aside, and unused files are found from them."""

from __future__ import annotations

from sqlalchemy import Connection, and_, select


def schema():
    from . import models  # noqa: F401 - registers every table
    from .base import Base

    return Base.metadata


def where_key(table, key: tuple):
    return and_(*(c == k for c, k in zip(table.primary_key.columns, key, strict=True)))


def read_row(conn: Connection, table, key: tuple) -> dict | None:
    row = conn.execute(select(table).where(where_key(table, key))).mappings().first()
    return dict(row) if row is not None else None


def children(conn: Connection, table, row: dict):
    """(child table, its key, the link's columns when it is ON DELETE SET NULL else None) of every row
    that refers to ``row``."""
    for child in schema().sorted_tables:
        for fk in child.foreign_key_constraints:
            if fk.referred_table is not table:
                continue
            values = [row[el.column.name] for el in fk.elements]
            if any(v is None for v in values):
                continue
            match = and_(*(el.parent == v for el, v in zip(fk.elements, values, strict=True)))
            set_null = (fk.ondelete or "").upper() == "SET NULL"
            for found in conn.execute(select(*child.primary_key.columns).where(match)):
                yield child, tuple(found), [el.parent.name for el in fk.elements] if set_null else None


def group_of(conn: Connection, table, key: tuple) -> tuple[list[tuple], list[tuple]]:
    """The row and every row that hangs off it (as (table, key, row), parents first), and the rows
    whose ON DELETE SET NULL link to one of them would be cleared instead (table, key, columns,
    parent table name, parent key)."""
    order: list[tuple] = []
    seen: set[tuple[str, tuple]] = set()
    clear: list[tuple] = []
    todo = [(table, key)]
    while todo:
        t, k = todo.pop(0)
        if (t.name, k) in seen:
            continue
        row = read_row(conn, t, k)
        if row is None:
            continue
        seen.add((t.name, k))
        order.append((t, k, row))
        for child, child_key, null_columns in children(conn, t, row):
            if null_columns is None:
                todo.append((child, child_key))
            else:
                clear.append((child, child_key, null_columns, t.name, k))
    return order, [c for c in clear if (c[0].name, c[1]) not in seen]


def blob_references():
    """Every (table, column) that refers to a stored file's bytes."""
    metadata = schema()
    blobs = metadata.tables["attachment_blobs"]
    return [(table, fk.parent) for table in metadata.sorted_tables for fk in table.foreign_keys
            if fk.column.table is blobs]


def key_text(key: tuple) -> str:
    return ",".join(str(k) for k in key)
