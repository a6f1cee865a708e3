"""Providermeting: how long the Twilio and SMTP calls took and how they ended, counted per
channel, provider, outcome and code, for the operator's metrics endpoint

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 15:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

GRENSKOLOMMEN = ("tot_0_1", "tot_0_25", "tot_0_5", "tot_1_0", "tot_2_5", "tot_5_0", "tot_10_0")


def upgrade() -> None:
    op.create_table(
        "providermeting",
        sa.Column("kanaal", sa.String(length=10), nullable=False),
        sa.Column("provider", sa.String(length=20), nullable=False),
        sa.Column("uitkomst", sa.String(length=20), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("aantal", sa.BigInteger(), nullable=False),
        sa.Column("duur_ms_som", sa.BigInteger(), nullable=False),
        *(sa.Column(naam, sa.Integer(), nullable=False) for naam in GRENSKOLOMMEN),
        sa.PrimaryKeyConstraint(
            "kanaal", "provider", "uitkomst", "code", name=op.f("pk_providermeting")
        ),
    )


def downgrade() -> None:
    op.drop_table("providermeting")
