"""A real SMTP server (aiosmtpd) on 127.0.0.1, and what it received.

``smtp_server`` speaks plain SMTP (as a developer's local mail catcher does);
``smtp_server_starttls`` requires STARTTLS before anything else, as production does, with a
throwaway certificate authority made for the test run and one login it accepts;
``smtp_server_ssl`` speaks SMTP inside TLS from the start. Each can be told to answer the next
RCPT or DATA with a given reply, to test how failures are mapped. A test module (or
``tests/conftest.py``) makes them available by name; the TLS ones need ``smtp_certificaten``::

    from tests import smtp

    smtp_certificaten = smtp.smtp_certificaten
    smtp_server = smtp.smtp_server
    smtp_server_ssl = smtp.smtp_server_ssl
    smtp_server_starttls = smtp.smtp_server_starttls
"""

from __future__ import annotations

import datetime
import email
import email.policy
import ipaddress
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Literal

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from notificaties.email import EmailKanaal

HOST = "127.0.0.1"
AFZENDER = "UWV WIA-portaal <noreply@portaal.uwv.test>"
GEBRUIKER = "portaal"
WACHTWOORD = "geheim-voor-de-test"

Stap = Literal["RCPT", "DATA"]


@dataclass(frozen=True)
class Ontvangen:
    """One message as the server accepted it."""

    afzender: str
    ontvangers: list[str]
    bericht: EmailMessage
    ruw: bytes
    tls: bool
    gebruiker: str | None


class Postbus:
    """The aiosmtpd handler: keeps what arrives, refuses on request."""

    def __init__(self) -> None:
        self.ontvangen: list[Ontvangen] = []
        self._weigeringen: dict[Stap, str] = {}
        # Hooks run on the server's thread, the test reads and instructs from its own.
        self._lock = threading.Lock()

    def weiger_volgende(self, stap: Stap, antwoord: str) -> None:
        """Answer the next RCPT or DATA with ``antwoord``, e.g. ``"451 4.3.0 Probeer later"``."""
        with self._lock:
            self._weigeringen[stap] = antwoord

    def _weigering(self, stap: Stap) -> str | None:
        with self._lock:
            return self._weigeringen.pop(stap, None)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if antwoord := self._weigering("RCPT"):
            return antwoord
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if antwoord := self._weigering("DATA"):
            return antwoord
        ruw = envelope.original_content or b""
        bericht = email.message_from_bytes(ruw, policy=email.policy.default)
        assert isinstance(bericht, EmailMessage)
        login = session.auth_data.login if isinstance(session.auth_data, LoginPassword) else None
        with self._lock:
            self.ontvangen.append(
                Ontvangen(
                    afzender=str(envelope.mail_from),
                    ontvangers=list(envelope.rcpt_tos),
                    bericht=bericht,
                    ruw=ruw,
                    tls=server.transport.get_extra_info("ssl_object") is not None,
                    gebruiker=login.decode() if login is not None else None,
                )
            )
        return "250 2.0.0 Message accepted for delivery"


def _accepteer_testlogin(
    server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
) -> AuthResult:
    geldig = isinstance(auth_data, LoginPassword) and auth_data == LoginPassword(
        GEBRUIKER.encode(), WACHTWOORD.encode()
    )
    # handled=False: aiosmtpd then answers the refusal with 535 itself.
    return AuthResult(success=geldig, handled=False, auth_data=auth_data)


class _Controller(Controller):
    """Binds to port 0 and learns the port the system chose, so parallel runs never clash."""

    async def _create_server(self) -> Any:
        server = await super()._create_server()
        self.port = server.sockets[0].getsockname()[1]
        return server


@dataclass
class SmtpServer:
    """A running server: where it listens, what it received, and a channel that talks to it."""

    port: int
    postbus: Postbus
    beveiliging: str
    ssl_context: ssl.SSLContext | None = None
    host: str = HOST
    afzender: str = AFZENDER

    @property
    def ontvangen(self) -> list[Ontvangen]:
        return self.postbus.ontvangen

    def weiger_volgende(self, stap: Stap, antwoord: str) -> None:
        self.postbus.weiger_volgende(stap, antwoord)

    def kanaal(self, **instellingen: Any) -> EmailKanaal:
        """An EmailKanaal for this server; keyword arguments override its settings."""
        standaard: dict[str, Any] = {
            "afzender": self.afzender,
            "beveiliging": self.beveiliging,
            "ssl_context": self.ssl_context,
            "timeout": 5.0,
        }
        return EmailKanaal(self.host, self.port, **{**standaard, **instellingen})


def _start(postbus: Postbus, **smtp_instellingen: Any) -> _Controller:
    controller = _Controller(
        postbus, hostname=HOST, port=0, server_hostname="smtp.test", **smtp_instellingen
    )
    controller.start()
    return controller


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """Plain SMTP without TLS or login, for ``beveiliging="geen"``."""
    postbus = Postbus()
    controller = _start(postbus)
    try:
        yield SmtpServer(port=controller.port, postbus=postbus, beveiliging="geen")
    finally:
        controller.stop()


@dataclass(frozen=True)
class Certificaten:
    ca: Path
    certificaat: Path
    sleutel: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.certificaat, self.sleutel)
        return context

    def client_context(self) -> ssl.SSLContext:
        """Verifies the server fully (hostname included), trusting only the test CA."""
        return ssl.create_default_context(cafile=str(self.ca))


@pytest.fixture(scope="session")
def smtp_certificaten(tmp_path_factory: pytest.TempPathFactory) -> Certificaten:
    map_ = tmp_path_factory.mktemp("smtp-tls")
    return maak_certificaten(map_)


def maak_certificaten(map_: Path) -> Certificaten:
    """A CA and a server certificate for 127.0.0.1 signed by it, valid for one day.

    A separate CA (rather than one self-signed certificate) satisfies OpenSSL's strict
    verification, which newer Pythons switch on by default.
    """
    nu = datetime.datetime.now(datetime.UTC)
    ca_sleutel = ec.generate_private_key(ec.SECP256R1())
    ca_naam = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "WIA-portaal test-CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_naam)
        .issuer_name(ca_naam)
        .public_key(ca_sleutel.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(nu - datetime.timedelta(minutes=5))
        .not_valid_after(nu + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_sleutelgebruik(ca=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_sleutel.public_key()), False)
        .sign(ca_sleutel, hashes.SHA256())
    )
    sleutel = ec.generate_private_key(ec.SECP256R1())
    certificaat = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)]))
        .issuer_name(ca_naam)
        .public_key(sleutel.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(nu - datetime.timedelta(minutes=5))
        .not_valid_after(nu + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_sleutelgebruik(ca=False), critical=True)
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address(HOST)), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_sleutel.public_key()), False
        )
        .sign(ca_sleutel, hashes.SHA256())
    )
    paden = Certificaten(map_ / "ca.pem", map_ / "server.pem", map_ / "server-sleutel.pem")
    paden.ca.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paden.certificaat.write_bytes(certificaat.public_bytes(serialization.Encoding.PEM))
    paden.sleutel.write_bytes(
        sleutel.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paden


def _sleutelgebruik(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


@pytest.fixture
def smtp_server_ssl(smtp_certificaten: Certificaten) -> Iterator[SmtpServer]:
    """SMTP inside TLS from the first byte (port 465 style), for ``beveiliging="ssl"``."""
    postbus = Postbus()
    controller = _start(postbus, ssl_context=smtp_certificaten.server_context())
    try:
        yield SmtpServer(
            port=controller.port,
            postbus=postbus,
            beveiliging="ssl",
            ssl_context=smtp_certificaten.client_context(),
        )
    finally:
        controller.stop()


@pytest.fixture
def smtp_server_starttls(smtp_certificaten: Certificaten) -> Iterator[SmtpServer]:
    """The production path: STARTTLS required before any mail command; AUTH only over TLS.

    Login is accepted for ``GEBRUIKER``/``WACHTWOORD`` but not required, so a test can show
    both that a channel logs in and what a refused login looks like.
    """
    postbus = Postbus()
    controller = _start(
        postbus,
        tls_context=smtp_certificaten.server_context(),
        require_starttls=True,
        authenticator=_accepteer_testlogin,
    )
    try:
        yield SmtpServer(
            port=controller.port,
            postbus=postbus,
            beveiliging="starttls",
            ssl_context=smtp_certificaten.client_context(),
        )
    finally:
        controller.stop()
