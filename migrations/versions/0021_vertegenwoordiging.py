"""Someone acting for the person: begeleiders and DigiD Machtigen

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-08 00:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import portal.models.base

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

MOMENT = portal.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "vertegenwoordiging",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("burger_id", sa.Integer(), sa.ForeignKey("burger.id"), nullable=False),
        sa.Column("soort", sa.String(16), nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("naam", sa.String(200), nullable=True),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("vertegenwoordiger_bsn", sa.String(9), nullable=True),
        sa.Column("rechten", sa.JSON(), nullable=False),
        sa.Column("dienst", sa.String(200), nullable=True),
        sa.Column("uitnodiging_sleutel", sa.String(64), nullable=True, unique=True),
        sa.Column("uitnodiging_verloopt_op", MOMENT, nullable=True),
        sa.Column("bevestiging_sleutel", sa.String(64), nullable=True),
        sa.Column("bevestiging_pogingen", sa.Integer(), nullable=False),
        sa.Column("aangemaakt_op", MOMENT, nullable=False),
        sa.Column("actief_sinds", MOMENT, nullable=True),
        sa.Column("laatst_gebruikt_op", MOMENT, nullable=True),
        sa.Column("beeindigd_op", MOMENT, nullable=True),
    )
    op.create_index("ix_vertegenwoordiging_burger_id", "vertegenwoordiging", ["burger_id"])
    op.create_index(
        "ix_vertegenwoordiging_bsn_status",
        "vertegenwoordiging",
        ["vertegenwoordiger_bsn", "status"],
    )
    for tabel in ("sessie", "verwerkingslog"):
        with op.batch_alter_table(tabel) as wijziging:
            wijziging.add_column(
                sa.Column(
                    "vertegenwoordiging_id",
                    sa.Integer(),
                    sa.ForeignKey(
                        "vertegenwoordiging.id", name=f"fk_{tabel}_vertegenwoordiging_id"
                    ),
                    nullable=True,
                )
            )


def downgrade() -> None:
    for tabel in ("verwerkingslog", "sessie"):
        with op.batch_alter_table(tabel) as wijziging:
            wijziging.drop_constraint(f"fk_{tabel}_vertegenwoordiging_id", type_="foreignkey")
            wijziging.drop_column("vertegenwoordiging_id")
    op.drop_table("vertegenwoordiging")
