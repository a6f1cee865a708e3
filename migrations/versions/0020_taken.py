"""Taken: what UWV asks of the person, with a deadline, and the files sent for it

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-08 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import portal.models.base

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

MOMENT = portal.models.base.UTCDateTime(timezone=True)
LOPEND = sa.text("status NOT IN ('geaccepteerd', 'ingetrokken')")


def upgrade() -> None:
    op.create_table(
        "taak",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("burger_id", sa.Integer(), sa.ForeignKey("burger.id"), nullable=False),
        sa.Column("dossier_id", sa.Integer(), sa.ForeignKey("dossier.id"), nullable=False),
        sa.Column("titel", sa.String(120), nullable=False),
        sa.Column("toelichting", sa.Text(), nullable=True),
        sa.Column("traject_soort", sa.String(40), nullable=True),
        sa.Column("uiterlijk", sa.Date(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("ronde", sa.Integer(), nullable=False),
        sa.Column("reden", sa.Text(), nullable=True),
        sa.Column("uitleg", sa.Text(), nullable=True),
        sa.Column("casemanager_id", sa.Integer(), sa.ForeignKey("medewerker.id"), nullable=True),
        sa.Column("medewerker_id", sa.Integer(), sa.ForeignKey("medewerker.id"), nullable=True),
        sa.Column("api_client_id", sa.Integer(), sa.ForeignKey("api_client.id"), nullable=True),
        sa.Column("gevraagd_op", MOMENT, nullable=False),
        sa.Column("ingeleverd_op", MOMENT, nullable=True),
        sa.Column("bekeken_op", MOMENT, nullable=True),
        sa.Column("herinnerd_op", MOMENT, nullable=True),
        sa.Column("afgerond_op", MOMENT, nullable=True),
    )
    op.create_index("ix_taak_burger_id", "taak", ["burger_id"])
    op.create_index(
        "ix_taak_lopend",
        "taak",
        ["casemanager_id", "uiterlijk"],
        postgresql_where=LOPEND,
        sqlite_where=LOPEND,
    )
    op.create_table(
        "taakbestand",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("taak_id", sa.Integer(), sa.ForeignKey("taak.id"), nullable=False),
        sa.Column("ronde", sa.Integer(), nullable=False),
        sa.Column("bestandsnaam", sa.String(200), nullable=False),
        sa.Column("soort", sa.String(10), nullable=False),
        sa.Column("grootte", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("ingeleverd_op", MOMENT, nullable=False),
    )
    op.create_index("ix_taakbestand_taak_id", "taakbestand", ["taak_id"])


def downgrade() -> None:
    op.drop_table("taakbestand")
    op.drop_table("taak")
