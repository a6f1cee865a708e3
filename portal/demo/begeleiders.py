"""A demo begeleider: Jan de Vries's partner helps him and may ask questions, so Mijn
begeleiders and Esther Mulder's dossier view show someone acting for him. (She cannot log in
in the demo: a begeleider uses their own DigiD.)"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Dossier, Vertegenwoordiging, utcnow

PARTNER_BSN = "999995005"  # a test BSN (11-proef) outside the personas' range


def seed_demo(session: Session) -> None:
    dossier = session.scalar(select(Dossier).where(Dossier.kenmerk == "WIA-1000001"))
    if dossier is None:
        return
    sinds = utcnow() - timedelta(days=20)
    session.add(
        Vertegenwoordiging(
            burger_id=dossier.burger_id,
            soort="begeleider",
            status="actief",
            naam="Fatima de Vries",
            email="fatima.devries@example.nl",
            vertegenwoordiger_bsn=PARTNER_BSN,
            rechten=["vragen"],
            bevestiging_pogingen=0,
            aangemaakt_op=sinds - timedelta(days=1),
            actief_sinds=sinds,
        )
    )
    session.commit()
