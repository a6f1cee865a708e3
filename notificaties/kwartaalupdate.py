"""The three-monthly update: one message per person for all herstelacties under
investigation, with the date of the next one; SMS/e-mail or a paper letter besides.

Set-based on purpose: after a mailing wave tens of thousands are due on one day, so each
batch is a handful of queries and bulk inserts, in one transaction. Moving the trajecten's
next date in that same transaction is what makes a second run the same day find nothing.
"""

from __future__ import annotations

import calendar
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import insert, select, text, update
from sqlalchemy.orm import Session

from notificaties import toezeggingen
from notificaties.setbased import een_van, insert_voor, postgres
from notificaties.stand import CONTACTGEGEVENS
from portal import statussen, tijd
from portal.models import (
    Bericht,
    Brief,
    Burger,
    Dossier,
    Notificatie,
    Notificatievoorkeur,
    Statuswijziging,
    Traject,
)

SOORT = "kwartaalupdate"
HERSTELACTIES = tuple(
    code for code, soort in statussen.SOORTEN.items() if soort.groep == statussen.HERSTELOPERATIE
)
PARTIJ = 5_000  # persons per transaction


@lru_cache(maxsize=512)  # a batch has a handful of dates, each asked thousands of times
def volgende_datum(gepland: date) -> date:
    """Three months on. A date at the end of its month stays at the end of the month:
    31 January → 30 April → 31 July, not → 30 July, so updates do not drift to the 28th."""
    verder = gepland + relativedelta(months=3)
    if gepland.day == calendar.monthrange(gepland.year, gepland.month)[1]:
        return verder.replace(day=calendar.monthrange(verder.year, verder.month)[1])
    return verder


@dataclass
class _Persoon:
    dossier_id: int
    burger_id: int
    taal: str
    telefoon: str | None
    email: str | None
    trajecten: list[tuple[int, str, date]]  # id, soort, volgende_update_op (all in onderzoek)
    wijzigingen: list[dict[str, str]]


def _voeg_berichten_toe(session: Session, berichten: list[dict[str, Any]]) -> dict[int, int]:
    """Insert the messages; returns burger id → bericht id."""
    if postgres(session):
        # One statement per batch, its rows as one JSON document: a text array of thousands
        # of JSON strings cost more to escape in Python than the insert itself.
        rijen = session.execute(
            text(
                "INSERT INTO bericht (burger_id, soort, gegevens, aangemaakt_op, belangrijk) "
                "SELECT (r->>'b')::integer, :soort, r->'g', :nu, false "
                "FROM json_array_elements(CAST(:rijen AS json)) AS r "
                "RETURNING burger_id, id"
            ),
            {
                "soort": SOORT,
                "nu": berichten[0]["aangemaakt_op"],
                "rijen": json.dumps([{"b": b["burger_id"], "g": b["gegevens"]} for b in berichten]),
            },
        )
        return {burger_id: bericht_id for burger_id, bericht_id in rijen}
    ids = session.scalars(
        insert(Bericht).returning(Bericht.id, sort_by_parameter_order=True), berichten
    ).all()
    return {b["burger_id"]: bericht_id for b, bericht_id in zip(berichten, ids, strict=True)}


def plan_updates(session: Session, vandaag: date, nu: datetime, partij: int = PARTIJ) -> int:
    """Give every person with a due herstelactie in onderzoek their update; returns how many."""
    totaal = 0
    while True:
        dossiers = list(
            session.scalars(
                select(Traject.dossier_id)
                .where(
                    Traject.status == "in_onderzoek",
                    Traject.volgende_update_op <= vandaag,
                    Traject.soort.in_(HERSTELACTIES),
                )
                .group_by(Traject.dossier_id)
                .order_by(Traject.dossier_id)
                .limit(partij)
            )
        )
        if not dossiers:
            return totaal
        personen = _laad(session, dossiers, nu)
        _schrijf(session, personen, vandaag, nu)
        session.commit()
        totaal += len(personen)


def _laad(session: Session, dossiers: list[int], nu: datetime) -> list[_Persoon]:
    rijen = session.execute(
        select(
            Dossier.id,
            *CONTACTGEGEVENS,
            Traject.id,
            Traject.soort,
            Traject.volgende_update_op,
        )
        .join(Burger, Burger.id == Dossier.burger_id)
        .join(Traject, Traject.dossier_id == Dossier.id)
        .where(
            een_van(session, Dossier.id, dossiers),
            Traject.status == "in_onderzoek",
            Traject.soort.in_(HERSTELACTIES),
        )
        .order_by(Dossier.id, Traject.id)
    )
    personen: dict[int, _Persoon] = {}
    for dossier_id, burger_id, taal, tel, tel_ok, gestopt, email, email_ok, tid, soort, op in rijen:
        persoon = personen.get(dossier_id)
        if persoon is None:
            persoon = personen[dossier_id] = _Persoon(
                dossier_id,
                burger_id,
                taal,
                tel if tel_ok and not gestopt else None,
                email if email_ok else None,
                [],
                [],
            )
        persoon.trajecten.append((tid, soort, op or tijd.vandaag(nu)))
    # What changed in the last three months: the update says so, or says that nothing did.
    per_traject = {t[0]: p for p in personen.values() for t in p.trajecten}
    sinds = nu - timedelta(days=92)
    for traject_id, naar, op in session.execute(
        select(
            Statuswijziging.traject_id, Statuswijziging.naar_status, Statuswijziging.gewijzigd_op
        )
        .where(
            een_van(session, Statuswijziging.traject_id, list(per_traject)),
            Statuswijziging.gewijzigd_op >= sinds,
            Statuswijziging.gewijzigd_op <= nu,
            Statuswijziging.van_status.is_not(None),
        )
        .order_by(Statuswijziging.id)
    ):
        persoon = per_traject[traject_id]
        soort = next(t[1] for t in persoon.trajecten if t[0] == traject_id)
        # The day in Amsterdam: a change at 00:30 happened on the new day, not in UTC's yesterday.
        op_dag = tijd.vandaag(op).isoformat()
        persoon.wijzigingen.append({"soort": soort, "status": naar, "op": op_dag})
    return list(personen.values())


def _schrijf(session: Session, personen: list[_Persoon], vandaag: date, nu: datetime) -> None:
    gekozen: dict[int, set[str]] = defaultdict(set)
    for burger_id, kanaal in session.execute(
        select(Notificatievoorkeur.burger_id, Notificatievoorkeur.kanaal).where(
            een_van(session, Notificatievoorkeur.burger_id, [p.burger_id for p in personen]),
            Notificatievoorkeur.soort == SOORT,
        )
    ):
        gekozen[burger_id].add(kanaal)

    berichten: list[dict[str, Any]] = []
    trajecten: list[dict[str, Any]] = []
    meldingen: list[dict[str, Any]] = []
    brieven: list[int] = []  # burger ids
    beloften: list[dict[str, Any]] = []
    for persoon in personen:
        gepland = min(op for _id, _soort, op in persoon.trajecten)
        nieuw = volgende_datum(gepland)
        gegevens: dict[str, Any] = {
            "trajecten": [soort for _id, soort, _op in persoon.trajecten],
            "wijzigingen": persoon.wijzigingen,
            "volgende_update_op": nieuw.isoformat(),
        }
        berichten.append({"burger_id": persoon.burger_id, "soort": SOORT, "gegevens": gegevens,
                          "aangemaakt_op": nu})  # fmt: skip
        # All herstelacties of one person move together: one update covers them all.
        trajecten.extend({"id": tid, "volgende_update_op": nieuw} for tid, *_ in persoon.trajecten)
        # The update keeps the promise of this date, and makes the next one.
        beloften.extend(
            {
                "burger_id": persoon.burger_id,
                "dossier_id": persoon.dossier_id,
                "traject_id": tid,
                "datum": nieuw,
            }
            for tid, *_ in persoon.trajecten
        )
        adressen = {"sms": persoon.telefoon, "email": persoon.email}
        digitaal = False
        for kanaal, adres in adressen.items():
            if adres and kanaal in gekozen[persoon.burger_id]:
                digitaal = True
                meldingen.append(
                    {
                        "idempotentiesleutel": f"{SOORT}:{persoon.burger_id}:{gepland}:{kanaal}",
                        "burger_id": persoon.burger_id,
                        "kanaal": kanaal,
                        "soort": SOORT,
                        "adres": adres,
                        # A date is not personal content: the text names the next update.
                        "gegevens": {"volgende_update_op": nieuw.isoformat()},
                        "status": "wachtend",
                        "pogingen": 0,
                        "volgende_poging_op": nu,
                        "verschuldigd_op": nu,
                        "aangemaakt_op": nu,
                    }
                )
        if not digitaal:
            # Everyone under investigation hears every three months: on paper when not by
            # SMS or e-mail (no verified channel, switched off, or STOP sent).
            brieven.append(persoon.burger_id)

    bericht_van = _voeg_berichten_toe(session, berichten)
    # One UPDATE per new date (a batch has only a few), not one per traject.
    per_datum: dict[date, list[int]] = defaultdict(list)
    for rij in trajecten:
        per_datum[rij["volgende_update_op"]].append(rij["id"])
    for datum, traject_ids in per_datum.items():
        session.execute(
            update(Traject)
            .where(een_van(session, Traject.id, traject_ids))
            .values(volgende_update_op=datum)
            .execution_options(synchronize_session=False)
        )
    toezeggingen.houd_en_beloof(session, beloften, nu)
    if meldingen:
        session.execute(
            insert_voor(session)(Notificatie).on_conflict_do_nothing(
                index_elements=["idempotentiesleutel"]
            ),
            meldingen,
        )
    if brieven:
        _voeg_brieven_toe(session, [(b, bericht_van[b]) for b in brieven], nu)


def _voeg_brieven_toe(session: Session, paren: list[tuple[int, int]], nu: datetime) -> None:
    """Flag paper letters: (burger id, bericht id) pairs."""
    if postgres(session):
        session.execute(
            text(
                "INSERT INTO brief (burger_id, bericht_id, soort, aangemaakt_op, gegevens) "
                "SELECT b, m, :soort, :nu, '{}'::json "
                "FROM json_to_recordset(CAST(:rijen AS json)) AS r(b integer, m integer)"
            ),
            {"soort": SOORT, "nu": nu, "rijen": json.dumps([{"b": b, "m": m} for b, m in paren])},
        )
        return
    session.execute(
        insert(Brief),
        [
            {"burger_id": b, "bericht_id": m, "soort": SOORT, "aangemaakt_op": nu, "gegevens": {}}
            for b, m in paren
        ],
    )
