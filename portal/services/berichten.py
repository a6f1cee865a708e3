"""The portal inbox: messages are stored as facts and written out when they are read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from portal import statussen
from portal.models import Bericht, Traject, utcnow

STATUSWIJZIGING = "statuswijziging"


@dataclass(frozen=True)
class BerichtTekst:
    onderwerp: str
    alineas: list[str]
    toelichting: str | None


def statusbericht(
    traject: Traject, naar: str, *, toelichting: str | None, volgende_update_op: date | None
) -> Bericht:
    """A new (not yet added) message telling the person their traject moved to ``naar``."""
    return Bericht(
        burger_id=traject.dossier.burger_id,
        soort=STATUSWIJZIGING,
        traject_id=traject.id,
        gegevens={
            "soort": traject.soort,
            "status": naar,
            "volgende_update_op": volgende_update_op.isoformat() if volgende_update_op else None,
        },
        toelichting=toelichting or None,
    )


def tekst(bericht: Bericht) -> BerichtTekst:
    """The message in the current language."""
    gegevens = bericht.gegevens
    if bericht.soort == STATUSWIJZIGING:
        soort = statussen.SOORTEN[gegevens["soort"]]
        status = statussen.status(soort.code, gegevens["status"])
        alineas = [str(status.betekenis), str(status.wat_nu)]
        if gegevens.get("volgende_update_op"):
            datum = date.fromisoformat(gegevens["volgende_update_op"])
            alineas.append(
                _(
                    "Wij laten uiterlijk %(datum)s weer van ons horen.",
                    datum=format_date(datum, "long"),
                )
            )
        else:
            alineas.append(str(status.wanneer_meer))
        return BerichtTekst(
            onderwerp=_("%(soort)s: %(status)s", soort=soort.naam, status=status.titel),
            alineas=alineas,
            toelichting=bericht.toelichting,
        )
    raise ValueError(f"unknown bericht soort {bericht.soort!r}")


def berichten_van(session: Session, burger_id: int) -> list[Bericht]:
    return list(
        session.scalars(
            select(Bericht)
            .where(Bericht.burger_id == burger_id)
            .order_by(Bericht.aangemaakt_op.desc(), Bericht.id.desc())
        )
    )


def aantal_ongelezen(session: Session, burger_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Bericht)
            .where(Bericht.burger_id == burger_id, Bericht.gelezen_op.is_(None))
        )
        or 0
    )


def bericht_van(session: Session, burger_id: int, bericht_id: int) -> Bericht | None:
    """The message, only if it belongs to this person."""
    return session.scalar(
        select(Bericht).where(Bericht.id == bericht_id, Bericht.burger_id == burger_id)
    )


def markeer_gelezen(
    session: Session, burger_id: int, bericht_id: int, nu: datetime | None = None
) -> bool:
    """Mark one of this person's messages as read; False when it is not theirs."""
    bericht = bericht_van(session, burger_id, bericht_id)
    if bericht is None:
        return False
    if bericht.gelezen_op is None:
        bericht.gelezen_op = nu or utcnow()
        session.commit()
    return True


def markeer_alles_gelezen(session: Session, burger_id: int, nu: datetime | None = None) -> None:
    session.execute(
        update(Bericht)
        .where(Bericht.burger_id == burger_id, Bericht.gelezen_op.is_(None))
        .values(gelezen_op=nu or utcnow())
    )
    session.commit()
