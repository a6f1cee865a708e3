"""Service-calls: UWV phones the person. Tasks, planning, reminders, outcomes, belvoorkeuren.

Times are aware datetimes in UTC; office hours, working days and the moments of the
reminders are Amsterdam's. Every change commits here, with its reminders and log rows in
the same transaction; views only parse and render.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

import notificaties
from portal.models import (
    Belvoorkeur,
    Bericht,
    Burger,
    Dossier,
    Medewerker,
    Servicecall,
    Traject,
)
from portal.services import afspraken, ontvangst, toezeggingen, verwerkingslog
from portal.services.belmomenten import (
    HERINNERINGEN,
    Herinneringen,
    annuleer_herinneringen,
    controleer_venster,
    dagdelen_uit,
    herinneringsmomenten,
    normaliseer_telefoon,
    reden_buiten_voorkeur,
)
from portal.services.belmomenten import (
    ServicecallFout as ServicecallFout,  # re-exported: callers of this service catch it
)
from portal.tijd import vandaag
from portal.vertalen import lazy_gettext as _l

UITKOMST_ONDERZOEK = "uitkomst_onderzoek"
ONDERWERPEN = {
    UITKOMST_ONDERZOEK: _l("De uitkomst van het onderzoek naar uw uitkering"),
    "brief": _l("Een brief die u binnenkort van ons krijgt"),
    "brief_beslissing": _l("Een brief met een beslissing over uw uitkering"),
    "brief_geld": _l("Een brief over geld dat u van ons krijgt"),
    "brief_gegevens": _l("Een brief waarin wij u om gegevens vragen"),
}
# "A letter is coming": the calls a casemanager starts from the dossier, subject from a list.
BRIEFONDERWERPEN = ("brief", "brief_beslissing", "brief_geld", "brief_gegevens")
MAX_TEKST = 500

OPEN = ("te_plannen", "gepland", "niet_bereikt", "verzet_gevraagd")
TE_PLANNEN = ("verzet_gevraagd", "niet_bereikt", "te_plannen")  # in this order in the queue
UITKOMSTEN = {"gebeld": "gebeld", "niet_bereikt": "niet_bereikt", "verzet": "verzet_gevraagd"}
BERICHTSOORT = "servicecall"


def _bericht(servicecall: Servicecall, gebeurtenis: str, nu: datetime) -> Bericht:
    return Bericht(
        burger_id=servicecall.dossier.burger_id,
        soort=BERICHTSOORT,
        traject_id=servicecall.traject_id,
        aangemaakt_op=nu,
        gegevens={
            "gebeurtenis": gebeurtenis,
            "servicecall_id": servicecall.id,
            "onderwerp": servicecall.onderwerp,
            "van": servicecall.venster_van.isoformat() if servicecall.venster_van else None,
            "tot": servicecall.venster_tot.isoformat() if servicecall.venster_tot else None,
            "belnummer": servicecall.belnummer,
            "buiten_voorkeur_reden": servicecall.buiten_voorkeur_reden,
        },
    )


def _log(
    session: Session,
    servicecall: Servicecall,
    medewerker: Medewerker,
    trace_id: str,
    soort: str,
    api_client_id: int | None = None,
) -> None:
    verwerkingslog.log(
        session,
        trace_id=trace_id,
        # A back-office system that planned the call is the actor, not the caller it chose.
        medewerker_id=None if api_client_id else medewerker.id,
        api_client_id=api_client_id,
        burger_id=servicecall.dossier.burger_id,
        handeling="inzien" if soort == "inzien" else "wijzigen",
        activiteit=f"servicecall-{soort}",
        object=f"servicecall:{servicecall.id}",
    )


def maak_taak(session: Session, traject: Traject, nu: datetime) -> Servicecall:
    """The call promised when an investigation is finished; does not commit.

    One per traject. Herstelacties are handled together, so a traject that finishes while
    the dossier already has an open outcome call shares that call instead of a second one.
    """
    bestaand = session.scalar(
        select(Servicecall)
        .where(
            Servicecall.dossier_id == traject.dossier_id,  # indexed
            Servicecall.traject_id == traject.id,
        )
        .limit(1)
    ) or session.scalar(
        select(Servicecall)
        .where(
            Servicecall.dossier_id == traject.dossier_id,
            Servicecall.onderwerp == UITKOMST_ONDERZOEK,
            Servicecall.status.in_(OPEN),
        )
        .limit(1)
    )
    if bestaand is not None:
        return bestaand
    return _nieuwe_taak(session, traject.dossier_id, UITKOMST_ONDERZOEK, nu, traject.id)


def _nieuwe_taak(
    session: Session, dossier_id: int, onderwerp: str, nu: datetime, traject_id: int | None
) -> Servicecall:
    taak = Servicecall(
        dossier_id=dossier_id,
        traject_id=traject_id,
        onderwerp=onderwerp,
        status="te_plannen",
        versie=0,
        aangemaakt_op=nu,
        gewijzigd_op=nu,
    )
    session.add(taak)
    session.flush()
    return taak


def taak_voor(session: Session, dossier: Dossier, onderwerp: str, nu: datetime) -> Servicecall:
    """The dossier's open call about ``onderwerp``, or a new one; does not commit."""
    if onderwerp not in ONDERWERPEN:
        raise ServicecallFout("onbekend_onderwerp", "onderwerp")
    bestaand = session.scalar(
        select(Servicecall)
        .where(
            Servicecall.dossier_id == dossier.id,
            Servicecall.onderwerp == onderwerp,
            Servicecall.status.in_(OPEN),
        )
        .order_by(Servicecall.id)
        .limit(1)
    )
    if bestaand is not None:
        return bestaand
    return _nieuwe_taak(session, dossier.id, onderwerp, nu, None)


def nieuwe_belcode(vorige: str | None = None) -> str:
    """Four digits, never starting with 0 (people drop it), never the previous code."""
    while (code := str(1000 + secrets.randbelow(9000))) == vorige:
        pass
    return code


def plan(
    session: Session,
    servicecall: Servicecall,
    *,
    van: datetime,
    tot: datetime,
    telefoon: str,
    belnummer: str,
    medewerker: Medewerker,
    nu: datetime,
    trace_id: str,
    verwacht_versie: int | None = None,
    herinneringen: Herinneringen = HERINNERINGEN,
    api_client_id: int | None = None,
    buiten_voorkeur_reden: str | None = None,
) -> Servicecall:
    """Plan (or move) the call; the old reminders are cancelled, new ones written.

    ``verwacht_versie`` is the version the casemanager saw: if someone else planned in the
    meantime, this raises instead of overwriting their window. A window outside the day parts
    the person prefers needs ``buiten_voorkeur_reden``; the person sees it.
    """
    if servicecall.status not in OPEN:
        raise ServicecallFout("niet_open")
    if verwacht_versie is not None and verwacht_versie != servicecall.versie:
        raise ServicecallFout("intussen_gewijzigd")
    controleer_venster(van, tot, nu)
    nummer = normaliseer_telefoon(telefoon)
    reden = reden_buiten_voorkeur(
        belvoorkeur(session, servicecall.dossier.burger_id),
        van,
        tot,
        _tekst(buiten_voorkeur_reden, "buiten_voorkeur_reden"),
    )
    bestaande = afspraken.overlappende(
        session,
        servicecall.dossier.burger_id,
        van,
        tot,
        behalve=("servicecall", servicecall.id) if servicecall.id is not None else None,
    )
    if bestaande is not None:
        raise ServicecallFout("overlapt", "van", afspraak=bestaande)
    vorige = servicecall.versie
    gewijzigd = session.execute(
        update(Servicecall)
        .where(Servicecall.id == servicecall.id, Servicecall.versie == vorige)
        .values(
            status="gepland",
            versie=vorige + 1,
            venster_van=van,
            venster_tot=tot,
            telefoon=nummer,
            belnummer=belnummer,
            belcode=nieuwe_belcode(servicecall.belcode),
            medewerker_id=medewerker.id,
            uitkomst_toelichting=None,
            buiten_voorkeur_reden=reden,
            gewijzigd_op=nu,
        )
        .execution_options(synchronize_session=False)
    )
    # An UPDATE gives a CursorResult, which counts the rows; execute() is typed for any statement.
    if cast(CursorResult[Any], gewijzigd).rowcount != 1:
        session.rollback()
        raise ServicecallFout("intussen_gewijzigd")
    session.refresh(servicecall)
    annuleer_herinneringen(session, servicecall)
    session.add(_bericht(servicecall, "gepland", nu))
    toezeggingen.beloof(
        session,
        burger_id=servicecall.dossier.burger_id,
        dossier_id=servicecall.dossier_id,
        soort="belafspraak",
        onderwerp=toezeggingen.onderwerp_van("servicecall", servicecall.id),
        datum=vandaag(van),
        van=van,
        tot=tot,
        bron="api" if api_client_id else "medewerker",
        nu=nu,
        medewerker_id=None if api_client_id else medewerker.id,
        api_client_id=api_client_id,
        reden="verplaatst" if vorige else None,
    )
    gegevens = {
        "van": van.isoformat(),
        "tot": tot.isoformat(),
        "belnummer": belnummer,
        "onderwerp": servicecall.onderwerp,  # the reminder says what about, in general words
    }
    burger = servicecall.dossier.burger
    for naam, moment in herinneringsmomenten(van, nu, herinneringen).items():
        notificaties.meld(
            session,
            burger,
            soort="servicecall_herinnering",
            sleutel=f"servicecall:{servicecall.id}:{servicecall.versie}:{naam}",
            gegevens=gegevens,
            niet_voor=moment,
            nu=nu,
        )
    _log(session, servicecall, medewerker, trace_id, "plannen", api_client_id)
    session.commit()
    return servicecall


def annuleer(
    session: Session,
    servicecall: Servicecall,
    *,
    medewerker: Medewerker,
    nu: datetime,
    trace_id: str,
    toelichting: str | None = None,
) -> None:
    """The call does not happen; its waiting reminders are cancelled with it."""
    if servicecall.status not in OPEN:
        raise ServicecallFout("niet_open")
    if servicecall.status == "gepland" and servicecall.venster_tot and servicecall.venster_tot > nu:
        session.add(_bericht(servicecall, "geannuleerd", nu))
    servicecall.status = "geannuleerd"
    toezeggingen.laat_vervallen(
        session, toezeggingen.onderwerp_van("servicecall", servicecall.id), nu, "geannuleerd"
    )
    servicecall.uitkomst_toelichting = _tekst(toelichting)
    servicecall.medewerker_id, servicecall.gewijzigd_op = medewerker.id, nu
    annuleer_herinneringen(session, servicecall)
    _log(session, servicecall, medewerker, trace_id, "annuleren")
    session.commit()


def leg_uitkomst_vast(
    session: Session,
    servicecall: Servicecall,
    uitkomst: str,
    *,
    medewerker: Medewerker,
    nu: datetime,
    trace_id: str,
    toelichting: str | None = None,
) -> None:
    """Record how the call went. 'niet_bereikt' and 'verzet' put it back in the queue."""
    if uitkomst not in UITKOMSTEN:
        raise ServicecallFout("onbekende_uitkomst", "uitkomst")
    if servicecall.status != "gepland":
        raise ServicecallFout("niet_gepland", "uitkomst")
    # Whether we reached someone is known once the window began; a new time can be asked
    # for (by phone, at the KCC) before that.
    if uitkomst != "verzet" and servicecall.venster_van and servicecall.venster_van > nu:
        raise ServicecallFout("nog_niet", "uitkomst")
    servicecall.status = UITKOMSTEN[uitkomst]
    onderwerp = toezeggingen.onderwerp_van("servicecall", servicecall.id)
    if uitkomst == "verzet":  # the person asked for another moment: nothing was broken
        toezeggingen.laat_vervallen(session, onderwerp, nu, "ander_moment_gevraagd")
    else:  # called, whether or not the person answered
        toezeggingen.kom_na(session, onderwerp, nu)
    servicecall.uitkomst_toelichting = _tekst(toelichting)
    servicecall.medewerker_id, servicecall.gewijzigd_op = medewerker.id, nu
    if uitkomst == "verzet":  # asked by phone: the casemanager's note says what for
        servicecall.verzocht_op, servicecall.verzoek, servicecall.verzoek_dagdelen = nu, None, None
    annuleer_herinneringen(session, servicecall)
    if uitkomst == "niet_bereikt":
        session.add(_bericht(servicecall, "niet_bereikt", nu))
    _log(session, servicecall, medewerker, trace_id, f"uitkomst-{uitkomst}")
    session.commit()


def _tekst(invoer: str | None, veld: str = "toelichting") -> str | None:
    tekst = (invoer or "").strip()
    if len(tekst) > MAX_TEKST:
        raise ServicecallFout("te_lange_tekst", veld)
    return tekst or None


def vraag_ander_moment(
    session: Session,
    burger: Burger,
    servicecall: Servicecall,
    dagdelen: list[str] | None,
    toelichting: str | None,
    nu: datetime,
) -> None:
    """The person cannot take the call then. Its reminders stop; the casemanager replans."""
    if servicecall.dossier.burger_id != burger.id:
        raise ServicecallFout("niet_gevonden")
    if servicecall.status != "gepland":
        raise ServicecallFout("niet_gepland")
    if servicecall.venster_van is None or servicecall.venster_van <= nu:
        raise ServicecallFout("al_begonnen")
    tekst, delen = _tekst(toelichting), dagdelen_uit(dagdelen)
    if not tekst and not delen:
        raise ServicecallFout("geen_wens", "dagdelen")
    servicecall.status = "verzet_gevraagd"
    toezeggingen.laat_vervallen(
        session,
        toezeggingen.onderwerp_van("servicecall", servicecall.id),
        nu,
        "ander_moment_gevraagd",
    )
    servicecall.verzoek, servicecall.verzoek_dagdelen = tekst, delen
    servicecall.verzocht_op = servicecall.gewijzigd_op = nu
    annuleer_herinneringen(session, servicecall)
    # The call it is about, then the form's fields. What happens next has no date yet: the
    # casemanager plans a new moment.
    gesprek = "/".join(
        m.isoformat() for m in (servicecall.venster_van, servicecall.venster_tot) if m
    )
    kopie = [("gesprek", gesprek), ("dagdelen", ",".join(delen)), ("toelichting", tekst or "")]
    ontvangst.bevestig(
        session,
        burger.id,
        wat="ander_moment",
        kopie=[k for k in kopie if k[1]],
        volgende_op=None,
        nu=nu,
    )
    session.commit()


def belvoorkeur(session: Session, burger_id: int) -> Belvoorkeur | None:
    return session.get(Belvoorkeur, burger_id)


def belvoorkeuren(session: Session, burger_ids: set[int]) -> dict[int, Belvoorkeur]:
    rijen = session.scalars(select(Belvoorkeur).where(Belvoorkeur.burger_id.in_(burger_ids)))
    return {rij.burger_id: rij for rij in rijen}


def zet_belvoorkeur(
    session: Session, burger: Burger, dagdelen: list[str] | None, telefoon: str | None, nu: datetime
) -> Belvoorkeur:
    delen = dagdelen_uit(dagdelen)
    if not delen:
        raise ServicecallFout("geen_dagdeel", "dagdelen")
    nummer = normaliseer_telefoon(telefoon)
    voorkeur = session.get(Belvoorkeur, burger.id) or Belvoorkeur(burger_id=burger.id)
    voorkeur.dagdelen, voorkeur.telefoon, voorkeur.gewijzigd_op = delen, nummer, nu
    session.add(voorkeur)
    # A call already planned keeps its window and number: the receipt names it.
    gepland = afspraken.eerstvolgende(session, burger.id, "servicecall", nu)
    ontvangst.bevestig_wijziging(
        session,
        burger.id,
        wat="belvoorkeur",
        kopie=[("dagdelen", ",".join(delen)), ("telefoon", nummer)],
        volgende_op=vandaag(gepland.begin) if gepland else None,
        venster=(gepland.begin, gepland.eind) if gepland else None,
        nu=nu,
    )
    session.commit()
    return voorkeur


def met_persoon() -> LoaderOption:
    return selectinload(Servicecall.dossier).selectinload(Dossier.burger)


def van_burger(session: Session, burger_id: int) -> list[Servicecall]:
    """The person's calls: open ones first, by their window."""
    rijen = session.scalars(
        select(Servicecall)
        .join(Dossier, Dossier.id == Servicecall.dossier_id)
        .where(Dossier.burger_id == burger_id)
        .order_by(Servicecall.aangemaakt_op.desc(), Servicecall.id.desc())
    ).all()
    return sorted(rijen, key=lambda s: s.status not in OPEN)


def van_burger_op_id(session: Session, burger_id: int, servicecall_id: int) -> Servicecall | None:
    """One call, only if it is this person's (a foreign id answers None)."""
    return session.scalar(
        select(Servicecall)
        .join(Dossier, Dossier.id == Servicecall.dossier_id)
        .where(Servicecall.id == servicecall_id, Dossier.burger_id == burger_id)
        .options(met_persoon())
    )


def op_id(session: Session, servicecall_id: int) -> Servicecall | None:
    return session.scalar(
        select(Servicecall).where(Servicecall.id == servicecall_id).options(met_persoon())
    )


def log_bekeken(
    session: Session, servicecalls: list[Servicecall], *, medewerker: Medewerker, trace_id: str
) -> None:
    """One log row per person whose call a casemanager saw."""
    for servicecall in servicecalls:
        _log(session, servicecall, medewerker, trace_id, "inzien")
    session.commit()
