"""What services call to have a person told something by SMS or e-mail.

The portal inbox (``Bericht``) always holds the content; these messages only say that there
is news. Whether one may go out is checked twice: here, when it is asked for, and again by
the dispatcher just before sending, so that a switch turned off in between still counts.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session

from notificaties.outbox import vraag_aan
from notificaties.setbased import rijen_geraakt
from notificaties.stand import Afspraak, Contact, Stand, afspraak_id
from portal.models import (
    Burger,
    Notificatie,
    Notificatievoorkeur,
    Servicecall,
    Spreekuur,
    utcnow,
)
from portal.models.voorkeur import KANALEN

# Each message kind answers to one switch on the preferences page. A status change is news
# about the dossier, the same switch as the three-monthly update.
VOORKEUR_VAN = {
    "statuswijziging": "kwartaalupdate",
    "kwartaalupdate": "kwartaalupdate",
    "servicecall": "servicecall",
    "inzage": "inzage",
    "spreekuur": "spreekuur",
    "servicecall_herinnering": "servicecall",
    "spreekuur_herinnering": "spreekuur",
    "brief": "kwartaalupdate",  # a letter in Mijn brieven: news about the dossier
    "vraag": "kwartaalupdate",  # an answer to the person's question
    "taak": "kwartaalupdate",  # something asked of the person, and what became of it
    "taak_herinnering": "kwartaalupdate",
    "toezegging": "kwartaalupdate",  # UWV is late, or set a new date: news about the dossier
    # A nudge about an unread message follows that message's switch (``gegevens["voorkeur"]``).
    "herinnering_ongelezen": "kwartaalupdate",
}
# Messages about the channel itself: they go regardless of the switches, and a code goes
# even at night, because the person is waiting for it.
# An invitation for a begeleider goes to the invitee's address, which the person gave.
SYSTEEMSOORTEN = (
    "verificatiecode",
    "email_bevestigen",
    "adres_gewijzigd",
    "begeleider_uitnodiging",
)
DIRECT = ("verificatiecode", "email_bevestigen")


def geverifieerd_adres(burger: Contact, kanaal: str) -> str | None:
    """The address we may use for this channel: verified, and for SMS not stopped."""
    if kanaal == "sms":
        if burger.telefoon and burger.telefoon_geverifieerd_op and not burger.sms_gestopt_op:
            return burger.telefoon
        return None
    if kanaal == "email" and burger.email and burger.email_geverifieerd_op:
        return burger.email
    return None


class SessieStand:
    """Asks the session as the rule goes: a statement or two for one message."""

    def __init__(self, session: Session, burger: Burger | None = None) -> None:
        self._session = session
        self._burger = burger

    def contact(self, burger_id: int) -> Contact | None:
        if self._burger is not None and self._burger.id == burger_id:
            return self._burger
        return self._session.get(Burger, burger_id)

    def gekozen(self, burger_id: int, voorkeursoort: str) -> Collection[str]:
        return gekozen_kanalen(self._session, burger_id, voorkeursoort)

    def gesprek(self, servicecall_id: int) -> Afspraak | None:
        gesprek = self._session.get(Servicecall, servicecall_id)
        if gesprek is None:
            return None
        return Afspraak(gesprek.status, gesprek.versie, gesprek.venster_van)

    def spreekuur(self, spreekuur_id: int) -> Afspraak | None:
        spreekuur = self._session.get(Spreekuur, spreekuur_id)
        if spreekuur is None:
            return None
        return Afspraak(spreekuur.status, spreekuur.volgnummer, spreekuur.begin)


def gekozen_kanalen(session: Session, burger_id: int, voorkeursoort: str) -> set[str]:
    return set(
        session.scalars(
            select(Notificatievoorkeur.kanaal).where(
                Notificatievoorkeur.burger_id == burger_id,
                Notificatievoorkeur.soort == voorkeursoort,
            )
        )
    )


def meld(
    session: Session,
    burger: Burger,
    *,
    soort: str,
    sleutel: str,
    gegevens: dict[str, Any] | None = None,
    niet_voor: datetime | None = None,
    nu: datetime | None = None,
) -> list[Notificatie]:
    """Ask for the SMS and e-mail this person switched on for news of this ``soort``.

    ``sleutel`` names the event (e.g. ``statuswijziging:812``); one row per channel is
    written in the caller's transaction, and asking again for the same event adds nothing.
    ``niet_voor`` holds a reminder back until its moment.
    """
    gekozen = gekozen_kanalen(session, burger.id, VOORKEUR_VAN[soort])
    rijen = []
    for kanaal in KANALEN:
        adres = geverifieerd_adres(burger, kanaal)
        if kanaal in gekozen and adres:
            rijen.append(
                vraag_aan(
                    session,
                    sleutel=f"{sleutel}:{kanaal}",
                    burger_id=burger.id,
                    kanaal=kanaal,
                    soort=soort,
                    adres=adres,
                    gegevens=gegevens,
                    niet_voor=niet_voor,
                    nu=nu,
                )
            )
    return rijen


def stuur_systeembericht(
    session: Session,
    burger: Burger,
    *,
    soort: str,
    kanaal: str,
    adres: str,
    sleutel: str,
    gegevens: dict[str, Any] | None = None,
    nu: datetime | None = None,
) -> Notificatie:
    """A message about the channel itself, to an address that may not be verified yet."""
    assert soort in SYSTEEMSOORTEN
    return vraag_aan(
        session,
        sleutel=sleutel,
        burger_id=burger.id,
        kanaal=kanaal,
        soort=soort,
        adres=adres,
        gegevens=gegevens,
        nu=nu,
    )


def waarom_niet(
    session: Session,
    notificatie: Notificatie,
    burger: Burger | None = None,
    nu: datetime | None = None,
) -> str | None:
    """None when the message may go; otherwise why not, in words kept with the row."""
    return reden_tegen(notificatie, SessieStand(session, burger), nu or utcnow())


def _gaat_door(afspraak: Afspraak | None, notificatie: Notificatie, nu: datetime) -> bool:
    """A reminder is only for the call or spreekuur as planned when it was written (same
    version), and only before it begins: one delayed by an outage must not arrive afterwards."""
    versie = notificatie.idempotentiesleutel.split(":")[2]
    return (
        afspraak is not None
        and afspraak.status == "gepland"
        and str(afspraak.versie) == versie
        and afspraak.begin is not None
        and afspraak.begin > nu
    )


def reden_tegen(notificatie: Notificatie, stand: Stand, nu: datetime) -> str | None:
    """The rule of :func:`waarom_niet`. ``stand`` answers its questions about the person and
    the appointment: a session for one message, or what the dispatcher read for many."""
    if notificatie.soort in SYSTEEMSOORTEN or notificatie.burger_id is None:
        return None  # about the channel itself, or work mail to a medewerker
    if notificatie.soort == "servicecall_herinnering" and not _gaat_door(
        stand.gesprek(afspraak_id(notificatie)), notificatie, nu
    ):
        return "het gesprek is voorbij, verplaatst of afgezegd"
    if notificatie.soort == "spreekuur_herinnering" and not _gaat_door(
        stand.spreekuur(afspraak_id(notificatie)), notificatie, nu
    ):
        return "het spreekuur is voorbij, verplaatst of afgezegd"
    contact = stand.contact(notificatie.burger_id)
    if contact is None or geverifieerd_adres(contact, notificatie.kanaal) != notificatie.adres:
        return "het adres is niet meer bevestigd of gewijzigd"
    if (notificatie.gegevens or {}).get("terugval_van"):
        # Sent because the same news failed on the other channel: the address is the
        # person's proven one; the news matters more than which switch was on.
        return None
    voorkeursoort = (notificatie.gegevens or {}).get("voorkeur") or VOORKEUR_VAN.get(
        notificatie.soort
    )
    if voorkeursoort is None or notificatie.kanaal not in stand.gekozen(
        notificatie.burger_id, voorkeursoort
    ):
        return "de persoon heeft dit soort bericht uitgezet"
    return None


def stop_sms(session: Session, burger_ids: list[int], nu: datetime) -> None:
    """Switch SMS off for these people and cancel the SMS still waiting for them.

    Does not commit. The first STOP's moment is kept; sending again waits for a START.
    """
    if not burger_ids:
        return
    session.execute(
        update(Burger)
        .where(Burger.id.in_(burger_ids), Burger.sms_gestopt_op.is_(None))
        .values(sms_gestopt_op=nu)
    )
    session.execute(
        update(Notificatie)
        .where(
            Notificatie.burger_id.in_(burger_ids),
            Notificatie.kanaal == "sms",
            Notificatie.status == "wachtend",
        )
        .values(status="geannuleerd")
    )


def met_sleutel(burger_id: int, begin: str) -> tuple[ColumnElement[bool], ...]:
    """This person's outbox rows whose key starts with ``begin`` (e.g. ``spreekuur:12:``).

    The person's own rows first (an indexed column), then the key prefix among them: on
    PostgreSQL a LIKE prefix alone would scan the whole outbox under a non-C collation.
    """
    return (
        Notificatie.burger_id == burger_id,
        Notificatie.idempotentiesleutel.startswith(begin, autoescape=True),
    )


def annuleer_wachtend(session: Session, burger_id: int, begin: str) -> int:
    """Cancel this person's waiting messages whose key starts with ``begin``; no commit."""
    resultaat = session.execute(
        update(Notificatie)
        .where(*met_sleutel(burger_id, begin), Notificatie.status == "wachtend")
        .values(status="geannuleerd")
        .execution_options(synchronize_session=False)
    )
    return rijen_geraakt(resultaat)
