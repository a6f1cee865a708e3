"""A person's appointments with UWV: planned spreekuren and the windows of planned calls.

One rule for both: a person is never expected in two places at once. A spreekuur may not
overlap another planned spreekuur or a planned call window of the same person (over all their
dossiers), and a call window may not overlap a planned spreekuur or another planned call.
A back-office system that sends the same spreekuur twice under two keys therefore gets a
conflict naming the first, instead of a person with two identical appointments. The
services refuse with their own error (reason ``overlapt``) carrying the ``Afspraak``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import format_time
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal import datumtekst
from portal.models import Dossier, Servicecall, Spreekuur
from portal.tijd import AMSTERDAM
from portal.vertalen import gettext as _


@dataclass(frozen=True)
class Afspraak:
    soort: str  # "spreekuur" or "servicecall"
    id: int
    begin: datetime
    eind: datetime


def overlappende(
    session: Session,
    burger_id: int,
    begin: datetime,
    eind: datetime,
    *,
    behalve: tuple[str, int] | None = None,
) -> Afspraak | None:
    """The first planned appointment of this person that overlaps [begin, eind), if any.

    ``behalve`` leaves out the appointment being moved (its kind and id). Touching ends
    (one ends at 10.45, the next begins at 10.45) do not overlap.
    """
    spreekuur = session.execute(
        select(Spreekuur.id, Spreekuur.begin, Spreekuur.eind)
        .join(Dossier, Dossier.id == Spreekuur.dossier_id)
        .where(
            Dossier.burger_id == burger_id,
            Spreekuur.status == "gepland",
            Spreekuur.begin < eind,
            Spreekuur.eind > begin,
            *([Spreekuur.id != behalve[1]] if behalve and behalve[0] == "spreekuur" else []),
        )
        .order_by(Spreekuur.begin)
        .limit(1)
    ).first()
    if spreekuur is not None:
        return Afspraak("spreekuur", *spreekuur)
    call = session.execute(
        select(Servicecall.id, Servicecall.venster_van, Servicecall.venster_tot)
        .join(Dossier, Dossier.id == Servicecall.dossier_id)
        .where(
            Dossier.burger_id == burger_id,
            Servicecall.status == "gepland",
            Servicecall.venster_van < eind,
            Servicecall.venster_tot > begin,
            *([Servicecall.id != behalve[1]] if behalve and behalve[0] == "servicecall" else []),
        )
        .order_by(Servicecall.venster_van)
        .limit(1)
    ).first()
    if call is not None:
        call_id, van, tot = call
        # The window's columns may be empty (a call not planned yet); the query compared both.
        assert van is not None and tot is not None
        return Afspraak("servicecall", call_id, van, tot)
    return None


def eerstvolgende(session: Session, burger_id: int, soort: str, nu: datetime) -> Afspraak | None:
    """The person's next planned spreekuur or call (``soort``) that has not ended yet."""
    if soort == "spreekuur":
        rij = session.execute(
            select(Spreekuur.id, Spreekuur.begin, Spreekuur.eind)
            .join(Dossier, Dossier.id == Spreekuur.dossier_id)
            .where(Dossier.burger_id == burger_id, Spreekuur.status == "gepland")
            .where(Spreekuur.eind > nu)
            .order_by(Spreekuur.begin, Spreekuur.id)
            .limit(1)
        ).first()
        return Afspraak("spreekuur", *rij) if rij is not None else None
    call = session.execute(
        select(Servicecall.id, Servicecall.venster_van, Servicecall.venster_tot)
        .join(Dossier, Dossier.id == Servicecall.dossier_id)
        .where(Dossier.burger_id == burger_id, Servicecall.status == "gepland")
        .where(Servicecall.venster_tot > nu)
        .order_by(Servicecall.venster_van, Servicecall.id)
        .limit(1)
    ).first()
    if call is None:
        return None
    call_id, van, tot = call
    assert van is not None and tot is not None  # compared in the query: not empty
    return Afspraak("servicecall", call_id, van, tot)


def omschrijving(afspraak: Afspraak) -> str:
    """The appointment in words, to name it in a refusal: "spreekuur op dinsdag 5 maart 2030,
    10.00 tot 10.45 uur"."""
    momenten = {
        "dag": datumtekst.dag(afspraak.begin),
        "van": format_time(afspraak.begin.astimezone(AMSTERDAM), "HH.mm"),
        "tot": format_time(afspraak.eind.astimezone(AMSTERDAM), "HH.mm"),
    }
    if afspraak.soort == "spreekuur":
        return str(_("spreekuur op %(dag)s, %(van)s tot %(tot)s uur", **momenten))
    return str(_("belafspraak op %(dag)s, %(van)s tot %(tot)s uur", **momenten))
