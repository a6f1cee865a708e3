"""Planned spreekuren: planning, moving and cancelling (with their reminders), the person's
own list, and the 'Voorbereiden op uw spreekuur' checklist.

The back-office plans; the API will expose ``plan``, ``verplaats`` and ``annuleer``. Times are
aware datetimes in UTC; days and the moments of the reminders are Amsterdam's. Every change
commits here, with its message and reminders in the same transaction.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

import notificaties
from portal.kantoren import KANTOREN
from portal.models import (
    Bericht,
    Burger,
    Dossier,
    Notificatie,
    Notificatievoorkeur,
    Spreekuur,
    Traject,
    Voorbereiding,
)
from portal.models.spreekuur import VORMEN
from portal.services import toezeggingen
from portal.services.afspraken import Afspraak, overlappende
from portal.services.belmomenten import ServicecallFout, lokaal, normaliseer_telefoon
from portal.tijd import AMSTERDAM

BERICHTSOORT = "spreekuur"
HERINNERINGSOORT = "spreekuur_herinnering"
HERINNERING_OM = time(10, 0)
HERINNERINGEN = {"7d": 7, "1d": 1}  # days before the spreekuur
MAX_TEKST = 500

VORM_LABELS = {
    "fysiek": _l("Op een UWV-kantoor"),
    "telefonisch": _l("Telefonisch"),
    "video": _l("Met video, op een UWV-kantoor"),
}
ROLLEN = {
    "verzekeringsarts": _l("verzekeringsarts"),
    "arbeidsdeskundige": _l("arbeidsdeskundige"),
}
# The cliëntenraad's checklist, in B1 words. Codes are stored; labels may change.
VOORBEREIDING = {
    "medicijnen": _l("Een lijst van de medicijnen die u gebruikt"),
    "brieven_arts": _l("Brieven van uw huisarts, specialist of therapeut"),
    "vragen": _l("Een lijstje met uw vragen"),
    "dagboek": _l("Korte aantekeningen: wat lukt wel, wat lukt niet in een gewone week"),
    "begeleider": _l("Wie gaat er met u mee? Spreek dat op tijd af"),
    "agenda": _l("Zet de datum en de tijd in uw agenda"),
    "bril_gehoor": _l("Uw bril of uw hoortoestel"),
    "legitimatie": _l("Uw paspoort, identiteitskaart of rijbewijs"),
    "reis": _l("Hoe reist u naar het kantoor, en hoe lang duurt dat?"),
    "brief_uwv": _l("De brief van UWV over dit spreekuur"),
}


class SpreekuurFout(ValueError):
    """A refused change; ``reden`` says why, ``veld`` which field it belongs to."""

    def __init__(
        self, reden: str, veld: str | None = None, *, afspraak: Afspraak | None = None
    ) -> None:
        super().__init__(reden)
        self.reden = reden
        self.veld = veld
        self.afspraak = afspraak  # with reden "overlapt": what is already planned then


def _controleer(
    begin: datetime,
    eind: datetime,
    vorm: str,
    kantoor: str | None,
    telefoon: str | None,
    nu: datetime,
) -> tuple[str | None, str | None]:
    """Raise unless the spreekuur is sane; returns (office code, E.164 number)."""
    if begin.tzinfo is None or eind.tzinfo is None:
        raise SpreekuurFout("geen_tijdzone", "begin")
    if begin <= nu:
        raise SpreekuurFout("in_verleden", "begin")
    if eind <= begin:
        raise SpreekuurFout("eind_voor_begin", "eind")
    if eind.astimezone(AMSTERDAM).date() != begin.astimezone(AMSTERDAM).date():
        raise SpreekuurFout("niet_zelfde_dag", "eind")
    if vorm not in VORMEN:
        raise SpreekuurFout("onbekende_vorm", "vorm")
    if vorm == "telefonisch":
        try:
            return None, normaliseer_telefoon(telefoon)
        except ServicecallFout as fout:
            raise SpreekuurFout(fout.reden, "telefoon") from fout
    if not kantoor:
        raise SpreekuurFout("geen_kantoor", "kantoor")
    if kantoor not in KANTOREN:
        raise SpreekuurFout("onbekend_kantoor", "kantoor")
    return kantoor, None


def _controleer_vrij(
    session: Session, burger_id: int, begin: datetime, eind: datetime, eigen_id: int | None
) -> None:
    behalve = ("spreekuur", eigen_id) if eigen_id is not None else None
    bestaande = overlappende(session, burger_id, begin, eind, behalve=behalve)
    if bestaande is not None:
        raise SpreekuurFout("overlapt", "begin", afspraak=bestaande)


def _tekst(invoer: str | None, veld: str) -> str | None:
    tekst = (invoer or "").strip()
    if len(tekst) > MAX_TEKST:
        raise SpreekuurFout("te_lange_tekst", veld)
    return tekst or None


def herinneringsmomenten(begin: datetime, nu: datetime) -> dict[str, datetime]:
    """10.00 in Amsterdam 7 days and 1 day before the spreekuur (UTC); past ones left out."""
    dag = begin.astimezone(AMSTERDAM).date()
    momenten = {
        naam: lokaal(dag - timedelta(days=dagen), HERINNERING_OM)
        for naam, dagen in HERINNERINGEN.items()
    }
    return {naam: moment for naam, moment in momenten.items() if moment > nu}


def _van_spreekuur(spreekuur: Spreekuur) -> tuple[ColumnElement[bool], ...]:
    return notificaties.aanvragen.met_sleutel(
        spreekuur.dossier.burger_id, f"spreekuur:{spreekuur.id}:"
    )


def annuleer_herinneringen(session: Session, spreekuur: Spreekuur) -> int:
    """Cancel this spreekuur's reminders still waiting, of every version."""
    return notificaties.aanvragen.annuleer_wachtend(
        session, spreekuur.dossier.burger_id, f"spreekuur:{spreekuur.id}:"
    )


def herinneringen_van(session: Session, spreekuur: Spreekuur) -> list[Notificatie]:
    return list(
        session.scalars(
            select(Notificatie).where(*_van_spreekuur(spreekuur)).order_by(Notificatie.id)
        )
    )


def _plan_herinneringen(session: Session, spreekuur: Spreekuur, nu: datetime) -> None:
    burger = session.get(Burger, spreekuur.dossier.burger_id)
    assert burger is not None
    gegevens = {"begin": spreekuur.begin.isoformat(), "eind": spreekuur.eind.isoformat()}
    for naam, moment in herinneringsmomenten(spreekuur.begin, nu).items():
        notificaties.meld(
            session,
            burger,
            soort=HERINNERINGSOORT,
            sleutel=f"spreekuur:{spreekuur.id}:{spreekuur.volgnummer}:{naam}",
            gegevens=gegevens,
            niet_voor=moment,
            nu=nu,
        )


def _bericht(spreekuur: Spreekuur, gebeurtenis: str, nu: datetime) -> Bericht:
    return Bericht(
        burger_id=spreekuur.dossier.burger_id,
        soort=BERICHTSOORT,
        aangemaakt_op=nu,
        gegevens={
            "gebeurtenis": gebeurtenis,
            "spreekuur_id": spreekuur.id,
            "begin": spreekuur.begin.isoformat(),
            "eind": spreekuur.eind.isoformat(),
            "vorm": spreekuur.vorm,
            "kantoor": spreekuur.kantoor,
        },
    )


def _beloof(
    session: Session, spreekuur: Spreekuur, nu: datetime, bron: str, reden: str | None = None
) -> None:
    toezeggingen.beloof(
        session,
        burger_id=spreekuur.dossier.burger_id,
        dossier_id=spreekuur.dossier_id,
        soort="spreekuur",
        onderwerp=toezeggingen.onderwerp_van("spreekuur", spreekuur.id),
        datum=spreekuur.begin.astimezone(AMSTERDAM).date(),
        van=spreekuur.begin,
        tot=spreekuur.eind,
        bron=bron,
        nu=nu,
        reden=reden,
    )


def plan(
    session: Session,
    dossier: Dossier,
    *,
    begin: datetime,
    eind: datetime,
    vorm: str,
    kantoor: str | None = None,
    telefoon: str | None = None,
    rol: str = "verzekeringsarts",
    meenemen: str | None = None,
    nu: datetime,
    uid: str | None = None,
    bron: str = "api",
) -> Spreekuur:
    """A new spreekuur, with a message in the portal and its reminders; commits."""
    kantoor, telefoon = _controleer(begin, eind, vorm, kantoor, telefoon, nu)
    if rol not in ROLLEN:
        raise SpreekuurFout("onbekende_rol", "rol")
    _controleer_vrij(session, dossier.burger_id, begin, eind, None)
    spreekuur = Spreekuur(
        dossier=dossier,
        uid=uid or f"{uuid.uuid4()}@wia-portaal.uwv.nl",
        begin=begin.astimezone(UTC),
        eind=eind.astimezone(UTC),
        vorm=vorm,
        kantoor=kantoor,
        telefoon=telefoon,
        rol=rol,
        meenemen=_tekst(meenemen, "meenemen"),
        status="gepland",
        volgnummer=0,
        aangemaakt_op=nu,
        gewijzigd_op=nu,
    )
    session.add(spreekuur)
    session.flush()
    session.add(_bericht(spreekuur, "gepland", nu))
    _plan_herinneringen(session, spreekuur, nu)
    _beloof(session, spreekuur, nu, bron)
    session.commit()
    return spreekuur


def verplaats(
    session: Session,
    spreekuur: Spreekuur,
    *,
    begin: datetime,
    eind: datetime,
    nu: datetime,
    vorm: str | None = None,
    kantoor: str | None = None,
    telefoon: str | None = None,
    bron: str = "api",
) -> Spreekuur:
    """Another moment (and optionally another form or place): same UID, next volgnummer;
    the old reminders are cancelled and new ones written. Commits."""
    if spreekuur.status != "gepland":
        raise SpreekuurFout("niet_gepland")
    vorm = vorm or spreekuur.vorm
    kantoor, telefoon = _controleer(
        begin, eind, vorm, kantoor or spreekuur.kantoor, telefoon or spreekuur.telefoon, nu
    )
    _controleer_vrij(session, spreekuur.dossier.burger_id, begin, eind, spreekuur.id)
    spreekuur.begin, spreekuur.eind = begin.astimezone(UTC), eind.astimezone(UTC)
    spreekuur.vorm, spreekuur.kantoor, spreekuur.telefoon = vorm, kantoor, telefoon
    spreekuur.volgnummer += 1
    spreekuur.gewijzigd_op = nu
    annuleer_herinneringen(session, spreekuur)
    session.add(_bericht(spreekuur, "verplaatst", nu))
    session.flush()
    _plan_herinneringen(session, spreekuur, nu)
    _beloof(session, spreekuur, nu, bron, reden="verplaatst")
    session.commit()
    return spreekuur


def annuleer(session: Session, spreekuur: Spreekuur, *, nu: datetime) -> None:
    """The spreekuur does not happen; its waiting reminders are cancelled with it. Commits."""
    if spreekuur.status != "gepland":
        raise SpreekuurFout("niet_gepland")
    spreekuur.status = "geannuleerd"
    spreekuur.volgnummer += 1
    spreekuur.gewijzigd_op = nu
    annuleer_herinneringen(session, spreekuur)
    toezeggingen.laat_vervallen(
        session, toezeggingen.onderwerp_van("spreekuur", spreekuur.id), nu, "geannuleerd"
    )
    if spreekuur.begin > nu:
        session.add(_bericht(spreekuur, "geannuleerd", nu))
    session.commit()


def van_burger(session: Session, burger_id: int) -> list[Spreekuur]:
    """The person's spreekuren, soonest first."""
    return list(
        session.scalars(
            select(Spreekuur)
            .join(Dossier, Dossier.id == Spreekuur.dossier_id)
            .where(Dossier.burger_id == burger_id)
            .order_by(Spreekuur.begin, Spreekuur.id)
        )
    )


def van_burger_op_id(session: Session, burger_id: int, spreekuur_id: int) -> Spreekuur | None:
    """One spreekuur, only if it is this person's (a foreign id answers None)."""
    return session.scalar(
        select(Spreekuur)
        .join(Dossier, Dossier.id == Spreekuur.dossier_id)
        .where(Spreekuur.id == spreekuur_id, Dossier.burger_id == burger_id)
    )


def komend(session: Session, dossier_id: int, nu: datetime) -> list[Spreekuur]:
    """Planned spreekuren that have not ended yet, soonest first."""
    return list(
        session.scalars(
            select(Spreekuur)
            .where(
                Spreekuur.dossier_id == dossier_id,
                Spreekuur.status == "gepland",
                Spreekuur.eind >= nu,
            )
            .order_by(Spreekuur.begin)
        )
    )


def afgevinkt(session: Session, burger_id: int) -> list[str]:
    rij = session.get(Voorbereiding, burger_id)
    return [code for code in (rij.afgevinkt if rij else []) if code in VOORBEREIDING]


def zet_afgevinkt(session: Session, burger_id: int, codes: list[str], nu: datetime) -> list[str]:
    """Save the ticked items; unknown codes are ignored. Commits."""
    bekend = [code for code in VOORBEREIDING if code in set(codes)]
    rij = session.get(Voorbereiding, burger_id)
    if rij is None:
        rij = Voorbereiding(burger_id=burger_id)
        session.add(rij)
    rij.afgevinkt, rij.gewijzigd_op = bekend, nu
    session.commit()
    return bekend


def seed_demo(session: Session, vandaag: date) -> None:
    """A spreekuur for the demo persona whose beoordeling waits for one (Anneke van der
    Meer), about ten days ahead. She confirmed her e-mail address and wants spreekuur
    reminders, so they wait in the outbox and show under "Wat kunt u van ons verwachten"."""
    dossier = session.scalar(
        select(Dossier)
        .join(Traject, Traject.dossier_id == Dossier.id)
        .where(Traject.status == "spreekuur_gepland")
        .order_by(Dossier.id)
        .limit(1)
    )
    if dossier is None:
        return
    dag = vandaag + timedelta(days=10)
    while dag.weekday() >= 5:
        dag += timedelta(days=1)
    nu = lokaal(vandaag, time(9, 0))
    burger = dossier.burger
    burger.email_geverifieerd_op = burger.email_geverifieerd_op or nu
    if "email" not in notificaties.aanvragen.gekozen_kanalen(session, burger.id, "spreekuur"):
        session.add(Notificatievoorkeur(burger_id=burger.id, kanaal="email", soort="spreekuur"))
    session.flush()
    # Through plan(), as the back-office would: the same checks, message and reminders.
    plan(
        session,
        dossier,
        begin=lokaal(dag, time(10, 0)),
        eind=lokaal(dag, time(10, 45)),
        vorm="fysiek",
        kantoor="utrecht",
        rol="verzekeringsarts",
        meenemen="Uw medicijnen of een lijst ervan, en uw identiteitsbewijs.",
        nu=nu,
    )
