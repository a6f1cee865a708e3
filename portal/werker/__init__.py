"""The worker: APScheduler in its own process, wiring plain job functions.

Process wiring, kept apart from what it wires: the planners in ``notificaties`` and in the
services (the casemanager's morning overview, the API's key housekeeping), and the
dispatcher. This package may import anything; nothing but the app factory imports it.

Every worker dispatches and sweeps (the outbox is safe to share). Only the worker that holds
the lease plans: kwartaalupdates and casemanager digests are planned once, whoever runs.
"""

from __future__ import annotations

import logging
import signal
from collections import Counter
from datetime import datetime

from flask import Flask

from notificaties import kwartaalupdate, lease, ongelezen, taken, toezeggingen
from notificaties.verzending import Verzender
from portal.api import idempotentie
from portal.models import utcnow
from portal.services import ochtendoverzicht
from portal.tijd import vandaag

log = logging.getLogger(__name__)

# A missed run (the machine was down at 07:00) still runs when the worker is back, once:
# coalesce folds several missed runs into one, and the grace time is a whole day.
JOB_OPTIES = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 24 * 3600}
PLAN_UUR = 7  # Europe/Amsterdam: updates and digests are waiting when the working day begins


def plan_alles(app: Flask, nu: datetime) -> Counter[str]:
    """Everything that is due by ``nu``. Idempotent: a second run the same day adds nothing."""
    with app.extensions["portal.sessionmaker"]() as session:
        uitkomst: Counter[str] = Counter()
        uitkomst["kwartaalupdates"] = kwartaalupdate.plan_updates(session, vandaag(nu), nu)
        # After the updates, which keep today's promises: what is left open has passed.
        for naam, aantal in toezeggingen.verloop(session, nu).items():
            uitkomst[f"toezeggingen_{naam}"] = aantal
        dagen = app.config["ONGELEZEN_HERINNERING_DAGEN"]
        uitkomst["herinneringen_ongelezen"] = ongelezen.plan_herinneringen(session, nu, dagen)
        uitkomst["herinneringen_taken"] = taken.plan_herinneringen(session, nu)
        uitkomst["digests"] = ochtendoverzicht.plan_emails(session, nu)
        # Not a notification, but hourly housekeeping that must run exactly once as well.
        uitkomst["api_sleutels_opgeruimd"] = idempotentie.ruim_op(session, nu)
    if +uitkomst:
        log.info("Planned: %s", ", ".join(f"{k} {v}" for k, v in sorted(uitkomst.items())))
    return uitkomst


class Werker:
    def __init__(self, app: Flask, houder: str | None = None) -> None:
        self.app = app
        self.houder = houder or lease.nieuwe_houder()
        self.verzender = Verzender(app)

    def leider(self, nu: datetime | None = None) -> bool:
        """Take or renew the lease; True while this worker is the one that plans."""
        with self.app.extensions["portal.sessionmaker"]() as session:
            return lease.neem_of_verleng(session, self.houder, nu or utcnow())

    def plan(self, nu: datetime | None = None) -> Counter[str] | None:
        nu = nu or utcnow()
        if not self.leider(nu):
            return None  # another worker plans; this one waits to take over
        return plan_alles(self.app, nu)

    def stop(self) -> None:
        with self.app.extensions["portal.sessionmaker"]() as session:
            lease.laat_los(session, self.houder)
        self.verzender.sluit()

    def start(self, interval: float) -> None:
        """Run until stopped. The planners also run once at start, to catch up a missed day."""
        from apscheduler.schedulers.blocking import (
            BlockingScheduler,
        )

        scheduler = BlockingScheduler(timezone="Europe/Amsterdam")
        # At once, then every 15 s: the readiness check wants a heartbeat from the start.
        scheduler.add_job(
            self.leider, "interval", seconds=15, id="lease", next_run_time=utcnow(), **JOB_OPTIES
        )
        scheduler.add_job(
            self.plan, "cron", hour=PLAN_UUR, id="plan", next_run_time=utcnow(), **JOB_OPTIES
        )
        # Every hour too: a worker that takes over at 07:05 still plans today.
        scheduler.add_job(self.plan, "interval", hours=1, id="plan-elk-uur", **JOB_OPTIES)
        scheduler.add_job(
            self.verzender.dispatch, "interval", seconds=interval, id="dispatch", **JOB_OPTIES
        )
        scheduler.add_job(self.verzender.sweep, "interval", minutes=1, id="sweep", **JOB_OPTIES)

        def beeindig(signaal: int, _frame: object) -> None:
            # SIGTERM (systemd, podman stop, a deploy): end the loop so the lease is given up
            # below, and another worker plans at once instead of after the lease runs out.
            log.info("Signal %s: stopping", signal.Signals(signaal).name)
            scheduler.shutdown(wait=False)

        vorige = signal.signal(signal.SIGTERM, beeindig)
        try:
            scheduler.start()
        finally:
            signal.signal(signal.SIGTERM, vorige)
            self.stop()


def init_app(app: Flask) -> None:
    """``flask --app portal notificaties …``: start the worker or run one job."""
    from portal.werker.cli import notificaties_cli

    app.cli.add_command(notificaties_cli)
