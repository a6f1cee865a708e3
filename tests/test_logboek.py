"""Logs: one JSON line per request, and no personal data in any line."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import quote

import pytest

from notificaties.verzending import Verzender
from portal import logboek, web
from portal.models import utcnow
from tests.api_hulp import dossier_json, maak_systeem, post
from tests.conftest import csrf_token, log_in, met_providers
from tests.factories import maak_burger, maak_dossier, maak_medewerker, maak_traject

# A BSN that passes the 11-proef, a mobile number and an address that no other test uses.
BSN = "111222333"
SLECHT_BSN = "111222334"
TELEFOON = "+31687654321"
ABONNEENUMMER = "87654321"  # in every way of writing the number
EMAIL = "fatima.el-amrani.logtest@example.nl"
ONBEREIKBAAR = "postgresql://portal@127.0.0.1:1/portal"  # a closed port: refused at once
PAD = "/sms-en-e-mail"


# --- log lines -----------------------------------------------------------------------------


@dataclass
class Logboek:
    """What the production handler wrote, and every record as our code logged it (unmasked)."""

    uitvoer: io.StringIO
    ruw: list[str] = field(default_factory=list)

    def regels(self) -> list[dict[str, object]]:
        return [json.loads(regel) for regel in self.uitvoer.getvalue().splitlines()]


class _Ruw(logging.Handler):
    def __init__(self, logboek_: Logboek) -> None:
        super().__init__(logging.DEBUG)
        self.logboek = logboek_

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith(("portal", "notificaties")):
            tekst = record.getMessage()
            if record.exc_info:
                tekst += logging.Formatter().formatException(record.exc_info)
            self.logboek.ruw.append(tekst)


@pytest.fixture
def logboek_() -> Iterator[Logboek]:
    """Everything logged at DEBUG and up, through the production JSON handler. SQLAlchemy's
    and werkzeug's own debug output (every SQL parameter) stays off, as in production, and
    so does the test's SMTP server, which logs each message it receives."""
    root = logging.getLogger()
    vorig_niveau = root.level
    namen = ("sqlalchemy", "werkzeug", "mail.log")
    stil = {naam: logging.getLogger(naam).level for naam in namen}
    resultaat = Logboek(io.StringIO())
    ruw = _Ruw(resultaat)
    handler = logboek.maak_handler("json", stream=resultaat.uitvoer)
    for naam in stil:
        logging.getLogger(naam).setLevel(logging.WARNING)
    root.handlers.insert(0, ruw)  # first: it must see each record before a mask changes it
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield resultaat
    root.removeHandler(handler)
    root.removeHandler(ruw)
    root.setLevel(vorig_niveau)
    for naam, niveau in stil.items():
        logging.getLogger(naam).setLevel(niveau)


def test_each_request_writes_one_json_line_with_its_id_and_the_path_without_query(client, logboek_):
    client.get("/?zoek=geheimezoekterm&pagina=2", headers={"X-Request-ID": "test-req-0001"})

    regels = [r for r in logboek_.regels() if r["logger"] == "portal.requests"]
    assert len(regels) == 1
    (regel,) = regels
    assert regel["request_id"] == "test-req-0001"
    assert (regel["method"], regel["path"], regel["status"]) == ("GET", "/", 200)
    assert isinstance(regel["duration_ms"], float)
    assert regel["level"] == "INFO"
    assert regel["time"].endswith("+00:00")
    assert "geheimezoekterm" not in logboek_.uitvoer.getvalue()


def test_a_log_line_written_during_a_request_carries_that_requests_id(maak_app, logboek_):
    app = maak_app(DATABASE_URL=ONBEREIKBAAR)

    app.test_client().get("/gezondheid/klaar", headers={"X-Request-ID": "req-4242-ab"})

    (melding,) = [r for r in logboek_.regels() if r["logger"] == "portal.gezondheid"]
    assert melding["request_id"] == "req-4242-ab"
    assert melding["level"] == "WARNING"
    assert "exception" not in melding  # the kind of failure, not a stack trace


def _persoonsgegevens_in(tekst: str) -> list[str]:
    """Which of the known person's data occur in ``tekst``, in any notation."""
    tekst = tekst.lower().replace("%40", "@").replace("%2b", "+")
    platgeslagen = re.sub(r"[\s.()+\-]|%20", "", tekst)  # 06-87 65 43 21 -> 0687654321
    gevonden = [bsn for bsn in (BSN, SLECHT_BSN) if bsn in platgeslagen]
    if ABONNEENUMMER in platgeslagen:
        gevonden.append("telefoon")
    if EMAIL.split("@")[0] in tekst:
        gevonden.append("e-mail")
    return gevonden


def test_no_bsn_phone_number_or_email_address_reaches_the_logs(
    maak_app, logboek_, nep_twilio, smtp_server
):
    app = maak_app(**met_providers(nep_twilio, smtp_server, SMS_STILTIJD=False))
    db = app.extensions["portal.sessionmaker"]()
    burger = maak_burger(db, bsn=BSN, telefoon=TELEFOON, email=EMAIL)
    dossier = maak_dossier(db, burger=burger)
    maak_traject(db, dossier=dossier)
    medewerker = maak_medewerker(db)
    db.commit()
    burger_client, medewerker_client = app.test_client(), app.test_client()
    log_in(burger_client, burger)
    log_in(medewerker_client, medewerker)

    # The person: pages with their own data in the query string, a new number and address.
    zoekvraag = f"?q={BSN}&tel={quote(TELEFOON)}&mail={EMAIL}"
    for pad in ["/mijn-dossier", PAD, f"/mijn-dossier{zoekvraag}", f"{PAD}{zoekvraag}"]:
        assert burger_client.get(pad).status_code == 200
    telefoon = burger_client.post(
        f"{PAD}/telefoon",
        data={"nieuw-telefoon": "06-87 65 43 21", "csrf_token": csrf_token(burger_client, PAD)},
    )
    assert telefoon.status_code == 303
    code = burger_client.post(
        f"{PAD}/telefoon/code",
        data={"code": "000000", "csrf_token": csrf_token(burger_client, f"{PAD}/telefoon/code")},
    )
    assert code.status_code in {303, 400}
    email = burger_client.post(
        f"{PAD}/email", data={"nieuw-email": EMAIL, "csrf_token": csrf_token(burger_client, PAD)}
    )
    assert email.status_code == 303
    # A 400 (refused number) and a 404 (unknown page with the BSN in its query).
    fout = burger_client.post(
        f"{PAD}/telefoon",
        data={"nieuw-telefoon": f"{TELEFOON}99", "csrf_token": csrf_token(burger_client, PAD)},
    )
    assert fout.status_code == 400
    assert burger_client.get(f"/bestaat-niet?bsn={BSN}").status_code == 404
    assert burger_client.get(f"/mijn-dossier?q={BSN}%00").status_code == 400

    # The casemanager finds the dossier by BSN and opens it.
    gezocht = medewerker_client.post(
        "/medewerker/",
        data={
            "bsn": BSN,
            "kenmerk": "",
            "csrf_token": csrf_token(medewerker_client, "/medewerker/"),
        },
    )
    assert gezocht.status_code == 303
    assert medewerker_client.get(gezocht.headers["Location"]).status_code == 200

    # The back office sends a BSN that fails the 11-proef.
    systeem = maak_systeem(app)
    api = post(app.test_client(), "/dossiers", systeem.token, dossier_json(bsn=SLECHT_BSN))
    assert api.status_code == 422

    # The worker sends the code by SMS and the confirmation link by e-mail.
    assert Verzender(app).dispatch(utcnow() + timedelta(seconds=1))["verzonden"] == 2
    assert [sms.to for sms in nep_twilio.berichten] == [TELEFOON]
    db.close()

    assert logboek_.regels(), "nothing was logged: the handler is not attached"
    assert _persoonsgegevens_in(logboek_.uitvoer.getvalue()) == []
    # Not only masked: our own code does not log them in the first place.
    assert _persoonsgegevens_in("\n".join(logboek_.ruw)) == []


def test_a_bsn_phone_number_or_email_address_in_a_url_path_is_masked(client, logboek_):
    for pad in [f"/dossier/{BSN}", "/bellen/06-87654321", f"/mail/{EMAIL}"]:
        client.get(pad)

    uitvoer = logboek_.uitvoer.getvalue()
    assert _persoonsgegevens_in(uitvoer) == []
    paden = [r["path"] for r in logboek_.regels() if r["logger"] == "portal.requests"]
    assert paden == ["/dossier/[bsn]", "/bellen/[telefoon]", "/mail/[e-mail]"]


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        (f"bsn {BSN} gevonden", "bsn [bsn] gevonden"),
        ("bsn 1112.22.333", "bsn [bsn]"),
        (f"nummer {TELEFOON}", "nummer [telefoon]"),
        ("nummer +31 6 87654321", "nummer [telefoon]"),
        ("nummer 0031687654321", "nummer [telefoon]"),
        ("nummer %2B31687654321", "nummer [telefoon]"),
        ("nummer 31687654321", "nummer [telefoon]"),
        ("nummer 06-87 65 43 21", "nummer [telefoon]"),
        ("vast 020 123 4567", "vast [telefoon]"),
        (f"adres {EMAIL}.", "adres [e-mail]."),
        ("adres fatima%40example.nl", "adres [e-mail]"),
    ],
)
def test_the_mask_hides_bsns_phone_numbers_and_email_addresses(tekst, verwacht):
    assert logboek.schoon(tekst) == verwacht


@pytest.mark.parametrize(
    "tekst",
    [
        "Dispatched: verzonden 12",
        "E-mail for notification 4711 accepted",
        "afspraak 01-12-2026 12:00",
        "duur 1234.5 ms",
        "request 2c59ad26a70a813ba0a90a816e5f3039",
    ],
)
def test_the_mask_leaves_ordinary_log_text_alone(tekst):
    assert logboek.schoon(tekst) == tekst


def test_the_mask_covers_arguments_that_are_not_strings_and_exception_text(logboek_):
    log = logging.getLogger("portal.test")
    log.warning("BSN als getal: %s", int(BSN))
    try:
        raise ValueError(f"[parameters: ('{BSN}', '{EMAIL}')]")
    except ValueError:
        log.exception("Database error")

    uitvoer = logboek_.uitvoer.getvalue()
    assert "[bsn]" in uitvoer
    assert _persoonsgegevens_in(uitvoer) == []


# --- the log format per environment, and the worker ----------------------------------------


@pytest.mark.parametrize(
    ("omgeving", "portal_env", "verwacht"),
    [
        ({}, "production", "json"),
        ({}, "development", "tekst"),
        ({"PORTAL_LOG_FORMAAT": "tekst"}, "production", "tekst"),
        ({"PORTAL_LOG_FORMAAT": "JSON"}, "development", "json"),
    ],
)
def test_logs_are_json_in_production_and_text_in_development(omgeving, portal_env, verwacht):
    assert logboek.formaat_uit(omgeving, portal_env) == verwacht


def test_an_unknown_log_format_is_refused():
    with pytest.raises(ValueError, match="PORTAL_LOG_FORMAAT"):
        logboek.formaat_uit({"PORTAL_LOG_FORMAAT": "xml"}, "production")


@pytest.fixture
def herstel_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, niveau = list(root.handlers), root.level
    namen = ("werkzeug", "alembic.runtime.plugins", "apscheduler", "twilio.http_client")
    niveaus = {naam: logging.getLogger(naam).level for naam in namen}
    yield
    root.handlers[:] = handlers
    root.setLevel(niveau)
    for naam, oud in niveaus.items():
        logging.getLogger(naam).setLevel(oud)


class _NepWerker:
    """Stands in for the worker: logs one line the way the planner does, then stops."""

    houder = "testhost:1:abcdef01"

    def __init__(self, _app: object) -> None:
        self.verzender = type("V", (), {"kanalen": ["sms"]})()

    def start(self, _interval: float) -> None:
        logging.getLogger("portal.werker").info("Planned: kwartaalupdate 3")


def test_the_worker_logs_json_lines(app, monkeypatch, herstel_root_logger):
    monkeypatch.setenv("PORTAL_LOG_FORMAAT", "json")
    monkeypatch.setattr("portal.werker.cli.Werker", _NepWerker)

    uitkomst = app.test_cli_runner().invoke(args=["notificaties", "run"])

    assert uitkomst.exit_code == 0, uitkomst.output
    regels = [json.loads(r) for r in uitkomst.stderr.splitlines() if r.strip()]
    (regel,) = [r for r in regels if r["logger"] == "portal.werker"]
    assert regel["message"] == "Planned: kwartaalupdate 3"
    assert regel["level"] == "INFO"
    assert regel["request_id"] is None


def test_setting_up_logging_twice_does_not_double_the_lines(herstel_root_logger):
    logboek.configureer("json")
    logboek.configureer("json")

    eigen = [h for h in logging.getLogger().handlers if getattr(h, "portal_logboek", False)]
    assert len(eigen) == 1


def _schrijf(handler: logging.Handler, naam: str, bericht: str) -> None:
    handler.handle(logging.LogRecord(naam, logging.INFO, __file__, 1, bericht, None, None))


def test_the_text_format_shows_the_request_id_or_a_dash_outside_a_request(app):
    uitvoer = io.StringIO()
    handler = logboek.maak_handler("tekst", stream=uitvoer)

    _schrijf(handler, "portal.werker", "Planned: digests 1")
    with app.test_request_context("/", headers={"X-Request-ID": "lb-7f3a9c21"}):
        web.request_id()
        _schrijf(handler, "portal.test", "binnen")

    buiten, binnen = uitvoer.getvalue().splitlines()
    assert buiten.endswith("INFO portal.werker [-] Planned: digests 1")
    assert binnen.endswith("INFO portal.test [lb-7f3a9c21] binnen")


def test_the_development_servers_access_line_is_left_out_and_its_address_kept():
    uitvoer = io.StringIO()
    handler = logboek.maak_handler("tekst", stream=uitvoer)

    _schrijf(
        handler, "werkzeug", '127.0.0.1 - - [25/Nov/2026 21:03:00] "GET /?q=zoek HTTP/1.1" 200 -'
    )
    _schrijf(handler, "werkzeug", " * Running on http://127.0.0.1:5000")

    assert "GET /?q=zoek" not in uitvoer.getvalue()
    assert "Running on http://127.0.0.1:5000" in uitvoer.getvalue()
