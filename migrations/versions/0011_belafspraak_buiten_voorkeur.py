"""A call planned outside the person's preferred day parts keeps the reason, which the person sees

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 13:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("servicecall") as tabel:
        tabel.add_column(sa.Column("buiten_voorkeur_reden", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("servicecall") as tabel:
        tabel.drop_column("buiten_voorkeur_reden")
