"""Nothing lost, nothing doubled beyond the calls in flight: the worker as a real process,
killed with SIGKILL at random moments while it sends, against a fake Twilio."""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from notificaties.verzending import Verzender
from portal.models import Notificatie, utcnow
from tests.conftest import COMPONENTEN_VEREIST
from tests.nep_twilio import ACCOUNT_SID, AUTH_TOKEN, MESSAGING_SERVICE_SID
from tests.werkerproces import WerkerProces, wacht_tot, zaai_sms

AANTAL = 500
DRADEN = 4  # so at most 4 provider calls are in flight when the worker dies
KILLS = 5
# 20 ms a call and 4 threads: at most ~90 messages go out per round before the kill, so
# every round still finds work and every kill lands while the worker is sending.
LATENTIE = 0.02


def _statussen(sessie_maker) -> Counter[str]:
    with sessie_maker() as session:
        rijen = session.execute(
            select(Notificatie.status, func.count()).group_by(Notificatie.status)
        )
        return Counter({status: aantal for status, aantal in rijen})


def _verzender(maak_app, nep_twilio, monkeypatch) -> Verzender:
    """The sweeper and a last dispatcher, in the test's own process, on the same fake."""
    monkeypatch.setenv("PORTAL_SMS_STILTIJD", "0")
    app = maak_app(
        TWILIO_ACCOUNT_SID=ACCOUNT_SID,
        TWILIO_AUTH_TOKEN=AUTH_TOKEN,
        TWILIO_MESSAGING_SERVICE_SID=MESSAGING_SERVICE_SID,
        TWILIO_API_URL=nep_twilio.api_url,
        DEV_KANAAL=False,
        DISPATCHER_DRADEN=DRADEN,
        SMS_PER_SECONDE=0,
    )
    return Verzender(app)


def _veeg_na_de_wachttijd(verzender: Verzender) -> int:
    """What the sweeper does once the grace time has passed: no dispatcher is alive now."""
    return verzender.sweep(utcnow() + verzender.instellingen.veegtijd + timedelta(seconds=1))


def _start_en_kill(database_url, nep_twilio, log, na: float) -> None:
    """Start a worker and kill it ``na`` seconds after it sent its first message."""
    al_ontvangen = len(nep_twilio.berichten)
    werker = WerkerProces(database_url, nep_twilio, log, draden=DRADEN)
    try:
        verzendt = wacht_tot(
            lambda: len(nep_twilio.berichten) > al_ontvangen or not werker.leeft(), 15
        )
        assert verzendt and werker.leeft(), f"the worker did not send:\n{werker.staart()}"
        wacht_tot(lambda: not werker.leeft(), na)
        assert werker.leeft(), f"the worker stopped by itself:\n{werker.staart()}"
    finally:
        werker.kill()


def test_a_worker_killed_while_sending_loses_nothing_and_doubles_at_most_its_calls_in_flight(
    database_url, db, nep_twilio, maak_app, monkeypatch, tmp_path, record_property
):
    nummers = zaai_sms(db, AANTAL, "crash")
    nep_twilio.latentie = LATENTIE
    verzender = _verzender(maak_app, nep_twilio, monkeypatch)
    maker = verzender.app.extensions["portal.sessionmaker"]
    zaad = random.randrange(2**32)
    toeval = random.Random(zaad)
    log = tmp_path / "werker.log"

    kills = teruggegeven = 0
    for _ in range(KILLS):
        _start_en_kill(database_url, nep_twilio, log, toeval.uniform(0.05, 0.4))
        kills += 1
        teruggegeven += _veeg_na_de_wachttijd(verzender)

    onderweg = _statussen(maker)
    teruggegeven += _veeg_na_de_wachttijd(verzender)
    laatste = verzender.dispatch()
    verzender.kanalen["sms"].close()

    ontvangen = Counter(bericht.to for bericht in nep_twilio.berichten)
    verloren = nummers - set(ontvangen)
    dubbel = {nummer: n for nummer, n in ontvangen.items() if n > 1}
    extra = sum(n - 1 for n in dubbel.values())
    uitslag = {
        "database": db.get_bind().dialect.name,
        "seed": zaad,
        "messages": AANTAL,
        "kills": kills,
        "draden": DRADEN,
        "received": sum(ontvangen.values()),
        "lost": len(verloren),
        "numbers_doubled": len(dubbel),
        "extra_sends": extra,
        "handed_back_by_sweeper": teruggegeven,
        "sent_by_last_dispatch": laatste["verzonden"],
        "before_last_dispatch": dict(onderweg),
    }
    for naam, waarde in uitslag.items():
        record_property(naam, waarde)
    print(f"\ncrash test: {uitslag}")

    assert _statussen(maker) == Counter(verzonden=AANTAL), uitslag
    assert not verloren, uitslag
    assert set(ontvangen) == nummers, "a message went to a number nobody asked for"
    assert extra <= kills * DRADEN, uitslag
    # The provider id on each row is one Twilio really gave out, for that very number.
    sids = {bericht.sid: bericht.to for bericht in nep_twilio.berichten}
    with maker() as session:  # closed here: no transaction left open for the teardown
        for provider_id, adres in session.execute(
            select(Notificatie.provider_id, Notificatie.adres)
        ):
            assert sids.get(provider_id or "") == adres


@pytest.mark.postgres
def test_two_worker_processes_on_postgresql_send_every_row_once(
    database_url, app, db, nep_twilio, tmp_path, record_property
):
    if not database_url.startswith("postgresql"):
        melding = "needs PostgreSQL: set PORTAL_TEST_DATABASE_URL"
        if COMPONENTEN_VEREIST:
            pytest.fail(melding)
        pytest.skip(melding)
    nep_twilio.latentie = LATENTIE
    # Each worker sends through its own messaging service, so the fake tells them apart.
    diensten = ["MG" + f"{nummer:032x}" for nummer in (1, 2)]
    werkers = [
        WerkerProces(
            database_url,
            nep_twilio,
            tmp_path / f"werker-{nummer}.log",
            draden=DRADEN,
            per_seconde=100,  # both stay busy for a while: their claims overlap
            messaging_service_sid=dienst,
        )
        for nummer, dienst in enumerate(diensten)
    ]
    maker = app.extensions["portal.sessionmaker"]
    try:
        # Both are up before there is work, so both claim from the same rows.
        beide_gestart = wacht_tot(lambda: all(w.gestart() for w in werkers), 15, stap=0.05)
        assert beide_gestart, "\n".join(w.staart() for w in werkers)
        nummers = zaai_sms(db, 300, "twee")
        klaar = wacht_tot(lambda: _statussen(maker)["verzonden"] == len(nummers), 20, stap=0.05)
    finally:
        for werker in werkers:
            werker.kill()

    ontvangen = Counter(bericht.to for bericht in nep_twilio.berichten)
    per_werker = Counter(bericht.messaging_service_sid for bericht in nep_twilio.berichten)
    uitslag = {
        "messages": len(nummers),
        "received": sum(ontvangen.values()),
        "per_worker": [per_werker[dienst] for dienst in diensten],
    }
    record_property("two_workers", uitslag)
    print(f"\ntwo workers: {uitslag}")
    assert klaar, uitslag
    assert ontvangen == Counter(dict.fromkeys(nummers, 1)), uitslag
    assert all(per_werker[dienst] for dienst in diensten), "one worker sent nothing"
