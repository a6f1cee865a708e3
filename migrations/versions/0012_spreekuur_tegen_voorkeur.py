"""A spreekuur planned in another form or at another office than the person prefers keeps
the reason and the preference it departs from; the person sees both

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("spreekuur") as tabel:
        tabel.add_column(sa.Column("tegen_voorkeur_reden", sa.Text(), nullable=True))
        tabel.add_column(sa.Column("tegen_voorkeur_id", sa.Integer(), nullable=True))
        tabel.create_foreign_key(
            "fk_spreekuur_tegen_voorkeur_id_spreekuurvoorkeur",
            "spreekuurvoorkeur",
            ["tegen_voorkeur_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("spreekuur") as tabel:
        tabel.drop_constraint(
            "fk_spreekuur_tegen_voorkeur_id_spreekuurvoorkeur", type_="foreignkey"
        )
        tabel.drop_column("tegen_voorkeur_id")
        tabel.drop_column("tegen_voorkeur_reden")
