"""Benchmark: requests per second and latency of the hot pages under gunicorn.

    python benchmarks/http_load.py [--aantal 220000] [--workers 4] [--seconden 20] [--hergebruik]

Seeds ``--aantal`` bulk dossiers into PostgreSQL (PORTAL_BENCH_DATABASE_URL, default the
`bench_http` database on 127.0.0.1, created when missing; its schema is rebuilt) plus one
casemanager with 5,000 open inzageverzoeken. Starts gunicorn with the production config
(gunicorn.conf.py) on the portal plus one benchmark page (benchmarks/minimaal.py), and
measures, each phase after a 3 s warm-up:

- throughput, with wrk at 16 connections (closed loop: as fast as the server answers), of
  /gezondheid/leeft (``bare``: a constant answer, the ceiling that framework, middleware and
  server set), /bench/minimaal (``minimaal``: the least a logged-in page does: the session
  check, one indexed query, a tiny template, the same middleware), /mijn-dossier of random
  people (``dossier``) and the inzage queue as that casemanager (``queue``).
  ``dossier_vs_minimaal`` is what Mijn dossier's own work leaves of the minimal page's rate;
- latency as people see it: /mijn-dossier at a steady 150 requests/s, whatever the server
  does (open loop, benchmarks/open_lus.py), timed from the moment each request was due, so
  a queue in the server counts (``p50_ms_bij_150``, ``p95_ms_bij_150``).

The session cookies are those of logged-in people, CSRF token included, so a page need not
add one and send a new cookie. Prints one JSON line; ``errors`` counts every request that
failed or did not answer 200, in all phases.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, insert, select, text, update
from sqlalchemy.orm import Session

HIER = Path(__file__).resolve().parent
sys.path.insert(0, str(HIER))
# The repository root before this folder: benchmarks/notificaties.py must not hide the
# notificaties package from the portal modules that minimaal imports.
sys.path.insert(0, str(HIER.parent))

from minimaal import PAD as MINIMAAL_PAD  # noqa: E402
from open_lus import Uitslag, open_lus  # noqa: E402
from seed_volume import lege_database, maak_database  # noqa: E402

from portal import create_app  # noqa: E402
from portal.auth import sessies  # noqa: E402
from portal.auth.toegang import SESSIE_SLEUTEL  # noqa: E402
from portal.db import make_engine  # noqa: E402
from portal.demo import volume  # noqa: E402
from portal.models import Dossier, Medewerker  # noqa: E402
from portal.models.inzage import Inzageverzoek  # noqa: E402
from portal.tijd import vandaag  # noqa: E402

STANDAARD_URL = "postgresql://postgres@127.0.0.1:5432/bench_http"
CASEMANAGER_SUB = "bench-casemanager"
OPEN_VERZOEKEN = 5_000
PERSONEN = 1_000  # logged-in people whose dossier pages the load rotates through
VERBINDINGEN = 16
TEMPO = 150  # requests per second in the open-loop phase: the expected peak, with margin
DOEL_VS_MINIMAAL = 0.7
DOEL_P95_MS_BIJ_150 = 50
PADEN = {
    "dossier": "/mijn-dossier",
    "queue": "/medewerker/inzage",
    "bare": "/gezondheid/leeft",
    "minimaal": MINIMAAL_PAD,
}

# The smallest production configuration check_config accepts. The OIDC providers and
# Twilio are never called: every session is made directly in the database.
PRODUCTIE_ENV = {
    "PORTAL_ENV": "production",
    "PORTAL_SECRET_KEY": "http-load-benchmark-secret-key-0123456789",
    "PORTAL_PUBLIEKE_URL": "https://portaal.example",
    "PORTAL_BURGER_OIDC_ISSUER": "https://digid.example",
    "PORTAL_BURGER_OIDC_CLIENT_ID": "bench",
    "PORTAL_BURGER_OIDC_CLIENT_SECRET": "bench",
    "PORTAL_MEDEWERKER_OIDC_ISSUER": "https://login.uwv.example",
    "PORTAL_MEDEWERKER_OIDC_CLIENT_ID": "bench",
    "PORTAL_MEDEWERKER_OIDC_CLIENT_SECRET": "bench",
    "PORTAL_TWILIO_ACCOUNT_SID": "ACbench",
    "PORTAL_TWILIO_AUTH_TOKEN": "bench",
    "PORTAL_TWILIO_AFZENDER": "UWV",
    "PORTAL_SMTP_HOST": "127.0.0.1",
}

WRK_SCRIPT = """
local cookies = {}
for regel in io.lines(%(cookies)s) do cookies[#cookies + 1] = regel end
local pad = %(pad)s
local draden = {}
local volgnummer = 0

function setup(draad)
  volgnummer = volgnummer + 1
  draad:set("start", volgnummer * 7919)
  table.insert(draden, draad)
end

function init(args)
  i = start
  fout = 0
end

function request()
  i = i %% #cookies + 1
  if cookies[i] == "" then return wrk.format("GET", pad) end
  return wrk.format("GET", pad, {["Cookie"] = cookies[i]})
end

function response(status, headers, body)
  if status ~= 200 then fout = fout + 1 end
end

function done(summary, latency, requests)
  local niet_200 = 0
  for _, draad in ipairs(draden) do niet_200 = niet_200 + draad:get("fout") end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "seconds": %%.3f, "p50_us": %%d, "p95_us": %%d, "errors": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95),
    e.connect + e.read + e.write + e.timeout + niet_200))
end
"""


def zaai(engine: Engine, aantal: int) -> None:
    """The bulk dossiers, and a casemanager with OPEN_VERZOEKEN open inzageverzoeken."""
    dag = vandaag()
    volume.voeg_toe(engine, aantal, dag, seed=2026)
    with Session(engine) as session:
        casemanager = Medewerker(
            oidc_sub=CASEMANAGER_SUB, naam="Bench Casemanager", rollen="casemanager"
        )
        session.add(casemanager)
        session.flush()
        dossiers = session.execute(
            select(Dossier.id, Dossier.burger_id).order_by(Dossier.id).limit(OPEN_VERZOEKEN)
        ).all()
        session.execute(
            update(Dossier)
            .where(Dossier.id.in_([d.id for d in dossiers]))
            .values(casemanager_id=casemanager.id)
        )
        session.execute(
            insert(Inzageverzoek),
            [
                {
                    "kenmerk": f"INZ-B-{n:06d}",
                    "burger_id": burger_id,
                    "dossier_id": dossier_id,
                    "onderwerpen": ["dagloon"],
                    "levering": "portaal",
                    "status": ("ontvangen", "in_behandeling", "verlengd")[n % 3],
                    "termijn_op": dag + timedelta(days=n % 40 - 5),
                    # Half are his, half still unassigned: the queue's usual mix.
                    "medewerker_id": casemanager.id if n % 2 else None,
                }
                for n, (dossier_id, burger_id) in enumerate(dossiers)
            ],
        )
        session.commit()
    # What autovacuum does soon after a bulk load, and an operator does at once: without
    # statistics the planner guesses 21 open requests and sorts all 5,000 for every page;
    # without the visibility map the counts per status read the table instead of its index.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as verbinding:
        verbinding.execute(text("VACUUM ANALYZE inzageverzoek, dossier, medewerker"))


def cookies(engine: Engine, url: str) -> tuple[list[str], str]:
    """Signed session cookies: PERSONEN random burgers, and the casemanager.

    Each holds what a browser's does after its first page: the session token and a CSRF
    token. Without the latter, every page that renders a form (the layout's language choice)
    makes one, and the response sends a newly signed cookie, which people pay only once.
    """
    os.environ.update(PRODUCTIE_ENV)  # the same secret key and cookie name as the server
    app = create_app({"DATABASE_URL": url})
    ondertekenaar = app.session_interface.get_signing_serializer(app)
    naam = app.config["SESSION_COOKIE_NAME"]
    # Where and how flask_wtf.csrf.generate_csrf keeps the token in the session.
    csrf_sleutel = app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")

    def cookie(token: str) -> str:
        csrf = hashlib.sha1(os.urandom(64)).hexdigest()  # noqa: S324 (Flask-WTF's own format)
        return f"{naam}={ondertekenaar.dumps({SESSIE_SLEUTEL: token, csrf_sleutel: csrf})}"

    with Session(engine) as session:
        casemanager_id = session.scalar(
            select(Medewerker.id).where(Medewerker.oidc_sub == CASEMANAGER_SUB)
        )
        if casemanager_id is None:
            sys.exit("no bench casemanager in this database: run without --hergebruik")
        burger_ids = list(
            session.scalars(select(Dossier.burger_id).order_by(func.random()).limit(PERSONEN))
        )
        burgers = [cookie(sessies.start(session, burger_id=b)) for b in burger_ids]
        medewerker = cookie(sessies.start(session, medewerker_id=casemanager_id))
    return burgers, medewerker


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_gunicorn(url: str, poort: int, workers: int, threads: int, log: Path) -> Any:
    """Gunicorn as in production (gunicorn.conf.py: gthread, keep-alive, worker recycling,
    no access log), with the worker count, address and log file of this run. The app is
    the portal plus the minimal benchmark page: benchmarks.minimaal, importable from the
    repository root, the working directory."""
    env = {**os.environ, **PRODUCTIE_ENV, "PORTAL_DATABASE_URL": url}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proces = subprocess.Popen(  # noqa: S603 (our own command line)
        [
            str(gunicorn),
            "-c", str(HIER.parent / "gunicorn.conf.py"),
            "benchmarks.minimaal:create_app()",
            "-w", str(workers),
            "-k", "gthread",
            "--threads", str(threads),
            "-b", f"127.0.0.1:{poort}",
            "--error-logfile", str(log),
            "--graceful-timeout", "5",
        ],
        cwd=HIER.parent,
        env=env,
        # The portal's own log (a JSON line per request) in the same file, not on this
        # script's output: a run writes hundreds of thousands of lines.
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    for _ in range(300):
        if proces.poll() is not None:
            sys.exit(f"gunicorn stopped at start-up; see {log}:\n{log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{poort}/bestaat-niet", timeout=1)
        except urllib.error.HTTPError:
            return proces  # any HTTP answer means a worker is serving
        except OSError:
            time.sleep(0.1)
    proces.terminate()
    sys.exit("gunicorn did not answer within 30 s")


def status(basis: str, pad: str, cookie: str = "") -> int:
    """The status of one GET; a warning when a logged-in page sends a new session cookie,
    as then every request of the load would pay for signing one."""
    # Always http://127.0.0.1: the server this script started.
    verzoek = urllib.request.Request(basis + pad, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with urllib.request.urlopen(verzoek, timeout=10) as antwoord:  # noqa: S310
            if cookie and antwoord.headers.get("Set-Cookie"):
                print(f"warning: {pad} sends Set-Cookie with a session cookie", file=sys.stderr)
            return int(antwoord.status)
    except urllib.error.HTTPError as fout:
        return fout.code


def wrk(basis: str, pad: str, cookies: list[str], seconden: int, map_: Path) -> dict[str, Any]:
    naam = pad.strip("/").replace("/", "-")
    cookiebestand = map_ / f"{naam}.cookies"
    cookiebestand.write_text("\n".join(cookies) + "\n")
    script = map_ / f"{naam}.lua"
    script.write_text(
        WRK_SCRIPT % {"cookies": json.dumps(str(cookiebestand)), "pad": json.dumps(pad)}
    )
    # Two wrk threads: one core's worth at most, so the load tool is not the bottleneck. A long
    # timeout: a request given up on keeps a worker busy, so it would only pile up load.
    uit = subprocess.run(  # noqa: S603 (our own command line)
        [
            shutil.which("wrk") or "wrk",
            "-t2",
            f"-c{VERBINDINGEN}",
            f"-d{seconden}s",
            "--timeout",
            "30s",
            "-s",
            str(script),
            basis + pad,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(uit.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantal", type=int, default=220_000, help="bulk dossiers")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--seconden", type=int, default=20, help="length of each load phase")
    parser.add_argument(
        "--hergebruik", action="store_true", help="keep a database seeded by an earlier run"
    )
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")

    url = os.environ.get("PORTAL_BENCH_DATABASE_URL", STANDAARD_URL)
    # Before the first connection: on a fresh machine there is no database to connect to.
    maak_database(url.replace("postgresql+psycopg://", "postgresql://"))
    engine = make_engine(url)
    with engine.connect() as verbinding:
        try:
            bestaand = verbinding.scalar(select(func.count()).select_from(Dossier)) or 0
        except Exception:  # no schema yet
            bestaand = 0
    if not (args.hergebruik and bestaand >= args.aantal):
        engine.dispose()
        engine = lege_database(url)
        begin = time.perf_counter()
        zaai(engine, args.aantal)
        print(f"seeded in {time.perf_counter() - begin:.0f} s", file=sys.stderr)
    burgers, medewerker = cookies(engine, url)
    engine.dispose()

    with tempfile.TemporaryDirectory() as tijdelijk:
        map_ = Path(tijdelijk)
        poort = vrije_poort()
        basis = f"http://127.0.0.1:{poort}"
        proces = start_gunicorn(url, poort, args.workers, args.threads, map_ / "gunicorn.log")
        try:
            # The bare endpoint first and the queue last: a slow phase leaves a backlog of
            # requests in the workers that would otherwise be counted against the next one.
            fases = {"bare": [""], "minimaal": burgers, "dossier": burgers, "queue": [medewerker]}
            for naam, gebruikers in fases.items():
                code = status(basis, PADEN[naam], gebruikers[0])
                if code != 200:
                    print(f"error: {PADEN[naam]} answered {code}, not 200", file=sys.stderr)
            metingen: dict[str, dict[str, Any]] = {}
            bij_150: Uitslag | None = None
            for naam, gebruikers in fases.items():
                if status(basis, PADEN[naam], gebruikers[0]) != 200:
                    continue  # reported above; the JSON line shows null for this phase
                wrk(basis, PADEN[naam], gebruikers, 3, map_)  # warm-up: caches, connections
                metingen[naam] = wrk(basis, PADEN[naam], gebruikers, args.seconden, map_)
                if naam == "dossier":  # before the queue's backlog, like a wrk phase
                    bij_150 = open_lus(
                        basis, PADEN[naam], gebruikers, tempo=TEMPO, seconden=args.seconden
                    )
        finally:
            proces.terminate()
            try:
                proces.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proces.kill()  # a worker stuck on a kept-alive connection
                proces.wait()

    def rps(naam: str) -> float | None:
        m = metingen.get(naam)
        return round(m["requests"] / m["seconds"], 1) if m else None

    def p95(naam: str) -> float | None:
        m = metingen.get(naam)
        return round(m["p95_us"] / 1000, 1) if m and m["requests"] else None

    dossier_rps, minimaal_rps = rps("dossier"), rps("minimaal")
    errors_bij_150 = bij_150.fouten if bij_150 else 0
    uitslag = {
        "dossier_rps": dossier_rps,
        "minimaal_rps": minimaal_rps,
        "queue_rps": rps("queue"),
        "bare_rps": rps("bare"),
        "dossier_vs_minimaal": (
            round(dossier_rps / minimaal_rps, 2) if dossier_rps and minimaal_rps else None
        ),
        "dossier_p95_ms": p95("dossier"),
        "minimaal_p95_ms": p95("minimaal"),
        "queue_p95_ms": p95("queue"),
        "bare_p95_ms": p95("bare"),
        "p50_ms_bij_150": bij_150.p50_ms if bij_150 else None,
        "p95_ms_bij_150": bij_150.p95_ms if bij_150 else None,
        "verzoeken_bij_150": bij_150.verzoeken if bij_150 else None,
        "errors_bij_150": errors_bij_150,
        "errors": sum(m["errors"] for m in metingen.values()) + errors_bij_150,
        "workers": args.workers,
        "threads": args.threads,
        "seconds": args.seconden,
        "goal_dossier_vs_minimaal": DOEL_VS_MINIMAAL,
        "goal_p95_ms_bij_150": DOEL_P95_MS_BIJ_150,
    }
    print(json.dumps(uitslag))
    return uitslag


if __name__ == "__main__":
    main()
