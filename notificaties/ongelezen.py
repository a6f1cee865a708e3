"""Important messages still unread after a week get one nudge.

A message that brings a decision or says an inzage answer is ready (``Bericht.belangrijk``)
and is still unread after ``dagen`` days: the person gets one SMS or e-mail "Er staat een
bericht voor u klaar in het portaal" over a verified channel where they want that kind of
news, or a paper letter when there is none. One nudge per person per run, however many
such messages wait; a message is never nudged twice (``Bericht.herinnerd_op``).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from notificaties.aanvragen import gekozen_kanalen, geverifieerd_adres
from notificaties.outbox import vraag_aan
from notificaties.setbased import insert_voor
from portal.models import Bericht, Brief, Burger

SOORT = "herinnering_ongelezen"
PARTIJ = 2_000
# The switch that a nudge about each kind of message follows.
VOORKEUR = {"statuswijziging": "kwartaalupdate", "inzage": "inzage"}


def plan_herinneringen(session: Session, nu: datetime, dagen: int = 7, partij: int = PARTIJ) -> int:
    """Nudge everyone with important messages unread for ``dagen`` days; returns how many
    people were nudged. A second run finds nothing."""
    grens = nu - timedelta(days=dagen)
    totaal = 0
    while True:
        rijen = session.execute(
            select(Bericht.id, Bericht.burger_id, Bericht.soort)
            .where(
                Bericht.belangrijk,
                Bericht.gelezen_op.is_(None),
                Bericht.herinnerd_op.is_(None),
                Bericht.aangemaakt_op <= grens,
            )
            .order_by(Bericht.aangemaakt_op, Bericht.id)
            .limit(partij)
        ).all()
        if not rijen:
            return totaal
        per_burger: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for bericht_id, burger_id, soort in rijen:
            per_burger[burger_id].append((bericht_id, soort))
        for burger_id, berichten in per_burger.items():
            _herinner(session, burger_id, berichten, nu)
        session.execute(
            update(Bericht)
            .where(Bericht.id.in_([r.id for r in rijen]))
            .values(herinnerd_op=nu)
            .execution_options(synchronize_session=False)
        )
        session.commit()
        totaal += len(per_burger)


def _herinner(
    session: Session, burger_id: int, berichten: list[tuple[int, str]], nu: datetime
) -> None:
    burger = session.get(Burger, burger_id)
    if burger is None:
        return
    eerste_id, soort = berichten[0]
    voorkeur = VOORKEUR.get(soort, "kwartaalupdate")
    gekozen = gekozen_kanalen(session, burger_id, voorkeur)
    verstuurd = False
    for kanaal in ("sms", "email"):
        adres = geverifieerd_adres(burger, kanaal)
        if adres and kanaal in gekozen:
            vraag_aan(
                session,
                sleutel=f"{SOORT}:{eerste_id}:{kanaal}",
                burger_id=burger_id,
                kanaal=kanaal,
                soort=SOORT,
                adres=adres,
                gegevens={"voorkeur": voorkeur, "berichten": [b for b, _ in berichten]},
                nu=nu,
            )
            verstuurd = True
    if not verstuurd:
        session.execute(
            insert_voor(session)(Brief)
            .values(
                burger_id=burger_id,
                soort=SOORT,
                sleutel=f"{SOORT}:{eerste_id}",
                reden="belangrijk bericht na een week nog niet gelezen, geen sms of e-mail",
                aangemaakt_op=nu,
                gegevens={"berichten": [b for b, _ in berichten]},
            )
            .on_conflict_do_nothing(index_elements=["sleutel"])
        )
