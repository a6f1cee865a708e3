"""The dev inbox holds SMS and e-mail, which are notificaties: *bericht* is the portal's own
inbox only. dev_bericht becomes dev_notificatie, rows kept.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 16:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import portal.models.base

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

KOLOMMEN = "id, notificatie_id, kanaal, adres, onderwerp, tekst, aangemaakt_op"


def _maak(naam: str) -> None:
    op.create_table(
        naam,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notificatie_id", sa.Integer(), nullable=False),
        sa.Column("kanaal", sa.String(length=10), nullable=False),
        sa.Column("adres", sa.String(length=254), nullable=False),
        sa.Column("onderwerp", sa.String(length=200), nullable=True),
        sa.Column("tekst", sa.Text(), nullable=False),
        sa.Column("aangemaakt_op", portal.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["notificatie_id"],
            ["notificatie.id"],
            name=op.f(f"fk_{naam}_notificatie_id_notificatie"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{naam}")),
    )
    op.create_index(op.f(f"ix_{naam}_notificatie_id"), naam, ["notificatie_id"], unique=False)


def _verhuis(van: str, naar: str) -> None:
    _maak(naar)
    op.execute(f"INSERT INTO {naar} ({KOLOMMEN}) SELECT {KOLOMMEN} FROM {van}")  # noqa: S608
    if op.get_bind().dialect.name == "postgresql":
        # The ids were copied: the new table's sequence goes on after the highest.
        op.execute(
            f"SELECT setval(pg_get_serial_sequence('{naar}', 'id'), "  # noqa: S608
            f"COALESCE((SELECT MAX(id) FROM {naar}), 0) + 1, false)"
        )
    op.drop_index(op.f(f"ix_{van}_notificatie_id"), table_name=van)
    op.drop_table(van)


def upgrade() -> None:
    _verhuis("dev_bericht", "dev_notificatie")


def downgrade() -> None:
    _verhuis("dev_notificatie", "dev_bericht")
