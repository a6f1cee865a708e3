"""Hoe ging het gesprek?: after a call, a spreekuur or a callback, an anonymous answer.

The same rules as "Was dit duidelijk?" (portal/services/feedback.py), and its code: the
comment is masked with ``feedback.maskeer``, refusals are a ``feedback.FeedbackFout``, and a
stored answer holds the kind of contact, the answer, the language and the day; never the
person, the contact or the moment.

Once per contact: when an answer is stored, a keyed hash of the contact (HMAC-SHA256 with
the app's secret over its kind and id) is stored beside it, in a table of its own. The
hash's primary key refuses a second answer, also when two arrive at once. Nothing links a
hash to an answer: neither row has a time or a counter. Why not a flag on the contact's own
row: that would tell anyone who reads the database (a copy, a backup) whose contacts were
rated and when the row changed; the hash means nothing without the secret. The callers pass
the secret in, as they pass in the language and the day.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypeVarTuple

from sqlalchemy import Select, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.models import Servicecall, Spreekuur, Terugbelverzoek
from portal.models.feedback import ContactBeoordeeld, ContactFeedback
from portal.services import servicecalls, spreekuren, terugbellen
from portal.services.feedback import (
    MAX_OPMERKING,
    PER_PAGINA,
    FeedbackFout,
    Filter,
    cel,
    maskeer,
    weeklabel,
)

SERVICECALL = "servicecall"
SPREEKUUR = "spreekuur"
TERUGBELLEN = "terugbellen"
SOORTEN = (SERVICECALL, SPREEKUUR, TERUGBELLEN)
OORDELEN = ("goed", "redelijk", "niet_goed")
CONTACT = "contact"  # the "soort" of these rows in the feedback CSV
# How long after the conversation the question is asked: later, memory and the answer fade.
TERMIJN = timedelta(days=30)

Contact = Servicecall | Spreekuur | Terugbelverzoek
VRAAG = "vraag"  # the person may answer
KLAAR = "klaar"  # this contact has its answer


# --- the person's side ----------------------------------------------------------------------


def zoek(session: Session, soort: str, contact_id: int | None, burger_id: int) -> Contact | None:
    """The contact, only if it is this person's; None for another's, or an unknown kind."""
    if contact_id is None:
        return None
    if soort == SERVICECALL:
        return servicecalls.van_burger_op_id(session, burger_id, contact_id)
    if soort == SPREEKUUR:
        return spreekuren.van_burger_op_id(session, burger_id, contact_id)
    if soort == TERUGBELLEN:
        return terugbellen.van_burger_op_id(session, burger_id, contact_id)
    return None


def gehouden_op(soort: str, contact: Contact, nu: datetime) -> datetime | None:
    """When the conversation took place; None when it has not (yet), or will not.

    A call that was made ("gebeld", not "niet_bereikt"); a spreekuur that ended and was not
    cancelled; a callback that reached the person."""
    if soort == SERVICECALL and isinstance(contact, Servicecall):
        return contact.gewijzigd_op if contact.status == "gebeld" else None
    if soort == SPREEKUUR and isinstance(contact, Spreekuur):
        return contact.eind if contact.status == "gepland" and contact.eind <= nu else None
    if soort == TERUGBELLEN and isinstance(contact, Terugbelverzoek):
        if contact.status != "gebeld":
            return None
        return contact.afgehandeld_op or contact.aangemaakt_op
    return None


def _binnen_termijn(soort: str, contact: Contact, nu: datetime) -> bool:
    gehouden = gehouden_op(soort, contact, nu)
    return gehouden is not None and gehouden >= nu - TERMIJN


def recent_gehouden(lijst: Iterable[Spreekuur], nu: datetime) -> list[Spreekuur]:
    """The spreekuren that took place within ``TERMIJN``, newest first: those the page asks
    about."""
    gehouden = [s for s in lijst if _binnen_termijn(SPREEKUUR, s, nu)]
    return sorted(gehouden, key=lambda s: s.eind, reverse=True)


def _sleutel(geheim: str, soort: str, contact_id: int) -> str:
    bericht = f"contactfeedback:{soort}:{contact_id}".encode()
    return hmac.new(geheim.encode(), bericht, hashlib.sha256).hexdigest()


def is_beoordeeld(session: Session, soort: str, contact_id: int, geheim: str) -> bool:
    sleutel = _sleutel(geheim, soort, contact_id)
    return bool(session.scalar(select(exists().where(ContactBeoordeeld.sleutel == sleutel))))


def controleer(
    session: Session, soort: str, contact: Contact, *, nu: datetime, geheim: str
) -> None:
    """Refuse what cannot be answered: "niet_gehouden", "te_lang_geleden", "al_beantwoord"."""
    if gehouden_op(soort, contact, nu) is None:
        raise FeedbackFout("niet_gehouden")
    if not _binnen_termijn(soort, contact, nu):
        raise FeedbackFout("te_lang_geleden")
    if is_beoordeeld(session, soort, contact.id, geheim):
        raise FeedbackFout("al_beantwoord")


def toestand(
    session: Session, soort: str, contact: Contact, *, nu: datetime, geheim: str
) -> str | None:
    """``VRAAG``, ``KLAAR``, or None where nothing is asked (not yet, or too long ago)."""
    try:
        controleer(session, soort, contact, nu=nu, geheim=geheim)
    except FeedbackFout as fout:
        return KLAAR if fout.reden == "al_beantwoord" else None
    return VRAAG


def bewaar(
    session: Session,
    soort: str,
    contact: Contact,
    *,
    oordeel: str,
    opmerking: str | None,
    taal: str,
    dag: date,
    nu: datetime,
    geheim: str,
) -> ContactFeedback:
    """Store one answer and mark the contact as answered, in one transaction."""
    controleer(session, soort, contact, nu=nu, geheim=geheim)
    if oordeel not in OORDELEN:
        raise FeedbackFout("onbekend_oordeel")
    tekst = (opmerking or "").strip()
    if len(tekst) > MAX_OPMERKING:
        raise FeedbackFout("te_lang")
    antwoord = ContactFeedback(
        soort=soort,
        oordeel=oordeel,
        opmerking=maskeer(tekst) if tekst else None,
        taal=taal[:8],
        dag=dag,
    )
    session.add(ContactBeoordeeld(sleutel=_sleutel(geheim, soort, contact.id)))
    session.add(antwoord)
    try:
        session.commit()
    except IntegrityError as fout:  # the same contact answered at the same moment elsewhere
        session.rollback()
        raise FeedbackFout("al_beantwoord") from fout
    return antwoord


# --- the overview ---------------------------------------------------------------------------
# The period and the language of the overview's filter apply; its page or message does not.


_Rij = TypeVarTuple("_Rij")  # the columns of a query, kept through the filter


def _toe(filter: Filter, query: Select[*_Rij]) -> Select[*_Rij]:
    if filter.van:
        query = query.where(ContactFeedback.dag >= filter.van)
    if filter.tot:
        query = query.where(ContactFeedback.dag <= filter.tot)
    if filter.taal:
        query = query.where(ContactFeedback.taal == filter.taal)
    return query


@dataclass(frozen=True)
class Telling:
    soort: str
    goed: int = 0
    redelijk: int = 0
    niet_goed: int = 0
    opmerkingen: int = 0

    @property
    def totaal(self) -> int:
        return self.goed + self.redelijk + self.niet_goed


def tellingen(session: Session, filter: Filter) -> list[Telling]:
    """Per kind of contact, in the order of ``SOORTEN``: the answers and the comments."""
    query = _toe(
        filter,
        select(
            ContactFeedback.soort,
            ContactFeedback.oordeel,
            func.count(),
            func.count(ContactFeedback.opmerking),
        ).group_by(ContactFeedback.soort, ContactFeedback.oordeel),
    )
    per_soort: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for soort, oordeel, aantal, opmerkingen in session.execute(query):
        per_soort[soort][oordeel] += int(aantal)
        per_soort[soort]["opmerkingen"] += int(opmerkingen)
    return [
        Telling(soort, *(per_soort[soort][k] for k in (*OORDELEN, "opmerkingen")))
        for soort in SOORTEN
    ]


def opmerkingen(
    session: Session, filter: Filter, nummer: int = 1
) -> tuple[list[ContactFeedback], bool]:
    """One page of comments, newest day first, and whether there is a next page.

    Within a day by kind and text, never by arrival (see ``feedback.opmerkingen``)."""
    query = _toe(filter, select(ContactFeedback).where(ContactFeedback.opmerking.is_not(None)))
    query = query.order_by(
        ContactFeedback.dag.desc(),
        ContactFeedback.soort,
        ContactFeedback.opmerking,
        ContactFeedback.id,
    )
    rijen = list(session.scalars(query.offset((nummer - 1) * PER_PAGINA).limit(PER_PAGINA + 1)))
    return rijen[:PER_PAGINA], len(rijen) > PER_PAGINA


def csv_rijen(session: Session, filter: Filter) -> list[list[object]]:
    """Rows for the feedback CSV (``feedback.CSV_KOLOMMEN``): per ISO week, kind and language."""
    query = _toe(
        filter,
        select(
            ContactFeedback.dag,
            ContactFeedback.soort,
            ContactFeedback.taal,
            ContactFeedback.oordeel,
            ContactFeedback.opmerking,
        ).order_by(ContactFeedback.dag, ContactFeedback.soort, ContactFeedback.opmerking),
    )
    regels: dict[tuple[str, str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    teksten: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for dag, soort, taal, oordeel, opmerking in session.execute(query):
        sleutel = (weeklabel(dag), soort, taal)
        regels[sleutel][oordeel] += 1
        if opmerking:
            teksten[sleutel].append(cel(opmerking))
    return [
        [week, soort, CONTACT, taal, "", "", "\n".join(teksten[(week, soort, taal)])]
        + [aantallen[oordeel] for oordeel in OORDELEN]
        for (week, soort, taal), aantallen in regels.items()
    ]
