"""The casemanager's service-call queue: what to plan first, what to record, what is coming."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Dossier, Servicecall
from portal.services.servicecalls import OPEN, TE_PLANNEN, met_persoon


@dataclass
class Wachtrij:
    te_plannen: list[Servicecall] = field(default_factory=list)  # with a request first
    uitkomst_vastleggen: list[Servicecall] = field(default_factory=list)  # window began
    gepland: list[Servicecall] = field(default_factory=list)
    afgerond: list[Servicecall] = field(default_factory=list)  # only for one dossier
    volledig: bool = True  # False when the list was cut off at its limit

    @property
    def alle(self) -> list[Servicecall]:
        return self.te_plannen + self.uitkomst_vastleggen + self.gepland + self.afgerond


def wachtrij(
    session: Session,
    nu: datetime,
    *,
    casemanager_id: int | None = None,
    dossier_id: int | None = None,
    limiet: int = 500,
) -> Wachtrij:
    """Calls to plan or replan first, then those whose outcome is due, then upcoming ones."""
    query = select(Servicecall).join(Dossier, Dossier.id == Servicecall.dossier_id)
    if casemanager_id is not None:
        query = query.where(Dossier.casemanager_id == casemanager_id)
    if dossier_id is not None:
        query = query.where(Servicecall.dossier_id == dossier_id)
    else:
        query = query.where(Servicecall.status.in_(OPEN))
    rijen = session.scalars(
        query.options(met_persoon())
        .order_by(Servicecall.aangemaakt_op, Servicecall.id)
        .limit(limiet)
    ).all()
    gesorteerd = Wachtrij(volledig=len(rijen) < limiet)
    for rij in rijen:
        if rij.status in TE_PLANNEN:
            gesorteerd.te_plannen.append(rij)
        elif rij.status == "gepland" and rij.venster_van and rij.venster_van <= nu:
            gesorteerd.uitkomst_vastleggen.append(rij)
        elif rij.status == "gepland":
            gesorteerd.gepland.append(rij)
        else:
            gesorteerd.afgerond.append(rij)
    gesorteerd.te_plannen.sort(key=lambda s: TE_PLANNEN.index(s.status))
    gesorteerd.gepland.sort(key=lambda s: s.venster_van or nu)
    return gesorteerd
