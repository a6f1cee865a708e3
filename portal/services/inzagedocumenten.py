"""Documents for an inzageverzoek: a PDF judged by its content, stored outside static/
under its sha256 (``portal.services.bestanden``), the row keeping name, size and hash."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from portal.models import Medewerker, utcnow
from portal.models.inzage import OPEN, Inzagedocument, Inzageverzoek
from portal.services.bestanden import bewaar, pdf_probleem, veilige_naam
from portal.services.inzage import InzageFout, log_handeling, mag_behandelen


def controleer_pdf(data: bytes, *, max_bytes: int) -> None:
    probleem = pdf_probleem(data, max_bytes=max_bytes)
    if probleem is not None:
        raise InzageFout(probleem)


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
    sha256 = bewaar(map_, data)
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
