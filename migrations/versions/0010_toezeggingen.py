"""Kept promises: the toezegging ledger, the due moment of a message, paper fallbacks and
the nudge for unread important messages

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import portal.models.base

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

OPEN = sa.text("status = 'open'")
TE_LAAT = sa.text("status = 'verlopen' AND nagekomen_op IS NULL")
ONGELEZEN = sa.text("belangrijk AND gelezen_op IS NULL AND herinnerd_op IS NULL")


def upgrade() -> None:
    op.create_table(
        "toezegging",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("burger_id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("soort", sa.String(length=20), nullable=False),
        sa.Column("onderwerp", sa.String(length=60), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("van", portal.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("tot", portal.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("uiterlijk", portal.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("wettelijke_grens", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("bron", sa.String(length=12), nullable=False),
        sa.Column("medewerker_id", sa.Integer(), nullable=True),
        sa.Column("api_client_id", sa.Integer(), nullable=True),
        sa.Column("gemaakt_op", portal.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("afgesloten_op", portal.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("nagekomen_op", portal.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("reden", sa.Text(), nullable=True),
        sa.Column("vorige_id", sa.Integer(), nullable=True),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["api_client_id"],
            ["api_client.id"],
            name=op.f("fk_toezegging_api_client_id_api_client"),
        ),
        sa.ForeignKeyConstraint(
            ["burger_id"], ["burger.id"], name=op.f("fk_toezegging_burger_id_burger")
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossier.id"], name=op.f("fk_toezegging_dossier_id_dossier")
        ),
        sa.ForeignKeyConstraint(
            ["medewerker_id"],
            ["medewerker.id"],
            name=op.f("fk_toezegging_medewerker_id_medewerker"),
        ),
        sa.ForeignKeyConstraint(
            ["vorige_id"], ["toezegging.id"], name=op.f("fk_toezegging_vorige_id_toezegging")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_toezegging")),
    )
    with op.batch_alter_table("toezegging", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_toezegging_burger_id"), ["burger_id"], unique=False)
        batch_op.create_index("ix_toezegging_onderwerp", ["onderwerp"], unique=False)
    op.create_index(
        "ix_toezegging_open_uiterlijk",
        "toezegging",
        ["uiterlijk"],
        postgresql_where=OPEN,
        sqlite_where=OPEN,
    )
    op.create_index(
        "ix_toezegging_te_laat_uiterlijk",
        "toezegging",
        ["uiterlijk"],
        postgresql_where=TE_LAAT,
        sqlite_where=TE_LAAT,
    )

    with op.batch_alter_table("notificatie", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "verschuldigd_op", portal.models.base.UTCDateTime(timezone=True), nullable=True
            )
        )

    # Rows already there became due at their next attempt (waiting) or when they were made.
    op.execute(
        "UPDATE notificatie SET verschuldigd_op = CASE WHEN status = 'wachtend' AND pogingen = 0 "
        "THEN volgende_poging_op ELSE aangemaakt_op END"
    )

    with op.batch_alter_table("brief", schema=None) as batch_op:
        batch_op.alter_column("bericht_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("sleutel", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("reden", sa.Text(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_brief_sleutel"), ["sleutel"])

    with op.batch_alter_table("bericht", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("belangrijk", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("herinnerd_op", portal.models.base.UTCDateTime(timezone=True), nullable=True)
        )
    op.create_index(
        "ix_bericht_ongelezen_belangrijk",
        "bericht",
        ["aangemaakt_op"],
        postgresql_where=ONGELEZEN,
        sqlite_where=ONGELEZEN,
    )


def downgrade() -> None:
    op.drop_index("ix_bericht_ongelezen_belangrijk", table_name="bericht")
    with op.batch_alter_table("bericht", schema=None) as batch_op:
        batch_op.drop_column("herinnerd_op")
        batch_op.drop_column("belangrijk")
    with op.batch_alter_table("brief", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_brief_sleutel"), type_="unique")
        batch_op.drop_column("reden")
        batch_op.drop_column("sleutel")
        batch_op.alter_column("bericht_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("notificatie", schema=None) as batch_op:
        batch_op.drop_column("verschuldigd_op")
    op.drop_index("ix_toezegging_te_laat_uiterlijk", table_name="toezegging")
    op.drop_index("ix_toezegging_open_uiterlijk", table_name="toezegging")
    op.drop_table("toezegging")
