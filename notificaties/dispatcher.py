"""The dispatcher: claim due outbox rows, send them once, record what happened.

Persist first, then send: a row is claimed (``bezig``) and committed before the provider is
called, and the provider's id is committed before the row counts as sent. A process that
dies in between leaves a ``bezig`` row that the sweeper hands back after a grace time.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from notificaties.kanalen import Kanaal, KanaalFout, Uitgaand
from notificaties.stiltijd import Venster, volgende_kans
from portal.models import Notificatie

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Instellingen:
    partij: int = 100
    backoff_basis: timedelta = timedelta(seconds=30)
    backoff_max: timedelta = timedelta(minutes=30)
    opnieuw_proberen: timedelta = timedelta(hours=4)  # after this, a transient failure is final
    veegtijd: timedelta = timedelta(minutes=10)
    stiltijd: Venster | None = field(default_factory=Venster)


def claim(session: Session, nu: datetime, aantal: int) -> list[int]:
    """Mark up to ``aantal`` due rows as ``bezig`` and return their ids.

    On PostgreSQL ``FOR UPDATE SKIP LOCKED`` lets several dispatchers claim side by side
    without waiting for or taking each other's rows. SQLite allows one writer at a time,
    and the status check in the UPDATE makes a second claim of the same row impossible.
    """
    due = (
        select(Notificatie.id)
        .where(Notificatie.status == "wachtend", Notificatie.volgende_poging_op <= nu)
        .order_by(Notificatie.volgende_poging_op, Notificatie.id)
        .limit(aantal)
        .with_for_update(skip_locked=True)
        # A CTE is evaluated once; "id IN (subquery … LIMIT)" may be re-run by PostgreSQL
        # and then claim more rows than asked.
        .cte("due")
    )
    ids = list(
        session.scalars(
            update(Notificatie)
            .where(Notificatie.id == due.c.id, Notificatie.status == "wachtend")
            .values(status="bezig", geclaimd_op=nu)
            .returning(Notificatie.id)
        )
    )
    session.commit()
    return sorted(ids)


def veeg(session: Session, nu: datetime, veegtijd: timedelta) -> int:
    """Hand rows stuck in ``bezig`` (their dispatcher died) back to the queue."""
    resultaat = session.execute(
        update(Notificatie)
        .where(Notificatie.status == "bezig", Notificatie.geclaimd_op < nu - veegtijd)
        .values(status="wachtend", geclaimd_op=None)
    )
    session.commit()
    return resultaat.rowcount or 0


def _backoff(pogingen: int, instellingen: Instellingen) -> timedelta:
    return min(instellingen.backoff_basis * 2 ** max(pogingen - 1, 0), instellingen.backoff_max)


def _verwerk_een(
    session: Session,
    notificatie: Notificatie,
    kanalen: Mapping[str, Kanaal],
    render: Callable[[Notificatie], Uitgaand],
    nu: datetime,
    instellingen: Instellingen,
) -> str:
    if notificatie.kanaal == "sms" and instellingen.stiltijd is not None:
        kans = volgende_kans(nu, instellingen.stiltijd, notificatie.idempotentiesleutel)
        if kans is not None:
            notificatie.status, notificatie.volgende_poging_op = "wachtend", kans
            notificatie.geclaimd_op = None
            return "uitgesteld"
    notificatie.pogingen += 1
    try:
        kanaal = kanalen.get(notificatie.kanaal)
        if kanaal is None:
            raise KanaalFout(f"no channel configured for {notificatie.kanaal}", tijdelijk=False)
        try:
            provider_id = kanaal.send(render(notificatie))
        except KanaalFout:
            raise
        except Exception as onverwacht:
            # Unknown failures count as transient: retried, and final after the window.
            log.exception("Unexpected error sending notification %s", notificatie.id)
            raise KanaalFout(type(onverwacht).__name__, tijdelijk=True) from onverwacht
    except KanaalFout as fout:
        notificatie.laatste_fout = f"{fout.code or ''} {fout}".strip()[:2000]
        volgende = nu + _backoff(notificatie.pogingen, instellingen)
        if fout.tijdelijk and volgende <= notificatie.aangemaakt_op + instellingen.opnieuw_proberen:
            notificatie.status, notificatie.volgende_poging_op = "wachtend", volgende
            notificatie.geclaimd_op = None
            return "opnieuw"
        notificatie.status = "mislukt"
        return "mislukt"
    notificatie.status, notificatie.provider_id, notificatie.verzonden_op = (
        "verzonden",
        provider_id,
        nu,
    )
    notificatie.laatste_fout = None
    return "verzonden"


def verwerk(
    sessie_maker: Callable[[], Session],
    kanalen: Mapping[str, Kanaal],
    render: Callable[[Notificatie], Uitgaand],
    nu: datetime,
    instellingen: Instellingen | None = None,
) -> Counter[str]:
    """Claim one batch of due rows and send each; returns how many ended how."""
    instellingen = instellingen or Instellingen()
    uitkomsten: Counter[str] = Counter()
    with sessie_maker() as session:
        ids = claim(session, nu, instellingen.partij)
    for notificatie_id in ids:
        with sessie_maker() as session:
            notificatie = session.get(Notificatie, notificatie_id)
            if notificatie is None or notificatie.status != "bezig":
                continue
            uitkomst = _verwerk_een(session, notificatie, kanalen, render, nu, instellingen)
            session.commit()
            if uitkomst == "mislukt":
                log.warning(
                    "Notification %s failed for good: %s", notificatie_id, notificatie.laatste_fout
                )
            uitkomsten[uitkomst] += 1
    return uitkomsten
