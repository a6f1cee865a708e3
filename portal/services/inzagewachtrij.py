"""The casemanagers' queue of inzageverzoeken against the legal term, and the team view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from portal.kalender import werkdagen_verder
from portal.models import Dossier
from portal.models.inzage import INZAGE_STATUSSEN, OPEN, Inzageverzoek
from portal.services.inzage import BEANTWOORD, uiterlijk
from portal.tijd import vandaag

FILTERS = ("alle", "mijn", "niet_toegewezen", "binnen_5_werkdagen", "te_laat")
# The date the answer is due: the extension when there is one.
uiterste_dag = func.coalesce(Inzageverzoek.verlengd_tot, Inzageverzoek.termijn_op)


PER_PAGINA = 50


@dataclass(frozen=True, slots=True)
class Regel:
    """One row of the queue: what the page shows of a request, as plain values. Fifty whole
    requests and dossiers cost more to build as objects than to fetch."""

    id: int
    kenmerk: str
    dossierkenmerk: str
    status: str
    termijn_op: date
    verlengd_tot: date | None
    medewerker_id: int | None


def _voorwaarden(
    filter: str, status: str | None, medewerker_id: int | None, nu: datetime | None
) -> list[ColumnElement[bool]]:
    vandaag_ = vandaag(nu)
    voorwaarden = [Inzageverzoek.status == status if status else Inzageverzoek.status.in_(OPEN)]
    if filter == "mijn":
        voorwaarden.append(Inzageverzoek.medewerker_id == medewerker_id)
    elif filter == "niet_toegewezen":
        voorwaarden.append(Inzageverzoek.medewerker_id.is_(None))
    elif filter == "binnen_5_werkdagen":
        voorwaarden += [
            Inzageverzoek.status.in_(OPEN),
            uiterste_dag >= vandaag_,
            uiterste_dag <= werkdagen_verder(vandaag_, 5),
        ]
    elif filter == "te_laat":
        voorwaarden += [Inzageverzoek.status.in_(OPEN), uiterste_dag < vandaag_]
    return voorwaarden


def wachtrij(
    session: Session,
    *,
    filter: str = "alle",
    status: str | None = None,
    medewerker_id: int | None = None,
    nu: datetime | None = None,
    pagina: int = 1,
    per_pagina: int | None = None,
) -> list[Regel]:
    """Requests sorted by the date the answer is due; open ones unless a status is chosen.

    With ``per_pagina``, page ``pagina`` of them, plus one more row when there is a next page:
    a team with thousands of open requests must not render them all at once.
    """
    query = (
        select(
            Inzageverzoek.id,
            Inzageverzoek.kenmerk,
            Dossier.kenmerk,
            Inzageverzoek.status,
            Inzageverzoek.termijn_op,
            Inzageverzoek.verlengd_tot,
            Inzageverzoek.medewerker_id,
        )
        .join_from(Inzageverzoek, Dossier, Inzageverzoek.dossier_id == Dossier.id)
        .where(*_voorwaarden(filter, status, medewerker_id, nu))
        .order_by(uiterste_dag, Inzageverzoek.id)
    )
    if per_pagina is not None:
        query = query.offset((max(pagina, 1) - 1) * per_pagina).limit(per_pagina + 1)
    return [Regel(*rij) for rij in session.execute(query)]


def aantal(
    session: Session,
    *,
    filter: str = "alle",
    status: str | None = None,
    medewerker_id: int | None = None,
    nu: datetime | None = None,
    aantallen: dict[str, int] | None = None,
) -> int:
    """How many requests the queue holds with these filters, over all its pages.

    With the counts per status (``aantallen``) at hand, a status or all open ones is a sum
    of those: no second count over the whole queue for the page everyone opens."""
    if aantallen is not None and filter == "alle":
        return aantallen.get(status, 0) if status else sum(aantallen.get(s, 0) for s in OPEN)
    vraag = (
        select(func.count())
        .select_from(Inzageverzoek)
        .where(*_voorwaarden(filter, status, medewerker_id, nu))
    )
    return int(session.scalar(vraag) or 0)


def aantallen(session: Session) -> dict[str, int]:
    rijen = session.execute(
        select(Inzageverzoek.status, func.count()).group_by(Inzageverzoek.status)
    ).all()
    gevonden = {status: aantal for status, aantal in rijen}
    return {status: gevonden.get(status, 0) for status in INZAGE_STATUSSEN}


def dringend(session: Session, medewerker_id: int, nu: datetime) -> list[Inzageverzoek]:
    """For the casemanager's digest: own or unassigned open requests due within 5 working
    days, and those already overdue."""
    vandaag_ = vandaag(nu)
    deadline = func.coalesce(Inzageverzoek.verlengd_tot, Inzageverzoek.termijn_op)
    return list(
        session.scalars(
            select(Inzageverzoek)
            .where(
                Inzageverzoek.status.in_(OPEN),
                (Inzageverzoek.medewerker_id == medewerker_id)
                | (
                    Inzageverzoek.medewerker_id.is_(None)
                    & Inzageverzoek.dossier_id.in_(
                        select(Dossier.id).where(Dossier.casemanager_id == medewerker_id)
                    )
                ),
                deadline <= werkdagen_verder(vandaag_, 5),
            )
            .order_by(deadline, Inzageverzoek.id)
        )
    )


@dataclass(frozen=True)
class Maandcijfer:
    maand: str  # 2027-02
    beantwoord: int
    op_tijd: int

    @property
    def percentage(self) -> int:
        return round(100 * self.op_tijd / self.beantwoord) if self.beantwoord else 0


def binnen_termijn_per_maand(session: Session) -> list[Maandcijfer]:
    """Answered requests per month of the answer, and how many were within the (extended) term."""
    per_maand: dict[str, list[int]] = {}
    for verzoek in session.scalars(
        select(Inzageverzoek).where(
            Inzageverzoek.status.in_(BEANTWOORD), Inzageverzoek.afgerond_op.is_not(None)
        )
    ):
        dag = vandaag(verzoek.afgerond_op)
        telling = per_maand.setdefault(f"{dag:%Y-%m}", [0, 0])
        telling[0] += 1
        telling[1] += dag <= uiterlijk(verzoek)
    return [Maandcijfer(maand, *per_maand[maand]) for maand in sorted(per_maand)]
