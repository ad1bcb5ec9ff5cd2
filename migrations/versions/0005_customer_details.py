"""Customer details: billing and delivery addresses, contact, tax number, country; a job's site address; quote terms in settings and per quote.

Customers already had a contact, an email, a tax number and one free-text address (kept as the
billing address). New: the billing address's country, the customer's delivery addresses, the
site address a job goes to, payment terms and exclusions (the shop's defaults and each quote's
own) and a per-quote choice to print the brief's internal constraints (off).

Revision ID: 0005
Revises: 0004
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: Union[str, Sequence[str], None] = "0004"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _home_country(conn) -> str:
    """The country of the shop's locale (en_GB -> GB): existing customers are taken to be local.
    Written out here rather than imported: a migration must not change when program code does."""
    settings = sa.table("shop_settings", sa.column("locale"))
    locale = conn.execute(sa.select(settings.c.locale).limit(1)).scalar() or ""
    territory = locale.replace("-", "_").split("_")[-1] if "_" in locale.replace("-", "_") else ""
    return territory.upper() if len(territory) == 2 and territory.isalpha() else ""


def upgrade() -> None:
    op.create_table(
        "customer_addresses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], ondelete="CASCADE",
                                name=op.f("fk_customer_addresses_customer_id_customers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_addresses")),
    )
    with op.batch_alter_table("customer_addresses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customer_addresses_customer_id"), ["customer_id"], unique=False)

    # Nullable first, back-filled, then NOT NULL.
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("country", sa.String(length=2), nullable=True))
    conn = op.get_bind()
    customers = sa.table("customers", sa.column("country", sa.String))
    conn.execute(customers.update().values(country=_home_country(conn)))
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.alter_column("country", existing_type=sa.String(length=2), nullable=False, server_default="")

    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("site_address", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("site_country", sa.String(length=2), nullable=False, server_default=""))
    with op.batch_alter_table("shop_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("quote_payment_terms", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("quote_exclusions", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("payment_terms", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("exclusions", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("print_constraints", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("quotes", schema=None) as batch_op:
        batch_op.drop_column("print_constraints")
        batch_op.drop_column("exclusions")
        batch_op.drop_column("payment_terms")
    with op.batch_alter_table("shop_settings", schema=None) as batch_op:
        batch_op.drop_column("quote_exclusions")
        batch_op.drop_column("quote_payment_terms")
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_column("site_country")
        batch_op.drop_column("site_address")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_column("country")
    with op.batch_alter_table("customer_addresses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_addresses_customer_id"))
    op.drop_table("customer_addresses")
