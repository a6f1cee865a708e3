"""Benchmark: how many SMS a second the real dispatcher sends through a slow fake Twilio.

    python benchmarks/notificaties.py [--aantal 5000] [--draden 32] [--processen 2]
                                      [--latentie-ms 50]

Seeds ``--aantal`` due SMS for verified, opted-in persons (each their own number), then runs
``Verzender(app).dispatch()`` until nothing is due: in this process, and in ``--processen``
minus one more beside it, as more workers would (one process is bound by its GIL at about
400 a second). The fake Twilio answers every request after ``--latentie-ms`` and runs in a
process of its own, so its CPU is not counted against the dispatchers'. Before that it times
one claim with 10,000, 60,000 and 120,000 messages waiting at the same moment (as a quarterly
run leaves them): ``claim_ms_10k`` … must stay flat. The database comes from
PORTAL_BENCH_DATABASE_URL (default: the `bench` database on 127.0.0.1, created when missing);
its outbox is emptied, the rest of it is left alone. Prints one JSON line at the end.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing
import os
import statistics
import sys
import threading
import time
from collections import Counter
from multiprocessing.connection import Connection
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a script, this file's own folder would come first and hide the notificaties package.
sys.path[:1] = [str(ROOT)]

from sqlalchemy import Engine, delete, func, insert, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from benchmarks.seed_volume import STANDAARD_URL, maak_database  # noqa: E402
from notificaties.verzending import Verzender  # noqa: E402
from portal import create_app  # noqa: E402
from portal.db import make_engine, upgrade  # noqa: E402
from portal.demo.volume import bsns  # noqa: E402
from portal.models import Burger, Notificatie, Notificatievoorkeur, utcnow  # noqa: E402

# The benchmark's own people: numbers and BSNs far from what the demo volume generates.
EMAIL = "benchmark-{}@example.nl"
TELEFOON = "+3169{:07d}"
BSN_NA = 990_000_000
CLAIM_AANTALLEN = (10_000, 60_000, 120_000)


def nep_twilio(latentie: float, verbinding: Connection) -> None:
    """The fake Twilio in its own process: sends its URL, then the numbers it received.

    Tuned to behave as the real Twilio does under load: it keeps connections open (HTTP/1.1),
    answers without Nagle's delay (headers and body are two writes, and with a delayed ACK
    that adds ~40 ms to every answer), and accepts more than five waiting connections.
    """
    from tests import nep_twilio

    # This process is the fake's alone, so changing its classes here touches nothing else.
    nep_twilio._Handler.protocol_version = "HTTP/1.1"
    nep_twilio._Handler.disable_nagle_algorithm = True
    nep_twilio._Server.request_queue_size = 256
    nep = nep_twilio.NepTwilio().start()
    nep.latentie = latentie
    verbinding.send(nep.api_url)
    verbinding.recv()  # the dispatcher is done
    verbinding.send([bericht.to for bericht in nep.berichten])
    nep.stop()


def zaai(engine: Engine, aantal: int) -> set[str]:
    """An empty outbox, then ``aantal`` due SMS, each to its own verified, opted-in person."""
    nu = utcnow()
    with engine.begin() as verbinding:
        verbinding.execute(text("TRUNCATE notificatie, dev_notificatie"))
        oud = select(Burger.id).where(Burger.email.like(EMAIL.format("%")))
        verbinding.execute(
            delete(Notificatievoorkeur).where(Notificatievoorkeur.burger_id.in_(oud))
        )
        verbinding.execute(delete(Burger).where(Burger.id.in_(oud)))
        bsn = bsns(BSN_NA)
        burgers = verbinding.execute(
            insert(Burger).returning(Burger.id, Burger.telefoon, sort_by_parameter_order=True),
            [
                {
                    "bsn": next(bsn),
                    "voornamen": "Anneke",
                    "tussenvoegsel": "de",
                    "achternaam": f"Vries{nummer}",
                    "telefoon": TELEFOON.format(nummer),
                    "email": EMAIL.format(nummer),
                    "taal": "nl" if nummer % 5 else "en",
                    "telefoon_geverifieerd_op": nu,
                    "aangemaakt_op": nu,
                }
                for nummer in range(aantal)
            ],
        ).all()
        verbinding.execute(
            insert(Notificatievoorkeur),
            [
                {
                    "burger_id": burger_id,
                    "kanaal": "sms",
                    "soort": "kwartaalupdate",
                    "aangezet_op": nu,
                }
                for burger_id, _ in burgers
            ],
        )
        verbinding.execute(
            insert(Notificatie),
            [
                {
                    "idempotentiesleutel": f"kwartaalupdate:benchmark:{burger_id}:sms",
                    "burger_id": burger_id,
                    "kanaal": "sms",
                    "soort": "kwartaalupdate",
                    "adres": telefoon,
                    "gegevens": {},
                    "status": "wachtend",
                    "pogingen": 0,
                    "volgende_poging_op": nu,
                    "aangemaakt_op": nu,
                }
                for burger_id, telefoon in burgers
            ],
        )
    return {telefoon for _, telefoon in burgers}


def claimtijden(engine: Engine, aantallen: tuple[int, ...], partij: int) -> dict[str, float]:
    """How long one claim takes with ``aantal`` messages waiting, all due at the same moment
    (as a quarterly run leaves them): the median of five claims, each handed back after."""
    from notificaties.dispatcher import claim

    nu = utcnow()
    tijden: dict[str, float] = {}
    for aantal in aantallen:
        with engine.begin() as verbinding:
            verbinding.execute(text("TRUNCATE notificatie, dev_notificatie"))
            verbinding.execute(
                text(
                    "INSERT INTO notificatie (idempotentiesleutel, kanaal, soort, adres, gegevens,"
                    " status, pogingen, volgende_poging_op, verschuldigd_op, aangemaakt_op)"
                    " SELECT 'claim:' || g, 'sms', 'kwartaalupdate', '+31600000000', '{}',"
                    " 'wachtend', 0, :nu, :nu, :nu FROM generate_series(1, :aantal) g"
                ),
                {"nu": nu, "aantal": aantal},
            )
            verbinding.execute(text("ANALYZE notificatie"))
        metingen = []
        with Session(engine) as session:
            for _ in range(5):
                begin = time.perf_counter()
                geclaimd = claim(session, nu, partij)
                metingen.append((time.perf_counter() - begin) * 1000)
                session.execute(
                    text("UPDATE notificatie SET status = 'wachtend' WHERE id = ANY(:ids)"),
                    {"ids": geclaimd},
                )
                session.commit()
        tijden[f"claim_ms_{aantal // 1000}k"] = round(statistics.median(metingen), 1)
    return tijden


def verzend(
    url: str, api_url: str, draden: int, start: Event, klaar: Queue[dict[str, float]]
) -> None:
    """One dispatcher: says it is ready, then ``Verzender.dispatch()`` from ``start`` on
    until nothing is due, then reports how its messages ended and the CPU it used."""
    from tests.nep_twilio import ACCOUNT_SID, AUTH_TOKEN, MESSAGING_SERVICE_SID

    app = create_app(
        {
            "PORTAL_ENV": "development",
            "DATABASE_URL": url,
            "DEV_KANAAL": False,
            "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "TWILIO_MESSAGING_SERVICE_SID": MESSAGING_SERVICE_SID,
            "TWILIO_API_URL": api_url,
            "DISPATCHER_DRADEN": draden,
            "SMS_PER_SECONDE": 0,  # no limit of our own: the provider's latency is measured
        }
    )
    verzender = Verzender(app)
    # Quiet hours would hold everything back outside 08:00-21:00 and on Sundays.
    verzender.instellingen = dataclasses.replace(verzender.instellingen, stiltijd=None)
    klaar.put({})
    start.wait()
    cpu = time.process_time()
    uitkomsten = verzender.dispatch()
    cpu = time.process_time() - cpu
    verzender.kanalen["sms"].close()
    app.extensions["portal.engine"].dispose()
    klaar.put({**uitkomsten, "cpu_s": cpu})


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantal", type=int, default=5_000, help="SMS to send")
    parser.add_argument("--draden", type=int, default=32, help="PORTAL_DISPATCHER_DRADEN")
    parser.add_argument("--processen", type=int, default=2, help="dispatcher processes")
    parser.add_argument("--latentie-ms", type=float, default=50, help="the fake's answer time")
    args = parser.parse_args(argv)

    url = os.environ.get("PORTAL_BENCH_DATABASE_URL", STANDAARD_URL)
    maak_database(url.replace("postgresql+psycopg://", "postgresql://"))
    upgrade(url)
    engine = make_engine(url)
    # One claim with a long queue first (the dispatchers' own batch size); the outbox is
    # emptied again by the seeding below.
    claims = claimtijden(engine, CLAIM_AANTALLEN, max(100, 10 * args.draden))
    nummers = zaai(engine, args.aantal)

    context = multiprocessing.get_context("spawn")
    wij, zij = context.Pipe()
    context.Process(target=nep_twilio, args=(args.latentie_ms / 1000, zij), daemon=True).start()
    api_url = wij.recv()
    start, klaar = context.Event(), context.Queue()
    # One dispatcher runs in this process; more run beside it, as more workers would.
    extra = [
        context.Process(target=verzend, args=(url, api_url, args.draden, start, klaar))
        for _ in range(args.processen - 1)
    ]
    for proces in extra:
        proces.start()
    hier = threading.Thread(target=verzend, args=(url, api_url, args.draden, start, klaar))
    hier.start()
    for _ in range(args.processen):
        klaar.get(timeout=120)  # every dispatcher has built its app and channels
    belasting = os.getloadavg()[0]

    begin = time.perf_counter()
    start.set()
    uitkomsten: Counter[str] = Counter()
    cpu = 0.0
    for _ in range(args.processen):
        verslag = klaar.get(timeout=600)
        cpu += verslag.pop("cpu_s")
        uitkomsten.update({uitkomst: int(n) for uitkomst, n in verslag.items()})
    seconden = time.perf_counter() - begin
    hier.join()
    for proces in extra:
        proces.join(timeout=10)

    wij.send("klaar")
    ontvangen = Counter(wij.recv())
    with engine.connect() as verbinding:
        verzonden = verbinding.scalar(select(func.count()).where(Notificatie.status == "verzonden"))
    engine.dispose()

    uitslag: dict[str, object] = {
        "messages": args.aantal,
        "seconds": round(seconden, 2),
        "msgs_per_s": round(args.aantal / seconden),
        "lost": max(args.aantal - (verzonden or 0), len(nummers - set(ontvangen))),
        "duplicates": sum(1 for n in ontvangen.values() if n > 1),
        "draden": args.draden,
        "processen": args.processen,
        "latency_ms": args.latentie_ms,
        "cpu_ms_per_msg": round(cpu * 1000 / args.aantal, 2),  # the dispatchers' own
        "load_avg": round(belasting, 1),
        "outcomes": dict(uitkomsten),
        **claims,
    }
    print(json.dumps(uitslag))
    return uitslag


if __name__ == "__main__":
    main()
