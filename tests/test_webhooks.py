"""Twilio's status callbacks and SMS replies, signed as Twilio signs them."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from notificaties.outbox import vraag_aan
from notificaties.terugmelding import verwerk_status
from portal.models import Burger, utcnow
from tests.factories import maak_burger
from tests.nep_twilio import AUTH_TOKEN, NepTwilio

STATUS_URL = "http://portal.test/webhooks/twilio/status"
SMS_URL = "http://portal.test/webhooks/twilio/sms"
SID = "SM" + "a1" * 16
LEGE_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


@pytest.fixture
def client(maak_app, app):  # ``app`` empties the tables after the test
    return maak_app(TWILIO_AUTH_TOKEN=AUTH_TOKEN).test_client()


def _burger(db, **velden):
    velden.setdefault("telefoon_geverifieerd_op", utcnow() - timedelta(days=30))
    burger = maak_burger(db, **velden)
    db.commit()
    return burger


def _sms(db, burger, *, status="verzonden", provider_id=SID, sleutel=None, kanaal="sms", oud=0):
    """An outbox row as the dispatcher leaves it; ``oud``: hours since it was asked for."""
    aangemaakt = utcnow() - timedelta(hours=oud, minutes=1)
    rij = vraag_aan(
        db,
        sleutel=sleutel or f"kwartaalupdate:{burger.id}:{provider_id}:{kanaal}",
        burger_id=burger.id,
        kanaal=kanaal,
        soort="kwartaalupdate",
        adres=burger.telefoon if kanaal == "sms" else burger.email,
        nu=aangemaakt,
    )
    rij.status, rij.provider_id, rij.pogingen = status, provider_id, 1
    if status != "wachtend":
        rij.verzonden_op = aangemaakt
    db.commit()
    return rij


def _post(client, verzoek):
    return client.post(verzoek.url, data=verzoek.params, headers=verzoek.headers)


def _meld(client, nep_twilio: NepTwilio, status, foutcode=None, sid=SID):
    antwoord = _post(client, nep_twilio.status_callback(STATUS_URL, sid, status, foutcode))
    assert antwoord.status_code == 204
    return antwoord


def _lees(db, rij):
    db.expire_all()
    return db.get(type(rij), rij.id)


# --- status callbacks ---


def test_a_delivered_report_marks_the_message_afgeleverd(client, db, nep_twilio):
    rij = _sms(db, _burger(db))

    _meld(client, nep_twilio, "delivered")

    rij = _lees(db, rij)
    assert rij.status == "afgeleverd"
    assert rij.afgeleverd_op is not None


@pytest.mark.parametrize("status", ["queued", "accepted", "sending", "sent"])
def test_an_on_its_way_report_keeps_the_message_verzonden(client, db, nep_twilio, status):
    rij = _sms(db, _burger(db))

    _meld(client, nep_twilio, status)

    assert _lees(db, rij).status == "verzonden"


@pytest.mark.parametrize(
    "headers",
    [{}, {"X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl"}],
    ids=["missing", "forged"],
)
def test_an_unsigned_or_forged_report_is_refused_and_changes_nothing(
    client, db, nep_twilio, headers
):
    rij = _sms(db, _burger(db))
    verzoek = nep_twilio.status_callback(STATUS_URL, SID, "undelivered", 30006)

    antwoord = client.post(STATUS_URL, data=verzoek.params, headers=headers)

    assert antwoord.status_code == 403
    assert _lees(db, rij).status == "verzonden"


def test_a_report_signed_with_another_token_is_refused(client, db):
    rij = _sms(db, _burger(db))
    vreemde = NepTwilio(auth_token="someone-elses-token-0123456789ab")

    antwoord = _post(client, vreemde.status_callback(STATUS_URL, SID, "failed", 30006))

    assert antwoord.status_code == 403
    assert _lees(db, rij).status == "verzonden"


def test_a_report_with_changed_fields_is_refused(client, db, nep_twilio):
    rij = _sms(db, _burger(db))
    verzoek = nep_twilio.status_callback(STATUS_URL, SID, "delivered")

    vervalst = {**verzoek.params, "MessageStatus": "failed", "ErrorCode": "30006"}
    antwoord = client.post(STATUS_URL, data=vervalst, headers=verzoek.headers)

    assert antwoord.status_code == 403
    assert _lees(db, rij).status == "verzonden"


def test_without_an_auth_token_every_report_is_refused(maak_app, app, db, nep_twilio):
    client = maak_app(TWILIO_AUTH_TOKEN="").test_client()
    rij = _sms(db, _burger(db))

    antwoord = _post(client, nep_twilio.status_callback(STATUS_URL, SID, "delivered"))

    assert antwoord.status_code == 403
    assert _lees(db, rij).status == "verzonden"


def test_the_same_report_ten_times_changes_the_row_once(client, db, nep_twilio):
    rij = _sms(db, _burger(db))

    _meld(client, nep_twilio, "delivered")
    eerste = _lees(db, rij).afgeleverd_op
    for _ in range(9):
        _meld(client, nep_twilio, "delivered")

    rij = _lees(db, rij)
    assert rij.status == "afgeleverd"
    assert rij.afgeleverd_op == eerste


@pytest.mark.parametrize(
    ("status", "foutcode"), [("delivered", None), ("undelivered", "30006"), ("failed", "30003")]
)
def test_a_repeated_report_is_applied_only_the_first_time(db, status, foutcode):
    _sms(db, _burger(db))
    nu = datetime.now(UTC)

    toegepast = [
        verwerk_status(db, SID, status, foutcode, nu + timedelta(seconds=i)) for i in range(10)
    ]

    assert toegepast == [True] + [False] * 9


def test_a_late_sent_after_delivered_stays_afgeleverd(client, db, nep_twilio):
    rij = _sms(db, _burger(db))

    _meld(client, nep_twilio, "delivered")
    _meld(client, nep_twilio, "sent")
    _meld(client, nep_twilio, "undelivered", 30003)

    assert _lees(db, rij).status == "afgeleverd"


@pytest.mark.parametrize("foutcode", ["21211", "21614", "30005", "30006"])
def test_a_permanent_failure_is_mislukt(client, db, nep_twilio, foutcode):
    rij = _sms(db, _burger(db))

    _meld(client, nep_twilio, "undelivered", foutcode)

    rij = _lees(db, rij)
    assert rij.status == "mislukt"
    assert rij.laatste_fout.startswith(foutcode)


def test_an_unreachable_handset_waits_for_a_retry(client, db, nep_twilio):
    rij = _sms(db, _burger(db))
    voor = utcnow()

    _meld(client, nep_twilio, "undelivered", 30003)

    rij = _lees(db, rij)
    assert rij.status == "wachtend"
    assert rij.volgende_poging_op > voor
    assert rij.laatste_fout.startswith("30003")


@pytest.mark.parametrize("foutcode", ["30008", None], ids=["unknown-code", "no-code"])
def test_an_unknown_failure_waits_for_a_retry(client, db, nep_twilio, foutcode):
    rij = _sms(db, _burger(db))

    _meld(client, nep_twilio, "failed", foutcode)

    assert _lees(db, rij).status == "wachtend"


def test_a_transient_failure_after_the_retry_window_is_mislukt(client, db, nep_twilio):
    rij = _sms(db, _burger(db), oud=4)

    _meld(client, nep_twilio, "undelivered", 30003)

    assert _lees(db, rij).status == "mislukt"


def test_a_delivered_report_after_a_retry_was_planned_prevents_a_second_sms(client, db, nep_twilio):
    rij = _sms(db, _burger(db))

    _meld(client, nep_twilio, "undelivered", 30003)
    _meld(client, nep_twilio, "delivered")

    assert _lees(db, rij).status == "afgeleverd"


def test_an_unsubscribed_recipient_switches_sms_off(client, db, nep_twilio):
    burger = _burger(db)
    rij = _sms(db, burger)
    later = _sms(db, burger, status="wachtend", provider_id=None, sleutel="servicecall:1")

    _meld(client, nep_twilio, "failed", 21610)

    assert _lees(db, rij).status == "mislukt"
    assert _lees(db, later).status == "geannuleerd"
    assert _lees(db, burger).sms_gestopt_op is not None


def test_an_unknown_status_is_ignored(client, db, nep_twilio, caplog):
    burger = _burger(db)
    rij = _sms(db, burger)

    with caplog.at_level(logging.DEBUG):
        _meld(client, nep_twilio, "partially_exploded")

    assert _lees(db, rij).status == "verzonden"
    assert "partially_exploded" in caplog.text
    assert burger.telefoon not in caplog.text


def test_a_report_for_an_unknown_message_stores_nothing(client, db, nep_twilio):
    rij = _sms(db, _burger(db))

    _meld(client, nep_twilio, "failed", 21610, sid="SM" + "0f" * 16)

    rij = _lees(db, rij)
    assert rij.status == "verzonden"
    assert db.scalar(select(Burger.sms_gestopt_op).where(Burger.id == rij.burger_id)) is None


def test_the_signature_is_checked_against_the_public_url_behind_a_proxy(
    maak_app, app, db, nep_twilio
):
    client = maak_app(
        TWILIO_AUTH_TOKEN=AUTH_TOKEN, PUBLIEKE_URL="https://portal.example"
    ).test_client()
    rij = _sms(db, _burger(db))
    publiek = nep_twilio.status_callback(
        "https://portal.example/webhooks/twilio/status?bron=twilio", SID, "delivered"
    )
    intern = nep_twilio.status_callback(STATUS_URL + "?bron=twilio", SID, "delivered")

    # Twilio signed the public URL; the request reaches us on the internal one.
    geweigerd = client.post(intern.url, data=intern.params, headers=intern.headers)
    aanvaard = client.post(intern.url, data=publiek.params, headers=publiek.headers)

    assert geweigerd.status_code == 403
    assert aanvaard.status_code == 204
    assert _lees(db, rij).status == "afgeleverd"


# --- SMS replies ---


def _antwoord(client, nep_twilio, van, tekst):
    antwoord = _post(client, nep_twilio.inkomende_sms(SMS_URL, van, tekst))
    assert antwoord.status_code == 200
    return antwoord


@pytest.mark.parametrize(
    "tekst", ["STOP", "stop", " Stoppen \n", "STOPALL", "unsubscribe", "Cancel", "END", "quit"]
)
def test_stop_from_a_verified_number_switches_sms_off(client, db, nep_twilio, tekst):
    burger = _burger(db)

    _antwoord(client, nep_twilio, burger.telefoon, tekst)

    assert _lees(db, burger).sms_gestopt_op is not None


def test_stop_cancels_only_the_sms_still_waiting(client, db, nep_twilio):
    burger = _burger(db)
    wachtend = _sms(db, burger, status="wachtend", provider_id=None, sleutel="a")
    verzonden = _sms(db, burger, sleutel="b")
    email = _sms(db, burger, status="wachtend", provider_id=None, sleutel="c", kanaal="email")
    van_een_ander = _sms(db, _burger(db), status="wachtend", provider_id=None, sleutel="d")

    _antwoord(client, nep_twilio, burger.telefoon, "STOP")

    assert _lees(db, wachtend).status == "geannuleerd"
    assert _lees(db, verzonden).status == "verzonden"
    assert _lees(db, email).status == "wachtend"
    assert _lees(db, van_een_ander).status == "wachtend"


def test_stop_is_answered_with_empty_twiml(client, db, nep_twilio):
    burger = _burger(db)

    antwoord = _antwoord(client, nep_twilio, burger.telefoon, "STOP")

    assert antwoord.mimetype == "text/xml"
    assert antwoord.get_data(as_text=True) == LEGE_TWIML


@pytest.mark.parametrize("tekst", ["START", "unstop", "Yes", "aan"])
def test_start_switches_sms_on_again(client, db, nep_twilio, tekst):
    burger = _burger(db, sms_gestopt_op=utcnow() - timedelta(days=2))

    _antwoord(client, nep_twilio, burger.telefoon, tekst)

    assert _lees(db, burger).sms_gestopt_op is None


def test_a_second_stop_keeps_the_first_moment(client, db, nep_twilio):
    toen = utcnow() - timedelta(days=2)
    burger = _burger(db, sms_gestopt_op=toen)

    _antwoord(client, nep_twilio, burger.telefoon, "STOP")

    assert _lees(db, burger).sms_gestopt_op == toen


def test_stop_from_an_unknown_number_changes_nothing(client, db, nep_twilio):
    burger = _burger(db)
    rij = _sms(db, burger, status="wachtend", provider_id=None)

    _antwoord(client, nep_twilio, "+31699999999", "STOP")

    assert _lees(db, burger).sms_gestopt_op is None
    assert _lees(db, rij).status == "wachtend"


def test_stop_from_an_unverified_number_changes_nothing(client, db, nep_twilio):
    burger = _burger(db, telefoon_geverifieerd_op=None)

    _antwoord(client, nep_twilio, burger.telefoon, "STOP")

    assert _lees(db, burger).sms_gestopt_op is None


@pytest.mark.parametrize("tekst", ["Waar blijft mijn geld?", "STOP met bellen", ""])
def test_other_replies_are_ignored(client, db, nep_twilio, tekst):
    burger = _burger(db)

    antwoord = _antwoord(client, nep_twilio, burger.telefoon, tekst)

    assert _lees(db, burger).sms_gestopt_op is None
    assert antwoord.get_data(as_text=True) == LEGE_TWIML


def test_a_forged_stop_is_refused(client, db, nep_twilio):
    burger = _burger(db)
    verzoek = nep_twilio.inkomende_sms(SMS_URL, burger.telefoon, "STOP")

    antwoord = client.post(SMS_URL, data=verzoek.params)

    assert antwoord.status_code == 403
    assert _lees(db, burger).sms_gestopt_op is None


def test_replies_leave_no_phone_number_or_text_in_the_logs(client, db, nep_twilio, caplog):
    burger = _burger(db)

    with caplog.at_level(logging.DEBUG):
        _antwoord(client, nep_twilio, burger.telefoon, "STOP")
        _antwoord(client, nep_twilio, burger.telefoon, "Mijn BSN is 999991772")

    assert burger.telefoon not in caplog.text
    assert "999991772" not in caplog.text
