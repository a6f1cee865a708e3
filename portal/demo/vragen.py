"""A demo question: Jan de Vries asked his casemanager about his dagloon two days ago, so his
Uw vragen and Esther Mulder's queue show one waiting for its answer."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Dossier, utcnow
from portal.services import vragen


def seed_demo(session: Session) -> None:
    dossier = session.scalar(select(Dossier).where(Dossier.kenmerk == "WIA-1000001"))
    if dossier is None:
        return
    vragen.stel(
        session,
        dossier.burger,
        dossier,
        soort="vraag",
        onderwerp_="dagloon",
        tekst="Ik heb een brief gekregen over mijn dagloon. Moet ik daar iets mee doen?",
        nu=utcnow() - timedelta(days=2),
        trace_id="demo",
    )
