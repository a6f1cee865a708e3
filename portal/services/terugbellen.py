"""Bel mij terug: the person asks to be called back; a casemanager calls and records how it went.

Times are aware datetimes in UTC; the calendar (working days, office hours, day parts) is
Amsterdam's, with Dutch public holidays. Every change commits here; views only parse and render.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from portal.invoer import MAX_ID
from portal.kalender import geen_werkdag_omdat, is_werkdag
from portal.models import Bericht, Burger, Dossier, Medewerker, Terugbelverzoek
from portal.services import ontvangst, toezeggingen, verwerkingslog
from portal.services.belmomenten import (
    KANTOOR_TOT,
    KANTOOR_VAN,
    ServicecallFout,
    lokaal,
    normaliseer_telefoon,
)
from portal.services.servicecalls import belvoorkeur
from portal.tijd import AMSTERDAM, vandaag

# When we call in each day part (Amsterdam time). The lunch hour is left free on purpose.
DAGDELEN: dict[str, tuple[time, time]] = {
    "ochtend": (time(9, 0), time(12, 0)),
    "middag": (time(13, 0), time(17, 0)),
}
OPEN = "open"
UITKOMSTEN = ("gebeld", "niet_bereikt")
MAX_TEKST = 500
AANTAL_DAGEN = 5  # working days offered in the form
# Asked later than this, today is no longer offered: there would be too little time to call.
VANDAAG_TOT = time(16, 0)
RECENT = timedelta(days=14)  # how long a handled request stays in view on Mijn dossier


def _bestaanbaar(id_: int) -> bool:
    return 0 < id_ <= MAX_ID


class TerugbelFout(ValueError):
    """A refused request or change; ``fouten`` maps each form field to the reason."""

    def __init__(self, fouten: dict[str, str]) -> None:
        super().__init__(", ".join(f"{veld}: {reden}" for veld, reden in fouten.items()))
        self.fouten = fouten

    @property
    def reden(self) -> str:
        return next(iter(self.fouten.values()))


# --- the calendar ---------------------------------------------------------------------------


def werkuren_na(begin: datetime, uren: float) -> datetime:
    """The moment ``uren`` working hours after ``begin`` (UTC).

    Working hours are the office hours (08:00-17:00 Amsterdam) on working days (Monday to
    Friday, not on a Dutch public holiday). Asked in the evening or at the weekend, the
    count starts when the office opens again.
    """
    over = timedelta(hours=max(uren, 0))
    dag = begin.astimezone(AMSTERDAM).date()
    while True:
        if is_werkdag(dag):
            start, eind = max(lokaal(dag, KANTOOR_VAN), begin), lokaal(dag, KANTOOR_TOT)
            if start < eind:
                if start + over <= eind:
                    return start + over
                over -= eind - start
        dag += timedelta(days=1)


def aangeboden_dagen(nu: datetime, aantal: int = AANTAL_DAGEN) -> list[date]:
    """The working days the person may choose: today while it is before 16:00, then onwards."""
    lokaal_nu = nu.astimezone(AMSTERDAM)
    dag = lokaal_nu.date()
    if lokaal_nu.time() >= VANDAAG_TOT:
        dag += timedelta(days=1)
    dagen: list[date] = []
    while len(dagen) < aantal:
        if is_werkdag(dag):
            dagen.append(dag)
        dag += timedelta(days=1)
    return dagen


def einde_dagdeel(dag: date, dagdeel: str) -> datetime:
    return lokaal(dag, DAGDELEN[dagdeel][1])


def beloofd_voor(nu: datetime, dag: date, dagdeel: str, binnen_uren: float) -> datetime:
    """The promise: within ``binnen_uren`` working hours. A person who picks a later day
    part is called then, so the promise never ends before the day part they chose."""
    return max(werkuren_na(nu, binnen_uren), einde_dagdeel(dag, dagdeel))


def te_laat(verzoek: Terugbelverzoek, nu: datetime) -> bool:
    return verzoek.status == OPEN and verzoek.beloofd_voor < nu


# --- the person -----------------------------------------------------------------------------


def _controleer_dag(dag: date | None, dagdeel: str | None, nu: datetime) -> dict[str, str]:
    fouten: dict[str, str] = {}
    if dag is None:
        fouten["dag"] = "geen_dag"
    elif dag < vandaag(nu):
        fouten["dag"] = "in_verleden"
    elif reden := geen_werkdag_omdat(dag):
        fouten["dag"] = reden
    elif dag not in aangeboden_dagen(nu):
        fouten["dag"] = "vandaag_te_laat" if dag == vandaag(nu) else "te_ver"
    if dagdeel not in DAGDELEN:
        fouten["dagdeel"] = "geen_dagdeel"
    elif "dag" not in fouten and dag is not None and einde_dagdeel(dag, dagdeel) <= nu:
        fouten["dagdeel"] = "dagdeel_voorbij"
    return fouten


def _tekst(invoer: str | None) -> str | None:
    # Control characters are invisible in a form and PostgreSQL refuses NUL: drop them.
    schoon = "".join(c for c in invoer or "" if c in "\t\n\r" or unicodedata.category(c) != "Cc")
    return schoon.strip() or None


def vraag_aan(
    session: Session,
    burger: Burger,
    dossier: Dossier,
    *,
    dag: date | None,
    dagdeel: str | None,
    telefoon: str | None,
    onderwerp: str | None,
    bericht_id: int | None,
    nu: datetime,
    binnen_uren: float,
) -> Terugbelverzoek:
    """Store the request, or raise with every reason at once; nothing is stored then."""
    if dossier.burger_id != burger.id:
        raise TerugbelFout({"dossier": "niet_gevonden"})
    if bericht_id is not None and bericht_van(session, burger.id, bericht_id) is None:
        raise TerugbelFout({"bericht": "niet_gevonden"})
    fouten = _controleer_dag(dag, dagdeel, nu)
    nummer = None
    try:
        nummer = normaliseer_telefoon(telefoon)
    except ServicecallFout as fout:
        fouten["telefoon"] = fout.reden
    tekst = _tekst(onderwerp)
    if tekst and len(tekst) > MAX_TEKST:
        fouten["onderwerp"] = "te_lange_tekst"
    # Serialises two quick clicks of the same person on PostgreSQL; SQLite writes one at a time.
    session.execute(select(Burger.id).where(Burger.id == burger.id).with_for_update())
    if "dag" not in fouten and "dagdeel" not in fouten and dubbel(session, burger.id, dag, dagdeel):
        fouten["dagdeel"] = "al_gevraagd"
    if fouten:
        session.rollback()
        raise TerugbelFout(fouten)
    assert dag is not None and dagdeel is not None and nummer is not None  # checked above
    verzoek = Terugbelverzoek(
        burger_id=burger.id,
        dossier_id=dossier.id,
        dag=dag,
        dagdeel=dagdeel,
        telefoon=nummer,
        onderwerp=tekst,
        bericht_id=bericht_id,
        status=OPEN,
        beloofd_voor=beloofd_voor(nu, dag, dagdeel, binnen_uren),
        aangemaakt_op=nu,
    )
    session.add(verzoek)
    session.flush()
    toezeggingen.beloof(
        session,
        burger_id=burger.id,
        dossier_id=dossier.id,
        soort="terugbellen",
        onderwerp=toezeggingen.onderwerp_van("terugbelverzoek", verzoek.id),
        datum=vandaag(verzoek.beloofd_voor),
        tot=verzoek.beloofd_voor,
        bron="burger",
        nu=nu,
    )
    van, tot = DAGDELEN[dagdeel]
    kopie = [("dag", dag.isoformat()), ("dagdeel", dagdeel), ("telefoon", nummer)]
    ontvangst.bevestig(
        session,
        burger.id,
        wat="terugbellen",
        kopie=kopie + ([("onderwerp", tekst)] if tekst else []),
        volgende_op=vandaag(verzoek.beloofd_voor),
        venster=(lokaal(dag, van), lokaal(dag, tot)),
        nu=nu,
    )
    session.commit()
    return verzoek


def dubbel(session: Session, burger_id: int, dag: date | None, dagdeel: str | None) -> bool:
    """Whether the person already has an open request for this day and day part."""
    return (
        session.scalar(
            select(Terugbelverzoek.id)
            .where(
                Terugbelverzoek.burger_id == burger_id,
                Terugbelverzoek.status == OPEN,
                Terugbelverzoek.dag == dag,
                Terugbelverzoek.dagdeel == dagdeel,
            )
            .limit(1)
        )
        is not None
    )


def trek_in(session: Session, burger: Burger, verzoek: Terugbelverzoek, nu: datetime) -> None:
    """The person no longer wants the call. Refused once a casemanager recorded a call."""
    if verzoek.burger_id != burger.id:
        raise TerugbelFout({"verzoek": "niet_gevonden"})
    _sluit(session, verzoek, status="ingetrokken", nu=nu)
    toezeggingen.laat_vervallen(
        session, toezeggingen.onderwerp_van("terugbelverzoek", verzoek.id), nu, "ingetrokken"
    )
    session.commit()


def _sluit(
    session: Session, verzoek: Terugbelverzoek, *, status: str, nu: datetime, **velden: object
) -> None:
    """Close an open request, unless someone else closed it a moment ago."""
    gewijzigd = session.execute(
        update(Terugbelverzoek)
        .where(Terugbelverzoek.id == verzoek.id, Terugbelverzoek.status == OPEN)
        .values(status=status, afgehandeld_op=nu, **velden)
        .execution_options(synchronize_session=False)
    )
    # An UPDATE gives a CursorResult, which counts the rows; execute() is typed for any statement.
    if cast(CursorResult[Any], gewijzigd).rowcount != 1:
        session.rollback()
        session.refresh(verzoek)
        raise TerugbelFout({"uitkomst": "niet_open"})
    session.refresh(verzoek)


def van_burger(session: Session, burger_id: int) -> list[Terugbelverzoek]:
    """The person's requests, open ones first, then newest first."""
    rijen = session.scalars(
        select(Terugbelverzoek)
        .where(Terugbelverzoek.burger_id == burger_id)
        .order_by(Terugbelverzoek.aangemaakt_op.desc(), Terugbelverzoek.id.desc())
    ).all()
    return sorted(rijen, key=lambda v: v.status != OPEN)


def recent_van_burger(session: Session, burger_id: int, nu: datetime) -> list[Terugbelverzoek]:
    """Open requests, and those handled in the last two weeks: what Mijn dossier shows."""
    return [
        v
        for v in van_burger(session, burger_id)
        if v.status == OPEN or (v.afgehandeld_op and v.afgehandeld_op >= nu - RECENT)
    ]


def van_burger_op_id(session: Session, burger_id: int, verzoek_id: int) -> Terugbelverzoek | None:
    """One request, only if it is this person's (a foreign id answers None)."""
    if not _bestaanbaar(verzoek_id):
        return None
    return session.scalar(
        select(Terugbelverzoek).where(
            Terugbelverzoek.id == verzoek_id, Terugbelverzoek.burger_id == burger_id
        )
    )


def bericht_van(session: Session, burger_id: int, bericht_id: int) -> Bericht | None:
    if not _bestaanbaar(bericht_id):
        return None
    return session.scalar(
        select(Bericht).where(Bericht.id == bericht_id, Bericht.burger_id == burger_id)
    )


def bekend_nummer(session: Session, burger: Burger) -> str | None:
    """The number to offer: the one given for calls (belvoorkeur), else the known one."""
    voorkeur = belvoorkeur(session, burger.id)
    return (voorkeur.telefoon if voorkeur else None) or burger.telefoon


# --- the casemanager ------------------------------------------------------------------------


def _met_persoon() -> LoaderOption:
    return selectinload(Terugbelverzoek.dossier).selectinload(Dossier.burger)


def op_id(session: Session, verzoek_id: int) -> Terugbelverzoek | None:
    if not _bestaanbaar(verzoek_id):
        return None
    return session.scalar(
        select(Terugbelverzoek).where(Terugbelverzoek.id == verzoek_id).options(_met_persoon())
    )


def wachtrij(
    session: Session, *, casemanager_id: int | None = None, limiet: int = 500
) -> tuple[list[Terugbelverzoek], bool]:
    """Open requests, the first promise on top; and whether that is all of them."""
    query = select(Terugbelverzoek).where(Terugbelverzoek.status == OPEN)
    if casemanager_id is not None:
        query = query.join(Dossier, Dossier.id == Terugbelverzoek.dossier_id).where(
            Dossier.casemanager_id == casemanager_id
        )
    rijen = session.scalars(
        query.options(_met_persoon())
        .order_by(Terugbelverzoek.beloofd_voor, Terugbelverzoek.id)
        .limit(limiet)
    ).all()
    return list(rijen), len(rijen) < limiet


def berichten_bij(session: Session, verzoeken: Iterable[Terugbelverzoek]) -> dict[int, Bericht]:
    """The messages the requests were asked from, by id."""
    ids = {v.bericht_id for v in verzoeken if v.bericht_id}
    if not ids:
        return {}
    return {b.id: b for b in session.scalars(select(Bericht).where(Bericht.id.in_(ids)))}


def leg_uitkomst_vast(
    session: Session,
    verzoek: Terugbelverzoek,
    uitkomst: str | None,
    *,
    toelichting: str | None,
    medewerker: Medewerker,
    nu: datetime,
    trace_id: str,
) -> None:
    """Record the call: 'gebeld' or 'niet_bereikt'. The person sees it on their page."""
    fouten: dict[str, str] = {}
    if uitkomst not in UITKOMSTEN:
        fouten["uitkomst"] = "onbekende_uitkomst"
    tekst = _tekst(toelichting)
    if tekst and len(tekst) > MAX_TEKST:
        fouten["toelichting"] = "te_lange_tekst"
    if verzoek.status != OPEN:
        fouten = {"uitkomst": "niet_open"}
    if fouten:
        raise TerugbelFout(fouten)
    _sluit(
        session,
        verzoek,
        status=str(uitkomst),
        nu=nu,
        medewerker_id=medewerker.id,
        uitkomst_toelichting=tekst,
    )
    # Calling is keeping the promise, also when nobody answered.
    toezeggingen.kom_na(session, toezeggingen.onderwerp_van("terugbelverzoek", verzoek.id), nu)
    _log(session, [verzoek], medewerker, trace_id, f"terugbelverzoek-uitkomst-{uitkomst}")
    session.commit()


def _log(
    session: Session,
    verzoeken: Iterable[Terugbelverzoek],
    medewerker: Medewerker,
    trace_id: str,
    activiteit: str,
) -> None:
    per_persoon: dict[int, list[int]] = {}
    for verzoek in verzoeken:
        per_persoon.setdefault(verzoek.burger_id, []).append(verzoek.id)
    for burger_id, ids in per_persoon.items():
        verwerkingslog.log(
            session,
            trace_id=trace_id,
            medewerker_id=medewerker.id,
            burger_id=burger_id,
            handeling="inzien" if activiteit.endswith("inzien") else "wijzigen",
            activiteit=activiteit,
            object="terugbelverzoek:" + ",".join(str(i) for i in sorted(ids)),
        )


def log_bekeken(
    session: Session,
    verzoeken: Iterable[Terugbelverzoek],
    *,
    medewerker: Medewerker,
    trace_id: str,
) -> None:
    """One log row per person whose request a casemanager saw."""
    _log(session, verzoeken, medewerker, trace_id, "terugbelverzoek-inzien")
    session.commit()
