"""Hoe ging het gesprek?: anonymous ratings of a call, a spreekuur or a callback, and the
hashed markers that let a person rate each contact once

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Without rowid on SQLite: the rows keep no order of arrival (PostgreSQL ignores it).
    op.create_table(
        "contactfeedback",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("soort", sa.String(length=20), nullable=False),
        sa.Column("oordeel", sa.String(length=10), nullable=False),
        sa.Column("opmerking", sa.Text(), nullable=True),
        sa.Column("taal", sa.String(length=8), nullable=False),
        sa.Column("dag", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contactfeedback")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_contactfeedback_soort_dag", "contactfeedback", ["soort", "dag"])

    op.create_table(
        "contact_beoordeeld",
        sa.Column("sleutel", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("sleutel", name=op.f("pk_contact_beoordeeld")),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("contact_beoordeeld")
    op.drop_index("ix_contactfeedback_soort_dag", table_name="contactfeedback")
    op.drop_table("contactfeedback")
