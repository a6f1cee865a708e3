"""Benchmark: the daily kwartaalupdate planner on 220,000 dossiers with 60,000 due today.

    python benchmarks/kwartaalupdate.py [--aantal 220000] [--due 60000]

Seeds a fresh PostgreSQL database (PORTAL_BENCH_DATABASE_URL, default the `bench_kwartaal`
database on 127.0.0.1; its schema is dropped), runs the planner twice on the same day and
prints one JSON line: due, planned, seconds, second_run_planned, second_run_seconds.
Goal: ≤ 10 s, and 0 on the second run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.seed_volume import lege_database
from notificaties import kwartaalupdate
from portal.demo import volume
from portal.models import Traject, utcnow
from portal.tijd import vandaag

STANDAARD_URL = "postgresql://postgres@127.0.0.1:5432/bench_kwartaal"


def main(argv: list[str] | None = None) -> dict[str, float | int]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantal", type=int, default=220_000, help="dossiers")
    parser.add_argument("--due", type=int, default=60_000, help="trajecten due today")
    args = parser.parse_args(argv)

    engine = lege_database(os.environ.get("PORTAL_BENCH_DATABASE_URL", STANDAARD_URL))
    dag = vandaag()
    volume.voeg_toe(engine, args.aantal, dag, due_vandaag=args.due)
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
        gepland = kwartaalupdate.plan(session, dag, nu)
        seconden = time.perf_counter() - begin
        begin = time.perf_counter()
        tweede = kwartaalupdate.plan(session, dag, nu)
        tweede_seconden = time.perf_counter() - begin
    engine.dispose()
    uitslag: dict[str, float | int] = {
        "dossiers": args.aantal,
        "due": due or 0,
        "planned": gepland,
        "seconds": round(seconden, 2),
        "second_run_planned": tweede,
        "second_run_seconds": round(tweede_seconden, 2),
    }
    print(json.dumps(uitslag))
    return uitslag


if __name__ == "__main__":
    main()
