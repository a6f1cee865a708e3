"""The SMS channel against a fake Twilio, through the real twilio client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from notificaties.kanalen import KanaalFout, Uitgaand
from notificaties.sms import PERMANENTE_CODES, SmsKanaal
from tests.nep_twilio import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    MESSAGING_SERVICE_SID,
    Antwoord,
    NepTwilio,
)

CALLBACK = "https://portal.example/webhooks/twilio/status"
TEKST = "U heeft een nieuw bericht in uw WIA-portaal. Log in om het te lezen."


def _bericht(adres: str = "+31612345678") -> Uitgaand:
    return Uitgaand(notificatie_id=7, kanaal="sms", adres=adres, tekst=TEKST)


@pytest.fixture
def kanaal(nep_twilio: NepTwilio) -> Iterator[SmsKanaal]:
    kanaal = SmsKanaal(
        ACCOUNT_SID,
        AUTH_TOKEN,
        messaging_service_sid=MESSAGING_SERVICE_SID,
        status_callback=CALLBACK,
        api_url=nep_twilio.api_url,
        timeout=0.5,
    )
    yield kanaal
    kanaal.close()


def _fout_bij_verzenden(kanaal: SmsKanaal) -> KanaalFout:
    with pytest.raises(KanaalFout) as fout:
        kanaal.send(_bericht())
    return fout.value


def test_a_sent_message_returns_twilios_sid(kanaal, nep_twilio):
    sid = kanaal.send(_bericht())

    [ontvangen] = nep_twilio.berichten
    assert sid == ontvangen.sid
    assert sid.startswith("SM") and len(sid) == 34


def test_twilio_receives_number_text_service_and_callback(kanaal, nep_twilio):
    kanaal.send(_bericht("+31687654321"))

    [ontvangen] = nep_twilio.berichten
    assert ontvangen.to == "+31687654321"
    assert ontvangen.body == TEKST
    assert ontvangen.messaging_service_sid == MESSAGING_SERVICE_SID
    assert ontvangen.afzender is None
    assert ontvangen.status_callback == CALLBACK


def test_a_sender_number_is_used_without_a_messaging_service(nep_twilio):
    kanaal = SmsKanaal(ACCOUNT_SID, AUTH_TOKEN, afzender="UWV", api_url=nep_twilio.api_url)
    try:
        kanaal.send(_bericht())
    finally:
        kanaal.close()

    [ontvangen] = nep_twilio.berichten
    assert ontvangen.afzender == "UWV"
    assert ontvangen.messaging_service_sid is None
    assert ontvangen.status_callback is None


@pytest.mark.parametrize(
    "antwoord",
    [Antwoord.serverfout(), Antwoord.twilio_fout(20503, 503), Antwoord.te_veel_verzoeken()],
    ids=["500", "503", "429"],
)
def test_an_outage_or_a_429_is_transient(kanaal, nep_twilio, antwoord):
    nep_twilio.antwoord(antwoord)

    assert _fout_bij_verzenden(kanaal).tijdelijk
    assert nep_twilio.berichten == []


def test_no_answer_within_the_timeout_is_transient(kanaal, nep_twilio):
    nep_twilio.antwoord(Antwoord.traag(5))

    fout = _fout_bij_verzenden(kanaal)

    assert fout.tijdelijk
    assert fout.code == "twilio-timeout"  # the metrics tell a timeout from a refusal


def test_an_unreachable_twilio_is_transient(nep_twilio):
    nep_twilio.stop()
    kanaal = SmsKanaal(
        ACCOUNT_SID, AUTH_TOKEN, afzender="UWV", api_url=nep_twilio.api_url, timeout=0.5
    )
    try:
        fout = _fout_bij_verzenden(kanaal)
        assert fout.tijdelijk
        assert fout.code == "twilio-onbereikbaar"
    finally:
        kanaal.close()


@pytest.mark.parametrize("code", sorted(PERMANENTE_CODES))
def test_a_wrong_or_unsubscribed_number_is_permanent(kanaal, nep_twilio, code):
    nep_twilio.antwoord(Antwoord.twilio_fout(int(code)))

    fout = _fout_bij_verzenden(kanaal)

    assert not fout.tijdelijk
    assert fout.code == code


@pytest.mark.parametrize("code", ["30003", "30999"], ids=["unreachable-handset", "unknown"])
def test_an_unreachable_handset_or_an_unknown_code_is_transient(kanaal, nep_twilio, code):
    nep_twilio.antwoord(Antwoord.twilio_fout(int(code)))

    fout = _fout_bij_verzenden(kanaal)

    assert fout.tijdelijk
    assert fout.code == code


def test_wrong_credentials_are_refused(nep_twilio):
    kanaal = SmsKanaal(
        ACCOUNT_SID, "not-the-token", afzender="UWV", api_url=nep_twilio.api_url, timeout=0.5
    )
    try:
        fout = _fout_bij_verzenden(kanaal)
    finally:
        kanaal.close()

    assert fout.code == "20003"
    assert nep_twilio.berichten == []


def test_a_scripted_failure_is_followed_by_the_default_answer(kanaal, nep_twilio):
    nep_twilio.antwoord(Antwoord.te_veel_verzoeken())

    _fout_bij_verzenden(kanaal)
    sid = kanaal.send(_bericht())

    assert [b.sid for b in nep_twilio.berichten] == [sid]


def test_several_threads_share_one_channel(kanaal, nep_twilio):
    from concurrent.futures import ThreadPoolExecutor

    nep_twilio.latentie = 0.05
    with ThreadPoolExecutor(max_workers=8) as pool:
        sids = list(pool.map(lambda _: kanaal.send(_bericht()), range(32)))

    assert len(set(sids)) == 32
    assert sorted(b.sid for b in nep_twilio.berichten) == sorted(sids)
