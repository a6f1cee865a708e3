"""Paper letters: the update for people without a digital channel, and the fallback when a
message that matters failed for good (with the reason). Print batches as CSV, and as a ZIP
file with that CSV and every letter as a ready PDF (``portal.brieven.afdruk``).

The letter street finds the postal address by the dossier's kenmerk (from the BRP), so
the file holds no BSN and no address. It does carry what the person told us they need
(``Ondersteuning``): large print, and the language an interpreter speaks, so the letter
can be printed large or sent with a translation. Every batch is written to the
verwerkingslog.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from portal.models import Bericht, Brief, Burger, Dossier, utcnow
from portal.models.spreekuur import Ondersteuning
from portal.services import verwerkingslog
from portal.tijd import vandaag

# New columns go at the end: the letter street reads the file by position too.
KOLOMMEN = (
    "kenmerk", "naam", "taal", "soort", "aangemaakt_op", "volgende_update_op", "reden",
    "grote_letters", "tolk_taal", "eenvoudige_taal", "bestand",
)  # fmt: skip


# The portal's own letters not yet printed; UWV's letters were sent by UWV itself.
TE_PRINTEN = (Brief.batch.is_(None), Brief.herkomst == "portal")


def _cel(tekst: str) -> str:
    """Text the person typed must not become a formula in a spreadsheet."""
    return "'" + tekst if tekst[:1] in ("=", "+", "-", "@", "\t", "\r") else tekst


def aantal_open(session: Session) -> int:
    return session.scalar(select(func.count()).where(*TE_PRINTEN)) or 0


def batches(session: Session) -> list[tuple[str, int]]:
    """Earlier batches, newest first, with their number of letters."""
    return [
        (batch, aantal)
        for batch, aantal in session.execute(
            select(Brief.batch, func.count())
            .where(Brief.batch.is_not(None))
            .group_by(Brief.batch)
            .order_by(Brief.batch.desc())
        )
        if batch is not None  # the query left out open letters; this tells the type checker
    ]


def maak_batch(session: Session, nu: datetime | None = None) -> str | None:
    """Put every open letter into a new batch; None when there is nothing to print."""
    nu = nu or utcnow()
    batch = nu.strftime("%Y%m%d-%H%M%S")
    gezet = session.execute(update(Brief).where(*TE_PRINTEN).values(batch=batch))
    # An UPDATE gives a CursorResult, which counts the rows; execute() is typed for any statement.
    if not cast(CursorResult[Any], gezet).rowcount:
        session.rollback()
        return None
    session.commit()
    return batch


def pdf_naam(kenmerk: str, brief: Brief) -> str:
    """The letter's PDF in the print batch's ZIP file."""
    return f"{kenmerk}-{brief.id}.pdf"


def in_batch(session: Session, batch: str) -> list[tuple[Brief, str, str]]:
    """The batch's letters with the kenmerk and the person's language, by kenmerk."""
    return [
        (brief, kenmerk, taal)
        for brief, kenmerk, taal in session.execute(
            select(Brief, Dossier.kenmerk, Burger.taal)
            .join(Burger, Burger.id == Brief.burger_id)
            .join(Dossier, Dossier.burger_id == Burger.id)
            .where(Brief.batch == batch)
            .order_by(Dossier.kenmerk, Brief.id)
        )
    ]


def csv_van(session: Session, batch: str, *, medewerker_id: int, trace_id: str) -> str | None:
    rijen = session.execute(
        select(Dossier.kenmerk, Burger, Brief, Bericht.gegevens, Ondersteuning)
        .join(Burger, Burger.id == Brief.burger_id)
        .join(Dossier, Dossier.burger_id == Burger.id)
        .outerjoin(Ondersteuning, Ondersteuning.burger_id == Burger.id)
        # A fallback letter has no message of its own: what it says is in its own data.
        .outerjoin(Bericht, Bericht.id == Brief.bericht_id)
        .where(Brief.batch == batch)
        .order_by(Dossier.kenmerk)
    ).all()
    if not rijen:
        return None
    uit = io.StringIO()
    schrijver = csv.writer(uit)
    schrijver.writerow(KOLOMMEN)
    for kenmerk, burger, brief, gegevens, profiel in rijen:
        inhoud = gegevens or brief.gegevens or {}
        dag = vandaag(brief.aangemaakt_op).isoformat()
        schrijver.writerow(
            [kenmerk, burger.naam, burger.taal, brief.soort, dag,
             inhoud.get("volgende_update_op", ""), brief.reden or "",
             "ja" if profiel is not None and profiel.grote_letters else "nee",
             _cel(profiel.tolk_taal or "") if profiel is not None and profiel.tolk else "",
             "ja" if profiel is not None and profiel.eenvoudige_taal else "nee",
             pdf_naam(kenmerk, brief)]
        )  # fmt: skip
        verwerkingslog.log(
            session,
            trace_id=trace_id,
            medewerker_id=medewerker_id,
            burger_id=burger.id,
            handeling="verstrekken",
            activiteit="papieren-brief-afdrukken",
            object=f"brief-batch:{batch}",
        )
    session.commit()
    return uit.getvalue()
