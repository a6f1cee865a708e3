"""Documents for an inzageverzoek: a PDF judged by its content, stored outside static/
under its sha256, the row keeping name, size and hash."""

from __future__ import annotations

import hashlib
import io
import os
import re
import uuid
from datetime import datetime
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy.orm import Session
from werkzeug.utils import secure_filename

from portal.models import Medewerker, utcnow
from portal.models.inzage import OPEN, Inzagedocument, Inzageverzoek
from portal.services.inzage import InzageFout, log_handeling, mag_behandelen

PDF_KOP = re.compile(rb"^%PDF-[12]\.\d")


def pdf_probleem(data: bytes, *, max_bytes: int) -> str | None:
    """What is wrong with a file that should be a PDF, judged by its content, never by the
    name or the content type sent with it: ``te_groot``, ``geen_pdf``, ``onleesbaar`` or
    ``versleuteld`` (a password-protected PDF nobody could open here); None when nothing is.

    The quick checks first: a PDF starts with ``%PDF-1.x`` (or 2.0) and ends with
    ``startxref <offset>`` and ``%%EOF``. Then pypdf reads its structure and its pages.
    """
    if len(data) > max_bytes:
        return "te_groot"
    if not data or not PDF_KOP.match(data):
        return "geen_pdf"
    if re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data[-1024:]) is None:
        return "onleesbaar"
    try:
        lezer = PdfReader(io.BytesIO(data), strict=True)
        if lezer.is_encrypted:
            return "versleuteld"
        if len(lezer.pages) == 0:
            return "onleesbaar"
    except Exception:
        return "onleesbaar"
    return None


def controleer_pdf(data: bytes, *, max_bytes: int) -> None:
    probleem = pdf_probleem(data, max_bytes=max_bytes)
    if probleem is not None:
        raise InzageFout(probleem)


def bewaar_pdf(map_: str | os.PathLike[str], data: bytes) -> str:
    """Store the file under its sha256 (the same content once) and return that hash."""
    sha256 = hashlib.sha256(data).hexdigest()
    pad = document_pad(map_, sha256)
    if not pad.exists():
        pad.parent.mkdir(parents=True, exist_ok=True)
        tijdelijk = pad.with_suffix(f".{uuid.uuid4().hex}.tmp")
        tijdelijk.write_bytes(data)
        os.replace(tijdelijk, pad)
    return sha256


def veilige_naam(naam: str) -> str:
    schoon = secure_filename(naam or "")[:150] or "document"
    return schoon if schoon.lower().endswith(".pdf") else f"{schoon}.pdf"


def document_pad(map_: str | os.PathLike[str], sha256: str) -> Path:
    return Path(map_) / sha256[:2] / sha256


def voeg_document_toe(
    session: Session,
    verzoek: Inzageverzoek,
    *,
    bestandsnaam: str,
    data: bytes,
    map_: str,
    max_bytes: int,
    medewerker: Medewerker | None,
    trace_id: str,
    nu: datetime | None = None,
    api_client_id: int | None = None,
) -> Inzagedocument:
    """Store a PDF for the request (once per content) and record who added it; commits.

    A back-office system adds documents with ``api_client_id`` and no ``medewerker``.
    """
    if medewerker is not None:
        mag_behandelen(session, verzoek, medewerker)
    elif verzoek.status not in OPEN:
        raise InzageFout("niet_open")
    controleer_pdf(data, max_bytes=max_bytes)
    sha256 = bewaar_pdf(map_, data)
    document = Inzagedocument(
        verzoek_id=verzoek.id,
        bestandsnaam=veilige_naam(bestandsnaam),
        grootte=len(data),
        sha256=sha256,
        medewerker_id=medewerker.id if medewerker else None,
        toegevoegd_op=nu or utcnow(),
    )
    session.add(document)
    log_handeling(
        session,
        verzoek,
        medewerker,
        trace_id,
        "wijzigen",
        "inzagedocument-toevoegen",
        api_client_id,
    )
    session.commit()
    return document
