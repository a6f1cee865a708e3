"""SMS through Twilio's REST API, with the real twilio client.

Twilio's errors are sorted into the two kinds the dispatcher cares about: retrying may help
(rate limits, outages, carrier trouble) or it never will (a wrong or unsubscribed number).
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

import requests
from twilio.base.exceptions import TwilioException, TwilioRestException, TwilioServiceException
from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response
from twilio.rest import Client

from notificaties.kanalen import KanaalFout, Uitgaand

if TYPE_CHECKING:
    from requests.sessions import _Settings  # the stubs' name for what requests returns

# Twilio error codes after which sending the same message again cannot succeed:
# 21211 invalid 'To' number, 21610 the recipient replied STOP, 21614 not a mobile number,
# 30005 unknown or inactive number, 30006 landline or unreachable carrier.
PERMANENTE_CODES = frozenset({"21211", "21610", "21614", "30005", "30006"})


class _Sessie(requests.Session):
    """A requests session that reads the environment's proxy and CA settings (``HTTPS_PROXY``,
    ``NO_PROXY``, ``REQUESTS_CA_BUNDLE``, …) once per address, not on every request: walking
    the whole environment twice per message cost more CPU than the request itself."""

    def __init__(self) -> None:
        super().__init__()
        self._omgeving: dict[tuple[str, str], _Settings] = {}

    def merge_environment_settings(
        self, url: Any, proxies: Any, stream: Any, verify: Any, cert: Any
    ) -> _Settings:
        if proxies or stream is not None or verify is not None or cert is not None:
            return super().merge_environment_settings(url, proxies, stream, verify, cert)
        doel = urlsplit(str(url))
        sleutel = (doel.scheme, doel.netloc)
        gelezen = self._omgeving.get(sleutel)
        if gelezen is None:
            gelezen = super().merge_environment_settings(url, {}, None, None, None)
            self._omgeving[sleutel] = gelezen
        kopie = gelezen.copy()
        kopie["proxies"] = dict(gelezen["proxies"])  # requests may add to it
        return kopie


class _HttpClient(TwilioHttpClient):  # type: ignore[misc]  # twilio ships no types
    """Twilio's HTTP client, optionally sending every request to another base URL (a fake
    Twilio in tests), with the environment read once (``_Sessie``) and its request logging
    kept for DEBUG.

    The twilio package has no base-URL setting; a custom HTTP client is the extension point
    Twilio itself recommends for this (twilio/twilio-python#521).
    """

    session: requests.Session

    def __init__(self, api_url: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        sessie = _Sessie()
        sessie.adapters = self.session.adapters  # Twilio's own connection pool for https
        self.session = sessie
        doel = urlsplit(api_url) if api_url else None
        self._doel = doel and (doel.scheme, doel.netloc, doel.path.rstrip("/"))

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Response:
        if self._doel is not None:
            scheme, netloc, pad = self._doel
            oud = urlsplit(url)
            url = urlunsplit(oud._replace(scheme=scheme, netloc=netloc, path=pad + oud.path))
        return super().request(method, url, *args, **kwargs)

    # Twilio writes a dozen INFO lines per message (the request, each header, the response):
    # they would drown the worker's log and cost a tenth of a message's CPU. They are written
    # when the ``twilio.http_client`` logger is set to DEBUG.
    def log_request(self, kwargs: dict[str, Any]) -> None:
        if self.logger.isEnabledFor(logging.DEBUG):
            super().log_request(kwargs)

    def log_response(self, status_code: int, response: Any) -> None:
        if self.logger.isEnabledFor(logging.DEBUG):
            super().log_response(status_code, response)


def _fout(fout: TwilioRestException | TwilioServiceException) -> KanaalFout:
    code = str(fout.code) if fout.code is not None else None
    melding = f"Twilio HTTP {fout.status}, code {code}"
    if fout.status == 429 or fout.status >= 500:
        return KanaalFout(melding, tijdelijk=True, code=code)
    # 30003 (handset off or out of reach) and codes we do not know: the message may
    # still arrive later, and the dispatcher gives up after its retry window anyway.
    return KanaalFout(melding, tijdelijk=code not in PERMANENTE_CODES, code=code)


class SmsKanaal:
    """The SMS channel; one per process, shared by the dispatcher's threads.

    A ``requests.Session`` is not documented as thread-safe (psf/requests#2766) and
    ``TwilioHttpClient`` keeps the last request and response on itself, so each thread
    gets its own client (and so its own connection pool) from a ``threading.local``.
    """

    provider = "twilio"

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        *,
        messaging_service_sid: str = "",
        afzender: str = "",
        status_callback: str | None = None,
        api_url: str = "",
        timeout: float = 10.0,
    ) -> None:
        if not (messaging_service_sid or afzender):
            raise ValueError("Set a messaging service SID or a sender (afzender).")
        self._account_sid = account_sid
        self._auth_token = auth_token
        self._api_url = api_url
        self._timeout = timeout
        self._afzender: dict[str, str] = (
            {"messaging_service_sid": messaging_service_sid}
            if messaging_service_sid
            else {"from_": afzender}
        )
        self._status_callback = status_callback
        self._lokaal = threading.local()
        self._clients: list[Client] = []
        self._slot = threading.Lock()

    def _client(self) -> Client:
        client: Client | None = getattr(self._lokaal, "client", None)
        if client is None:
            http = _HttpClient(self._api_url, timeout=self._timeout)
            client = Client(self._account_sid, self._auth_token, http_client=http)
            self._lokaal.client = client
            with self._slot:
                self._clients.append(client)
        return client

    def send(self, uitgaand: Uitgaand) -> str:
        """Hand the message to Twilio and return its message SID."""
        velden: dict[str, Any] = {"to": uitgaand.adres, "body": uitgaand.tekst, **self._afzender}
        if self._status_callback:
            velden["status_callback"] = self._status_callback
        try:
            bij_twilio = self._client().messages.create(**velden)
        except (TwilioRestException, TwilioServiceException) as fout:
            raise _fout(fout) from fout
        except requests.Timeout as fout:
            raise KanaalFout(
                "Twilio did not answer in time", tijdelijk=True, code="twilio-timeout"
            ) from fout
        except requests.RequestException as fout:
            # Connection refused or reset, DNS, TLS: the network, not the message.
            raise KanaalFout(
                f"Twilio unreachable: {type(fout).__name__}",
                tijdelijk=True,
                code="twilio-onbereikbaar",
            ) from fout
        except TwilioException as fout:
            raise KanaalFout(
                f"Twilio client error: {fout}", tijdelijk=True, code="twilio-client"
            ) from fout
        sid: str | None = bij_twilio.sid
        if not sid:
            raise KanaalFout(
                "Twilio answered without a message SID", tijdelijk=True, code="twilio-geen-sid"
            )
        return sid

    def close(self) -> None:
        """Close every thread's connections (at shutdown, and at the end of a test)."""
        with self._slot:
            clients, self._clients = self._clients, []
        for client in clients:
            session = getattr(client.http_client, "session", None)
            if session is not None:
                session.close()
        self._lokaal = threading.local()
