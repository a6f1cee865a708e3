"""The notificaties worker as a real process, against the test database and a fake Twilio.

Used by the crash tests: they start ``flask --app portal notificaties run`` the way production
does, kill it with SIGKILL and start it again.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from itertools import count, islice
from pathlib import Path

from sqlalchemy.orm import Session

from notificaties.outbox import vraag_aan
from portal.config import ROOT
from portal.demo.volume import bsns
from portal.models import Burger, Notificatievoorkeur, utcnow
from tests.nep_twilio import ACCOUNT_SID, AUTH_TOKEN, MESSAGING_SERVICE_SID, NepTwilio

GESTART = "Notification worker started"
WERKER = ("notificaties", "run")
_bsns = bsns(970_000_000)  # far above the demo volume, below the personas and factories
_nummers = count()


def zaai_sms(session: Session, aantal: int, sleutel: str) -> set[str]:
    """``aantal`` due SMS, each to its own verified, opted-in person; returns their numbers.

    Not through ``maak_burger``: its test BSNs (999991000 and up) run out after some 900
    people, and PostgreSQL refuses a tenth digit. These people get BSNs of their own.
    """
    nu = utcnow()
    nummers = [f"+3165{nummer:07d}" for nummer in islice(_nummers, aantal)]
    burgers = [
        Burger(
            bsn=next(_bsns),
            voornamen="Fatima",
            achternaam=f"El Amrani{volgnummer}",
            telefoon=nummer,
            taal="nl",
            telefoon_geverifieerd_op=nu,
        )
        for volgnummer, nummer in enumerate(nummers)
    ]
    session.add_all(burgers)
    session.flush()
    for burger, nummer in zip(burgers, nummers, strict=True):
        session.add(Notificatievoorkeur(burger_id=burger.id, kanaal="sms", soort="kwartaalupdate"))
        vraag_aan(
            session,
            sleutel=f"{sleutel}:{burger.id}",
            burger_id=burger.id,
            kanaal="sms",
            soort="kwartaalupdate",
            adres=nummer,
            nu=nu,
        )
    session.commit()
    return set(nummers)


class WerkerProces:
    """One ``notificaties run`` process; its output goes to ``log`` for failure messages."""

    def __init__(
        self,
        database_url: str,
        nep: NepTwilio,
        log: Path,
        *,
        draden: int,
        per_seconde: int = 0,
        messaging_service_sid: str = MESSAGING_SERVICE_SID,
    ) -> None:
        # Nothing of the test run's own PORTAL_* settings: only what a worker is given.
        omgeving = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
        omgeving.update(
            PORTAL_ENV="test",
            PORTAL_DATABASE_URL=database_url,
            PORTAL_DEV_KANAAL="0",
            PORTAL_TWILIO_ACCOUNT_SID=ACCOUNT_SID,
            PORTAL_TWILIO_AUTH_TOKEN=AUTH_TOKEN,
            PORTAL_TWILIO_MESSAGING_SERVICE_SID=messaging_service_sid,
            PORTAL_TWILIO_API_URL=nep.api_url,
            PORTAL_TWILIO_TIMEOUT="5",
            PORTAL_SMS_STILTIJD="0",  # the test runs at any hour, Sundays too
            PORTAL_DISPATCHER_DRADEN=str(draden),
            PORTAL_SMS_PER_SECONDE=str(per_seconde),  # 0: no limit of our own
        )
        self.log = log
        with log.open("ab") as uitvoer:
            self.proces = subprocess.Popen(  # noqa: S603 (fixed arguments, our own interpreter)
                [sys.executable, "-m", "flask", "--app", "portal", *WERKER, "--interval", "0.5"],
                cwd=ROOT,
                env=omgeving,
                stdout=uitvoer,
                stderr=subprocess.STDOUT,
            )

    def leeft(self) -> bool:
        return self.proces.poll() is None

    def gestart(self) -> bool:
        return GESTART in self.log.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL: no cleanup, no last commit, as when the machine loses power."""
        if self.leeft():
            self.proces.kill()
        self.proces.wait(timeout=10)

    def staart(self, regels: int = 30) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-regels:])


def wacht_tot(voorwaarde: Callable[[], bool], seconden: float, stap: float = 0.005) -> bool:
    """Poll ``voorwaarde`` until it holds or ``seconden`` have passed; returns the last answer."""
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if voorwaarde():
            return True
        time.sleep(stap)
    return voorwaarde()
