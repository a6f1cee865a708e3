"""Demo letters, a payment and objections, delivered the way the back office would: through
the same services as the API, so the demo shows what a real delivery makes of them."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Dossier
from portal.models.base import utcnow
from portal.services import bezwaren, geld, mijnbrieven

# Demo content of UWV's own letter; a real one arrives as a PDF from the back office.
_BRIEF = """<html lang="nl"><body style="font-family: 'DejaVu Sans'; font-size: 11pt">
<p><strong>UWV</strong></p><p>Kenmerk: {kenmerk}<br>Datum: {datum}</p>
<h1 style="font-size: 14pt">{titel}</h1>
<p>Wij hebben uw dagloon opnieuw berekend. Uw dagloon was te laag.</p>
<p>U krijgt geld van ons terug. Hoeveel, en wanneer, ziet u in het portaal bij Uw geld.</p>
<p>Bent u het niet eens met dit besluit? Dan kunt u binnen 6 weken bezwaar maken.</p>
</body></html>"""


def _pdf(kenmerk: str, datum: date, titel: str) -> bytes:
    from weasyprint import HTML  # as in portal.pdf: imported when first needed

    pdf: bytes = HTML(
        string=_BRIEF.format(kenmerk=kenmerk, datum=datum.isoformat(), titel=titel)
    ).write_pdf()
    return pdf


def seed_demo(session: Session, vandaag: date, documenten_map: str) -> None:
    """Pieter van den Berg (WIA-1000003): a decision letter still open to objection, an
    older letter, a payment on its way, a complaint in progress and an objection UWV is
    late with (the route of Awb 4:17 shows). Caller commits."""
    dossier = session.scalar(select(Dossier).where(Dossier.kenmerk == "WIA-1000003"))
    if dossier is None:
        return
    nu = utcnow()
    for extern_id, soort, dagen, titel in (
        ("DEMO-BRIEF-1", "informatie", 120, "Wij onderzoeken uw dagloon"),
        ("DEMO-BRIEF-2", "besluit", 9, "Besluit: uw dagloon is opnieuw berekend"),
    ):
        datum = vandaag - timedelta(days=dagen)
        mijnbrieven.lever(
            session,
            dossier,
            mijnbrieven.Aanlevering(
                extern_id=extern_id,
                soort=soort,
                datum=datum,
                titel=titel,
                traject_soort="dagloon",
                bestandsnaam=f"{extern_id.lower()}.pdf",
                data=_pdf(dossier.kenmerk, datum, titel),
            ),
            map_=documenten_map,
            max_bytes=20 * 1024 * 1024,
            nu=nu,
            api_client_id=None,
            trace_id="demo",
        )
    jaar = vandaag.year - 2
    geld.lever(
        session,
        dossier,
        geld.Betaalbesluit(
            extern_id="DEMO-BETALING-1",
            traject_soort="dagloon",
            besluit_op=vandaag - timedelta(days=9),
            nabetaling=Decimal("1830.40"),
            compensatie=Decimal("120.00"),
            verwacht_op=vandaag + timedelta(days=14),
            status="aangekondigd",
            perioden=(
                geld.Periode(
                    date(jaar, 1, 1),
                    date(jaar, 12, 31),
                    Decimal("98.20"),
                    Decimal("103.10"),
                    Decimal("1278.90"),
                ),
                geld.Periode(
                    date(jaar + 1, 1, 1),
                    date(jaar + 1, 6, 30),
                    Decimal("99.40"),
                    Decimal("103.60"),
                    Decimal("551.50"),
                ),
            ),
        ),
        nu=nu,
        api_client_id=None,
    )
    for invoer in (
        bezwaren.Zaakinvoer(
            extern_id="DEMO-BEZWAAR-1",
            soort="bezwaar",
            besluit_op=vandaag - timedelta(days=130),
            ontvangen_op=vandaag - timedelta(days=110),
            status="in_behandeling",
        ),
        bezwaren.Zaakinvoer(
            extern_id="DEMO-KLACHT-1",
            soort="klacht",
            ontvangen_op=vandaag - timedelta(days=12),
            status="in_behandeling",
        ),
    ):
        bezwaren.lever(session, dossier, invoer, nu=nu, api_client_id=None)
