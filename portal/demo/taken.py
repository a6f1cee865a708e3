"""A demo task: Pieter van den Berg's casemanager asked him for his wage slips over 2019 (his
loonloze tijdvakken are being repaired), so his Mijn dossier shows what he must do and by
when, and the casemanager's queue shows it waiting."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Dossier
from portal.services import taken
from portal.tijd import AMSTERDAM


def seed_demo(session: Session, vandaag: date) -> None:
    dossier = session.scalar(select(Dossier).where(Dossier.kenmerk == "WIA-1000003"))
    if dossier is None:
        return
    soorten = {t.soort for t in dossier.trajecten}
    taken.vraag(
        session,
        dossier,
        taken.Taakinvoer(
            titel="Stuur uw loonstroken over 2019",
            uiterlijk=vandaag + timedelta(days=12),
            toelichting=(
                "Wij herstellen de periodes waarin u geen loon had. Daarvoor hebben wij uw "
                "loonstroken van januari tot en met december 2019 nodig. Een foto of scan is "
                "goed."
            ),
            traject_soort="loonloze_tijdvakken" if "loonloze_tijdvakken" in soorten else None,
        ),
        # Two days before the demo's day, at ten in the morning.
        nu=datetime.combine(vandaag - timedelta(days=2), time(10), AMSTERDAM).astimezone(UTC),
        trace_id="demo",
        medewerker=dossier.casemanager,
    )  # commits
