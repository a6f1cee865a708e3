"""The e-mail channel: one message per ``send``, over SMTP with STARTTLS in production.

Failures become a ``KanaalFout`` that says whether trying again can help: a 4xx answer, a
refused connection or a timeout is transient; a 5xx answer or a server without the required
STARTTLS is not. Error texts name the SMTP stage and codes only, never the recipient or the
text, because they end up in the outbox row and in the worker's log.
"""

from __future__ import annotations

import logging
import re
import smtplib
import ssl
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, make_msgid, parseaddr

from notificaties.kanalen import KanaalFout, Uitgaand

log = logging.getLogger(__name__)

# refold_source="none": headers added with set_raw are written as given (see
# _voeg_koptekst_toe); those the channel sets itself are header objects, folded as usual.
# cte_type="7bit": non-ASCII text goes out quoted-printable or base64, so it arrives intact
# through servers that do not offer 8BITMIME.
POLICY = SMTP.clone(refold_source="none", cte_type="7bit")

BEVEILIGINGEN = ("starttls", "ssl", "geen")

# Headers the channel writes itself; a kopteksten entry with one of these names would
# produce a second From or Message-ID, which receiving servers reject or misread.
EIGEN_KOPTEKSTEN = frozenset(
    {"from", "to", "cc", "bcc", "subject", "date", "message-id", "auto-submitted"}
    | {"mime-version", "content-type", "content-transfer-encoding"}
)

# RFC 5322: a field name is printable ASCII except the colon; a line holds at most 998.
_VELDNAAM = re.compile(r"[!-9;-~]+")
MAX_REGELLENGTE = 998

# RFC 3463 enhanced status code at the start of a reply, e.g. "4.2.2" (mailbox full).
_UITGEBREIDE_CODE = re.compile(rb"^\s*([245]\.\d{1,3}\.\d{1,3})\b")


class EmailKanaal:
    """Sends each ``Uitgaand`` as one e-mail and returns its Message-ID (without ``<>``)."""

    provider = "smtp"

    def __init__(
        self,
        host: str,
        port: int,
        *,
        afzender: str,
        beveiliging: str = "starttls",
        gebruiker: str = "",
        wachtwoord: str = "",
        timeout: float = 20.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        if beveiliging not in BEVEILIGINGEN:
            raise ValueError(f"beveiliging must be one of {', '.join(BEVEILIGINGEN)}")
        adres = parseaddr(afzender)[1]
        if "@" not in adres:
            raise ValueError("afzender must be an e-mail address, e.g. 'UWV <noreply@uwv.nl>'")
        self.host = host
        self.port = port
        self.afzender = afzender
        self.beveiliging = beveiliging
        self.gebruiker = gebruiker
        self._wachtwoord = wachtwoord
        self.timeout = timeout
        self._afzender_adres = adres
        self._domein = adres.rpartition("@")[2]
        self._ssl_context = ssl_context or ssl.create_default_context()

    def send(self, uitgaand: Uitgaand) -> str:
        message = self._bouw(uitgaand)
        message_id = str(message["Message-ID"]).strip("<>")
        # A new connection per message: smtplib.SMTP objects are not thread-safe, and a
        # shared connection would also need reconnect logic for idle timeouts. Notifications
        # are a few per minute, so the extra handshake costs nothing that matters.
        try:
            smtp = self._verbind()
        except (smtplib.SMTPException, OSError) as fout:
            raise _vertaal(fout) from _oorzaak(fout)
        try:
            self._beveilig_en_log_in(smtp)
            smtp.send_message(message, from_addr=self._afzender_adres, to_addrs=[uitgaand.adres])
        except (smtplib.SMTPException, OSError) as fout:
            # Just drop the connection: a polite QUIT could wait another full timeout.
            smtp.close()
            raise _vertaal(fout) from _oorzaak(fout)
        except KanaalFout:
            smtp.close()
            raise
        _sluit(smtp)
        log.info("E-mail for notification %s accepted as %s", uitgaand.notificatie_id, message_id)
        return message_id

    def _bouw(self, uitgaand: Uitgaand) -> EmailMessage:
        message = EmailMessage(policy=POLICY)
        try:
            message["From"] = self.afzender
            message["To"] = uitgaand.adres
            if uitgaand.onderwerp is not None:
                message["Subject"] = uitgaand.onderwerp
            message["Date"] = formatdate(usegmt=True)
            message["Message-ID"] = make_msgid(domain=self._domein)
            # RFC 3834: tells mail servers and out-of-office replies not to answer us.
            message["Auto-Submitted"] = "auto-generated"
            for naam, waarde in uitgaand.kopteksten.items():
                _voeg_koptekst_toe(message, naam, waarde)
            message.set_content(uitgaand.tekst)
            if uitgaand.html is not None:
                message.add_alternative(uitgaand.html, subtype="html")
        except ValueError as fout:
            # The same input builds the same broken message, so retrying cannot help. The
            # original error may quote the address or a header value: it is not chained.
            naam = type(fout).__name__
            raise KanaalFout(f"message could not be built ({naam})", tijdelijk=False) from None
        return message

    def _verbind(self) -> smtplib.SMTP:
        if self.beveiliging == "ssl":
            return smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=self._ssl_context
            )
        return smtplib.SMTP(self.host, self.port, timeout=self.timeout)

    def _beveilig_en_log_in(self, smtp: smtplib.SMTP) -> None:
        smtp.ehlo()
        if self.beveiliging == "starttls":
            if not smtp.has_extn("starttls"):
                # Sending in plain text instead would leak addresses on the wire; a server
                # that never offers STARTTLS is a configuration error, not a passing outage.
                raise KanaalFout(
                    "SMTP server does not offer STARTTLS",
                    tijdelijk=False,
                    code="smtp-starttls-missing",
                )
            smtp.starttls(context=self._ssl_context)
            smtp.ehlo()
        if self.gebruiker:
            smtp.login(self.gebruiker, self._wachtwoord)


def _voeg_koptekst_toe(message: EmailMessage, naam: str, waarde: str) -> None:
    if naam.lower() in EIGEN_KOPTEKSTEN:
        raise ValueError(f"header {naam} is written by the channel itself")
    if not waarde.isascii():
        message[naam] = waarde
        return
    # Written exactly as given: the email package folds a long unstructured value by
    # RFC 2047-encoding it, after which List-Unsubscribe holds no readable URIs and one-click
    # opt-out breaks. set_raw skips the checks that message[naam] = waarde does: do them here.
    if not _VELDNAAM.fullmatch(naam) or "\r" in waarde or "\n" in waarde:
        raise ValueError(f"header {naam} has an invalid name or a line break")
    if len(naam) + 2 + len(waarde) > MAX_REGELLENGTE:
        raise ValueError(f"header {naam} is longer than one SMTP line may be")
    message.set_raw(naam, waarde)


def _vertaal(fout: smtplib.SMTPException | OSError) -> KanaalFout:
    """Map an smtplib or socket error to a KanaalFout; only codes, no server text."""
    if isinstance(fout, smtplib.SMTPRecipientsRefused):
        # Its only field is {address: (code, reply)}; we keep the code and drop the rest.
        code, antwoord = next(iter(fout.recipients.values()), (-1, b""))
        return _antwoordfout("recipient refused", code, antwoord)
    if isinstance(fout, smtplib.SMTPResponseException):
        wat = {
            smtplib.SMTPSenderRefused: "sender refused",
            smtplib.SMTPDataError: "message refused",
            smtplib.SMTPAuthenticationError: "login refused",
            smtplib.SMTPHeloError: "greeting refused",
        }.get(type(fout), "server refused")
        return _antwoordfout(wat, fout.smtp_code, fout.smtp_error)
    if isinstance(fout, smtplib.SMTPServerDisconnected):
        if isinstance(fout.__context__, TimeoutError):
            # smtplib reports a read timeout as a lost connection; the cause says more.
            return _timeout()
        return KanaalFout(
            "SMTP server closed the connection", tijdelijk=True, code="smtp-disconnected"
        )
    if isinstance(fout, smtplib.SMTPException):
        # E.g. no AUTH offered, or SMTPUTF8 needed but not supported: the server's set-up
        # decides this, so the same message will fail the same way next time.
        naam = type(fout).__name__
        return KanaalFout(f"SMTP session failed ({naam})", tijdelijk=False, code="smtp-session")
    if isinstance(fout, ssl.SSLError):
        # Usually an expired or replaced server certificate: fixed on the server's side, so
        # the message waits for a retry rather than being dropped.
        naam = type(fout).__name__
        return KanaalFout(f"TLS with SMTP server failed ({naam})", tijdelijk=True, code="smtp-tls")
    if isinstance(fout, TimeoutError):
        return _timeout()
    naam = type(fout).__name__
    return KanaalFout(
        f"could not connect to SMTP server ({naam})", tijdelijk=True, code="smtp-connection"
    )


def _timeout() -> KanaalFout:
    return KanaalFout("SMTP server did not answer in time", tijdelijk=True, code="smtp-timeout")


def _antwoordfout(wat: str, code: int, antwoord: bytes | str) -> KanaalFout:
    if isinstance(antwoord, str):
        antwoord = antwoord.encode("utf-8", "replace")
    gevonden = _UITGEBREIDE_CODE.match(antwoord)
    uitgebreid = f" {gevonden.group(1).decode('ascii')}" if gevonden else ""
    # Only 5xx is final. Anything else (4xx, or a code smtplib made up) may pass, and a
    # message that waits is better than one that is dropped.
    permanent = 500 <= code <= 599
    return KanaalFout(f"{wat}: {code}{uitgebreid}", tijdelijk=not permanent, code=f"smtp-{code}")


def _oorzaak(fout: BaseException) -> BaseException | None:
    """The error to chain: socket errors help operators; SMTP replies may quote the recipient."""
    return None if isinstance(fout, smtplib.SMTPException) else fout


def _sluit(smtp: smtplib.SMTP) -> None:
    # Once DATA is accepted the message is on its way: a failing QUIT must not turn that into
    # an error, or the dispatcher would send it a second time.
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()
