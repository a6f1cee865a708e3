"""When a message that matters fails for good: the same news another way, once.

First the person's other verified channel (an SMS failed: the e-mail address they proved,
and the other way round); when there is none, or it failed too, a paper letter with the
reason. A reminder of a call or spreekuur goes on paper only when the post can still bring
it in time. Each failed message is looked at once: its key names the fallback, so a second
look (a late status callback, a retry) adds nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from notificaties.aanvragen import geverifieerd_adres
from notificaties.outbox import vraag_aan
from notificaties.setbased import insert_voor
from portal.models import Brief, Burger, Notificatie, Servicecall, Spreekuur, Taak
from portal.toezeggingsoorten import einde_van_dag

# News the person must not miss: the update, status news, an inzage answer, an answer to a
# question, UWV being late or setting a new date, a nudge about an unread decision, a task
# asked of the person, and reminders of a call or of a task's deadline.
BELANGRIJK = frozenset(
    {
        "kwartaalupdate",
        "statuswijziging",
        "inzage",
        "toezegging",
        "vraag",
        "taak",
        "herinnering_ongelezen",
        "servicecall_herinnering",
        "spreekuur_herinnering",
        "taak_herinnering",
    }
)
HERINNERINGEN = frozenset({"servicecall_herinnering", "spreekuur_herinnering", "taak_herinnering"})
POST_DUURT = timedelta(days=4)  # a letter printed tomorrow, delivered in two or three days


def _basis(notificatie: Notificatie) -> str:
    """The event's key without its channel: ``kwartaalupdate:12:2027-02-27``."""
    return notificatie.idempotentiesleutel.rsplit(":", 1)[0]


def _afspraak_begint(session: Session, notificatie: Notificatie) -> datetime | None:
    """When the call or spreekuur a reminder is about begins, if it still goes ahead; for a
    task, the end of its deadline while it is still open in the same round."""
    delen = notificatie.idempotentiesleutel.split(":")
    if notificatie.soort == "taak_herinnering":
        taak = session.get(Taak, int(delen[1]))
        if taak is not None and taak.status == "open" and str(taak.ronde) == delen[2]:
            return einde_van_dag(taak.uiterlijk)
        return None
    if notificatie.soort == "servicecall_herinnering":
        call = session.get(Servicecall, int(delen[1]))
        if call is not None and call.status == "gepland" and str(call.versie) == delen[2]:
            return call.venster_van
        return None
    spreekuur = session.get(Spreekuur, int(delen[1]))
    if spreekuur is not None and spreekuur.status == "gepland":
        return spreekuur.begin if str(spreekuur.volgnummer) == delen[2] else None
    return None


def val_terug(session: Session, notificatie: Notificatie, nu: datetime) -> str | None:
    """Arrange the fallback for a message that just failed for good (in the caller's
    transaction); returns what was done: ``"email"``, ``"sms"``, ``"brief"`` or None."""
    if notificatie.soort not in BELANGRIJK or notificatie.burger_id is None:
        return None
    begint = None
    if notificatie.soort in HERINNERINGEN:
        begint = _afspraak_begint(session, notificatie)
        if begint is None or begint <= nu:
            notificatie.laatste_fout = _met_reden(notificatie, "afspraak voorbij of gewijzigd")
            return None
    burger = session.get(Burger, notificatie.burger_id)
    if burger is None:
        return None
    andere = "email" if notificatie.kanaal == "sms" else "sms"
    adres = geverifieerd_adres(burger, andere)
    basis = _basis(notificatie)
    if adres is not None:
        bestaand = session.scalar(
            select(Notificatie).where(Notificatie.idempotentiesleutel == f"{basis}:{andere}")
        )
        if bestaand is not None and bestaand.status not in ("mislukt", "geannuleerd"):
            # The other channel carries this news already. No insert: asking for a row whose
            # key exists would wait on another dispatcher thread updating that row, and that
            # thread, its own message failing, may wait on ours (a deadlock on PostgreSQL).
            _noteer(notificatie, andere)
            return andere
        if bestaand is None:
            vraag_aan(
                session,
                sleutel=f"{basis}:{andere}",
                burger_id=burger.id,
                kanaal=andere,
                soort=notificatie.soort,
                adres=adres,
                gegevens={**(notificatie.gegevens or {}), "terugval_van": notificatie.id},
                nu=nu,
            )
            _noteer(notificatie, andere)
            return andere
    if begint is not None and begint - nu < POST_DUURT:
        notificatie.laatste_fout = _met_reden(notificatie, "te kort dag voor een brief")
        return None
    _brief(session, notificatie, basis, nu)
    _noteer(notificatie, "brief")
    return "brief"


def _met_reden(notificatie: Notificatie, reden: str) -> str:
    return f"{notificatie.laatste_fout or ''}; {reden}".strip("; ")[:2000]


def _noteer(notificatie: Notificatie, hoe: str) -> None:
    """The failed row says how the news still reached the person (shown to both sides)."""
    notificatie.gegevens = {**(notificatie.gegevens or {}), "opgevangen_met": hoe}


def _brief(session: Session, notificatie: Notificatie, basis: str, nu: datetime) -> None:
    kanaal = "sms" if notificatie.kanaal == "sms" else "e-mail"
    session.execute(
        insert_voor(session)(Brief)
        .values(
            burger_id=notificatie.burger_id,
            bericht_id=None,
            soort=notificatie.soort,
            sleutel=f"terugval:{basis}",
            reden=f"{kanaal} kwam niet aan: {notificatie.laatste_fout or 'onbekende fout'}"[:2000],
            aangemaakt_op=nu,
            gegevens={**(notificatie.gegevens or {}), "terugval_van": notificatie.id},
        )
        .on_conflict_do_nothing(index_elements=["sleutel"])
    )
