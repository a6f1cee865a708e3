"""Every provider call is timed and its outcome counted; an operator reads the figures on a
protected Prometheus endpoint. Sent through the real twilio client to the fake Twilio and
over SMTP to aiosmtpd; the endpoint's text is parsed by prometheus_client's own parser."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import select

from notificaties.verzending import Verzender
from portal.models import Notificatie
from tests.conftest import met_providers
from tests.factories import maak_burger, met_voorkeuren, statusnieuws
from tests.nep_twilio import Antwoord

NU = datetime(2027, 3, 2, 9, 0, tzinfo=UTC)  # a Tuesday, 10.00 in Amsterdam
TOKEN = "geheim-voor-prometheus"


@pytest.fixture
def verzendapp(maak_app, nep_twilio, smtp_server):
    return maak_app(**met_providers(nep_twilio, smtp_server, METRIEKEN_TOKEN=TOKEN))


def _nieuws_voor(app, kanalen):
    with app.extensions["portal.sessionmaker"]() as session:
        statusnieuws(session, met_voorkeuren(session, maak_burger(session), kanalen=kanalen), NU)


def _metingen(app) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    antwoord = app.test_client().get("/metrieken", headers={"Authorization": f"Bearer {TOKEN}"})
    assert antwoord.status_code == 200
    assert antwoord.mimetype == "text/plain"
    return {
        (monster.name, tuple(sorted(monster.labels.items()))): monster.value
        for familie in text_string_to_metric_families(antwoord.get_data(as_text=True))
        for monster in familie.samples
    }


def _labels(**waarden: str) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(waarden.items()))


def test_each_sms_and_email_sent_is_counted_and_timed_per_provider(verzendapp):
    _nieuws_voor(verzendapp, ("sms", "email"))
    _nieuws_voor(verzendapp, ("sms",))

    uitkomsten = Verzender(verzendapp).dispatch(NU)

    assert uitkomsten["verzonden"] == 3
    metingen = _metingen(verzendapp)
    sms = _labels(kanaal="sms", provider="twilio", uitkomst="geaccepteerd")
    email = _labels(kanaal="email", provider="smtp", uitkomst="geaccepteerd")
    assert metingen[("portal_provider_verzoeken_total", _labels(**dict(sms), code=""))] == 2
    assert metingen[("portal_provider_verzoeken_total", _labels(**dict(email), code=""))] == 1
    assert metingen[("portal_provider_duur_seconden_count", sms)] == 2
    assert metingen[("portal_provider_duur_seconden_count", email)] == 1
    # A real call over a socket takes time, and the buckets hold every call under +Inf.
    assert metingen[("portal_provider_duur_seconden_sum", sms)] > 0
    plus_inf = metingen[("portal_provider_duur_seconden_bucket", _labels(**dict(sms), le="+Inf"))]
    assert plus_inf == 2
    assert metingen[("portal_outbox_berichten", _labels(kanaal="sms", status="verzonden"))] == 2


def test_provider_errors_are_counted_per_code_and_kind(verzendapp, nep_twilio):
    _nieuws_voor(verzendapp, ("sms",))
    _nieuws_voor(verzendapp, ("sms",))
    nep_twilio.antwoord(Antwoord.te_veel_verzoeken(), Antwoord.twilio_fout(21211))

    Verzender(verzendapp).dispatch(NU)

    metingen = _metingen(verzendapp)
    basis = {"kanaal": "sms", "provider": "twilio"}
    tijdelijk = _labels(**basis, uitkomst="tijdelijke_fout", code="20429")
    blijvend = _labels(**basis, uitkomst="blijvende_fout", code="21211")
    assert metingen[("portal_provider_verzoeken_total", tijdelijk)] == 1
    assert metingen[("portal_provider_verzoeken_total", blijvend)] == 1
    # The one retried waits in the outbox, and its wait shows.
    wachtend = _labels(kanaal="sms", status="wachtend")
    assert metingen[("portal_outbox_berichten", wachtend)] == 1


def test_the_count_adds_up_over_many_sends_from_several_threads(verzendapp):
    # The dispatcher sends from a pool of threads, each in its own transaction: every call
    # must land in the same counter, none lost to a concurrent update.
    for _ in range(12):
        _nieuws_voor(verzendapp, ("email",))

    Verzender(verzendapp).dispatch(NU)

    with verzendapp.extensions["portal.sessionmaker"]() as session:
        verzonden = len(
            session.scalars(select(Notificatie).where(Notificatie.status == "verzonden")).all()
        )
    sleutel = _labels(kanaal="email", provider="smtp", uitkomst="geaccepteerd", code="")
    assert verzonden == 12
    assert _metingen(verzendapp)[("portal_provider_verzoeken_total", sleutel)] == 12


def test_the_endpoint_needs_the_bearer_token(verzendapp):
    client = verzendapp.test_client()

    zonder = client.get("/metrieken")
    fout = client.get("/metrieken", headers={"Authorization": "Bearer iets-anders"})

    assert zonder.status_code == fout.status_code == 401
    assert zonder.headers["WWW-Authenticate"].startswith("Bearer")
    assert b"portal_provider" not in zonder.data + fout.data


def test_without_a_token_configured_there_is_no_endpoint(app):
    assert app.test_client().get("/metrieken").status_code == 404
