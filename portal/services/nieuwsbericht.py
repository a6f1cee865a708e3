"""A message in the inbox, and the SMS or e-mail that says it is there: written together, in
the caller's transaction. The notification carries the message's id, so that a paper
fallback (when the SMS or e-mail fails for good) prints that very message."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

import notificaties
from portal.models import Bericht, Brief, Burger
from portal.tijd import vandaag


def plaats(
    session: Session,
    bericht: Bericht,
    *,
    notificatiesoort: str,
    sleutel: str,
    nu: datetime,
    brief_zonder_kanaal: str | None = None,
) -> Bericht:
    """Add ``bericht`` and ask for the notifications the person switched on for news of
    ``notificatiesoort`` (once per ``sleutel``). News the person must act on passes
    ``brief_zonder_kanaal``: where no SMS or e-mail goes, a paper letter prints the message,
    with that reason. Does not commit."""
    session.add(bericht)
    session.flush()
    burger = session.get(Burger, bericht.burger_id)
    assert burger is not None
    rijen = notificaties.meld(
        session,
        burger,
        soort=notificatiesoort,
        sleutel=sleutel,
        gegevens={"bericht_id": bericht.id},
        nu=nu,
    )
    if not rijen and brief_zonder_kanaal:
        session.add(
            Brief(
                burger_id=burger.id,
                bericht_id=bericht.id,
                soort=notificatiesoort,
                sleutel=f"{sleutel}:brief",
                reden=brief_zonder_kanaal,
                aangemaakt_op=nu,
                datum=vandaag(nu),
            )
        )
    return bericht
