"""Benchmark: the daily planning pass on 220,000 dossiers: 60,000 kwartaalupdates due and
10,000 promises passing unkept; and the spread of a wave of 60,000 first updates.

    python benchmarks/kwartaalupdate.py [--aantal 220000] [--due 60000] [--verlopen 10000]

Seeds a fresh PostgreSQL database (PORTAL_BENCH_DATABASE_URL, default the `bench_kwartaal`
database on 127.0.0.1; its schema is dropped), runs the pass twice on the same day (the
kwartaalupdates with their promises, the promises that passed, the nudges for unread
messages) and prints one JSON line: dossiers, due, verlopen, seconds, second_run_new (rows the
second run created), spread_max_over_mean (the busiest working day of the quarter after a
wave of 60,000 dossiers entered the investigation on one day, over the mean working day).
Goals: seconds ≤ 10, second_run_new 0, spread_max_over_mean ≤ 1.5.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.seed_volume import lege_database
from notificaties import kwartaalupdate, ongelezen, toezeggingen
from portal import kalender, statussen
from portal.demo import volume
from portal.models import Bericht, Brief, Notificatie, Toezegging, Traject, utcnow
from portal.tijd import vandaag
from portal.toezeggingsoorten import einde_van_dag

STANDAARD_URL = "postgresql://postgres@127.0.0.1:5432/bench_kwartaal"


def _laat_verlopen(session: Session, aantal: int, gisteren) -> int:
    """``aantal`` open promises of a next step whose date was yesterday: they pass today."""
    ids = list(
        session.scalars(
            select(Toezegging.id)
            .where(Toezegging.status == "open", Toezegging.soort == "beslistermijn")
            .order_by(Toezegging.id)
            .limit(aantal)
        )
    )
    session.execute(
        update(Toezegging)
        .where(Toezegging.id.in_(ids))
        .values(datum=gisteren, uiterlijk=einde_van_dag(gisteren))
    )
    session.commit()
    return len(ids)


def _rijen(session: Session) -> int:
    return sum(
        session.scalar(select(func.count()).select_from(model)) or 0
        for model in (Bericht, Notificatie, Toezegging, Brief)
    )


def _pas(session: Session, dag, nu) -> dict[str, float]:
    """What the worker plans each morning (portal.werker.plan), digests apart; the
    seconds of each step."""
    stappen = {
        "kwartaalupdate": lambda: kwartaalupdate.plan_updates(session, dag, nu),
        "verloop": lambda: toezeggingen.verloop(session, nu),
        "ongelezen": lambda: ongelezen.plan_herinneringen(session, nu),
    }
    tijden = {}
    for naam, stap in stappen.items():
        begin = time.perf_counter()
        stap()
        tijden[f"seconds_{naam}"] = round(time.perf_counter() - begin, 2)
    return tijden


def spreiding(dag, aantal: int) -> float:
    """A wave of ``aantal`` dossiers entering the investigation on ``dag``: the busiest
    working day of the quarter that follows, over the mean working day of that quarter."""
    per_dag = Counter(
        statussen.standaard_volgende_datum("dagloon", "in_onderzoek", dag, f"WIA-{5_000_000 + n}")
        for n in range(aantal)
    )
    werkdagen = list(kalender.werkdagen(dag + timedelta(days=1), dag + relativedelta(months=3)))
    return round(max(per_dag.values()) / (aantal / len(werkdagen)), 2)


def main(argv: list[str] | None = None) -> dict[str, float | int]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantal", type=int, default=220_000, help="dossiers")
    parser.add_argument("--due", type=int, default=60_000, help="trajecten due today")
    parser.add_argument("--verlopen", type=int, default=10_000, help="promises passing today")
    args = parser.parse_args(argv)

    engine = lege_database(os.environ.get("PORTAL_BENCH_DATABASE_URL", STANDAARD_URL))
    dag = vandaag()
    volume.voeg_toe(engine, args.aantal, dag, due_vandaag=args.due)
    with Session(engine) as session:
        verlopen = _laat_verlopen(session, args.verlopen, dag - timedelta(days=1))
    with engine.begin() as verbinding:
        verbinding.execute(text("ANALYZE"))

    with Session(engine) as session:
        due = session.scalar(
            select(func.count(func.distinct(Traject.dossier_id))).where(
                Traject.status == "in_onderzoek",
                Traject.volgende_update_op <= dag,
                Traject.soort.in_(kwartaalupdate.HERSTELACTIES),
            )
        )
        nu = utcnow()
        begin = time.perf_counter()
        stappen = _pas(session, dag, nu)
        seconden = time.perf_counter() - begin
        gemarkeerd = session.scalar(
            select(func.count()).select_from(Toezegging).where(Toezegging.status == "verlopen")
        )
        voor = _rijen(session)
        begin = time.perf_counter()
        _pas(session, dag, nu)
        tweede_seconden = time.perf_counter() - begin
        tweede_nieuw = _rijen(session) - voor
    engine.dispose()
    uitslag: dict[str, float | int] = {
        "dossiers": args.aantal,
        "due": due or 0,
        "verlopen": gemarkeerd or 0,
        "verlopen_gezet": verlopen,
        "seconds": round(seconden, 2),
        **stappen,
        "second_run_new": tweede_nieuw,
        "second_run_seconds": round(tweede_seconden, 2),
        "spread_max_over_mean": spreiding(dag, args.due),
    }
    print(json.dumps(uitslag))
    return uitslag


if __name__ == "__main__":
    main()
