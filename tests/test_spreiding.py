"""A wave of dossiers entering the investigation on one day gets its first updates spread
over the quarter; and a worker that is stopped hands the planning on at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta

from notificaties import lease
from portal import kalender, statussen
from portal.models import utcnow
from tests.api_hulp import maak_systeem, post
from tests.factories import maak_dossier, maak_traject
from tests.werkerproces import wacht_tot

MAANDAG = date(2027, 3, 1)


def test_a_wave_of_first_updates_is_spread_over_the_working_days_of_the_quarter():
    kenmerken = [f"WIA-{3_000_000 + n}" for n in range(6_000)]

    datums = [
        statussen.standaard_volgende_datum("dagloon", "in_onderzoek", MAANDAG, k) for k in kenmerken
    ]

    belofte = MAANDAG + relativedelta(months=3)
    assert all(kalender.is_werkdag(d) for d in datums)
    assert min(datums) >= MAANDAG + timedelta(days=14) and max(datums) <= belofte
    per_dag = Counter(datums)
    werkdagen = list(kalender.werkdagen(MAANDAG + timedelta(days=14), belofte))
    gemiddeld = len(datums) / len(werkdagen)
    assert set(per_dag) == set(werkdagen)  # every working day carries some
    assert max(per_dag.values()) <= 1.5 * gemiddeld


def test_the_same_dossier_always_gets_the_same_day():
    eerst = statussen.standaard_volgende_datum("dagloon", "in_onderzoek", MAANDAG, "WIA-3000042")
    dan = statussen.standaard_volgende_datum("indexatie", "in_onderzoek", MAANDAG, "WIA-3000042")
    assert eerst == dan  # all herstelacties of one person move together


def test_other_statuses_keep_their_own_term():
    assert statussen.standaard_volgende_datum(
        "dagloon", "onderzoek_afgerond", MAANDAG, "WIA-3000042"
    ) == MAANDAG + timedelta(weeks=2)


def test_dossiers_entering_the_investigation_through_the_api_are_spread(client, db):
    systeem = maak_systeem(client.application)
    trajecten = [maak_traject(db, dossier=maak_dossier(db), route=()) for _ in range(12)]
    db.commit()

    for traject in trajecten:
        antwoord = post(
            client, f"/trajecten/{traject.id}/statuswijzigingen", systeem.token,
            {"naar": "in_onderzoek"},
        )  # fmt: skip
        assert antwoord.status_code == 201, antwoord.get_data(as_text=True)

    db.expire_all()
    datums = {t.volgende_update_op for t in trajecten}
    assert len(datums) > 6  # not all on one day
    vandaag = datetime.now(UTC).date()
    assert all(d <= vandaag + relativedelta(months=3) for d in datums)


# --- the lease on SIGTERM ------------------------------------------------------------------------


def test_a_worker_stopped_with_sigterm_gives_up_the_planning_lease_at_once(app, database_url):
    omgeving = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
    omgeving.update(PORTAL_ENV="development", PORTAL_DATABASE_URL=database_url)
    werker = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "portal", "notificaties", "run"],
        cwd=Path(__file__).resolve().parent.parent,
        env=omgeving,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    maker = app.extensions["portal.sessionmaker"]

    def houder() -> str | None:
        with maker() as session:
            return lease.houder(session, utcnow())

    try:
        assert wacht_tot(lambda: houder() is not None, 20, stap=0.2), "no lease taken"
        werker.send_signal(signal.SIGTERM)
        assert werker.wait(timeout=30) == 0
    finally:
        if werker.poll() is None:
            werker.kill()
    assert houder() is None  # another worker may plan now, not after the lease runs out
