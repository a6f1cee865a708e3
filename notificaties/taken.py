"""A reminder before a task's deadline, once per round.

Some days before the deadline of a task the person has not answered yet, they get one SMS
or e-mail "Er staat een taak voor u klaar in het portaal" (never what the task is) over a
verified channel where they want news about their dossier. Someone without one had the
task on paper, with its deadline, when it was asked; a reminder by post would come too
late to help. A task asked only a few days before its deadline is not reminded: the news
of it is the reminder. ``Taak.herinnerd_op`` makes a second run find nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from notificaties.aanvragen import meld
from portal.models import Burger, Taak
from portal.tijd import vandaag

SOORT = "taak_herinnering"
DAGEN_VOOR = 3  # the reminder comes this many days before the deadline
PARTIJ = 2_000


def plan_herinneringen(session: Session, nu: datetime, dagen: int = DAGEN_VOOR) -> int:
    """Remind everyone whose open task is due within ``dagen`` days; returns how many
    reminders were asked for. Commits."""
    dag = vandaag(nu)
    totaal = 0
    while True:
        taken = list(
            session.scalars(
                select(Taak)
                .where(
                    Taak.status == "open",
                    Taak.herinnerd_op.is_(None),
                    Taak.uiterlijk <= dag + timedelta(days=dagen),
                )
                .order_by(Taak.id)
                .limit(PARTIJ)
            )
        )
        if not taken:
            return totaal
        for taak in taken:
            herinneringsdag = taak.uiterlijk - timedelta(days=dagen)
            # Asked on or after the reminder's day, or the deadline passed: no reminder.
            if vandaag(taak.gevraagd_op) < herinneringsdag and taak.uiterlijk >= dag:
                burger = session.get(Burger, taak.burger_id)
                if burger is not None and meld(
                    session,
                    burger,
                    soort=SOORT,
                    sleutel=f"taak:{taak.id}:{taak.ronde}:herinnering",
                    gegevens={"taak_id": taak.id, "uiterlijk": taak.uiterlijk.isoformat()},
                    nu=nu,
                ):
                    totaal += 1
        session.execute(
            update(Taak)
            .where(Taak.id.in_([t.id for t in taken]))
            .values(herinnerd_op=nu)
            .execution_options(synchronize_session=False)
        )
        session.commit()
