"""The one public way to ask for a message: a row in the caller's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from notificaties.setbased import insert_voor
from portal.models import Notificatie, utcnow


def vraag_aan(
    session: Session,
    *,
    sleutel: str,
    burger_id: int | None,
    kanaal: str,
    soort: str,
    adres: str,
    gegevens: dict[str, Any] | None = None,
    niet_voor: datetime | None = None,
    nu: datetime | None = None,
    medewerker_id: int | None = None,
) -> Notificatie:
    """Ask for one message; asking again with the same ``sleutel`` changes nothing.

    Does not commit: the row becomes real together with the caller's domain change, or not
    at all. ``INSERT … ON CONFLICT DO NOTHING`` keeps two concurrent callers from failing.
    """
    nu = nu or utcnow()
    session.execute(
        insert_voor(session)(Notificatie)
        .values(
            idempotentiesleutel=sleutel,
            burger_id=burger_id,
            medewerker_id=medewerker_id,
            kanaal=kanaal,
            soort=soort,
            adres=adres,
            gegevens=gegevens or {},
            status="wachtend",
            pogingen=0,
            volgende_poging_op=niet_voor or nu,
            verschuldigd_op=niet_voor or nu,
            aangemaakt_op=nu,
        )
        .on_conflict_do_nothing(index_elements=["idempotentiesleutel"])
    )
    gevonden = session.scalar(select(Notificatie).where(Notificatie.idempotentiesleutel == sleutel))
    assert gevonden is not None
    return gevonden
