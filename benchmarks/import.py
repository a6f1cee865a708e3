"""Benchmark: `flask import dossiers` of 220,000 new dossiers into PostgreSQL, then again.

    python benchmarks/import.py [--aantal 220000]

Writes a CSV of valid rows (one traject each, realistic Dutch names, BSNs that pass the
11-proef, kenmerken from WIA-5000000 on, phone numbers and e-mail addresses for most) to a
temporary file, empties a PostgreSQL database (PORTAL_BENCH_DATABASE_URL, default the
`bench_import` database on 127.0.0.1; its schema is dropped), and runs the import twice
through the real CLI command, in process. Prints one JSON line: rows, seconds, rows_per_s,
rejected, second_run_seconds, second_run_changed. Goal: ≤ 60 s, and 0 changed the second time.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import sys
import tempfile
import time
import unicodedata
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine, func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.seed_volume import lege_database
from portal import create_app, statussen
from portal.demo import volume
from portal.models import Base
from portal.tijd import vandaag

STANDAARD_URL = "postgresql://postgres@127.0.0.1:5432/bench_import"
KENMERK_BEGIN = 5_000_000  # above the personas (1000001..), tests (2000000..), volume seeds
KOLOMMEN = ("kenmerk", "bsn", "voornamen", "tussenvoegsel", "achternaam", "taal", "telefoon",
            "email", "soort", "status", "gestart_op", "volgende_update_op")  # fmt: skip
# Where a new traject starts: mostly the first status, many already under investigation.
BEGIN = {
    statussen.HERSTELOPERATIE: ("niet_geinformeerd", "in_onderzoek", "in_onderzoek",
                                "geen_aanwijzingen"),
    statussen.BEOORDELING: ("aanvraag_ontvangen", "wacht_op_beoordeling", "spreekuur_gepland"),
}  # fmt: skip


def _slug(tekst: str) -> str:
    zonder_accenten = unicodedata.normalize("NFKD", tekst.replace("ı", "i"))
    return "".join(c for c in zonder_accenten.lower() if c.isascii() and c.isalnum())


def schrijf_bestand(pad: Path, aantal: int, dag: date, seed: int = 20261125) -> None:
    rng = random.Random(seed)
    kans = rng.random
    soorten = list(statussen.SOORTEN)
    bsns = volume.bsns(volume.BSN_BEGIN - 1)
    with pad.open("w", encoding="utf-8", newline="") as bestand:
        schrijver = csv.writer(bestand, delimiter=";")
        schrijver.writerow(KOLOMMEN)
        for nummer in range(aantal):
            lijst = volume.MANNEN if kans() < 0.5 else volume.VROUWEN
            voornamen = lijst[int(kans() * len(lijst))]
            if kans() < 0.3:
                voornamen += " " + lijst[int(kans() * len(lijst))]
            tussenvoegsel, achternaam = volume.ACHTERNAMEN[int(kans() * len(volume.ACHTERNAMEN))]
            telefoon = f"06{10_000_000 + int(kans() * 50_000_000)}" if kans() < 0.85 else ""
            email = ""
            if kans() < 0.65:
                email = f"{_slug(voornamen)}.{_slug(achternaam)}{nummer}@example.nl"
            soort = soorten[int(kans() * len(soorten))]
            keuzes = BEGIN[statussen.groep(soort)]
            status = keuzes[int(kans() * len(keuzes))]
            gestart = dag - timedelta(days=30 + int(kans() * 400))
            volgende = dag + timedelta(days=1 + int(kans() * 90)) if kans() < 0.5 else ""
            taal = "nl" if kans() < 0.94 else "en"
            rij = (f"WIA-{KENMERK_BEGIN + nummer}", next(bsns), voornamen, tussenvoegsel,
                   achternaam, taal, telefoon, email, soort, status, gestart.isoformat(),
                   volgende and volgende.isoformat())  # fmt: skip
            schrijver.writerow(rij)


def tel(engine: Engine) -> dict[str, int]:
    with engine.connect() as verbinding:
        return {
            tabel.name: verbinding.scalar(select(func.count()).select_from(tabel)) or 0
            for tabel in Base.metadata.sorted_tables
        }


def samenvatting(uitvoer: str) -> dict[str, int]:
    regel = next(r for r in reversed(uitvoer.splitlines()) if r.startswith("gelezen:"))
    return {naam: int(getal) for naam, getal in re.findall(r"(\w+): (\d+)", regel)}


def main(argv: list[str] | None = None) -> dict[str, float | int]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantal", type=int, default=220_000, help="rows (dossiers)")
    args = parser.parse_args(argv)

    url = os.environ.get("PORTAL_BENCH_DATABASE_URL", STANDAARD_URL)
    engine = lege_database(url)
    app = create_app(
        {"PORTAL_ENV": "development", "DATABASE_URL": url, "SECRET_KEY": "bench-" + "x" * 32}
    )
    runner = app.test_cli_runner()
    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / "dossiers.csv"
        schrijf_bestand(pad, args.aantal, vandaag())

        begin = time.perf_counter()
        eerste = runner.invoke(args=["import", "dossiers", str(pad)])
        seconden = time.perf_counter() - begin
        if eerste.exit_code not in (0, 1):
            sys.exit(f"import failed ({eerste.exit_code}): {eerste.output[-2000:]}")
        na_eerste = tel(engine)

        begin = time.perf_counter()
        tweede = runner.invoke(args=["import", "dossiers", str(pad)])
        tweede_seconden = time.perf_counter() - begin
        if tweede.exit_code not in (0, 1):
            sys.exit(f"second import failed ({tweede.exit_code}): {tweede.output[-2000:]}")
        na_tweede = tel(engine)

    telling = samenvatting(eerste.output)
    tweede_telling = samenvatting(tweede.output)
    # Changed rows as the import reports them, plus any row the tables gained regardless.
    veranderd = tweede_telling["nieuw"] + tweede_telling["bijgewerkt"]
    veranderd += sum(abs(na_tweede[t] - na_eerste[t]) for t in na_eerste)
    app.extensions["portal.engine"].dispose()
    engine.dispose()
    uitslag: dict[str, float | int] = {
        "rows": telling["gelezen"],
        "seconds": round(seconden, 1),
        "rows_per_s": round(telling["gelezen"] / seconden),
        "rejected": telling["afgewezen"],
        "second_run_seconds": round(tweede_seconden, 1),
        "second_run_changed": veranderd,
    }
    print(json.dumps(uitslag))
    return uitslag


if __name__ == "__main__":
    main()
