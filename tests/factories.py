"""Test data with realistic Dutch defaults; pass keywords to change what matters."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import count

from sqlalchemy.orm import Session

from portal import statussen
from portal.demo.personas import test_bsns
from portal.models import (
    Burger,
    Dossier,
    Medewerker,
    Notificatie,
    Notificatievoorkeur,
    Statuswijziging,
    Terugbelverzoek,
    Traject,
    utcnow,
)
from portal.models.inzage import Inzageverzoek
from portal.models.voorkeur import KANALEN, VOORKEURSOORTEN
from portal.services import toezeggingen

_bsns = test_bsns(999_000_000)  # ~90,000 valid BSNs below the personas (999990000 and up)
_nummers = count(1)


def maak_burger(session: Session, **velden: object) -> Burger:
    nummer = next(_nummers)
    standaard: dict[str, object] = {
        "bsn": next(_bsns),
        "voornamen": "Marieke",
        "tussenvoegsel": "van der",
        "achternaam": f"Linden{nummer}",
        "telefoon": f"+316{20000000 + nummer}",
        "email": f"marieke{nummer}@example.nl",
        "taal": "nl",
    }
    burger = Burger(**{**standaard, **velden})
    session.add(burger)
    session.flush()
    return burger


def maak_medewerker(session: Session, **velden: object) -> Medewerker:
    nummer = next(_nummers)
    standaard: dict[str, object] = {
        "oidc_sub": f"medewerker-{nummer}",
        "naam": f"Henk de Boer {nummer}",
        "rollen": "casemanager",
    }
    medewerker = Medewerker(**{**standaard, **velden})
    session.add(medewerker)
    session.flush()
    return medewerker


def maak_dossier(session: Session, *, burger: Burger | None = None, **velden: object) -> Dossier:
    burger = burger or maak_burger(session)
    dossier = Dossier(burger=burger, kenmerk=f"WIA-{2000000 + next(_nummers)}", **velden)
    session.add(dossier)
    session.flush()
    return dossier


def maak_traject(
    session: Session,
    *,
    dossier: Dossier | None = None,
    soort: str = "dagloon",
    route: tuple[str, ...] = ("in_onderzoek",),
    volgende_update_op: date | None = None,
) -> Traject:
    """A traject that went through ``route`` from its kind's first status, with history."""
    dossier = dossier or maak_dossier(session)
    begin = statussen.BEGINSTATUS[statussen.groep(soort)]
    traject = Traject(dossier=dossier, soort=soort, status=begin, gestart_op=date(2025, 3, 1))
    session.add(traject)
    session.add(Statuswijziging(traject=traject, naar_status=begin))
    vorige = begin
    for naar in route:
        statussen.controleer_overgang(soort, vorige, naar)
        session.add(Statuswijziging(traject=traject, van_status=vorige, naar_status=naar))
        vorige = naar
    traject.status = vorige
    traject.volgende_update_op = volgende_update_op or (date.today() + timedelta(days=60))
    session.flush()
    # As every service that sets the date does: the promise is in the ledger too.
    toezeggingen.beloof_trajectdatum(
        session, traject, traject.volgende_update_op, bron="import", nu=utcnow()
    )
    return traject


def met_voorkeuren(
    session: Session,
    burger: Burger,
    *,
    kanalen: tuple[str, ...] = KANALEN,
    soorten: tuple[str, ...] = VOORKEURSOORTEN,
) -> Burger:
    """The person proved their number and address and switched these kinds of news on."""
    if "sms" in kanalen:
        burger.telefoon_geverifieerd_op = utcnow()
    if "email" in kanalen:
        burger.email_geverifieerd_op = utcnow()
    for kanaal in kanalen:
        for soort in soorten:
            session.add(Notificatievoorkeur(burger_id=burger.id, kanaal=kanaal, soort=soort))
    session.flush()
    return burger


def maak_terugbelverzoek(
    session: Session, dossier: Dossier, beloofd_voor: datetime
) -> Terugbelverzoek:
    """An open "bel mij terug" request for the morning of the promised day."""
    verzoek = Terugbelverzoek(
        burger_id=dossier.burger_id,
        dossier_id=dossier.id,
        dag=beloofd_voor.date(),
        dagdeel="ochtend",
        telefoon="+31612345678",
        beloofd_voor=beloofd_voor,
    )
    session.add(verzoek)
    return verzoek


def maak_mislukte_sms(session: Session, burger: Burger) -> Notificatie:
    """An SMS that failed for good: the person should check their number."""
    sms = Notificatie(
        idempotentiesleutel=f"test-mislukt-{burger.id}-{next(_nummers)}",
        burger_id=burger.id,
        kanaal="sms",
        soort="statuswijziging",
        adres="+31612345678",
        status="mislukt",
    )
    session.add(sms)
    return sms


def statusnieuws(session: Session, burger: Burger, nu: datetime) -> Traject:
    """News for ``burger``: an investigation of a new traject is finished, as the casemanager's
    status change writes it (bericht, toezegging, outbox rows for the switches on)."""
    from portal.services.statuswijziging import Wijziging, wijzig_status

    traject = maak_traject(session, dossier=maak_dossier(session, burger=burger))
    session.commit()
    wijzig_status(
        session,
        traject,
        Wijziging("onderzoek_afgerond", None, None),
        verwacht_van="in_onderzoek",
        medewerker=None,
        trace_id="t" * 32,
        nu=nu,
    )
    return traject


def maak_inzageverzoek(
    session: Session, *, burger: Burger | None = None, nu: datetime | None = None
) -> Inzageverzoek:
    """A request for inzage in the person's dagloon, as the form sends it."""
    from portal.services import inzage

    burger = burger or maak_burger(session)
    dossier = burger.dossier or maak_dossier(session, burger=burger)
    return inzage.vraag_aan(
        session,
        burger,
        dossier,
        onderwerpen=["dagloon"],
        anders=None,
        levering="portaal",
        toelichting=None,
        nu=nu,
    )
