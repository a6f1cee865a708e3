"""Questions about the dossier, each a thread with an answer term

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 22:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import portal.models.base

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

ONBEANTWOORD = sa.text("status <> 'beantwoord'")


def upgrade() -> None:
    op.create_table(
        "vraag",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("burger_id", sa.Integer(), sa.ForeignKey("burger.id"), nullable=False),
        sa.Column("dossier_id", sa.Integer(), sa.ForeignKey("dossier.id"), nullable=False),
        sa.Column("soort", sa.String(10), nullable=False),
        sa.Column("onderwerp", sa.String(40), nullable=False),
        sa.Column("bericht_id", sa.Integer(), sa.ForeignKey("bericht.id"), nullable=True),
        sa.Column("casemanager_id", sa.Integer(), sa.ForeignKey("medewerker.id"), nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("gesteld_op", portal.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("gelezen_op", portal.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("beantwoord_op", portal.models.base.UTCDateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_vraag_burger_id", "vraag", ["burger_id"])
    op.create_index(
        "ix_vraag_onbeantwoord",
        "vraag",
        ["casemanager_id"],
        postgresql_where=ONBEANTWOORD,
        sqlite_where=ONBEANTWOORD,
    )
    op.create_table(
        "vraagbericht",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("vraag_id", sa.Integer(), sa.ForeignKey("vraag.id"), nullable=False),
        sa.Column("medewerker_id", sa.Integer(), sa.ForeignKey("medewerker.id"), nullable=True),
        sa.Column("tekst", sa.Text(), nullable=False),
        sa.Column("gebeld", sa.Boolean(), nullable=False),
        sa.Column("op", portal.models.base.UTCDateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_vraagbericht_vraag_id", "vraagbericht", ["vraag_id"])


def downgrade() -> None:
    op.drop_table("vraagbericht")
    op.drop_table("vraag")
