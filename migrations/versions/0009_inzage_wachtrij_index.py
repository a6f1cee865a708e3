"""The inzage queue's order: open requests by the day the answer is due

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25 23:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

OPEN = ("ontvangen", "in_behandeling", "verlengd")  # as portal.models.inzage.OPEN on this day


def upgrade() -> None:
    open_ = sa.column("status").in_(OPEN)
    op.create_index(
        "ix_inzageverzoek_open_uiterlijk",
        "inzageverzoek",
        [sa.text("coalesce(verlengd_tot, termijn_op)"), "id"],
        postgresql_where=open_,
        sqlite_where=open_,
    )


def downgrade() -> None:
    op.drop_index("ix_inzageverzoek_open_uiterlijk", table_name="inzageverzoek")
