"""A fake Twilio REST API on 127.0.0.1 that the real twilio client talks to.

It answers ``POST /2010-04-01/Accounts/{sid}/Messages.json`` as Twilio does, records what it
accepted, and can be told how to answer next: success, a 500, a 429, an answer slower than
the client waits, or a Twilio error code. It also signs status callbacks and SMS replies
the way Twilio does, for posting to the portal's webhooks.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, NamedTuple
from urllib.parse import parse_qs

import pytest
from twilio.request_validator import RequestValidator

ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
AUTH_TOKEN = "nep-twilio-auth-token-0123456789"
MESSAGING_SERVICE_SID = "MG" + "fedcba9876543210" * 2
UWV_NUMMER = "+3197010000000"

_MELDINGEN = {
    20003: "Authenticate",
    20429: "Too Many Requests",
    20500: "Internal Server Error",
    21211: "Invalid 'To' Phone Number",
    21602: "Message body is required.",
    21603: "A 'From' phone number is required.",
    21604: "A 'To' phone number is required.",
    21610: "Attempt to send to unsubscribed recipient",
    21614: "'To' number is not a valid mobile number",
}


@dataclass(frozen=True)
class Antwoord:
    """How the fake answers one request."""

    http_status: int = 201
    code: int | None = None
    vertraging: float = 0.0  # seconds, on top of the fixed latency

    @classmethod
    def succes(cls) -> Antwoord:
        return cls()

    @classmethod
    def serverfout(cls) -> Antwoord:
        return cls(500, 20500)

    @classmethod
    def te_veel_verzoeken(cls) -> Antwoord:
        return cls(429, 20429)

    @classmethod
    def traag(cls, seconden: float) -> Antwoord:
        """A success that arrives after ``seconden``: longer than the client's timeout."""
        return cls(vertraging=seconden)

    @classmethod
    def twilio_fout(cls, code: int, http_status: int = 400) -> Antwoord:
        return cls(http_status, code)


@dataclass(frozen=True)
class OntvangenSms:
    """A message the fake accepted."""

    sid: str
    to: str
    body: str
    afzender: str | None
    messaging_service_sid: str | None
    status_callback: str | None


class Webhookverzoek(NamedTuple):
    """A signed request as Twilio would send it: post ``params`` with ``headers`` to ``url``."""

    url: str
    params: dict[str, str]
    headers: dict[str, str]


def _foutbody(code: int, http_status: int) -> dict[str, Any]:
    return {
        "code": code,
        "message": _MELDINGEN.get(code, f"Error {code}"),
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": http_status,
    }


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: test output shows failures, not every request

    def do_POST(self) -> None:
        nep = self.server.nep
        lengte = int(self.headers.get("Content-Length") or 0)
        velden = {k: v[0] for k, v in parse_qs(self.rfile.read(lengte).decode()).items()}
        status, body = nep.verwerk(self.path, self.headers.get("Authorization", ""), velden)
        inhoud = json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(inhoud)))
            self.end_headers()
            self.wfile.write(inhoud)
        except OSError:
            pass  # the client stopped waiting (a timeout test): nobody to answer


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Many senders connect at once (the benchmark, the thread tests): the default backlog
    # of 5 drops connections on a busy machine, which then time out.
    request_queue_size = 128
    nep: NepTwilio


class NepTwilio:
    """The fake server. Start it with ``start()`` or use the ``nep_twilio`` fixture."""

    def __init__(self, account_sid: str = ACCOUNT_SID, auth_token: str = AUTH_TOKEN) -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.standaard = Antwoord.succes()
        self.latentie = 0.0  # seconds before every answer, e.g. 0.05 for a benchmark
        self._volgende: deque[Antwoord] = deque()
        self._berichten: list[OntvangenSms] = []
        self._slot = threading.Lock()
        self._gestopt = threading.Event()
        self._server: _Server | None = None
        self._draad: threading.Thread | None = None

    # --- lifecycle ---

    def start(self) -> NepTwilio:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.nep = self
        # A short poll interval: shutdown() waits for one, at the end of every test.
        self._draad = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._draad.start()
        return self

    def stop(self) -> None:
        self._gestopt.set()  # wakes slow answers, so no handler outlives the test for long
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._draad is not None:
            self._draad.join(timeout=5)

    @property
    def api_url(self) -> str:
        """The base URL to pass as ``TWILIO_API_URL`` / ``SmsKanaal(api_url=…)``."""
        assert self._server is not None, "start() the fake first"
        host, poort = self._server.server_address[:2]
        return f"http://{host}:{poort}"

    # --- what to answer, and what was received ---

    def antwoord(self, *antwoorden: Antwoord) -> None:
        """Answer the next requests with these, in order; then ``standaard`` again."""
        with self._slot:
            self._volgende.extend(antwoorden)

    @property
    def berichten(self) -> list[OntvangenSms]:
        with self._slot:
            return list(self._berichten)

    def verwerk(self, pad: str, autorisatie: str, velden: dict[str, str]) -> tuple[int, Any]:
        """Answer one request to the REST API; called from the server's threads."""
        verwacht = f"/2010-04-01/Accounts/{self.account_sid}/Messages.json"
        if not self._geauthenticeerd(autorisatie):
            return 401, _foutbody(20003, 401)
        if pad.split("?")[0] != verwacht:
            return 404, _foutbody(20404, 404)
        with self._slot:
            antwoord = self._volgende.popleft() if self._volgende else self.standaard
        if self.latentie or antwoord.vertraging:
            self._gestopt.wait(self.latentie + antwoord.vertraging)
        if antwoord.code is not None:
            return antwoord.http_status, _foutbody(antwoord.code, antwoord.http_status)
        for veld, code in (("To", 21604), ("Body", 21602)):
            if not velden.get(veld):
                return 400, _foutbody(code, 400)
        if not (velden.get("From") or velden.get("MessagingServiceSid")):
            return 400, _foutbody(21603, 400)
        bericht = OntvangenSms(
            sid="SM" + secrets.token_hex(16),
            to=velden["To"],
            body=velden["Body"],
            afzender=velden.get("From"),
            messaging_service_sid=velden.get("MessagingServiceSid"),
            status_callback=velden.get("StatusCallback"),
        )
        with self._slot:
            self._berichten.append(bericht)
        return antwoord.http_status, self._bericht_resource(bericht)

    def _geauthenticeerd(self, autorisatie: str) -> bool:
        schema, _, gecodeerd = autorisatie.partition(" ")
        if schema.lower() != "basic":
            return False
        try:
            gebruiker, _, wachtwoord = base64.b64decode(gecodeerd).decode().partition(":")
        except ValueError:
            return False
        return secrets.compare_digest(
            f"{gebruiker}:{wachtwoord}", f"{self.account_sid}:{self.auth_token}"
        )

    def _bericht_resource(self, bericht: OntvangenSms) -> dict[str, Any]:
        nu = formatdate(usegmt=True)
        uri = f"/2010-04-01/Accounts/{self.account_sid}/Messages/{bericht.sid}"
        return {
            "account_sid": self.account_sid,
            "api_version": "2010-04-01",
            "body": bericht.body,
            "date_created": nu,
            "date_sent": None,
            "date_updated": nu,
            "direction": "outbound-api",
            "error_code": None,
            "error_message": None,
            "from": bericht.afzender,
            "messaging_service_sid": bericht.messaging_service_sid,
            "num_media": "0",
            "num_segments": "1",
            "price": None,
            "price_unit": "USD",
            "sid": bericht.sid,
            "status": "queued",
            "subresource_uris": {"media": f"{uri}/Media.json"},
            "to": bericht.to,
            "uri": f"{uri}.json",
        }

    # --- Twilio calling the portal ---

    def onderteken(self, url: str, params: dict[str, str]) -> dict[str, str]:
        """The headers Twilio adds: a signature over the URL and the posted fields."""
        handtekening = RequestValidator(self.auth_token).compute_signature(url, params)
        return {"X-Twilio-Signature": handtekening}

    def status_callback(
        self, url: str, message_sid: str, status: str, foutcode: int | str | None = None
    ) -> Webhookverzoek:
        """A signed status callback for ``message_sid``, as Twilio posts it to ``url``."""
        bekend = {b.sid: b for b in self.berichten}.get(message_sid)
        params = {
            "AccountSid": self.account_sid,
            "ApiVersion": "2010-04-01",
            "From": (bekend and bekend.afzender) or UWV_NUMMER,
            "MessageSid": message_sid,
            "MessageStatus": status,
            "SmsSid": message_sid,
            "SmsStatus": status,
            "To": bekend.to if bekend else "+31612345678",
        }
        if bekend and bekend.messaging_service_sid:
            params["MessagingServiceSid"] = bekend.messaging_service_sid
        if foutcode is not None:
            params["ErrorCode"] = str(foutcode)
        return Webhookverzoek(url, params, self.onderteken(url, params))

    def inkomende_sms(self, url: str, van: str, tekst: str) -> Webhookverzoek:
        """A signed incoming SMS (a reply such as STOP), as Twilio posts it to ``url``."""
        sid = "SM" + secrets.token_hex(16)
        params = {
            "AccountSid": self.account_sid,
            "ApiVersion": "2010-04-01",
            "Body": tekst,
            "From": van,
            "FromCountry": "NL",
            "MessageSid": sid,
            "NumMedia": "0",
            "NumSegments": "1",
            "SmsMessageSid": sid,
            "SmsSid": sid,
            "SmsStatus": "received",
            "To": UWV_NUMMER,
            "ToCountry": "NL",
        }
        return Webhookverzoek(url, params, self.onderteken(url, params))


@pytest.fixture
def nep_twilio() -> Iterator[NepTwilio]:
    """A started fake Twilio with the test account's credentials; stopped after the test."""
    nep = NepTwilio().start()
    yield nep
    nep.stop()
