"""Mijn brieven (UWV's letters beside the portal's own), payments with their specification,
and objections and complaints with their legal terms

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import portal.models.base

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

TE_PRINTEN = sa.text("batch IS NULL AND herkomst = 'portal'")


def upgrade() -> None:
    with op.batch_alter_table("brief") as tabel:
        tabel.add_column(
            sa.Column("herkomst", sa.String(10), nullable=False, server_default="portal")
        )
        tabel.add_column(sa.Column("datum", sa.Date(), nullable=True))
        tabel.add_column(sa.Column("titel", sa.String(200), nullable=True))
        tabel.add_column(sa.Column("traject_soort", sa.String(40), nullable=True))
        tabel.add_column(sa.Column("bestandsnaam", sa.String(160), nullable=True))
        tabel.add_column(sa.Column("grootte", sa.Integer(), nullable=True))
        tabel.add_column(sa.Column("sha256", sa.String(64), nullable=True))
        tabel.add_column(
            sa.Column("geopend_op", portal.models.base.UTCDateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table("ondersteuning") as tabel:
        tabel.add_column(
            sa.Column("eenvoudige_taal", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_index("ix_brief_burger_datum", "brief", ["burger_id", "datum"])
    op.create_index(
        "ix_brief_te_printen", "brief", ["id"], postgresql_where=TE_PRINTEN, sqlite_where=TE_PRINTEN
    )
    op.create_table(
        "betaling",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("burger_id", sa.Integer(), sa.ForeignKey("burger.id"), nullable=False),
        sa.Column("dossier_id", sa.Integer(), sa.ForeignKey("dossier.id"), nullable=False),
        sa.Column("extern_id", sa.String(80), nullable=False, unique=True),
        sa.Column("traject_soort", sa.String(40), nullable=False),
        sa.Column("besluit_op", sa.Date(), nullable=False),
        sa.Column("nabetaling", sa.Numeric(12, 2), nullable=False),
        sa.Column("compensatie", sa.Numeric(12, 2), nullable=False),
        sa.Column("verwacht_op", sa.Date(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("betaald_op", sa.Date(), nullable=True),
        sa.Column("aangemaakt_op", portal.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("gewijzigd_op", portal.models.base.UTCDateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_betaling_burger_id", "betaling", ["burger_id"])
    op.create_table(
        "betalingsperiode",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("betaling_id", sa.Integer(), sa.ForeignKey("betaling.id"), nullable=False),
        sa.Column("van", sa.Date(), nullable=False),
        sa.Column("tot", sa.Date(), nullable=False),
        sa.Column("dagloon_oud", sa.Numeric(10, 2), nullable=False),
        sa.Column("dagloon_nieuw", sa.Numeric(10, 2), nullable=False),
        sa.Column("bedrag", sa.Numeric(12, 2), nullable=False),
    )
    op.create_index("ix_betalingsperiode_betaling_id", "betalingsperiode", ["betaling_id"])
    op.create_table(
        "bezwaar",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("burger_id", sa.Integer(), sa.ForeignKey("burger.id"), nullable=False),
        sa.Column("dossier_id", sa.Integer(), sa.ForeignKey("dossier.id"), nullable=False),
        sa.Column("extern_id", sa.String(80), nullable=False, unique=True),
        sa.Column("soort", sa.String(10), nullable=False),
        sa.Column("besluit_op", sa.Date(), nullable=True),
        sa.Column("ontvangen_op", sa.Date(), nullable=False),
        sa.Column("adviescommissie", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("verdaagd_op", sa.Date(), nullable=True),
        sa.Column("verdaging_reden", sa.Text(), nullable=True),
        sa.Column("beslist_op", sa.Date(), nullable=True),
        sa.Column("aangemaakt_op", portal.models.base.UTCDateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_bezwaar_burger_id", "bezwaar", ["burger_id"])


def downgrade() -> None:
    with op.batch_alter_table("ondersteuning") as tabel:
        tabel.drop_column("eenvoudige_taal")
    op.drop_table("bezwaar")
    op.drop_table("betalingsperiode")
    op.drop_table("betaling")
    op.drop_index("ix_brief_te_printen", "brief")
    op.drop_index("ix_brief_burger_datum", "brief")
    with op.batch_alter_table("brief") as tabel:
        for kolom in (
            "geopend_op", "sha256", "grootte", "bestandsnaam", "traject_soort", "titel",
            "datum", "herkomst",
        ):  # fmt: skip
            tabel.drop_column(kolom)
