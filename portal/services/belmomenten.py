"""When UWV may call, and when the person is reminded: office hours on working days,
the moments of the reminders, and the window in words.

Times are aware datetimes in UTC; the calendar is Amsterdam's, with Dutch public holidays.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

import phonenumbers
from flask_babel import format_date, format_time
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from notificaties import annuleer_wachtend, met_sleutel
from portal import datumtekst
from portal.kalender import geen_werkdag_omdat, is_rustdag, is_werkdag
from portal.models import Belvoorkeur, Notificatie, Servicecall
from portal.tijd import AMSTERDAM
from portal.vertalen import gettext as _
from portal.vertalen import lazy_gettext as _l

if TYPE_CHECKING:
    from portal.services.afspraken import Afspraak

KANTOOR_VAN, KANTOOR_TOT = time(8, 0), time(17, 0)
MAX_DUUR = timedelta(hours=4)
MAX_VOORUIT = timedelta(days=92)  # a typo in the year must not plan a call for 2207
DAGDELEN = {
    "ochtend": _l("'s Ochtends (8.00 tot 12.00 uur)"),
    "middag": _l("'s Middags (12.00 tot 17.00 uur)"),
}


class ServicecallFout(ValueError):
    """A refused change; ``reden`` says why, ``veld`` which form field it belongs to."""

    def __init__(
        self, reden: str, veld: str | None = None, *, afspraak: Afspraak | None = None
    ) -> None:
        super().__init__(reden)
        self.reden = reden
        self.veld = veld
        self.afspraak = afspraak  # with reden "overlapt": what is already planned then


@dataclass(frozen=True)
class Herinneringen:
    """When the reminders go; pass another instance to ``plan`` to change them."""

    dag_om: time = time(10, 0)  # on the working day before the window
    uur_vooraf: timedelta = timedelta(hours=1)
    # No SMS goes before 08:00; a reminder that would fall earlier goes the evening before.
    vroegst: time = time(8, 0)
    avond_om: time = time(19, 0)
    # Planned at short notice: the day reminder goes at once, unless the hour one is near.
    tussenpoos: timedelta = timedelta(hours=2)


HERINNERINGEN = Herinneringen()


# The wall-clock hours of each day part, as DAGDELEN names them.
DAGDEELUREN = {"ochtend": (time(8, 0), time(12, 0)), "middag": (time(12, 0), time(17, 0))}


def binnen_dagdelen(van: datetime, tot: datetime, dagdelen: list[str]) -> bool:
    """Whether the whole window lies within one of the day parts the person prefers."""
    begin, eind = van.astimezone(AMSTERDAM).time(), tot.astimezone(AMSTERDAM).time()
    return any(
        DAGDEELUREN[d][0] <= begin and eind <= DAGDEELUREN[d][1] for d in dagdelen_uit(dagdelen)
    )


def reden_buiten_voorkeur(
    voorkeur: Belvoorkeur | None, van: datetime, tot: datetime, reden: str | None
) -> str | None:
    """The reason to keep for this window, or a refusal when it ignores the day parts the
    person prefers and no reason is given. Within the preference (or without one): None."""
    if voorkeur is None or not voorkeur.dagdelen or binnen_dagdelen(van, tot, voorkeur.dagdelen):
        return None
    if not reden:
        raise ServicecallFout("buiten_voorkeur", "buiten_voorkeur_reden")
    return reden


def dagdelen_uit(gekozen: list[str] | None) -> list[str]:
    """The known day parts among ``gekozen``, in their usual order."""
    return [d for d in DAGDELEN if d in (gekozen or [])]


def lokaal(dag: date, tijd: time) -> datetime:
    """A wall-clock moment in Amsterdam, as UTC (DST is taken care of)."""
    return datetime.combine(dag, tijd, AMSTERDAM).astimezone(UTC)


def controleer_venster(van: datetime, tot: datetime, nu: datetime) -> None:
    """Raise unless the window is a sane one within office hours on a working day."""
    begin, eind = van.astimezone(AMSTERDAM), tot.astimezone(AMSTERDAM)
    if eind <= begin:
        raise ServicecallFout("eind_voor_begin", "tot")
    if reden := geen_werkdag_omdat(begin.date()):
        raise ServicecallFout(reden, "datum")
    if van <= nu:
        vandaag = nu.astimezone(AMSTERDAM).date()
        raise ServicecallFout("in_verleden", "datum" if begin.date() < vandaag else "van")
    if van > nu + MAX_VOORUIT:
        raise ServicecallFout("te_ver", "datum")
    if begin.time() < KANTOOR_VAN or begin.time() >= KANTOOR_TOT:
        raise ServicecallFout("buiten_kantoortijd", "van")
    if eind.date() != begin.date() or eind.time() > KANTOOR_TOT:
        raise ServicecallFout("buiten_kantoortijd", "tot")
    if tot - van > MAX_DUUR:
        raise ServicecallFout("te_lang", "tot")


def normaliseer_telefoon(invoer: str | None) -> str:
    """Any valid number, landlines too (calls are not SMS), as E.164."""
    if not (invoer or "").strip():
        raise ServicecallFout("geen_nummer", "telefoon")
    try:
        nummer = phonenumbers.parse(str(invoer).strip(), "NL")
    except phonenumbers.NumberParseException as fout:
        raise ServicecallFout("ongeldig_nummer", "telefoon") from fout
    if not phonenumbers.is_valid_number(nummer):
        raise ServicecallFout("ongeldig_nummer", "telefoon")
    return phonenumbers.format_number(nummer, phonenumbers.PhoneNumberFormat.E164)


def telefoon_leesbaar(nummer: str | None) -> str:
    """+31612345678 → 06 12345678: how people in the Netherlands write a number."""
    if not nummer:
        return ""
    try:
        return phonenumbers.format_number(
            phonenumbers.parse(nummer, "NL"), phonenumbers.PhoneNumberFormat.NATIONAL
        )
    except phonenumbers.NumberParseException:
        return nummer


def _vorige_dag(dag: date, geschikt: Callable[[date], bool]) -> date:
    dag -= timedelta(days=1)
    while not geschikt(dag):
        dag -= timedelta(days=1)
    return dag


def herinneringsmomenten(
    van: datetime, nu: datetime, instellingen: Herinneringen = HERINNERINGEN
) -> dict[str, datetime]:
    """When the 'dag' and 'uur' reminders go (UTC); a moment already past is left out.

    'dag': the working day before the window at ``dag_om``. 'uur': ``uur_vooraf`` before the
    window, or, when that is before ``vroegst`` (SMS quiet hours), at ``avond_om`` on the day
    before on which SMS may go (not a Sunday or public holiday).
    """
    begin = van.astimezone(AMSTERDAM)
    uur = van - instellingen.uur_vooraf
    if uur.astimezone(AMSTERDAM).date() != begin.date() or (
        uur.astimezone(AMSTERDAM).time() < instellingen.vroegst
    ):
        avond = _vorige_dag(begin.date(), lambda d: not is_rustdag(d))
        uur = lokaal(avond, instellingen.avond_om)
    dag = lokaal(_vorige_dag(begin.date(), is_werkdag), instellingen.dag_om)
    if uur <= nu:
        return {"uur": nu}  # the window is near: one reminder, now
    if dag <= nu:
        # Planned at short notice: the person hears it now, unless the 'uur' one follows soon.
        return {"dag": nu, "uur": uur} if uur - nu >= instellingen.tussenpoos else {"uur": uur}
    return {"dag": dag, "uur": uur}


def _van_call(servicecall: Servicecall) -> tuple[ColumnElement[bool], ...]:
    return met_sleutel(servicecall.dossier.burger_id, f"servicecall:{servicecall.id}:")


def annuleer_herinneringen(session: Session, servicecall: Servicecall) -> int:
    """Cancel the reminders of this call still waiting, of every version; not of any other."""
    return annuleer_wachtend(
        session, servicecall.dossier.burger_id, f"servicecall:{servicecall.id}:"
    )


def herinneringen_van(session: Session, servicecall: Servicecall) -> list[Notificatie]:
    """This call's reminders in the outbox, of every version, newest first."""
    return list(
        session.scalars(
            select(Notificatie).where(*_van_call(servicecall)).order_by(Notificatie.id.desc())
        )
    )


@dataclass(frozen=True)
class Belmoment:
    dag: str  # "dinsdag 30 maart 2027"
    dag_kort: str  # "di 30 maart", for an SMS
    van: str  # "10.00"
    tot: str


def belmoment(van: datetime | str | None, tot: datetime | str | None) -> Belmoment | None:
    """The window in words, in the current language and in Amsterdam time."""
    if not van or not tot:
        return None
    begin = datetime.fromisoformat(van) if isinstance(van, str) else van
    eind = datetime.fromisoformat(tot) if isinstance(tot, str) else tot
    # Vertalers: een Babel-tijdpatroon. UWV schrijft 10.00 uur; in het Engels: HH:mm.
    patroon = _("HH.mm")
    return Belmoment(
        dag=datumtekst.dag(begin),
        dag_kort=format_date(begin, "EEE d MMMM"),
        van=format_time(begin, patroon),
        tot=format_time(eind, patroon),
    )
