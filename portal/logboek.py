"""Logs: one JSON object per line in production, readable text in development.

Every line carries the request id of the request it was written in, so one request can be
followed through the logs and matched to the ``X-Request-ID`` the client or proxy saw.
The code logs no personal data; :class:`Afscherming` masks what looks like a BSN, a phone
number or an e-mail address anyway, as a safety net for a mistake or a library's message.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TextIO

from flask import g, has_app_context

# Fields a request log line adds with ``extra=``; they go into the JSON object as they are.
VERZOEKVELDEN = ("method", "path", "status", "duration_ms")

# Most specific first: an e-mail address may contain digits, an international number
# contains what would otherwise look like a national one.
_PATRONEN: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"[\w.%+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+", re.IGNORECASE), "[e-mail]"),
    # +31 6 12345678, 0031-20-1234567, %2B31612345678 (a + in a URL), 31612345678.
    (
        re.compile(r"(?:\+|%2B|00)\s?31[\s.-]?(?:\(0\)[\s.-]?)?\d(?:[\s.-]?\d){8}", re.IGNORECASE),
        "[telefoon]",
    ),
    (re.compile(r"(?<!\d)31[1-9]\d{8}(?!\d)"), "[telefoon]"),
    # 06 12345678, 06-12 34 56 78, 020 123 4567. Not followed by ':' so that a date and
    # time such as 01-12-2026 12:00 stays readable.
    (re.compile(r"(?<!\d)0[1-9](?:(?:[\s.+-]|%20)?\d){8}(?![\d:])", re.IGNORECASE), "[telefoon]"),
    (re.compile(r"(?<!\d)(?:\d{9}|\d{4}\.\d{2}\.\d{3})(?!\d)"), "[bsn]"),
]


# Every pattern needs a digit or an "@": text without either (most paths) has nothing to mask.
_KAN_IETS_BEVATTEN = re.compile(r"[\d@]")


def schoon(tekst: str) -> str:
    """``tekst`` with anything that looks like a BSN, phone number or e-mail address masked."""
    if not _KAN_IETS_BEVATTEN.search(tekst):
        return tekst
    for patroon, vervanging in _PATRONEN:
        tekst = patroon.sub(vervanging, tekst)
    return tekst


class Afscherming(logging.Filter):
    """Mask personal data in the message, its arguments, the exception and request fields.

    The message is rendered once and then masked, so an argument that is not a string (a
    BSN passed as an int) is masked too.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "afgeschermd", False):
            return True  # a second handler sees the same record
        record.msg = schoon(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            # A database error's text can hold the statement's parameters.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = schoon(record.exc_text)
        if record.stack_info:
            record.stack_info = schoon(record.stack_info)
        pad = getattr(record, "path", None)
        if isinstance(pad, str):
            record.path = schoon(pad)
        record.afgeschermd = True
        return True


class RequestIdFilter(logging.Filter):
    """Add ``request_id`` to every record: the current request's, or None outside one."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = g.get("request_id") if has_app_context() else None
        return True


_WERKZEUG_TOEGANG = re.compile(r'\S+ - - \[[^\]]*\] "')


class GeenDubbeleRequestregel(logging.Filter):
    """Drop the development server's access line (127.0.0.1 - - [...] "GET /?q=... HTTP/1.1"):
    it carries the query string, and portal.requests already writes a line per request.
    Werkzeug's other lines, such as the address it listens on, stay."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name == "werkzeug" and _WERKZEUG_TOEGANG.match(str(record.msg)))


class JsonFormatter(logging.Formatter):
    """One JSON object per line; the time in UTC."""

    def format(self, record: logging.LogRecord) -> str:
        regel: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        for veld in VERZOEKVELDEN:
            if hasattr(record, veld):
                regel[veld] = getattr(record, veld)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            regel["exception"] = record.exc_text
        if record.stack_info:
            regel["stack"] = record.stack_info
        return json.dumps(regel, ensure_ascii=False, default=str)


class TekstFormatter(logging.Formatter):
    """For people at a terminal: time, level, logger, [request id or -], message."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id_tekst)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        record.request_id_tekst = getattr(record, "request_id", None) or "-"
        return super().format(record)


def maak_handler(formaat: str = "json", stream: TextIO | None = None) -> logging.Handler:
    """A handler that writes ``formaat`` (json or tekst) lines, masked and with request ids."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if formaat == "json" else TekstFormatter())
    handler.addFilter(GeenDubbeleRequestregel())  # before the mask rewrites the message
    handler.addFilter(RequestIdFilter())
    handler.addFilter(Afscherming())
    return handler


def formaat_uit(omgeving: Mapping[str, str], portal_env: str) -> str:
    """``PORTAL_LOG_FORMAAT``, or JSON in production and text elsewhere."""
    standaard = "json" if portal_env == "production" else "tekst"
    formaat = omgeving.get("PORTAL_LOG_FORMAAT", "").strip().lower() or standaard
    if formaat not in {"json", "tekst"}:
        raise ValueError("PORTAL_LOG_FORMAAT must be json or tekst.")
    return formaat


def configureer(formaat: str, niveau: int = logging.INFO) -> None:
    """Send all logs to stderr in ``formaat``; calling it again replaces, never doubles."""
    root = logging.getLogger()
    for oud in [h for h in root.handlers if getattr(h, "portal_logboek", False)]:
        root.removeHandler(oud)
    handler = maak_handler(formaat)
    handler.portal_logboek = True  # type: ignore[attr-defined]  # our marker on a stdlib handler
    root.addHandler(handler)
    root.setLevel(niveau)
    # Alembic announces each of its plugins on import, in every process.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
