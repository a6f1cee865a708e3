"""Ontvangstbevestiging (Wmebv): every digital submission gets, at once and in the same
transaction, a message that says when it was received, holds a copy of what was sent, and
says what happens next and by when. The copy is kept as the facts (field codes and the
person's own words), so it reads in the language the person chooses later, as messages do.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
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
    venster: tuple[datetime, datetime] | None = None,
) -> Bericht:
    """Add the receipt of ``wat`` (e.g. ``vraag``) to the caller's transaction: ``kopie`` is
    (field code, value) in the order the form had them; ``venster``, when what happens next
    has a time window (a call, a spreekuur), is that window."""
    bericht = Bericht(
        burger_id=burger_id,
        soort=BERICHTSOORT,
        gegevens={
            "wat": wat,
            "kopie": [list(paar) for paar in kopie],
            "ontvangen_op": nu.isoformat(),
            "volgende_op": volgende_op.isoformat() if volgende_op else None,
            "venster": [moment.isoformat() for moment in venster] if venster else None,
        },
        aangemaakt_op=nu,
        # The person just sent it: not news to nudge about. Sent by someone acting for them
        # (portal/auth/namens.py), it is news for the person.
        gelezen_op=None if session.info.get(verwerkingslog.NAMENS) else nu,
    )
    session.add(bericht)
    return bericht


def bevestig_wijziging(
    session: Session,
    burger_id: int,
    *,
    wat: str,
    kopie: list[tuple[str, str]],
    volgende_op: date | None,
    nu: datetime,
    venster: tuple[datetime, datetime] | None = None,
) -> Bericht | None:
    """For a preference, which a person may save again and again: a receipt only when the
    copy differs from that of their last receipt of ``wat``. Saved again without a change,
    nothing new was submitted; the earlier receipt still proves every word of it, and a
    pile of identical receipts would bury the messages that matter. Compared with the last
    receipt rather than the stored preference, so a preference from before receipts existed
    gets one the first time it is saved, and going back to an earlier choice gets one too."""
    vorige = session.scalar(
        select(Bericht)
        .where(
            Bericht.burger_id == burger_id,
            Bericht.soort == BERICHTSOORT,
            Bericht.gegevens["wat"].as_string() == wat,
        )
        .order_by(Bericht.id.desc())
        .limit(1)
    )
    if vorige is not None and vorige.gegevens["kopie"] == [list(paar) for paar in kopie]:
        return None
    return bevestig(
        session, burger_id, wat=wat, kopie=kopie, volgende_op=volgende_op, nu=nu, venster=venster
    )
