"""The e-mail channel against a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator

import pytest

from notificaties.email import EmailKanaal
from notificaties.kanalen import KanaalFout, Uitgaand
from tests.smtp import GEBRUIKER, HOST, WACHTWOORD, SmtpServer

ADRES = "jan.devries@example.nl"
AFMELDEN = (
    "https://portaal.uwv.test/voorkeuren/afmelden/Zk3vQ9xWm2LrT8bYp4HsNc7JdA1eUgKo6iRfE0tV5yBq"
)
LIST_UNSUBSCRIBE = f"<{AFMELDEN}>, <mailto:afmelden@portaal.uwv.test?subject=afmelden>"


def een_bericht(**anders: object) -> Uitgaand:
    velden: dict[str, object] = {
        "notificatie_id": 42,
        "kanaal": "email",
        "adres": ADRES,
        "onderwerp": "Nieuws over uw WIA-uitkering, beste cliënt",
        "tekst": "Beste cliënt,\n\nEr staat een nieuw bericht voor u klaar. Kosten: € 0.\n",
        "html": "<p>Beste cliënt,</p><p>Er staat een nieuw bericht voor u klaar. Kosten: € 0.</p>",
        "kopteksten": {
            "List-Unsubscribe": LIST_UNSUBSCRIBE,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    }
    return Uitgaand(**{**velden, **anders})


def test_message_arrives_as_text_and_html_with_its_headers(smtp_server: SmtpServer) -> None:
    smtp_server.kanaal().send(een_bericht())

    [ontvangen] = smtp_server.ontvangen
    assert ontvangen.afzender == "noreply@portaal.uwv.test"
    assert ontvangen.ontvangers == [ADRES]
    bericht = ontvangen.bericht
    assert bericht["From"] == "UWV WIA-portaal <noreply@portaal.uwv.test>"
    assert bericht["To"] == ADRES
    assert bericht["Subject"] == "Nieuws over uw WIA-uitkering, beste cliënt"
    assert bericht["Date"] is not None
    assert bericht["Auto-Submitted"] == "auto-generated"
    assert bericht.get_content_type() == "multipart/alternative"
    tekst = bericht.get_body(preferencelist=("plain",))
    html = bericht.get_body(preferencelist=("html",))
    assert tekst is not None and html is not None
    assert "Beste cliënt," in tekst.get_content()
    assert "Kosten: € 0." in tekst.get_content()
    assert "<p>Beste cliënt,</p>" in html.get_content()


def test_provider_id_is_the_message_id_on_the_afzenders_domain(smtp_server: SmtpServer) -> None:
    provider_id = smtp_server.kanaal().send(een_bericht())

    [ontvangen] = smtp_server.ontvangen
    assert ontvangen.bericht["Message-ID"] == f"<{provider_id}>"
    assert provider_id.endswith("@portaal.uwv.test")
    assert smtp_server.kanaal().send(een_bericht()) != provider_id


def test_unsubscribe_headers_arrive_intact_for_one_click_opt_out(smtp_server: SmtpServer) -> None:
    smtp_server.kanaal().send(een_bericht())

    [ontvangen] = smtp_server.ontvangen
    assert ontvangen.bericht["List-Unsubscribe"] == LIST_UNSUBSCRIBE
    assert ontvangen.bericht["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Mail clients read the URL from the raw header: folding may not cut or encode it.
    assert f"<{AFMELDEN}>".encode() in ontvangen.ruw


def test_message_without_html_is_plain_text(smtp_server: SmtpServer) -> None:
    smtp_server.kanaal().send(een_bericht(html=None))

    [ontvangen] = smtp_server.ontvangen
    assert ontvangen.bericht.get_content_type() == "text/plain"
    assert "Kosten: € 0." in ontvangen.bericht.get_content()


@pytest.mark.parametrize(
    "kopteksten",
    [
        {"From": "iemand@example.nl"},
        {"List-Unsubscribe": "<https://portaal.uwv.test/afmelden>\r\nBcc: iemand@example.nl"},
        {"List Unsubscribe": "<https://portaal.uwv.test/afmelden>"},
    ],
    ids=["own-header", "injected-line", "invalid-name"],
)
def test_kopteksten_cannot_replace_headers_or_inject_new_ones(
    smtp_server: SmtpServer, kopteksten: dict[str, str]
) -> None:
    with pytest.raises(KanaalFout) as fout:
        smtp_server.kanaal().send(een_bericht(kopteksten=kopteksten))

    assert fout.value.tijdelijk is False
    assert smtp_server.ontvangen == []


def test_starttls_is_used_and_the_certificate_checked(smtp_server_starttls: SmtpServer) -> None:
    smtp_server_starttls.kanaal().send(een_bericht())

    [ontvangen] = smtp_server_starttls.ontvangen
    assert ontvangen.tls is True


def test_sending_is_refused_when_the_server_offers_no_starttls(smtp_server: SmtpServer) -> None:
    kanaal = smtp_server.kanaal(beveiliging="starttls")

    with pytest.raises(KanaalFout) as fout:
        kanaal.send(een_bericht())

    assert fout.value.tijdelijk is False
    assert fout.value.code == "smtp-starttls-missing"
    assert smtp_server.ontvangen == []


def test_untrusted_certificate_stops_sending_until_fixed(smtp_server_starttls: SmtpServer) -> None:
    # The system's CAs do not know the test CA: as with an expired certificate in production.
    kanaal = smtp_server_starttls.kanaal(ssl_context=None)

    with pytest.raises(KanaalFout) as fout:
        kanaal.send(een_bericht())

    assert fout.value.tijdelijk is True
    assert fout.value.code == "smtp-tls"
    assert smtp_server_starttls.ontvangen == []


def test_ssl_from_the_first_byte_is_supported(smtp_server_ssl: SmtpServer) -> None:
    smtp_server_ssl.kanaal().send(een_bericht())

    [ontvangen] = smtp_server_ssl.ontvangen
    assert ontvangen.tls is True
    assert ontvangen.bericht["Subject"] == "Nieuws over uw WIA-uitkering, beste cliënt"


def test_logs_in_when_gebruiker_is_set(smtp_server_starttls: SmtpServer) -> None:
    smtp_server_starttls.kanaal(gebruiker=GEBRUIKER, wachtwoord=WACHTWOORD).send(een_bericht())

    [ontvangen] = smtp_server_starttls.ontvangen
    assert ontvangen.gebruiker == GEBRUIKER
    assert ontvangen.tls is True


def test_wrong_password_fails_for_good(smtp_server_starttls: SmtpServer) -> None:
    kanaal = smtp_server_starttls.kanaal(gebruiker=GEBRUIKER, wachtwoord="verkeerd-wachtwoord")

    with pytest.raises(KanaalFout) as fout:
        kanaal.send(een_bericht())

    assert fout.value.tijdelijk is False
    assert fout.value.code == "smtp-535"
    assert "verkeerd-wachtwoord" not in str(fout.value)


@pytest.mark.parametrize(
    ("stap", "antwoord", "tijdelijk"),
    [
        ("RCPT", f"451 4.3.0 <{ADRES}>: probeer het later opnieuw", True),
        ("RCPT", f"550 5.1.1 <{ADRES}>: onbekende ontvanger", False),
        ("DATA", "452 4.3.1 Onvoldoende opslagruimte", True),
        ("DATA", "554 5.6.0 Bericht geweigerd", False),
    ],
)
def test_smtp_refusal_is_transient_for_4xx_and_final_for_5xx(
    smtp_server: SmtpServer,
    caplog: pytest.LogCaptureFixture,
    stap: str,
    antwoord: str,
    tijdelijk: bool,
) -> None:
    smtp_server.weiger_volgende(stap, antwoord)
    caplog.set_level(logging.DEBUG, logger="notificaties")

    with pytest.raises(KanaalFout) as fout:
        smtp_server.kanaal().send(een_bericht())

    code = antwoord[:3]
    assert fout.value.tijdelijk is tijdelijk
    assert fout.value.code == f"smtp-{code}"
    assert f"{code} {antwoord.split()[1]}" in str(fout.value)
    assert smtp_server.ontvangen == []
    # The server's reply quotes the address; neither it nor the text may reach the outbox
    # row, the log or a chained traceback.
    assert ADRES not in str(fout.value) and "cliënt" not in str(fout.value)
    assert fout.value.__cause__ is None and fout.value.__suppress_context__
    assert ADRES not in caplog.text

    # The refusal was for that one attempt: the retry goes through.
    smtp_server.kanaal().send(een_bericht())
    assert len(smtp_server.ontvangen) == 1


def test_success_is_logged_without_address_or_text(
    smtp_server: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="notificaties")

    provider_id = smtp_server.kanaal().send(een_bericht())

    eigen = [r.getMessage() for r in caplog.records if r.name.startswith("notificaties")]
    assert eigen == [f"E-mail for notification 42 accepted as {provider_id}"]


@pytest.fixture
def vrije_poort() -> int:
    """A port on 127.0.0.1 where nothing listens (bound once, then released)."""
    with socket.socket() as bezet:
        bezet.bind((HOST, 0))
        return bezet.getsockname()[1]


def test_nothing_listening_is_transient(vrije_poort: int) -> None:
    kanaal = EmailKanaal(HOST, vrije_poort, afzender="noreply@portaal.uwv.test", timeout=2)

    with pytest.raises(KanaalFout) as fout:
        kanaal.send(een_bericht())

    assert fout.value.tijdelijk is True
    assert fout.value.code == "smtp-connection"


@pytest.fixture
def zwijgende_server() -> Iterator[int]:
    """Accepts TCP connections (into the backlog) but never says a word."""
    with socket.socket() as luisteraar:
        luisteraar.bind((HOST, 0))
        luisteraar.listen(4)
        yield luisteraar.getsockname()[1]


def test_server_that_never_answers_times_out_as_transient(zwijgende_server: int) -> None:
    kanaal = EmailKanaal(HOST, zwijgende_server, afzender="noreply@portaal.uwv.test", timeout=0.3)

    with pytest.raises(KanaalFout) as fout:
        kanaal.send(een_bericht())

    assert fout.value.tijdelijk is True
    assert fout.value.code == "smtp-timeout"


def test_unknown_beveiliging_is_refused_at_start() -> None:
    with pytest.raises(ValueError, match="beveiliging"):
        EmailKanaal(HOST, 25, afzender="noreply@portaal.uwv.test", beveiliging="tls")
