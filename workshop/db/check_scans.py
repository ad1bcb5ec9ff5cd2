"""The scans of ``workshop check``, by kind: each reads one connection and returns what it finds as data
(check.py runs them, puts them in words and reports them; repair.py fixes from the same data).

* integrity: SQLite's ``PRAGMA integrity_check`` (PostgreSQL checks its own pages);
* links: rows whose foreign key names a row that does not exist, and stored files
  (``attachment_blobs``) that no attachment, inspection photo or logo uses any more;
* numbering: the human numbers (``PREFIX-YEAR-NNNN``) each counter of ``number_sequences`` gave, with
  their repeats and gaps;
* derived statuses: a job's status against its status history, an issued invoice's against its
  payments and credit notes.

Stock against its movements is stock_check.py's.
"""

from __future__ import annotations

import collections
import re
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Connection, String, and_, exists, func, not_, select
from sqlalchemy.exc import DBAPIError

from ..domain.invoice_status import InvoiceStatus, settled_status
from .row_links import blob_references, group_of, key_text, schema


# --- integrity -----------------------------------------------------------------------------------


def integrity_problems(conn: Connection) -> list[str]:
    if conn.dialect.name != "sqlite":
        return []  # PostgreSQL checks its own pages; a damaged one is reported when read (XX001)
    rows = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else rows


# --- links ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DanglingLink:
    table: str
    key: tuple  # the row's primary key
    columns: tuple[str, ...]
    values: tuple
    parent: str
    set_null: bool  # the link is ON DELETE SET NULL: clearing it is what deleting the parent does
    issued: tuple[str, ...] = ()  # issued invoices that hang off the row: it cannot be set aside

    @property
    def message(self) -> str:
        columns = ", ".join(f"{c} = {v}" for c, v in zip(self.columns, self.values, strict=True))
        words = (f"Broken link: {self.table} {key_text(self.key)} has {columns}, but there is no such row in "
                 f"{self.parent}.")
        if self.issued:
            words += (f" It cannot be set aside: issued invoice(s) {', '.join(self.issued)} depend on it (issued "
                      "documents never change). Restore a backup that has the missing row.")
        return words


def dangling_links(conn: Connection) -> list[DanglingLink]:
    """Rows whose foreign key (all columns set) names a row that does not exist."""
    found: list[DanglingLink] = []
    suspects = _tables_with_broken_links(conn)
    for table in schema().sorted_tables:
        if suspects is not None and table.name not in suspects:
            continue
        pk = list(table.primary_key.columns)
        for fk in sorted(table.foreign_key_constraints, key=lambda c: c.column_keys):
            parent = fk.referred_table.alias("parent")
            columns = [el.parent for el in fk.elements]
            match = and_(*(parent.c[el.column.name] == el.parent for el in fk.elements))
            query = (select(*pk, *columns)
                     .where(*(c.isnot(None) for c in columns), not_(exists().where(match)))
                     .order_by(*pk))
            for row in conn.execute(query):
                key = tuple(row[:len(pk)])
                set_null = (fk.ondelete or "").upper() == "SET NULL" and all(c.nullable for c in columns)
                issued = () if set_null else tuple(
                    r["number"] for t, _k, r in group_of(conn, table, key)[0] if t.name == "invoices" and r["number"])
                found.append(DanglingLink(
                    table=table.name, key=key, columns=tuple(c.name for c in columns), values=tuple(row[len(pk):]),
                    parent=fk.referred_table.name, set_null=set_null, issued=issued))
    return found


def _tables_with_broken_links(conn: Connection) -> set[str] | None:
    """On SQLite, the tables ``PRAGMA foreign_key_check`` finds a broken link in (one pass over the links
    in C: 1 s on the ten-year shop, where a query per link took 2.8 s); None elsewhere, or when SQLite
    cannot check a link (a parent key without a unique index): then every table is looked at."""
    if conn.dialect.name != "sqlite":
        return None
    try:
        return {row[0] for row in conn.exec_driver_sql("PRAGMA foreign_key_check")}
    except DBAPIError:
        return None


def orphan_blobs(conn: Connection) -> list[tuple[str, int]]:
    blobs = schema().tables["attachment_blobs"]
    used = [exists().where(column == blobs.c.sha256) for _table, column in blob_references()]
    query = select(blobs.c.sha256, blobs.c.size).where(*(not_(u) for u in used)).order_by(blobs.c.sha256)
    return [(sha, size) for sha, size in conn.execute(query)]


# --- numbering -----------------------------------------------------------------------------------


#: A human number as services.common.next_number writes it: prefix, year, counter value.
NUMBER = re.compile(r"^(?P<prefix>.+)-(?P<year>\d{4})-(?P<n>\d+)$")


@dataclass(frozen=True)
class Counter:
    prefix: str
    year: int
    last_value: int | None  # None: no number_sequences row
    used: tuple[int, ...]  # sorted, with repeats
    invoices: bool  # invoices or credit notes take numbers from it: it must have no gaps
    purchase_orders: bool = False  # purchase orders take numbers from it: no gaps either
    job_orders: bool = False  # job orders (JO-…) too: they are never deleted

    @property
    def highest(self) -> int:
        return max(self.used, default=0)

    @property
    def duplicates(self) -> list[int]:
        return sorted(n for n, times in collections.Counter(self.used).items() if times > 1)

    @property
    def gaps(self) -> list[int]:
        top = max(self.highest, self.last_value or 0)
        have = set(self.used)
        return [n for n in range(1, top + 1) if n not in have]

    def number(self, n: int) -> str:
        return f"{self.prefix}-{self.year}-{n:04d}"


def numbered_tables():
    """Tables whose rows carry a human number (a text column ``number``: B-, Q-, J-, INV-, CN-, NCR-, AC-…)."""
    return [t for t in schema().sorted_tables
            if "number" in t.c and isinstance(t.c.number.type, String)]


def counters(conn: Connection) -> list[Counter]:
    used: dict[tuple[str, int], list[int]] = defaultdict(list)
    invoice_counters: set[tuple[str, int]] = set()
    order_counters: set[tuple[str, int]] = set()
    job_order_counters: set[tuple[str, int]] = set()
    for table in numbered_tables():
        # Revisions of a quote share its number: each number counts once.
        for (number,) in conn.execute(select(table.c.number).where(table.c.number.isnot(None)).distinct()):
            m = NUMBER.match(number)
            if m is None:
                continue
            key = (m["prefix"], int(m["year"]))
            used[key].append(int(m["n"]))
            if table.name == "invoices":
                invoice_counters.add(key)
            if table.name == "purchase_orders":
                order_counters.add(key)
            if table.name == "job_orders":
                job_order_counters.add(key)
    sequences = schema().tables["number_sequences"]
    last = {(p, y): v for p, y, v in conn.execute(select(sequences.c.prefix, sequences.c.year,
                                                         sequences.c.last_value))}
    return [Counter(prefix, year, last.get((prefix, year)), tuple(sorted(used.get((prefix, year), ()))),
                    (prefix, year) in invoice_counters, (prefix, year) in order_counters,
                    (prefix, year) in job_order_counters)
            for prefix, year in sorted(set(used) | set(last))]


# --- derived statuses ----------------------------------------------------------------------------


@dataclass(frozen=True)
class JobStatusMismatch:
    job_id: int
    number: str
    status: str
    history_status: str | None  # None: the job has no history at all


@dataclass(frozen=True)
class InvoiceStatusMismatch:
    invoice_id: int
    number: str
    status: str
    expected: str


def job_status_mismatches(conn: Connection) -> list[JobStatusMismatch]:
    metadata = schema()
    jobs, history = metadata.tables["jobs"], metadata.tables["job_status_history"]
    rows = history.alias("rows")
    latest = select(func.max(rows.c.id)).where(rows.c.job_id == jobs.c.id).correlate(jobs).scalar_subquery()
    query = (select(jobs.c.id, jobs.c.number, jobs.c.status, history.c.to_status)
             .select_from(jobs.outerjoin(history, history.c.id == latest)).order_by(jobs.c.id))
    return [JobStatusMismatch(job_id, number, status, to_status)
            for job_id, number, status, to_status in conn.execute(query) if status != to_status]


def invoice_status_mismatches(conn: Connection) -> list[InvoiceStatusMismatch]:
    """Issued invoices (not credit notes) whose stored status disagrees with their payments and credits."""
    metadata = schema()
    invoices, payments = metadata.tables["invoices"], metadata.tables["payments"]
    notes = invoices.alias("note")
    paid = select(func.coalesce(func.sum(payments.c.amount), 0)).where(
        payments.c.invoice_id == invoices.c.id).scalar_subquery()
    credited = select(func.coalesce(func.sum(notes.c.gross), 0)).where(
        notes.c.credits_id == invoices.c.id, notes.c.status != InvoiceStatus.DRAFT.value).scalar_subquery()
    query = (select(invoices.c.id, invoices.c.number, invoices.c.status, invoices.c.gross, paid, credited)
             .where(invoices.c.status != InvoiceStatus.DRAFT.value, invoices.c.kind != "credit_note",
                    invoices.c.gross.isnot(None))
             .order_by(invoices.c.id))
    found = []
    for invoice_id, number, status, gross, paid_sum, credited_sum in conn.execute(query):
        # the sums keep the money column's type: they come back as Decimal, like the columns
        expected = settled_status(gross, paid_sum, credited_sum).value
        if status != expected:
            found.append(InvoiceStatusMismatch(invoice_id, number or f"invoice {invoice_id}", status, expected))
    return found
