"""Finding dossiers and describing where they stand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import LazyString
from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload

from portal import statussen
from portal.models import Burger, Dossier, Traject
from portal.services import verwerkingslog


@dataclass(frozen=True)
class TrajectOverzicht:
    traject: Traject
    soort: statussen.Soort
    status: statussen.Status
    stappen: list[statussen.Stap]
    wanneer: date | None

    @property
    def afgerond(self) -> bool:
        return self.traject.status == "afgerond"


@dataclass(frozen=True)
class DossierOverzicht:
    dossier: Dossier
    herstelacties: list[TrajectOverzicht]
    beoordelingen: list[TrajectOverzicht]

    @property
    def eerstvolgende_datum(self) -> date | None:
        """The first date on which the person hears more about anything still open."""
        datums = [t.wanneer for t in self.herstelacties + self.beoordelingen if t.wanneer]
        return min(datums, default=None)

    @property
    def lopende_herstelacties(self) -> list[TrajectOverzicht]:
        return [t for t in self.herstelacties if not t.afgerond]


def _met_alles():  # type: ignore[no-untyped-def]
    # Everything in the dossier's own query, one round trip: a dossier has a few trajecten
    # with a few status changes each, so the joined rows stay few.
    return (
        joinedload(Dossier.trajecten).joinedload(Traject.statuswijzigingen),
        joinedload(Dossier.burger),
        joinedload(Dossier.casemanager),
    )


def _een(session: Session, query: Select[tuple[Dossier]]) -> Dossier | None:
    # unique(): the joined collections repeat the dossier once per status change.
    return session.scalars(query.options(*_met_alles())).unique().one_or_none()


def dossier_van_burger(session: Session, burger_id: int) -> Dossier | None:
    return _een(session, select(Dossier).where(Dossier.burger_id == burger_id))


def dossier_op_kenmerk(session: Session, kenmerk: str) -> Dossier | None:
    return _een(session, select(Dossier).where(Dossier.kenmerk == kenmerk.strip().upper()))


def zoek_dossier(
    session: Session,
    *,
    kenmerk: str | None,
    bsn: str | None,
    medewerker_id: int,
    trace_id: str,
) -> Dossier | None:
    """Find one dossier by kenmerk or BSN; the search itself is logged, found or not."""
    query = select(Dossier)
    if bsn:
        query = query.join(Dossier.burger).where(Burger.bsn == bsn)
    else:
        query = query.where(Dossier.kenmerk == (kenmerk or "").strip().upper())
    dossier = _een(session, query)
    verwerkingslog.log(
        session,
        trace_id=trace_id,
        medewerker_id=medewerker_id,
        burger_id=dossier.burger_id if dossier else None,
        handeling="zoeken",
        activiteit="dossier-zoeken-op-bsn" if bsn else "dossier-zoeken-op-kenmerk",
        object=f"dossier:{dossier.id}" if dossier else None,
        resultaat="gevonden" if dossier else "niet-gevonden",
    )
    session.commit()
    return dossier


def log_inzage(session: Session, dossier: Dossier, *, medewerker_id: int, trace_id: str) -> None:
    """Record that a staff member opened this dossier."""
    verwerkingslog.log(
        session,
        trace_id=trace_id,
        medewerker_id=medewerker_id,
        burger_id=dossier.burger_id,
        handeling="inzien",
        activiteit="dossier-inzien",
        object=f"dossier:{dossier.id}",
    )
    session.commit()


def traject_overzicht(traject: Traject) -> TrajectOverzicht:
    bezocht = [w.naar_status for w in traject.statuswijzigingen]
    status = statussen.status(traject.soort, traject.status)
    return TrajectOverzicht(
        traject=traject,
        soort=statussen.SOORTEN[traject.soort],
        status=status,
        stappen=statussen.tijdlijn(traject.soort, traject.status, bezocht),
        wanneer=traject.volgende_update_op if traject.status != "afgerond" else None,
    )


def overzicht(dossier: Dossier) -> DossierOverzicht:
    trajecten = [traject_overzicht(t) for t in dossier.trajecten]
    return DossierOverzicht(
        dossier=dossier,
        herstelacties=[t for t in trajecten if t.soort.groep == statussen.HERSTELOPERATIE],
        beoordelingen=[t for t in trajecten if t.soort.groep == statussen.BEOORDELING],
    )


def soortnaam(code: str) -> LazyString:
    return statussen.SOORTEN[code].naam
