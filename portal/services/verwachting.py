"""Wat kunt u van ons verwachten: every message and call planned for one person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

import notificaties
from portal.models import Burger, Notificatie, Servicecall, Spreekuur, utcnow
from portal.services import spreekuren


@dataclass(frozen=True)
class Verwachting:
    gesprekken: list[Servicecall]  # planned calls, soonest first
    herinneringen: list[Notificatie]  # SMS and e-mail that wait for their moment
    spreekuren: list[Spreekuur]  # planned spreekuren, soonest first


def voor(
    session: Session, burger_id: int, dossier_id: int, nu: datetime | None = None
) -> Verwachting:
    nu = nu or utcnow()
    gesprekken = session.scalars(
        select(Servicecall)
        .where(
            Servicecall.dossier_id == dossier_id,
            Servicecall.status.in_(("gepland", "verzet_gevraagd")),
            Servicecall.venster_tot >= nu,
        )
        .order_by(Servicecall.venster_van)
    ).all()
    wachtend = session.scalars(
        select(Notificatie)
        .where(
            Notificatie.burger_id == burger_id,
            Notificatie.status == "wachtend",
            Notificatie.volgende_poging_op > nu,
        )
        .order_by(Notificatie.volgende_poging_op)
    ).all()
    # Only what will really go: the dispatcher's own rule, so an SMS to a number the person
    # removed (cancelled only at sending) is not promised here.
    burger = session.get(Burger, burger_id)
    herinneringen = [
        n for n in wachtend if notificaties.waarom_niet(session, n, burger, nu) is None
    ]
    return Verwachting(list(gesprekken), herinneringen, spreekuren.komend(session, dossier_id, nu))
