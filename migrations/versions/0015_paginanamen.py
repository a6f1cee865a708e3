"""Feedback keeps the page it was about by the page's endpoint: pages moved to the package of
their capability (burger → dossier and berichten, dagloon → inzage and bekeken), so the stored
names follow, and old answers stay counted with new ones.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

HERNOEMD = {
    "burger.mijn_dossier": "dossier.mijn_dossier",
    "burger.verwachten": "dossier.verwachten",
    "burger.start": "dossier.start",
    "burger.berichten_lijst": "berichten.lijst",
    "burger.bericht": "berichten.bericht",
    "dagloon.mijn_dagloon": "inzage.mijn_dagloon",
    "dagloon.uw_rechten": "inzage.uw_rechten",
    "dagloon.bekeken_lijst": "bekeken.lijst",
}

feedback = sa.table("feedback", sa.column("onderwerp", sa.String))


def _hernoem(paren: dict[str, str]) -> None:
    for oud, nieuw in paren.items():
        op.execute(feedback.update().where(feedback.c.onderwerp == oud).values(onderwerp=nieuw))


def upgrade() -> None:
    _hernoem(HERNOEMD)


def downgrade() -> None:
    _hernoem({nieuw: oud for oud, nieuw in HERNOEMD.items()})
