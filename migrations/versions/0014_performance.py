"""Performance at ten years of jobs (issue 17): indexes for the job list and search, for opening a job
with its costs, and for the reports. Nothing changes meaning; every index is also declared on its
model, so autogenerate finds nothing to add.

Revision ID: 0014
Revises: 0013
"""
from typing import Sequence, Union

from alembic import op


# revision identifiers, used by Alembic.
revision: str = '0014'
down_revision: Union[str, Sequence[str], None] = '0013'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    _upgrade_lists()
    _upgrade_job()
    _upgrade_reports()


def downgrade() -> None:
    _downgrade_reports()
    _downgrade_job()
    _downgrade_lists()


# --- the job list and its search ---------------------------------------------------------------
_LIST_INDEX = "ix_jobs_due_date_id_status_customer_id_search_text"


def _upgrade_lists() -> None:
    # SQLite only, as on the model (Job.__table_args__): PostgreSQL cannot hold a long search text
    # in a B-tree entry.
    if op.get_bind().dialect.name == "sqlite":
        op.create_index(_LIST_INDEX, "jobs", ["due_date", "id", "status", "customer_id", "search_text"])
    op.create_index("ix_jobs_status_due_date", "jobs", ["status", "due_date"])


def _downgrade_lists() -> None:
    op.drop_index("ix_jobs_status_due_date", table_name="jobs")
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index(_LIST_INDEX, table_name="jobs")


# --- opening a job with its costs ---------------------------------------------------------------
_JOB_INDEXES = (  # (name, table, columns), as declared on the models: a job's stock position
    ("ix_bom_items_job_id_parent_id_material_id_quantity", "bom_items",
     ["job_id", "parent_id", "material_id", "is_assembly", "quantity"]),
    ("ix_material_issues_job_id_material_id_quantity", "material_issues", ["job_id", "material_id", "quantity"]),
)


def _upgrade_job() -> None:
    for name, table, columns in _JOB_INDEXES:
        op.create_index(name, table, columns)


def _downgrade_job() -> None:
    for name, table, _columns in reversed(_JOB_INDEXES):
        op.drop_index(name, table_name=table)


# --- the reports (WIP, load, lead time, aged debts) ---------------------------------------------
_REPORT_INDEXES = (  # (name, table, columns), as declared on the models
    ("ix_time_logs_job_id_minutes_rates", "time_logs",
     ["job_id", "labour_minutes", "machine_minutes", "labour_rate", "machine_rate", "overhead_rate", "overhead_basis"]),
    ("ix_job_status_history_to_status_job_id_at", "job_status_history", ["to_status", "job_id", "at"]),
)


def _upgrade_reports() -> None:
    for name, table, columns in _REPORT_INDEXES:
        op.create_index(name, table, columns)


def _downgrade_reports() -> None:
    for name, table, _columns in reversed(_REPORT_INDEXES):
        op.drop_index(name, table_name=table)
