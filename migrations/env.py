"""Alembic environment. The program passes its own connection (one transaction, foreign
keys off); the ``alembic`` command line uses ``WORKSHOP_DB`` or alembic.ini's URL."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import engine_from_config, pool

import workshop.db.models  # noqa: F401 - registers every table
from workshop.db.base import Base

config = context.config
target_metadata = Base.metadata


def _render_item(type_, obj, autogen_context):
    """Render our column types as their plain storage type, so migrations never import
    program code that may change later."""
    from sqlalchemy import TypeDecorator

    if type_ == "type" and isinstance(obj, TypeDecorator):
        impl = obj.impl if isinstance(obj.impl, type) else type(obj.impl)
        return f"sa.{impl.__name__}()"
    return False


def _include_name(name, type_, _parents) -> bool:
    """Autogenerate leaves out the job search's trigram index (0015: FTS5 tables kept by triggers, not models)."""
    from workshop.db.search_index import index_tables

    return not (type_ == "table" and name in index_tables())


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables
        transactional_ddl=True,
        compare_type=True,
        render_item=_render_item,
        include_name=_include_name,
    )


def run_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
        literal_binds=True, render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    section = config.get_section(config.config_ini_section, {})
    if os.environ.get("WORKSHOP_DB"):
        from workshop.db.engine import resolve_url

        section["sqlalchemy.url"] = resolve_url(os.environ["WORKSHOP_DB"]).render_as_string(hide_password=False)
    engine = engine_from_config(section, prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.begin() as conn:
        _configure(conn)
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
