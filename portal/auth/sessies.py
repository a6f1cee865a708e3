"""Login sessions kept in the database: a new one at every login, ended at logout or timeout."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, bindparam, delete, select, update
from sqlalchemy.orm import Session, joinedload

from portal.models import Sessie, utcnow
from portal.services import lopend

# Writing "last active" on every request would turn each page view into a write.
ACTIEF_BIJWERKEN_NA = timedelta(minutes=1)


def _sleutel(token: str) -> str:
    # Only a hash is stored: a leaked database does not hand out live sessions.
    return hashlib.sha256(token.encode()).hexdigest()


def start(
    session: Session,
    *,
    burger_id: int | None = None,
    medewerker_id: int | None = None,
    vertegenwoordiging_id: int | None = None,
    nu: datetime | None = None,
) -> str:
    """Start a session and return its token (to be put in the cookie)."""
    nu = nu or utcnow()
    token = secrets.token_urlsafe(32)
    session.add(
        Sessie(
            id=_sleutel(token),
            burger_id=burger_id,
            medewerker_id=medewerker_id,
            vertegenwoordiging_id=vertegenwoordiging_id,
            aangemaakt_op=nu,
            laatst_actief_op=nu,
        )
    )
    session.commit()
    return token


# The session with its person and, for a person, what is going on for them (the menu's count
# of unread messages, Mijn dossier's sections): one statement, built once, on every request.
_MET_GEBRUIKER = (
    select(Sessie, *lopend.kolommen(Sessie.burger_id))
    .where(Sessie.id == bindparam("id"))
    .options(
        joinedload(Sessie.burger),
        joinedload(Sessie.medewerker),
        joinedload(Sessie.vertegenwoordiging),
    )
)


def geldig_met_lopend(
    session: Session,
    token: str,
    *,
    idle: timedelta,
    maximaal: timedelta,
    nu: datetime | None = None,
) -> tuple[Sessie, lopend.Lopend | None] | None:
    """The session if it is still live, and for a person what is going on for them; an idle
    or too old session is ended here."""
    nu = nu or utcnow()
    rij = session.execute(_MET_GEBRUIKER, {"id": _sleutel(token)}).one_or_none()
    if rij is None:
        return None
    sessie = rij[0]
    if sessie.beeindigd_op is not None:
        return None
    namens = sessie.vertegenwoordiging
    if namens is not None and namens.status != "actief":
        return None  # the person ended it: the begeleider is out at their next click
    if nu - sessie.laatst_actief_op > idle or nu - sessie.aangemaakt_op > maximaal:
        sessie.beeindigd_op = nu
        session.commit()
        return None
    if nu - sessie.laatst_actief_op > ACTIEF_BIJWERKEN_NA:
        sessie.laatst_actief_op = nu
        session.commit()
    return sessie, lopend.uit_rij(rij[1:]) if sessie.burger_id is not None else None


def geldig(
    session: Session,
    token: str,
    *,
    idle: timedelta,
    maximaal: timedelta,
    nu: datetime | None = None,
) -> Sessie | None:
    """The session if it is still live; an idle or too old session is ended here."""
    gevonden = geldig_met_lopend(session, token, idle=idle, maximaal=maximaal, nu=nu)
    return gevonden[0] if gevonden else None


def beeindig(session: Session, token: str, nu: datetime | None = None) -> None:
    session.execute(
        update(Sessie)
        .where(Sessie.id == _sleutel(token), Sessie.beeindigd_op.is_(None))
        .values(beeindigd_op=nu or utcnow())
    )
    session.commit()


def ruim_op(session: Session, *, ouder_dan: datetime) -> int:
    """Delete sessions that ended or started before ``ouder_dan``."""
    ids = select(Sessie.id).where(Sessie.aangemaakt_op < ouder_dan)
    result = session.execute(delete(Sessie).where(Sessie.id.in_(ids)))
    session.commit()
    return cast(CursorResult[Any], result).rowcount or 0


def zoek(session: Session, token: str) -> Sessie | None:
    """The row for ``token``, live or not; ``geldig`` decides whether it still counts.

    After ``geldig`` in the same request this comes from the session's identity map: no query.
    """
    return session.get(Sessie, _sleutel(token))
