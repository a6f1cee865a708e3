"""Ontvangstbevestiging (Wmebv): every digital submission gets, at once and in the same
transaction, a message that says when it was received, holds a copy of what was sent, and
says what happens next and by when. The copy is kept as the facts (field codes and the
person's own words), so it reads in the language the person chooses later, as messages do.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from portal.models import Bericht
from portal.services import verwerkingslog

BERICHTSOORT = "ontvangst"


def bevestig(
    session: Session,
    burger_id: int,
    *,
    wat: str,
    kopie: list[tuple[str, str]],
    volgende_op: date | None,
    nu: datetime,
) -> Bericht:
    """Add the receipt of ``wat`` (e.g. ``vraag``) to the caller's transaction: ``kopie`` is
    (field code, value) in the order the form had them."""
    bericht = Bericht(
        burger_id=burger_id,
        soort=BERICHTSOORT,
        gegevens={
            "wat": wat,
            "kopie": [list(paar) for paar in kopie],
            "ontvangen_op": nu.isoformat(),
            "volgende_op": volgende_op.isoformat() if volgende_op else None,
        },
        aangemaakt_op=nu,
        # The person just sent it: not news to nudge about. Sent by someone acting for them
        # (portal/auth/namens.py), it is news for the person.
        gelezen_op=None if session.info.get(verwerkingslog.NAMENS) else nu,
    )
    session.add(bericht)
    return bericht
