"""The casemanagers' queue of inzageverzoeken against the legal term, and the team view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from portal.models import Dossier
from portal.models.inzage import INZAGE_STATUSSEN, Inzageverzoek
from portal.services.inzage import BEANTWOORD, OPEN, uiterlijk, werkdagen_verder
from portal.tijd import vandaag

FILTERS = ("alle", "mijn", "niet_toegewezen", "binnen_5_werkdagen", "te_laat")


def wachtrij(
    session: Session,
    *,
    filter: str = "alle",
    status: str | None = None,
    medewerker_id: int | None = None,
    nu: datetime | None = None,
) -> list[Inzageverzoek]:
    """Requests sorted by the date the answer is due; open ones unless a status is chosen."""
    vandaag_ = vandaag(nu)
    deadline = func.coalesce(Inzageverzoek.verlengd_tot, Inzageverzoek.termijn_op)
    # Joined, not selectin: one statement however long the queue (selectin sends a batch
    # per 500 dossiers).
    query = select(Inzageverzoek).options(joinedload(Inzageverzoek.dossier))
    query = (
        query.where(Inzageverzoek.status == status)
        if status
        else query.where(Inzageverzoek.status.in_(OPEN))
    )
    if filter == "mijn":
        query = query.where(Inzageverzoek.medewerker_id == medewerker_id)
    elif filter == "niet_toegewezen":
        query = query.where(Inzageverzoek.medewerker_id.is_(None))
    elif filter == "binnen_5_werkdagen":
        query = query.where(
            Inzageverzoek.status.in_(OPEN),
            deadline >= vandaag_,
            deadline <= werkdagen_verder(vandaag_, 5),
        )
    elif filter == "te_laat":
        query = query.where(Inzageverzoek.status.in_(OPEN), deadline < vandaag_)
    return list(session.scalars(query.order_by(deadline, Inzageverzoek.id)))


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
