"""The dispatcher's claim reads its batch off a partial index of the waiting rows, in the order
it takes them: after a quarterly run leaves 120,000 rows due at the same moment, a claim no
longer sorts them all

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 17:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

WACHTEND = sa.text("status = 'wachtend'")


def upgrade() -> None:
    op.create_index(
        "ix_notificatie_wachtend",
        "notificatie",
        ["volgende_poging_op", "id"],
        postgresql_where=WACHTEND,
        sqlite_where=WACHTEND,
    )


def downgrade() -> None:
    op.drop_index("ix_notificatie_wachtend", table_name="notificatie")
