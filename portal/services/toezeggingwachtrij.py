"""What staff see of the promise ledger: the promises that passed unkept (oldest first), and
per kind and week the share that was kept, for the teamleider."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from portal.kalender import maandag
from portal.models import Dossier, Toezegging
from portal.tijd import vandaag
from portal.toezeggingsoorten import TOEZEGGINGSOORTEN

PER_PAGINA = 50
WEKEN = 12
# Kinds whose passing is breaking them (a spreekuur that passes took place).
VERLOOPBAAR = tuple(c for c, s in TOEZEGGINGSOORTEN.items() if s.bij_verstrijken == "verlopen")


def _te_laat(nu: datetime) -> ColumnElement[bool]:
    """Late and not yet given a new date: marked verlopen and not done since, or still open
    while its moment passed (before tonight's planner run)."""
    nieuwer = aliased(Toezegging)
    return and_(
        or_(
            and_(Toezegging.status == "verlopen", Toezegging.nagekomen_op.is_(None)),
            and_(
                Toezegging.status == "open",
                Toezegging.uiterlijk < nu,
                Toezegging.soort.in_(VERLOOPBAAR),
            ),
        ),
        ~exists().where(nieuwer.onderwerp == Toezegging.onderwerp, nieuwer.id > Toezegging.id),
    )


def te_laat(
    session: Session,
    nu: datetime,
    *,
    casemanager_id: int | None = None,
    pagina: int = 1,
    per_pagina: int = PER_PAGINA,
) -> list[tuple[Toezegging, Dossier]]:
    """Late promises, oldest first; only this casemanager's dossiers when one is given."""
    query = (
        select(Toezegging, Dossier)
        .join(Dossier, Dossier.id == Toezegging.dossier_id)
        .where(_te_laat(nu))
        .order_by(Toezegging.uiterlijk, Toezegging.id)
        .offset((pagina - 1) * per_pagina)
        .limit(per_pagina)
    )
    if casemanager_id is not None:
        query = query.where(Dossier.casemanager_id == casemanager_id)
    return [(t, d) for t, d in session.execute(query)]


def aantal_te_laat(session: Session, nu: datetime, *, casemanager_id: int | None = None) -> int:
    query = select(func.count()).select_from(Toezegging).where(_te_laat(nu))
    if casemanager_id is not None:
        query = query.join(Dossier, Dossier.id == Toezegging.dossier_id).where(
            Dossier.casemanager_id == casemanager_id
        )
    return int(session.scalar(query) or 0)


@dataclass(frozen=True)
class Weekcijfer:
    week: date  # the Monday
    soort: str | None  # None: all kinds together
    nagekomen: int
    verschoven: int
    verlopen: int

    @property
    def totaal(self) -> int:
        return self.nagekomen + self.verschoven + self.verlopen

    @property
    def percentage(self) -> int | None:
        """Kept in time, of all promises whose date fell in this week (moved ones count as
        not kept: the person had to wait longer than we said)."""
        return round(100 * self.nagekomen / self.totaal) if self.totaal else None


def per_week(session: Session, nu: datetime, weken: int = WEKEN) -> list[Weekcijfer]:
    """Per week of the promised date (the last ``weken`` weeks up to today) and per kind:
    how many were kept, moved, or passed unkept; then the weeks over all kinds."""
    eind = vandaag(nu)
    begin = maandag(eind) - timedelta(weeks=weken - 1)
    telling: dict[tuple[date, str], dict[str, int]] = defaultdict(
        lambda: {"nagekomen": 0, "verschoven": 0, "verlopen": 0}
    )
    rijen = session.execute(
        select(Toezegging.datum, Toezegging.soort, Toezegging.status, func.count())
        .where(
            Toezegging.datum >= begin,
            Toezegging.datum <= eind,
            Toezegging.soort.in_(VERLOOPBAAR),
            or_(
                Toezegging.status.in_(("nagekomen", "verschoven", "verlopen")),
                # Passed today or earlier, before the planner marked it: late all the same.
                and_(Toezegging.status == "open", Toezegging.uiterlijk < nu),
            ),
        )
        .group_by(Toezegging.datum, Toezegging.soort, Toezegging.status)
    )
    for datum, soort, status, aantal in rijen:
        telling[(maandag(datum), soort)]["verlopen" if status == "open" else status] += aantal
    cijfers = []
    for week in (begin + timedelta(weeks=n) for n in range(weken)):
        samen = {"nagekomen": 0, "verschoven": 0, "verlopen": 0}
        for soort in VERLOOPBAAR:
            getallen = telling.get((week, soort))
            if getallen:
                cijfers.append(Weekcijfer(week, soort, **getallen))
                for naam, aantal in getallen.items():
                    samen[naam] += aantal
        cijfers.append(Weekcijfer(week, None, **samen))
    return cijfers
