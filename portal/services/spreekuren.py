"""Planned spreekuren: planning, moving and cancelling (with their reminders), the person's
own list, and the 'Voorbereiden op uw spreekuur' checklist.

The back-office plans through the API, a casemanager on the staff pages; both call ``plan``,
``verplaats`` and ``annuleer`` here, so one set of rules holds for both: on a working day
within office hours, never over another appointment, and in the form and at the office the
person prefers unless a reason is given (the person reads it). Times are aware datetimes in
UTC; days and the moments of the reminders are Amsterdam's. Every change commits here, with
its message, reminders and log row in the same transaction.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

import notificaties
from portal.kalender import eerste_werkdag_vanaf
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
from portal.services import spreekuurregels as regels
from portal.services import toezeggingen, verwerkingslog
from portal.services.belmomenten import lokaal
from portal.services.spreekuurregels import (
    SpreekuurFout as SpreekuurFout,  # re-exported: callers catch it
)
from portal.tijd import AMSTERDAM
from portal.vertalen import lazy_gettext as _l

BERICHTSOORT = "spreekuur"
HERINNERINGSOORT = "spreekuur_herinnering"
HERINNERING_OM = time(10, 0)
HERINNERINGEN = {"7d": 7, "1d": 1}  # days before the spreekuur
MAX_TEKST = regels.MAX_TEKST

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


def _log(
    session: Session,
    spreekuur: Spreekuur,
    activiteit: str,
    medewerker_id: int | None,
    trace_id: str | None,
) -> None:
    """A casemanager's change in the verwerkingslog (the API logs its own calls)."""
    if medewerker_id is None:
        return
    verwerkingslog.log(
        session,
        trace_id=trace_id or "",
        medewerker_id=medewerker_id,
        burger_id=spreekuur.dossier.burger_id,
        handeling="wijzigen",
        activiteit=activiteit,
        object=f"spreekuur:{spreekuur.id}",
    )


def herinneringsmomenten(begin: datetime, nu: datetime) -> dict[str, datetime]:
    """10.00 in Amsterdam 7 days and 1 day before the spreekuur (UTC); past ones left out."""
    dag = begin.astimezone(AMSTERDAM).date()
    momenten = {
        naam: lokaal(dag - timedelta(days=dagen), HERINNERING_OM)
        for naam, dagen in HERINNERINGEN.items()
    }
    return {naam: moment for naam, moment in momenten.items() if moment > nu}


def _van_spreekuur(spreekuur: Spreekuur) -> tuple[ColumnElement[bool], ...]:
    return notificaties.met_sleutel(spreekuur.dossier.burger_id, f"spreekuur:{spreekuur.id}:")


def annuleer_herinneringen(session: Session, spreekuur: Spreekuur) -> int:
    """Cancel this spreekuur's reminders still waiting, of every version."""
    return notificaties.annuleer_wachtend(
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
    session: Session,
    spreekuur: Spreekuur,
    nu: datetime,
    bron: str,
    reden: str | None = None,
    medewerker_id: int | None = None,
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
        medewerker_id=medewerker_id,
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
    tegen_voorkeur_reden: str | None = None,
    medewerker_id: int | None = None,
    trace_id: str | None = None,
) -> Spreekuur:
    """A new spreekuur, with a message in the portal and its reminders; commits.

    Another form or office than the person prefers needs ``tegen_voorkeur_reden``; a
    casemanager's change (``medewerker_id``) is written to the verwerkingslog."""
    kantoor, telefoon = regels.controleer(begin, eind, vorm, kantoor, telefoon, nu)
    if rol not in ROLLEN:
        raise SpreekuurFout("onbekende_rol", "rol")
    meenemen = regels.tekst(meenemen, "meenemen")
    regels.controleer_vrij(session, dossier.burger_id, begin, eind, None)
    reden, voorkeur = regels.tegen_voorkeur(
        session, dossier.burger_id, vorm, kantoor, tegen_voorkeur_reden
    )
    spreekuur = Spreekuur(
        dossier=dossier,
        uid=uid or f"{uuid.uuid4()}@wia-portaal.uwv.nl",
        begin=begin.astimezone(UTC),
        eind=eind.astimezone(UTC),
        vorm=vorm,
        kantoor=kantoor,
        telefoon=telefoon,
        rol=rol,
        meenemen=meenemen,
        tegen_voorkeur_reden=reden,
        tegen_voorkeur_id=voorkeur.id if voorkeur else None,
        status="gepland",
        volgnummer=0,
        aangemaakt_op=nu,
        gewijzigd_op=nu,
    )
    session.add(spreekuur)
    session.flush()
    session.add(_bericht(spreekuur, "gepland", nu))
    _plan_herinneringen(session, spreekuur, nu)
    _beloof(session, spreekuur, nu, bron, medewerker_id=medewerker_id)
    _log(session, spreekuur, "spreekuur-plannen", medewerker_id, trace_id)
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
    tegen_voorkeur_reden: str | None = None,
    medewerker_id: int | None = None,
    trace_id: str | None = None,
) -> Spreekuur:
    """Another moment (and optionally another form or place): same UID, next volgnummer;
    the old reminders are cancelled and new ones written. The same rules as ``plan``;
    a reason given before stays while the form, the office and the preference stay the
    same. Commits."""
    if spreekuur.status != "gepland":
        raise SpreekuurFout("niet_gepland")
    vorm = vorm or spreekuur.vorm
    kantoor, telefoon = regels.controleer(
        begin, eind, vorm, kantoor or spreekuur.kantoor, telefoon or spreekuur.telefoon, nu
    )
    burger_id = spreekuur.dossier.burger_id
    regels.controleer_vrij(session, burger_id, begin, eind, spreekuur.id)
    reden, voorkeur = regels.tegen_voorkeur(
        session, burger_id, vorm, kantoor, tegen_voorkeur_reden, eerder=spreekuur
    )
    spreekuur.begin, spreekuur.eind = begin.astimezone(UTC), eind.astimezone(UTC)
    spreekuur.vorm, spreekuur.kantoor, spreekuur.telefoon = vorm, kantoor, telefoon
    spreekuur.tegen_voorkeur_reden = reden
    spreekuur.tegen_voorkeur_id = voorkeur.id if voorkeur else None
    spreekuur.volgnummer += 1
    spreekuur.gewijzigd_op = nu
    annuleer_herinneringen(session, spreekuur)
    session.add(_bericht(spreekuur, "verplaatst", nu))
    session.flush()
    _plan_herinneringen(session, spreekuur, nu)
    _beloof(session, spreekuur, nu, bron, reden="verplaatst", medewerker_id=medewerker_id)
    _log(session, spreekuur, "spreekuur-verplaatsen", medewerker_id, trace_id)
    session.commit()
    return spreekuur


def annuleer(
    session: Session,
    spreekuur: Spreekuur,
    *,
    nu: datetime,
    medewerker_id: int | None = None,
    trace_id: str | None = None,
) -> None:
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
    _log(session, spreekuur, "spreekuur-annuleren", medewerker_id, trace_id)
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
    dag = eerste_werkdag_vanaf(vandaag + timedelta(days=10))
    nu = lokaal(vandaag, time(9, 0))
    burger = dossier.burger
    burger.email_geverifieerd_op = burger.email_geverifieerd_op or nu
    if "email" not in notificaties.gekozen_kanalen(session, burger.id, "spreekuur"):
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
