"""The planner's side of the promise ledger, set-based for the daily run.

``houd_en_beloof``: the kwartaalupdate keeps the promise of its date and makes the next one.
``verloop``: promises whose moment passed unkept become ``verlopen``, once; the person gets a
message in the portal that UWV is late (and, where switched on, an SMS or e-mail that there
is news). A kind whose promise is the moment itself (a spreekuur that is still planned when
it ends took place) is ``nagekomen`` instead. Running either twice changes nothing more.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import Update, case, insert, or_, select, text, update
from sqlalchemy.orm import Session

from notificaties.aanvragen import VOORKEUR_VAN
from notificaties.setbased import een_van, insert_voor, postgres
from portal.models import Bericht, Burger, Notificatie, Notificatievoorkeur, Toezegging
from portal.toezeggingsoorten import TOEZEGGINGSOORTEN, einde_van_dag

PARTIJ = 5_000
BERICHTSOORT = "toezegging"
NOTIFICATIESOORT = "toezegging"


def houd_en_beloof(session: Session, beloften: list[dict[str, Any]], nu: datetime) -> None:
    """For each traject (``traject_id``): its open promise is kept now (late if its moment
    had already passed), and a new three-monthly promise of ``datum`` is made."""
    if not beloften:
        return
    if postgres(session):
        _houd_en_beloof_postgres(session, beloften, nu)
        return
    onderwerpen = [f"traject:{b['traject_id']}" for b in beloften]
    session.execute(
        _houd(nu)
        .where(Toezegging.onderwerp.in_(onderwerpen))
        .execution_options(synchronize_session=False)
    )
    session.execute(
        insert(Toezegging),
        [
            {
                "burger_id": b["burger_id"],
                "dossier_id": b["dossier_id"],
                "onderwerp": f"traject:{b['traject_id']}",
                "datum": b["datum"],
                "soort": "kwartaalupdate",
                "uiterlijk": einde_van_dag(b["datum"]),
                "status": "open",
                "bron": "planner",
                "gemaakt_op": nu,
                "versie": 0,
            }
            for b in beloften
        ],
    )


def _houd(nu: datetime) -> Update:
    return (
        update(Toezegging)
        .where(
            or_(
                Toezegging.status == "open",
                (Toezegging.status == "verlopen") & Toezegging.nagekomen_op.is_(None),
            )
        )
        .values(
            status=case(
                (Toezegging.status == "verlopen", "verlopen"),
                (Toezegging.uiterlijk >= nu, "nagekomen"),
                else_="verlopen",
            ),
            afgesloten_op=case(
                (Toezegging.afgesloten_op.is_(None), nu), else_=Toezegging.afgesloten_op
            ),
            nagekomen_op=nu,
            versie=Toezegging.versie + 1,
        )
    )


def _houd_en_beloof_postgres(
    session: Session, beloften: list[dict[str, Any]], nu: datetime
) -> None:
    """The same in two statements per batch, the rows passed as one JSON document: building
    arrays of tens of thousands of values in Python cost more than the database's own work."""
    trajecten = json.dumps([b["traject_id"] for b in beloften])
    session.execute(
        _houd(nu)
        .where(
            text(
                "onderwerp = ANY(ARRAY(SELECT 'traject:' || t "
                "FROM json_array_elements_text(CAST(:trajecten AS json)) AS t))"
            ).bindparams(trajecten=trajecten)
        )
        .execution_options(synchronize_session=False)
    )
    session.execute(
        text(
            "INSERT INTO toezegging (burger_id, dossier_id, soort, onderwerp, datum, "
            "uiterlijk, status, bron, gemaakt_op, versie) "
            "SELECT b, d, 'kwartaalupdate', 'traject:' || t, dag, u, 'open', 'planner', :nu, 0 "
            "FROM json_to_recordset(CAST(:rijen AS json)) "
            "AS r(b integer, d integer, t integer, dag date, u timestamptz)"
        ),
        {
            "nu": nu,
            "rijen": json.dumps(
                [
                    {
                        "b": b["burger_id"],
                        "d": b["dossier_id"],
                        "t": b["traject_id"],
                        "dag": b["datum"].isoformat(),
                        "u": einde_van_dag(b["datum"]).isoformat(),
                    }
                    for b in beloften
                ]
            ),
        },
    )


def verloop(session: Session, nu: datetime, partij: int = PARTIJ) -> Counter[str]:
    """Mark every open promise whose moment passed; returns how many became what."""
    telling: Counter[str] = Counter()
    while True:
        rijen = session.execute(
            select(
                Toezegging.id,
                Toezegging.burger_id,
                Toezegging.soort,
                Toezegging.onderwerp,
                Toezegging.datum,
            )
            .where(Toezegging.status == "open", Toezegging.uiterlijk < nu)
            .order_by(Toezegging.uiterlijk, Toezegging.id)
            .limit(partij)
        ).all()
        if not rijen:
            return telling
        vanzelf = [r.id for r in rijen if TOEZEGGINGSOORTEN[r.soort].bij_verstrijken == "nagekomen"]
        te_laat = [r for r in rijen if r.id not in set(vanzelf)]
        if vanzelf:
            session.execute(
                update(Toezegging)
                .where(een_van(session, Toezegging.id, vanzelf), Toezegging.status == "open")
                .values(
                    status="nagekomen",
                    afgesloten_op=Toezegging.uiterlijk,
                    nagekomen_op=Toezegging.uiterlijk,
                    versie=Toezegging.versie + 1,
                )
                .execution_options(synchronize_session=False)
            )
        if te_laat:
            session.execute(
                update(Toezegging)
                .where(
                    een_van(session, Toezegging.id, [r.id for r in te_laat]),
                    Toezegging.status == "open",
                )
                .values(status="verlopen", afgesloten_op=nu, versie=Toezegging.versie + 1)
                .execution_options(synchronize_session=False)
            )
            _vertel(session, te_laat, nu)
        session.commit()
        telling["nagekomen"] += len(vanzelf)
        telling["verlopen"] += len(te_laat)


def _vertel(session: Session, te_laat: list[Any], nu: datetime) -> None:
    """A message per broken promise; per person one SMS/e-mail that there is news."""
    session.execute(
        insert(Bericht),
        [
            {
                "burger_id": r.burger_id,
                "soort": BERICHTSOORT,
                "gegevens": {
                    "gebeurtenis": "verlopen",
                    "toezegging_id": r.id,
                    "soort": r.soort,
                    "onderwerp": r.onderwerp,
                    "datum": r.datum.isoformat(),
                },
                "aangemaakt_op": nu,
                "belangrijk": False,
            }
            for r in te_laat
        ],
    )
    eerste: dict[int, int] = {}
    for r in te_laat:
        eerste.setdefault(r.burger_id, r.id)
    meldingen = _meldingen(session, eerste, nu)
    if meldingen:
        session.execute(
            insert_voor(session)(Notificatie).on_conflict_do_nothing(
                index_elements=["idempotentiesleutel"]
            ),
            meldingen,
        )


def _meldingen(session: Session, eerste: dict[int, int], nu: datetime) -> list[dict[str, Any]]:
    """Rows for the outbox: verified channels where the person wants news about the dossier.
    Keyed by the first broken promise, so a second run writes nothing new."""
    ids = list(eerste)
    gekozen: dict[int, set[str]] = defaultdict(set)
    for burger_id, kanaal in session.execute(
        select(Notificatievoorkeur.burger_id, Notificatievoorkeur.kanaal).where(
            een_van(session, Notificatievoorkeur.burger_id, ids),
            Notificatievoorkeur.soort == VOORKEUR_VAN[NOTIFICATIESOORT],
        )
    ):
        gekozen[burger_id].add(kanaal)
    rijen = []
    for burger in session.execute(
        select(
            Burger.id,
            Burger.telefoon,
            Burger.telefoon_geverifieerd_op,
            Burger.sms_gestopt_op,
            Burger.email,
            Burger.email_geverifieerd_op,
        ).where(een_van(session, Burger.id, [b for b in ids if gekozen[b]]))
    ):
        adressen = {
            "sms": burger.telefoon
            if burger.telefoon_geverifieerd_op and not burger.sms_gestopt_op
            else None,
            "email": burger.email if burger.email_geverifieerd_op else None,
        }
        for kanaal, adres in adressen.items():
            if adres and kanaal in gekozen[burger.id]:
                rijen.append(
                    {
                        "idempotentiesleutel": f"toezegging:{eerste[burger.id]}:{kanaal}",
                        "burger_id": burger.id,
                        "kanaal": kanaal,
                        "soort": NOTIFICATIESOORT,
                        "adres": adres,
                        "gegevens": {},
                        "status": "wachtend",
                        "pogingen": 0,
                        "volgende_poging_op": nu,
                        "verschuldigd_op": nu,
                        "aangemaakt_op": nu,
                    }
                )
    return rijen
