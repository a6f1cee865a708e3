"""A message in the inbox, and the SMS or e-mail that says it is there: written together, in
the caller's transaction. The notification carries the message's id, so that a paper
fallback (when the SMS or e-mail fails for good) prints that very message."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

import notificaties
from portal.models import Bericht, Burger


def plaats(
    session: Session, bericht: Bericht, *, notificatiesoort: str, sleutel: str, nu: datetime
) -> Bericht:
    """Add ``bericht`` and ask for the notifications the person switched on for news of
    ``notificatiesoort`` (once per ``sleutel``). Does not commit."""
    session.add(bericht)
    session.flush()
    burger = session.get(Burger, bericht.burger_id)
    assert burger is not None
    notificaties.meld(
        session,
        burger,
        soort=notificatiesoort,
        sleutel=sleutel,
        gegevens={"bericht_id": bericht.id},
        nu=nu,
    )
    return bericht
