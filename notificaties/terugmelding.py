"""What Twilio tells us afterwards: delivery reports and replies (STOP, START).

Twilio may send a report late, twice, or out of order, so a report only ever moves a
message forward, and the same report twice changes nothing the second time. Logs name the
notification and the status, never a phone number or a message text.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from notificaties.aanvragen import stop_sms
from notificaties.dispatcher import Instellingen, backoff, nog_binnen_venster
from notificaties.sms import PERMANENTE_CODES
from notificaties.terugval import val_terug
from portal.models import Burger, Notificatie

log = logging.getLogger(__name__)

ONDERWEG = frozenset({"queued", "accepted", "sending", "sent"})
AFGELEVERD = frozenset({"delivered", "read"})
NIET_AFGELEVERD = frozenset({"undelivered", "failed"})
AFGEMELD = "21610"  # Twilio: the recipient replied STOP to this sender

# Replies that switch SMS off or on again: Twilio's own keywords, and Dutch ones.
STOPWOORDEN = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "STOPPEN"})
STARTWOORDEN = frozenset({"START", "UNSTOP", "YES", "AAN"})

# Where a report may still change a message. ``wachtend`` with a provider id is a message
# that a report already sent back for a retry; a later "delivered" for it means it did
# arrive after all, and retrying would send it twice.
_OPEN = frozenset({"verzonden", "wachtend"})


def verwerk_status(
    session: Session,
    provider_id: str,
    twilio_status: str,
    foutcode: str | None,
    nu: datetime,
    instellingen: Instellingen | None = None,
) -> bool:
    """Apply one Twilio status callback to its outbox row; True when the row changed."""
    instellingen = instellingen or Instellingen()
    twilio_status = (twilio_status or "").strip().lower()
    foutcode = (foutcode or "").strip() or None
    if twilio_status not in ONDERWEG | AFGELEVERD | NIET_AFGELEVERD:
        log.warning("Ignored unknown Twilio status %r for message %s", twilio_status, provider_id)
        return False
    # FOR UPDATE: Twilio sends "sent" and "delivered" moments apart, and two web workers
    # must not both read the old status (PostgreSQL; SQLite has one writer at a time).
    notificatie = session.scalar(
        select(Notificatie).where(Notificatie.provider_id == provider_id).with_for_update()
    )
    if notificatie is None:
        log.info("Status %s for an unknown message %s", twilio_status, provider_id)
        session.rollback()
        return False
    gewijzigd = _pas_toe(session, notificatie, twilio_status, foutcode, nu, instellingen)
    session.commit()
    if gewijzigd:
        log.info(
            "Notification %s is now %s (Twilio %s, code %s)",
            notificatie.id,
            notificatie.status,
            twilio_status,
            foutcode,
        )
    return gewijzigd


def _pas_toe(
    session: Session,
    notificatie: Notificatie,
    twilio_status: str,
    foutcode: str | None,
    nu: datetime,
    instellingen: Instellingen,
) -> bool:
    if notificatie.status not in _OPEN or twilio_status in ONDERWEG:
        # The dispatcher already marked the row verzonden when Twilio accepted it, so an
        # "on its way" report never adds anything, and a late one must not undo a later one.
        return False
    if twilio_status in AFGELEVERD:
        notificatie.status, notificatie.afgeleverd_op = "afgeleverd", nu
        notificatie.laatste_fout = None
        return True
    permanent = foutcode in PERMANENTE_CODES
    if notificatie.status == "wachtend" and not permanent:
        return False  # a failure already put this message back in the queue
    notificatie.laatste_fout = f"{foutcode or 'zonder code'} Twilio {twilio_status}"
    if permanent:
        notificatie.status = "mislukt"
        if foutcode == AFGEMELD:
            stop_sms(session, [notificatie.burger_id] if notificatie.burger_id else [], nu)
        val_terug(session, notificatie, nu)
        return True
    # 30003 (phone off or out of reach) and unknown codes: try again, within the window.
    volgende = nu + backoff(notificatie.pogingen, instellingen)
    if nog_binnen_venster(notificatie, volgende, instellingen):
        notificatie.status, notificatie.volgende_poging_op = "wachtend", volgende
        notificatie.geclaimd_op = None
    else:
        notificatie.status = "mislukt"
        val_terug(session, notificatie, nu)
    return True


def verwerk_antwoord(session: Session, van: str, tekst: str, nu: datetime) -> str | None:
    """Handle an SMS reply: STOP or START from a verified number; anything else is ignored.

    Returns ``"gestopt"``, ``"gestart"`` or None (nothing to do).
    """
    woord = (tekst or "").strip().upper()
    if woord in STOPWOORDEN:
        actie = "gestopt"
    elif woord in STARTWOORDEN:
        actie = "gestart"
    else:
        return None
    # Only a number the person proved is theirs: anyone can type any number in a form.
    burger_ids = list(
        session.scalars(
            select(Burger.id).where(
                Burger.telefoon == van, Burger.telefoon_geverifieerd_op.is_not(None)
            )
        )
    )
    if actie == "gestopt":
        stop_sms(session, burger_ids, nu)
    elif burger_ids:
        session.execute(update(Burger).where(Burger.id.in_(burger_ids)).values(sms_gestopt_op=None))
    session.commit()
    log.info("SMS reply %s for %d person(s)", actie, len(burger_ids))
    return actie
