"""The shop's bank details on its invoices, and how its tax rates are named in Xero and QuickBooks.

Settings gain the IBAN and BIC an invoice asks to be paid to; an issued invoice keeps the ones it
was issued with (seller_iban, seller_bic), like the rest of the seller's details. The new table
tax_codes maps each tax category and rate to Xero's TaxType and AccountCode and QuickBooks' tax
code, for the accounting exports.

Revision ID: 0009
Revises: 0008
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: Union[str, Sequence[str], None] = "0008"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("shop_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("iban", sa.String(length=34), server_default="", nullable=False))
        batch_op.add_column(sa.Column("bic", sa.String(length=11), server_default="", nullable=False))
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seller_iban", sa.String(length=34), server_default="", nullable=False))
        batch_op.add_column(sa.Column("seller_bic", sa.String(length=11), server_default="", nullable=False))
    op.create_table(
        "tax_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("rate", sa.BigInteger(), nullable=False),
        sa.Column("xero_tax_type", sa.String(length=100), nullable=False),
        sa.Column("xero_account_code", sa.String(length=20), nullable=False),
        sa.Column("quickbooks_tax_code", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tax_codes")),
        sa.UniqueConstraint("category", "rate", name=op.f("uq_tax_codes_category")),
    )


def downgrade() -> None:
    op.drop_table("tax_codes")
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_column("seller_bic")
        batch_op.drop_column("seller_iban")
    with op.batch_alter_table("shop_settings", schema=None) as batch_op:
        batch_op.drop_column("bic")
        batch_op.drop_column("iban")
