"""Wiring: channels and dispatcher settings from the app's configuration.

The scheduler's jobs are plain functions of ``(app, nu)``; tests call them at a fixed time.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections import Counter
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, time, timedelta
from typing import Any

from flask import Flask

from notificaties import dispatcher, teksten
from notificaties.kanalen import DevKanaal, Kanaal, Uitgaand
from notificaties.stiltijd import Venster
from portal.models import Notificatie, utcnow

log = logging.getLogger(__name__)


def kanalen(app: Flask) -> dict[str, Kanaal]:
    """Twilio and SMTP when configured; the dev inbox in demo and development; else none,
    so that in tests an unfaked send fails instead of going out."""
    config = app.config
    sessie_maker = app.extensions["portal.sessionmaker"]
    gekozen: dict[str, Kanaal] = {}
    if config["DEV_KANAAL"]:
        gekozen = {"sms": DevKanaal(sessie_maker), "email": DevKanaal(sessie_maker)}
    if config["TWILIO_ACCOUNT_SID"]:
        from notificaties.sms import SmsKanaal

        publiek = config["PUBLIEKE_URL"]
        gekozen["sms"] = SmsKanaal(
            config["TWILIO_ACCOUNT_SID"],
            config["TWILIO_AUTH_TOKEN"],
            messaging_service_sid=config["TWILIO_MESSAGING_SERVICE_SID"],
            afzender=config["TWILIO_AFZENDER"],
            status_callback=f"{publiek}/webhooks/twilio/status" if publiek else None,
            api_url=config["TWILIO_API_URL"],
            timeout=config["TWILIO_TIMEOUT"],
        )
    if config["SMTP_HOST"]:
        from notificaties.email import EmailKanaal

        gekozen["email"] = EmailKanaal(
            config["SMTP_HOST"],
            config["SMTP_PORT"],
            afzender=config["EMAIL_AFZENDER"],
            beveiliging=config["SMTP_BEVEILIGING"],
            gebruiker=config["SMTP_GEBRUIKER"],
            wachtwoord=config["SMTP_WACHTWOORD"],
            timeout=config["SMTP_TIMEOUT"],
        )
    return gekozen


def _tijd(waarde: str) -> time:
    uur, minuut = waarde.split(":")
    return time(int(uur), int(minuut))


def _stiltijd(config: Mapping[str, Any]) -> Venster | None:
    """The SMS window; ``SMS_STILTIJD`` off (tests and benchmarks only) lets SMS go at
    any hour. config.check_config refuses that in production."""
    if not config["SMS_STILTIJD"]:
        return None
    return Venster(van=_tijd(config["SMS_STILTIJD_VAN"]), tot=_tijd(config["SMS_STILTIJD_TOT"]))


def instellingen(app: Flask) -> dispatcher.Instellingen:
    config = app.config
    return dispatcher.Instellingen(
        opnieuw_proberen=timedelta(hours=config["NOTIFICATIE_OPNIEUW_UREN"]),
        stiltijd=_stiltijd(config),
        draden=config["DISPATCHER_DRADEN"],
        # Enough rows per claim to keep every thread busy between two claims.
        partij=max(100, 10 * config["DISPATCHER_DRADEN"]),
        tempo=dispatcher.Tempo(
            {"sms": config["SMS_PER_SECONDE"], "email": config["EMAIL_PER_SECONDE"]},
            config["RATELIMIT_STORAGE_URI"],
        ),
    )


class Verzender:
    """One dispatcher for one app: its channels and settings are built once."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.kanalen = kanalen(app)
        gewoon = instellingen(app)
        self.pool = ThreadPoolExecutor(gewoon.draden, thread_name_prefix="verzender")
        # The connections the engine keeps; SQLite in memory keeps one per thread, no limit.
        blijvend = getattr(app.extensions["portal.engine"].pool, "size", lambda: 0)()
        self.instellingen = dataclasses.replace(
            gewoon,
            pool=self.pool,
            verbindingen=threading.BoundedSemaphore(blijvend) if blijvend > 0 else None,
        )

    def sluit(self) -> None:
        """Stop the threads (a worker that ends; tests that are done)."""
        self.pool.shutdown(wait=True)

    def render(self, notificatie: Notificatie, taal: str) -> Uitgaand:
        with self.app.app_context():
            return teksten.uitgaand(notificatie, taal)

    def dispatch(self, nu: datetime | None = None) -> Counter[str]:
        """Send every row that is due now, batch after batch."""
        nu = nu or utcnow()
        totaal: Counter[str] = Counter()
        maker = self.app.extensions["portal.sessionmaker"]
        while uitkomsten := dispatcher.dispatch_partij(
            maker, self.kanalen, self.render, nu, self.instellingen
        ):
            totaal.update(uitkomsten)
        if totaal:
            log.info("Dispatched: %s", ", ".join(f"{k} {v}" for k, v in sorted(totaal.items())))
        return totaal

    def sweep(self, nu: datetime | None = None) -> int:
        maker = self.app.extensions["portal.sessionmaker"]
        with maker() as session:
            return dispatcher.sweep(session, nu or utcnow(), self.instellingen.veegtijd)
