"""The dispatcher: claim due outbox rows, send them once, record what happened.

Persist first, then send: a row is claimed (``bezig``) and committed before the provider is
called, and the provider's id is committed before the row counts as sent. A process that
dies in between leaves a ``bezig`` row that the sweeper hands back after a grace time.

A claimed batch comes back whole from the claim (``UPDATE … RETURNING``), and what decides
whether its messages may still go is read for a wave of them at once (``stand.Partij``). No
transaction is open while a provider is called; each message ends with one UPDATE in its own
short transaction, committed right after its provider call.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from limits import RateLimitItemPerSecond
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from sqlalchemy import Select, Update, bindparam, select, update
from sqlalchemy.orm import Session

from notificaties import metingen
from notificaties.aanvragen import DIRECT, reden_tegen, stop_sms
from notificaties.kanalen import Kanaal, KanaalFout, Uitgaand
from notificaties.setbased import rijen_geraakt
from notificaties.stand import Partij, Partijstand
from notificaties.stiltijd import Venster, volgende_kans
from notificaties.terugval import val_terug
from portal.models import Notificatie

# Twilio's answer when the person replied STOP to our number: treat it as their opt-out.
AFGEMELD_BIJ_PROVIDER = "21610"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Instellingen:
    partij: int = 100
    backoff_basis: timedelta = timedelta(seconds=30)
    backoff_max: timedelta = timedelta(minutes=30)
    opnieuw_proberen: timedelta = timedelta(hours=4)  # after this, a transient failure is final
    veegtijd: timedelta = timedelta(minutes=10)
    stiltijd: Venster | None = field(default_factory=Venster)
    draden: int = 1  # sends at once; the provider's latency, not our CPU, bounds a thread
    tempo: Tempo | None = None
    # A long-lived pool (the worker's): threads, and so their provider connections, are
    # kept between batches instead of being made anew for every batch.
    pool: Executor | None = None
    # How many threads use a database connection at once: the engine pool's steady size.
    # Threads that finish their provider calls together would otherwise open (and close
    # again) a PostgreSQL connection for nearly every message: ~4 ms of the server's CPU each.
    verbindingen: threading.BoundedSemaphore | None = None


class Tempo:
    """At most ``per_seconde`` messages a second per channel, shared by every dispatcher
    that uses the same storage (``memory://`` in one process, ``redis://`` across many)."""

    def __init__(self, per_seconde: Mapping[str, int], opslag: str = "memory://") -> None:
        self._limieten = {k: RateLimitItemPerSecond(n) for k, n in per_seconde.items() if n > 0}
        self._limiter = MovingWindowRateLimiter(storage_from_string(opslag))

    def mag_nu(self, kanaal: str) -> bool:
        """Take one turn if the channel has one left this second."""
        limiet = self._limieten.get(kanaal)
        return limiet is None or self._limiter.hit(limiet, "notificaties", kanaal)

    def wacht_op_beurt(self, kanaal: str) -> None:
        while not self.mag_nu(kanaal):
            time.sleep(0.005)


def te_claimen(nu: datetime, aantal: int) -> Select[int]:
    """The next ``aantal`` due rows, oldest first: read in this order straight off the partial
    index ``ix_notificatie_wachtend``, so a claim stays as fast with 120,000 rows waiting."""
    return (
        select(Notificatie.id)
        .where(Notificatie.status == "wachtend", Notificatie.volgende_poging_op <= nu)
        .order_by(Notificatie.volgende_poging_op, Notificatie.id)
        .limit(aantal)
    )


def _claim(nu: datetime, aantal: int) -> Update:
    # A CTE is evaluated once; "id IN (subquery … LIMIT)" may be re-run by PostgreSQL and
    # then claim more rows than asked.
    due = te_claimen(nu, aantal).with_for_update(skip_locked=True).cte("due")
    return (
        update(Notificatie)
        .where(Notificatie.id == due.c.id, Notificatie.status == "wachtend")
        .values(status="bezig", geclaimd_op=nu)
    )


def claim(session: Session, nu: datetime, aantal: int) -> list[int]:
    """Mark up to ``aantal`` due rows as ``bezig`` and return their ids.

    On PostgreSQL ``FOR UPDATE SKIP LOCKED`` lets several dispatchers claim side by side
    without waiting for or taking each other's rows. SQLite allows one writer at a time,
    and the status check in the UPDATE makes a second claim of the same row impossible.
    """
    ids = list(session.scalars(_claim(nu, aantal).returning(Notificatie.id)))
    session.commit()
    return sorted(ids)


def claim_rijen(session: Session, nu: datetime, aantal: int) -> list[Notificatie]:
    """:func:`claim`, returning the whole rows, oldest id first: what the claim changed comes
    back with them, so a batch costs no statement per row to load."""
    rijen = list(
        session.scalars(
            _claim(nu, aantal).returning(Notificatie).execution_options(synchronize_session=False)
        )
    )
    for notificatie in rijen:
        # The rows outlive this session, each sent by a thread of its own: taken out before
        # the commit, they keep what they hold whatever the session does at a commit.
        session.expunge(notificatie)
    session.commit()
    return sorted(rijen, key=lambda notificatie: notificatie.id)


def sweep(session: Session, nu: datetime, veegtijd: timedelta) -> int:
    """Hand rows stuck in ``bezig`` (their dispatcher died) back to the queue."""
    resultaat = session.execute(
        update(Notificatie)
        .where(Notificatie.status == "bezig", Notificatie.geclaimd_op < nu - veegtijd)
        .values(status="wachtend", geclaimd_op=None)
    )
    session.commit()
    return rijen_geraakt(resultaat)


def backoff(pogingen: int, instellingen: Instellingen) -> timedelta:
    wachten: timedelta = instellingen.backoff_basis * 2 ** max(pogingen - 1, 0)
    return min(wachten, instellingen.backoff_max)


def nog_binnen_venster(
    notificatie: Notificatie, volgende: datetime, instellingen: Instellingen
) -> bool:
    """Whether a retry at ``volgende`` is still within the message's retry window, counted
    from when it became due (its planned moment, or the end of the quiet hours that held it
    back), not from when it was written: a reminder planned weeks ahead would otherwise fail
    for good on its first temporary error."""
    verschuldigd = notificatie.verschuldigd_op or notificatie.aangemaakt_op
    return volgende <= verschuldigd + instellingen.opnieuw_proberen


Render = Callable[[Notificatie, str], Uitgaand]


@dataclass(frozen=True)
class Afloop:
    """How one message ended, and the columns of its row that say so."""

    uitkomst: str
    waarden: dict[str, Any]
    fout: KanaalFout | None = None


def _verwerk_een(
    notificatie: Notificatie,
    stand: Partijstand,
    kanalen: Mapping[str, Kanaal],
    render: Render,
    nu: datetime,
    instellingen: Instellingen,
    meter: metingen.Meter,
) -> Afloop:
    reden = reden_tegen(notificatie, stand, nu)
    if reden is not None:
        # Switched off, address changed, STOP sent, or the call it was for is over: cancelled
        # with the reason, never sent late.
        return Afloop(
            "geannuleerd",
            {"status": "geannuleerd", "geclaimd_op": None, "laatste_fout": f"geannuleerd: {reden}"},
        )
    stil = notificatie.kanaal == "sms" and notificatie.soort not in DIRECT
    if stil and instellingen.stiltijd is not None:
        kans = volgende_kans(nu, instellingen.stiltijd, notificatie.idempotentiesleutel)
        if kans is not None:
            # Due again when the quiet hours end.
            return Afloop(
                "uitgesteld",
                {
                    "status": "wachtend",
                    "volgende_poging_op": kans,
                    "verschuldigd_op": kans,
                    "geclaimd_op": None,
                },
            )
    contact = stand.contact(notificatie.burger_id) if notificatie.burger_id else None
    taal = contact.taal if contact else "nl"  # medewerkers read the portal's source language
    pogingen = notificatie.pogingen + 1
    try:
        kanaal = kanalen.get(notificatie.kanaal)
        if kanaal is None:
            raise KanaalFout(f"no channel configured for {notificatie.kanaal}", tijdelijk=False)
        uit = render(notificatie, taal)
        if instellingen.tempo is not None:
            instellingen.tempo.wacht_op_beurt(notificatie.kanaal)
        provider_id = _stuur_en_meet(kanaal, uit, notificatie, meter)
    except KanaalFout as fout:
        laatste_fout = f"{fout.code or ''} {fout}".strip()[:2000]
        volgende = nu + backoff(pogingen, instellingen)
        if fout.tijdelijk and nog_binnen_venster(notificatie, volgende, instellingen):
            return Afloop(
                "opnieuw",
                {
                    "status": "wachtend",
                    "volgende_poging_op": volgende,
                    "geclaimd_op": None,
                    "pogingen": pogingen,
                    "laatste_fout": laatste_fout,
                },
            )
        waarden = {"status": "mislukt", "pogingen": pogingen, "laatste_fout": laatste_fout}
        return Afloop("mislukt", waarden, fout)
    return Afloop(
        "verzonden",
        {
            "status": "verzonden",
            "provider_id": provider_id,
            "verzonden_op": nu,
            "laatste_fout": None,
            "pogingen": pogingen,
        },
    )


# The columns to set come with the parameters: one statement, compiled once, for every outcome.
_SCHRIJF = update(Notificatie).where(Notificatie.id == bindparam("notificatie_id"))


def _leg_vast(
    sessie_maker: Callable[[], Session], notificatie: Notificatie, afloop: Afloop, nu: datetime
) -> None:
    """Write how the message ended, right after its provider call, so a process killed after
    this point sends nothing twice."""
    with sessie_maker() as session:
        if afloop.fout is None:
            # One statement is a transaction by itself: in autocommit it is one round trip
            # instead of three (BEGIN, UPDATE, COMMIT).
            verbinding = session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
            verbinding.execute(_SCHRIJF, {"notificatie_id": notificatie.id, **afloop.waarden})
        else:
            # Failed for good (rare): the person's STOP and the fallback read and write more,
            # through the ORM, in one transaction with the failure.
            session.add(notificatie)
            for kolom, waarde in afloop.waarden.items():
                setattr(notificatie, kolom, waarde)
            if afloop.fout.code == AFGEMELD_BIJ_PROVIDER:
                stop_sms(session, [notificatie.burger_id] if notificatie.burger_id else [], nu)
            val_terug(session, notificatie, nu)
            # The row id and the error code only: never the address or the text.
            fout = notificatie.laatste_fout
            log.warning("Notification %s failed for good: %s", notificatie.id, fout)
        session.commit()


def _stuur_en_meet(
    kanaal: Kanaal, uit: Uitgaand, notificatie: Notificatie, meter: metingen.Meter
) -> str:
    """One provider call, timed, its outcome counted per code (notificaties.metingen)."""
    provider = getattr(kanaal, "provider", type(kanaal).__name__.lower())
    begin = time.perf_counter()
    uitkomst, code = metingen.GEACCEPTEERD, ""
    try:
        return kanaal.send(uit)
    except KanaalFout as fout:
        uitkomst = metingen.TIJDELIJKE_FOUT if fout.tijdelijk else metingen.BLIJVENDE_FOUT
        code = fout.code or "onbekend"
        raise
    except Exception as onverwacht:
        # Unknown failures count as transient: retried, and final after the window.
        log.exception("Unexpected error sending notification %s", notificatie.id)
        uitkomst, code = metingen.TIJDELIJKE_FOUT, type(onverwacht).__name__
        raise KanaalFout(type(onverwacht).__name__, tijdelijk=True) from onverwacht
    finally:
        meter.meet(
            kanaal=notificatie.kanaal,
            provider=provider,
            uitkomst=uitkomst,
            code=code,
            duur=time.perf_counter() - begin,
        )


def _verbinding(instellingen: Instellingen) -> AbstractContextManager[object]:
    return instellingen.verbindingen or nullcontext()


def _verwerk(
    partij: Partij,
    notificatie: Notificatie,
    kanalen: Mapping[str, Kanaal],
    render: Render,
    nu: datetime,
    instellingen: Instellingen,
    meter: metingen.Meter,
) -> str:
    stand = partij.stand(notificatie)
    afloop = _verwerk_een(notificatie, stand, kanalen, render, nu, instellingen, meter)
    with partij.verbinding:
        _leg_vast(partij.sessie_maker, notificatie, afloop, nu)
    return afloop.uitkomst


def _verwerk_id(
    sessie_maker: Callable[[], Session],
    notificatie_id: int,
    kanalen: Mapping[str, Kanaal],
    render: Render,
    nu: datetime,
    instellingen: Instellingen,
    meter: metingen.Meter,
) -> str | None:
    """One claimed row, by id (a batch of one): None when it is no longer ``bezig``."""
    with sessie_maker() as session:
        notificatie = session.get(Notificatie, notificatie_id)
        if notificatie is not None:
            session.expunge(notificatie)
        session.commit()
    if notificatie is None or notificatie.status != "bezig":
        return None
    partij = Partij(sessie_maker, [notificatie], 1, _verbinding(instellingen))
    return _verwerk(partij, notificatie, kanalen, render, nu, instellingen, meter)


def dispatch_partij(
    sessie_maker: Callable[[], Session],
    kanalen: Mapping[str, Kanaal],
    render: Render,
    nu: datetime,
    instellingen: Instellingen | None = None,
) -> Counter[str]:
    """Claim one batch of due rows and send each; returns how many ended how."""
    instellingen = instellingen or Instellingen()
    with sessie_maker() as session:
        rijen = claim_rijen(session, nu, instellingen.partij)
    # A wave of as many messages as there are threads.
    partij = Partij(sessie_maker, rijen, instellingen.draden, _verbinding(instellingen))

    # The batch's provider calls are added up in memory and written once at its end: one
    # statement per kind of outcome instead of one per message, and no row every thread waits on.
    meter = metingen.Meter()

    def een(notificatie: Notificatie) -> str:
        return _verwerk(partij, notificatie, kanalen, render, nu, instellingen, meter)

    try:
        if instellingen.pool is not None and len(rijen) > 1:
            uitkomsten = list(instellingen.pool.map(een, rijen))
        elif instellingen.draden > 1 and len(rijen) > 1:
            with ThreadPoolExecutor(max_workers=min(instellingen.draden, len(rijen))) as pool:
                uitkomsten = list(pool.map(een, rijen))
        else:
            uitkomsten = [een(notificatie) for notificatie in rijen]
    finally:
        if meter:
            with sessie_maker() as session:
                meter.schrijf(session)
                session.commit()
    return Counter(uitkomsten)
