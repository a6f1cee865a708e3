"""The casemanager's morning overview: calls to make today, calls to plan, failed messages,
urgent inzage requests, open requests to call back (Bel mij terug) and open questions.

A page in the portal, and on working days an e-mail that says it is there (no personal
details: only counts). Dutch public holidays are not working days. The worker plans the
e-mail (``portal.werker``); notificaties sends it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import notificaties
from portal.kalender import is_werkdag
from portal.models import (
    Dossier,
    Inzageverzoek,
    Medewerker,
    Notificatie,
    Servicecall,
    Terugbelverzoek,
    Toezegging,
)
from portal.services import inzagewachtrij, taken, terugbellen, toezeggingwachtrij, vragen
from portal.tijd import AMSTERDAM, vandaag

SOORT = "digest"  # the message kind in notificaties.teksten
UUR = 7
MISLUKT_SINDS = timedelta(days=7)


@dataclass(frozen=True)
class Overzicht:
    vandaag_bellen: list[Servicecall]
    te_plannen: list[Servicecall]
    mislukt: list[tuple[Notificatie, Dossier]]
    inzage: list[Inzageverzoek]  # due within 5 working days, or overdue
    terugbellen: list[Terugbelverzoek] = field(default_factory=list)  # open, first promise first
    terugbellen_te_laat: list[Terugbelverzoek] = field(default_factory=list)  # promise broken
    # Promises to this casemanager's people that passed unkept, oldest first (at most a page).
    toezeggingen_te_laat: list[tuple[Toezegging, Dossier]] = field(default_factory=list)
    aantal_toezeggingen_te_laat: int = 0
    vragen: int = 0  # questions not answered yet, this casemanager's and the team's
    vragen_te_laat: int = 0
    taken_te_beoordelen: int = 0  # tasks the person answered, waiting for a judgement
    taken_verlopen: int = 0  # tasks past their deadline with nothing sent

    @property
    def aantallen(self) -> dict[str, int]:
        aantallen = {
            "vandaag_bellen": len(self.vandaag_bellen),
            "te_plannen": len(self.te_plannen),
            "mislukt": len(self.mislukt),
            "inzage": len(self.inzage),
        }
        # Only when there are any, so a digest without callbacks keeps its former shape; the
        # texts read a missing count as none, as they must for digests queued before this.
        if self.terugbellen:
            aantallen["terugbellen"] = len(self.terugbellen)
            aantallen["terugbellen_te_laat"] = len(self.terugbellen_te_laat)
        if self.aantal_toezeggingen_te_laat:
            aantallen["toezeggingen_te_laat"] = self.aantal_toezeggingen_te_laat
        if self.vragen:
            aantallen["vragen"] = self.vragen
            aantallen["vragen_te_laat"] = self.vragen_te_laat
        return aantallen


def overzicht(session: Session, medewerker_id: int, nu: datetime) -> Overzicht:
    """What this casemanager's dossiers need today."""
    dag = vandaag(nu)
    begin = datetime.combine(dag, time(0), AMSTERDAM)
    eigen = select(Dossier.id).where(Dossier.casemanager_id == medewerker_id)
    vandaag_bellen = session.scalars(
        select(Servicecall)
        .where(
            Servicecall.dossier_id.in_(eigen),
            Servicecall.status == "gepland",
            Servicecall.venster_van >= begin,
            Servicecall.venster_van < begin + timedelta(days=1),
        )
        .order_by(Servicecall.venster_van)
    ).all()
    te_plannen = session.scalars(
        select(Servicecall)
        .where(
            Servicecall.dossier_id.in_(eigen),
            Servicecall.status.in_(("te_plannen", "verzet_gevraagd")),
        )
        .order_by(Servicecall.aangemaakt_op)
    ).all()
    mislukt = session.execute(
        select(Notificatie, Dossier)
        .join(Dossier, Dossier.burger_id == Notificatie.burger_id)
        .where(
            Dossier.casemanager_id == medewerker_id,
            Notificatie.status == "mislukt",
            Notificatie.aangemaakt_op >= nu - MISLUKT_SINDS,
        )
        .order_by(Notificatie.id.desc())
    ).all()
    terugbelverzoeken, _volledig = terugbellen.wachtrij(session, casemanager_id=medewerker_id)
    open_vragen = vragen.wachtrij(session, medewerker_id, nu)
    open_taken = taken.wachtrij(session, medewerker_id, nu)
    return Overzicht(
        list(vandaag_bellen),
        list(te_plannen),
        [(notificatie, dossier) for notificatie, dossier in mislukt],
        inzagewachtrij.dringend(session, medewerker_id, nu),
        terugbellen=terugbelverzoeken,
        terugbellen_te_laat=[v for v in terugbelverzoeken if terugbellen.te_laat(v, nu)],
        toezeggingen_te_laat=toezeggingwachtrij.te_laat(session, nu, casemanager_id=medewerker_id),
        aantal_toezeggingen_te_laat=toezeggingwachtrij.aantal_te_laat(
            session, nu, casemanager_id=medewerker_id
        ),
        vragen=len(open_vragen),
        vragen_te_laat=sum(1 for regel in open_vragen if regel.te_laat),
        taken_te_beoordelen=sum(1 for regel in open_taken if regel.te_beoordelen),
        taken_verlopen=sum(1 for regel in open_taken if regel.verlopen),
    )


def plan_emails(session: Session, nu: datetime) -> int:
    """From 07:00 on a working day: one e-mail per casemanager that has an address."""
    lokaal = nu.astimezone(AMSTERDAM)
    if not is_werkdag(lokaal.date()) or lokaal.hour < UUR:
        return 0
    medewerkers = session.scalars(
        select(Medewerker).where(
            Medewerker.rollen.contains("casemanager"), func.coalesce(Medewerker.email, "") != ""
        )
    ).all()
    nieuw = 0
    for medewerker in medewerkers:
        sleutel = f"{SOORT}:{medewerker.id}:{lokaal.date()}"
        if session.scalar(select(Notificatie.id).where(Notificatie.idempotentiesleutel == sleutel)):
            continue  # today's digest is already on its way
        nieuw += 1
        notificaties.vraag_aan(
            session,
            sleutel=sleutel,
            burger_id=None,
            medewerker_id=medewerker.id,
            kanaal="email",
            soort=SOORT,
            adres=str(medewerker.email),
            gegevens=overzicht(session, medewerker.id, nu).aantallen,
            nu=nu,
        )
    session.commit()
    return nieuw
