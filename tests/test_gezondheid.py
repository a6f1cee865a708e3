"""Health endpoints for load balancers: liveness, and readiness (database and planner)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from notificaties import lease
from portal.models import utcnow

ONBEREIKBAAR = "postgresql://portal@127.0.0.1:1/portal"  # a closed port: refused at once


# --- liveness and readiness --------------------------------------------------------------


def test_liveness_answers_ok_even_when_the_database_is_unreachable(maak_app):
    app = maak_app(DATABASE_URL=ONBEREIKBAAR)

    response = app.test_client().get("/gezondheid/leeft")

    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_readiness_is_ok_with_a_reachable_database_and_a_fresh_heartbeat(client, db):
    lease.neem_of_verleng(db, "werker-1", utcnow() - timedelta(seconds=20))

    response = client.get("/gezondheid/klaar")

    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "planner": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_readiness_is_503_when_no_worker_ever_planned(client):
    response = client.get("/gezondheid/klaar")

    assert response.status_code == 503
    assert response.get_json() == {
        "status": "niet-klaar",
        "database": "ok",
        "planner": "geen-hartslag",
    }
    assert response.headers["Cache-Control"] == "no-store"


def test_readiness_is_503_when_the_heartbeat_is_older_than_the_configured_maximum(maak_app):
    app = maak_app(HARTSLAG_MAX_SECONDEN=60)
    db = app.extensions["portal.sessionmaker"]()
    lease.neem_of_verleng(db, "werker-1", utcnow() - timedelta(seconds=90))
    db.close()

    response = app.test_client().get("/gezondheid/klaar")

    assert response.status_code == 503
    assert response.get_json()["planner"] == "geen-hartslag"
    assert response.get_json()["database"] == "ok"


def test_readiness_is_503_without_a_stack_trace_when_the_database_is_unreachable(maak_app):
    app = maak_app(DATABASE_URL=ONBEREIKBAAR)

    response = app.test_client().get("/gezondheid/klaar")

    assert response.status_code == 503
    assert response.get_json() == {
        "status": "niet-klaar",
        "database": "fout",
        "planner": "geen-hartslag",
    }
    assert "Traceback" not in response.get_data(as_text=True)
    assert "127.0.0.1" not in response.get_data(as_text=True)


# --- never rate-limited ------------------------------------------------------------------

# Run in a fresh interpreter: the limiter is one object per process and keeps an application
# limit once an app has set it, so setting one here would limit every later test's app.
ZONDER_LIMIET = """
import json, sys
from notificaties import lease
from portal import create_app
from portal.db import upgrade
from portal.models import utcnow
from tests.conftest import test_config

upgrade(sys.argv[1])
app = create_app(test_config(sys.argv[1], RATELIMIT_ENABLED=True,
                             RATELIMIT_APPLICATION="2 per minute"))
with app.extensions["portal.sessionmaker"]() as session:
    lease.neem_of_verleng(session, "werker-1", utcnow())
client = app.test_client()
print(json.dumps({pad: [client.get(pad).status_code for _ in range(10)]
                  for pad in ("/toegankelijkheid", "/gezondheid/leeft", "/gezondheid/klaar")}))
"""


def test_health_endpoints_are_never_rate_limited_even_under_an_application_wide_limit(tmp_path):
    """A load balancer probes every few seconds from one address: a 429 would take a healthy
    process out of service. The public page beside them shows that the limit is active."""
    uit = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", ZONDER_LIMIET, f"sqlite:///{tmp_path / 'limiet.db'}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
        timeout=120,
    ).stdout
    codes = json.loads(uit.strip().splitlines()[-1])

    assert codes["/toegankelijkheid"] == [200, 200] + [429] * 8
    assert codes["/gezondheid/leeft"] == [200] * 10
    assert codes["/gezondheid/klaar"] == [200] * 10


# --- a worker that starts makes the portal ready ------------------------------------------


def test_readiness_turns_ok_soon_after_the_first_worker_starts(maak_app, database_url):
    """The worker takes the planner's lease when it starts, not at its first 15-second beat,
    so a fresh deployment is ready as soon as a worker runs."""
    app = maak_app()
    client = app.test_client()
    assert client.get("/gezondheid/klaar").status_code == 503  # no worker yet

    omgeving = {**os.environ, "PORTAL_ENV": "development", "PORTAL_DATABASE_URL": database_url}
    werker = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "portal", "notificaties", "run"],
        cwd=Path(__file__).resolve().parent.parent,
        env=omgeving,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # A deadline to wait for, not a speed measurement: well under the 15-second beat.
        uiterlijk = time.monotonic() + 12
        status = 503
        while status != 200 and time.monotonic() < uiterlijk and werker.poll() is None:
            time.sleep(0.2)
            status = client.get("/gezondheid/klaar").status_code
        assert status == 200, "the worker did not take the lease at start"
    finally:
        werker.send_signal(signal.SIGINT)
        werker.wait(timeout=30)
