"""One active scheduler: a lease in the database that the active worker keeps renewing.

A second worker asks for the lease on every beat and gets it only once the first stopped
renewing (it died, or was stopped) and the lease ran out. Works the same on SQLite and
PostgreSQL: taking the lease is one guarded UPDATE, so two workers can never both win.
"""

from __future__ import annotations

import os
import socket
import uuid
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from notificaties.setbased import insert_voor, rijen_geraakt
from portal.models import SchedulerLease

NAAM = "notificaties"
DUUR = timedelta(seconds=60)


def nieuwe_houder() -> str:
    """A name for this worker that no other process has."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def neem_of_verleng(
    session: Session, houder: str, nu: datetime, duur: timedelta = DUUR, naam: str = NAAM
) -> bool:
    """True when ``houder`` holds the lease until ``nu + duur`` (taken over or renewed)."""
    session.execute(
        insert_voor(session)(SchedulerLease)
        .values(naam=naam, houder=houder, verloopt_op=nu + duur, hartslag_op=nu)
        .on_conflict_do_nothing(index_elements=["naam"])
    )
    gelukt = session.execute(
        update(SchedulerLease)
        .where(
            SchedulerLease.naam == naam,
            or_(SchedulerLease.houder == houder, SchedulerLease.verloopt_op < nu),
        )
        .values(houder=houder, verloopt_op=nu + duur, hartslag_op=nu)
    )
    session.commit()
    return rijen_geraakt(gelukt) == 1


def laat_los(session: Session, houder: str, naam: str = NAAM) -> None:
    """Give the lease up at a clean stop, so another worker need not wait for it to expire."""
    session.execute(
        update(SchedulerLease)
        .where(SchedulerLease.naam == naam, SchedulerLease.houder == houder)
        .values(verloopt_op=SchedulerLease.hartslag_op)
    )
    session.commit()


def houder(session: Session, nu: datetime, naam: str = NAAM) -> str | None:
    """Who holds a lease that has not run out, if anyone."""
    return session.scalar(
        select(SchedulerLease.houder).where(
            SchedulerLease.naam == naam, SchedulerLease.verloopt_op >= nu
        )
    )
