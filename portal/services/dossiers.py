"""Finding dossiers and describing where they stand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import LazyString
from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.interfaces import LoaderOption

from portal import statussen
from portal.models import Burger, Dossier, Toezegging, Traject, utcnow
from portal.services import toezeggingen, verwerkingslog
from portal.tijd import vandaag


@dataclass(frozen=True)
class TrajectOverzicht:
    traject: Traject
    soort: statussen.Soort
    status: statussen.Status
    stappen: list[statussen.Stap]
    # The promise of when the person hears more (the ledger's newest about this traject):
    # ``wanneer`` only while it is still ahead; a passed one is ``te_laat``, never a date
    # shown as if it were to come.
    belofte: Toezegging | None = None
    te_laat: bool = False
    eerdere: tuple[Toezegging, ...] = ()  # the dates it replaced, newest first

    @property
    def afgerond(self) -> bool:
        return self.traject.status == "afgerond"

    @property
    def bijgewerkt_op(self) -> datetime | None:
        """When this part last changed: each part says so on the page."""
        return max((w.gewijzigd_op for w in self.traject.statuswijzigingen), default=None)

    @property
    def wanneer(self) -> date | None:
        if self.belofte is None or self.te_laat or self.belofte.status != "open":
            return None
        return self.belofte.datum


@dataclass(frozen=True)
class Groep:
    """Open parts that stand at the same step: one timeline that names them all, instead of
    the same timeline and explanations once per part."""

    delen: tuple[TrajectOverzicht, ...]

    @property
    def eerste(self) -> TrajectOverzicht:
        return self.delen[0]

    @property
    def namen(self) -> list[str]:
        return [str(d.soort.naam) for d in self.delen]

    @property
    def bijgewerkt_op(self) -> datetime | None:
        return max((d.bijgewerkt_op for d in self.delen if d.bijgewerkt_op), default=None)

    @property
    def te_laat(self) -> bool:
        return any(d.te_laat for d in self.delen)


def groepeer(delen: list[TrajectOverzicht]) -> list[Groep]:
    """Open parts grouped by status and steps, in their order on the page."""
    groepen: dict[tuple[str, str, tuple[str, ...]], list[TrajectOverzicht]] = {}
    for deel in delen:
        if deel.afgerond:
            continue
        sleutel = (deel.soort.groep, deel.status.code, tuple(str(s.naam) for s in deel.stappen))
        groepen.setdefault(sleutel, []).append(deel)
    return [Groep(tuple(lijst)) for lijst in groepen.values()]


@dataclass(frozen=True)
class DossierOverzicht:
    dossier: Dossier
    herstelacties: list[TrajectOverzicht]
    beoordelingen: list[TrajectOverzicht]
    beloften: toezeggingen.Beloften | None = None

    @property
    def open_inzageverzoeken(self) -> list[tuple[int, Toezegging]]:
        """Open inzage requests with their legal term, read from the ledger (no query of
        their own): (request id, promise)."""
        if self.beloften is None:
            return []
        return [
            (int(t.onderwerp.split(":")[1]), t)
            for t in self.beloften.nieuwste.values()
            if t.soort == "inzagetermijn" and t.status == "open"
        ]

    @property
    def eerstvolgende_datum(self) -> date | None:
        """The first date on which the person hears more about anything still open."""
        datums = [t.wanneer for t in self.herstelacties + self.beoordelingen if t.wanneer]
        return min(datums, default=None)

    @property
    def te_laat(self) -> list[TrajectOverzicht]:
        """Parts whose promised date passed without news: said first, never hidden."""
        return [t for t in self.herstelacties + self.beoordelingen if t.te_laat]

    @property
    def lopende_herstelacties(self) -> list[TrajectOverzicht]:
        return [t for t in self.herstelacties if not t.afgerond]

    @property
    def met_kwartaalupdate(self) -> list[TrajectOverzicht]:
        """Parts that get the update every three months (an unfinished part without
        indications of errors, or one handled with urgency, does not)."""
        return [t for t in self.herstelacties if t.traject.status in statussen.MET_KWARTAALUPDATE]

    @property
    def groepen(self) -> list[Groep]:
        """Every open part, grouped: the story of the investigation, and the one sentence at
        the top of the page (one group: its meaning; more: a line per group)."""
        return groepeer(self.herstelacties + self.beoordelingen)

    @property
    def afgeronde_delen(self) -> list[TrajectOverzicht]:
        return [t for t in self.herstelacties + self.beoordelingen if t.afgerond]

    @property
    def wacht_op_spreekuur(self) -> bool:
        """A medical assessment waits for a spreekuur: only then is the preference asked."""
        return any(
            t.traject.status in {"aanvraag_ontvangen", "wacht_op_beoordeling"}
            for t in self.beoordelingen
        )

    @property
    def heeft_beoordeling(self) -> bool:
        return any(not t.afgerond for t in self.beoordelingen)


def _met_alles() -> tuple[LoaderOption, ...]:
    # Everything in the dossier's own query, one round trip: a dossier has a few trajecten
    # with a few status changes each, so the joined rows stay few.
    return (
        joinedload(Dossier.trajecten).joinedload(Traject.statuswijzigingen),
        joinedload(Dossier.burger),
        joinedload(Dossier.casemanager),
    )


def _een(session: Session, query: Select[Dossier]) -> Dossier | None:
    # unique(): the joined collections repeat the dossier once per status change.
    return session.scalars(query.options(*_met_alles())).unique().one_or_none()


# Built once: every page of a logged-in person asks this, and building the statement with
# its loader options cost more CPU than running it (issue 21's budget per page).
_VAN_BURGER = (
    select(Dossier).where(Dossier.burger_id == bindparam("burger_id")).options(*_met_alles())
)


def dossier_van_burger(session: Session, burger_id: int) -> Dossier | None:
    rijen = session.scalars(_VAN_BURGER, {"burger_id": burger_id})
    return rijen.unique().one_or_none()


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


def log_bekeken(session: Session, dossier: Dossier, *, medewerker_id: int, trace_id: str) -> None:
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


def traject_overzicht(
    traject: Traject, beloften: toezeggingen.Beloften | None, nu: datetime
) -> TrajectOverzicht:
    bezocht: dict[str, date] = {}
    for wijziging in sorted(traject.statuswijzigingen, key=lambda w: w.gewijzigd_op):
        bezocht.setdefault(wijziging.naar_status, vandaag(wijziging.gewijzigd_op))
    status = statussen.status(traject.soort, traject.status)
    belofte = None
    if beloften is not None and traject.status != "afgerond":
        belofte = beloften.get(f"traject:{traject.id}")
    return TrajectOverzicht(
        traject=traject,
        soort=statussen.SOORTEN[traject.soort],
        status=status,
        stappen=statussen.tijdlijn(traject.soort, traject.status, bezocht, bezocht),
        belofte=belofte,
        te_laat=belofte is not None and toezeggingen.is_te_laat(belofte, nu),
        eerdere=tuple(beloften.eerdere(belofte)) if beloften and belofte else (),
    )


def overzicht(
    dossier: Dossier, beloften: toezeggingen.Beloften | None, nu: datetime | None = None
) -> DossierOverzicht:
    """Where the dossier stands; ``beloften`` is the ledger (``toezeggingen.van_burger``)."""
    nu = nu or utcnow()
    trajecten = [traject_overzicht(t, beloften, nu) for t in dossier.trajecten]
    return DossierOverzicht(
        dossier=dossier,
        herstelacties=[t for t in trajecten if t.soort.groep == statussen.HERSTELOPERATIE],
        beoordelingen=[t for t in trajecten if t.soort.groep == statussen.BEOORDELING],
        beloften=beloften,
    )


def soortnaam(code: str) -> LazyString:
    return statussen.SOORTEN[code].naam
