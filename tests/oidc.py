"""A real OpenID Connect provider on 127.0.0.1, and helpers to log in through it.

The provider is oidc-provider-mock, served over HTTP by werkzeug in a thread: the portal's
Authlib client fetches the discovery document, exchanges the code at the token endpoint,
checks the ID token against the JWKS and calls the userinfo endpoint, all for real.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
import requests
from authlib.deprecate import AuthlibDeprecationWarning
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import make_server
from werkzeug.test import TestResponse

with warnings.catch_warnings():
    # The provider imports authlib.jose and authlib's httpx client, which announce their
    # deprecation through a filter of authlib's own that outranks pytest's ignores.
    warnings.simplefilter("ignore", AuthlibDeprecationWarning)
    import oidc_provider_mock

# DigiD levels, in the SAML notation DigiD brokers pass on in the acr claim.
ACR_SUBSTANTIEEL = "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard"
ACR_BASIS = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"

PORTAL_HOST = "portal.test"


@dataclass
class Provider:
    """The running provider: its issuer URL and a way to say who logs in next."""

    issuer: str
    http: requests.Session = field(default_factory=requests.Session)

    def zet_gebruiker(self, sub: str, claims: dict[str, object]) -> None:
        """What the provider says about ``sub`` from now on (replaces earlier claims)."""
        antwoord = self.http.put(f"{self.issuer}/users/{sub}", json=claims, timeout=10)
        assert antwoord.status_code == 204, antwoord.text

    def beslis(self, authorize_url: str, *, sub: str | None, weiger: bool = False) -> str:
        """Answer the provider's login form; returns where it sends the browser back to."""
        assert authorize_url.startswith(f"{self.issuer}/oauth2/authorize?"), authorize_url
        formulier = {"action": "deny"} if weiger else {"sub": str(sub)}
        antwoord = self.http.post(authorize_url, data=formulier, allow_redirects=False, timeout=10)
        assert antwoord.status_code == 302, antwoord.text
        return antwoord.headers["Location"]


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[Provider]:
    """One provider for the whole run, bound to 127.0.0.1 on a free port."""
    server = make_server("127.0.0.1", 0, oidc_provider_mock.app(), threaded=True)
    draad = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    draad.start()
    provider = Provider(issuer=f"http://127.0.0.1:{server.server_port}")
    try:
        yield provider
    finally:
        provider.http.close()
        server.shutdown()
        server.server_close()
        draad.join(5)


@pytest.fixture
def maak_oidc_app(
    app: Flask, maak_app: Callable[..., Flask], oidc_provider: Provider
) -> Callable[..., Flask]:
    """Build a portal app whose logins go to the provider; ``extra`` overrides settings.

    Depends on ``app`` so that fixture's teardown empties the tables afterwards, once
    ``maak_app`` has closed the connections of the apps made here.
    """

    def maak(**extra: object) -> Flask:
        return maak_app(
            **{
                "BURGER_OIDC_ISSUER": oidc_provider.issuer,
                "BURGER_OIDC_CLIENT_ID": "portaal-burger",
                "BURGER_OIDC_CLIENT_SECRET": "geheim-burger",
                "MEDEWERKER_OIDC_ISSUER": oidc_provider.issuer,
                "MEDEWERKER_OIDC_CLIENT_ID": "portaal-medewerker",
                "MEDEWERKER_OIDC_CLIENT_SECRET": "geheim-medewerker",
                "MEDEWERKER_MFA_VEREIST": True,
                **extra,
            }
        )

    return maak


@pytest.fixture
def oidc_app(maak_oidc_app: Callable[..., Flask]) -> Flask:
    return maak_oidc_app()


@dataclass
class Inlogpoging:
    """What happened during one login: the final answer and every redirect on the way."""

    antwoord: TestResponse
    locations: list[str]


def _pad(url: str) -> str:
    delen = urlsplit(url)
    assert delen.netloc == PORTAL_HOST, f"sent back to {url}, not to the portal"
    return f"{delen.path}?{delen.query}" if delen.query else delen.path


def log_in_via_provider(
    client: FlaskClient,
    provider: Provider,
    *,
    start: str,
    sub: str | None,
    weiger: bool = False,
    terug_url: Callable[[str], str] | None = None,
) -> Inlogpoging:
    """Click the login button at ``start``, answer the provider's form, follow the way back.

    ``terug_url`` may change the URL the provider sends the browser back to (for forgeries).
    """
    locations: list[str] = []
    begin = client.get(start)
    assert begin.status_code == 302, begin.status_code
    locations.append(begin.headers["Location"])
    terug = provider.beslis(begin.headers["Location"], sub=sub, weiger=weiger)
    if terug_url is not None:
        terug = terug_url(terug)
    locations.append(terug)
    antwoord = client.get(_pad(terug))
    if "Location" in antwoord.headers:
        locations.append(antwoord.headers["Location"])
    return Inlogpoging(antwoord=antwoord, locations=locations)
