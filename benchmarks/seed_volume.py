"""Benchmark: seed N bulk dossiers into a fresh PostgreSQL database and time it.

    python benchmarks/seed_volume.py [--aantal 220000] [--due-vandaag 0]

The database comes from PORTAL_BENCH_DATABASE_URL (default: the `bench` database on
127.0.0.1). Its public schema is dropped and rebuilt, so it must never be a database that
others use; the shared `test` database is refused outright. Prints one JSON line at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from portal.db import make_engine, upgrade
from portal.demo import personas, volume
from portal.models import Bericht, Burger, Dossier, Statuswijziging, Traject
from portal.tijd import vandaag

STANDAARD_URL = "postgresql://postgres@127.0.0.1:5432/bench"
VERBODEN = {"test", "postgres", "template0", "template1"}  # shared; never dropped


def maak_database(url: str) -> None:
    """Create the benchmark database if it is missing (connecting to `postgres` to do so)."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    naam = str(info.get("dbname") or "")
    if not naam or naam in VERBODEN:
        sys.exit(f"refusing to use database {naam!r}: pick a database of your own")
    beheer = psycopg.conninfo.make_conninfo(url, dbname="postgres")
    with psycopg.connect(beheer, autocommit=True) as verbinding:
        bestaat = verbinding.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (naam,)
        ).fetchone()
        if not bestaat:
            verbinding.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(naam)))


def lege_database(url: str) -> Engine:
    """A fresh schema with the demo personas: theirs are the casemanagers of bulk dossiers."""
    maak_database(url.replace("postgresql+psycopg://", "postgresql://"))
    engine = make_engine(url)
    with engine.begin() as verbinding:
        verbinding.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        verbinding.execute(text("CREATE SCHEMA public"))
    upgrade(url)
    with Session(engine) as session:
        personas.seed(session, vandaag())
    return engine


def tel(engine: Engine) -> dict[str, int]:
    with engine.connect() as verbinding:
        return {
            naam: verbinding.scalar(select(func.count()).select_from(model)) or 0
            for naam, model in [
                ("dossiers", Dossier),
                ("burgers", Burger),
                ("trajecten", Traject),
                ("statuswijzigingen", Statuswijziging),
                ("berichten", Bericht),
            ]
        }


def main(argv: list[str] | None = None) -> dict[str, float | int]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantal", type=int, default=220_000, help="dossiers to add")
    parser.add_argument("--due-vandaag", type=int, default=0, help="trajecten due today")
    args = parser.parse_args(argv)

    url = os.environ.get("PORTAL_BENCH_DATABASE_URL", STANDAARD_URL)
    engine = lege_database(url)
    dag = vandaag()

    voor = tel(engine)
    begin = time.perf_counter()
    volume.voeg_toe(engine, args.aantal, dag, due_vandaag=args.due_vandaag)
    seconden = time.perf_counter() - begin
    # Only what the bulk run added: the personas are not part of the measurement.
    aantallen = {naam: n - voor[naam] for naam, n in tel(engine).items()}
    engine.dispose()
    rijen = sum(aantallen.values())
    uitslag: dict[str, float | int] = {
        **aantallen,
        "seconds": round(seconden, 1),
        "rows_per_s": round(rijen / seconden),
    }
    print(json.dumps(uitslag))
    return uitslag


if __name__ == "__main__":
    main()
