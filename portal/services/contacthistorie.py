"""Every contact between UWV and the person in one list, newest first: calls and their
outcome, callback requests, spreekuren, letters, portal messages and inzage requests with
their answer. The person and the casemanager read the same list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import (
    Bericht,
    Brief,
    Dossier,
    Inzageverzoek,
    Servicecall,
    Spreekuur,
    Terugbelverzoek,
    Vraag,
)
from portal.services import berichten, mijnbrieven
from portal.tijd import AMSTERDAM

# The kinds of contact, in the words of the list (the template names them).
SOORTEN = (
    "gesprek", "terugbellen", "spreekuur", "brief", "bericht", "inzage", "inzage_antwoord",
    "vraag",
)  # fmt: skip


@dataclass(frozen=True)
class Contact:
    moment: datetime  # aware, UTC
    soort: str
    titel: str | None  # a letter's or message's own title
    object: Any  # the row, for its status and link


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def van_dossier(session: Session, dossier: Dossier) -> list[Contact]:
    burger_id = dossier.burger_id
    uit: list[Contact] = []
    for call in session.scalars(select(Servicecall).where(Servicecall.dossier_id == dossier.id)):
        uit.append(Contact(_utc(call.venster_van or call.aangemaakt_op), "gesprek", None, call))
    for verzoek in session.scalars(
        select(Terugbelverzoek).where(Terugbelverzoek.burger_id == burger_id)
    ):
        uit.append(Contact(_utc(verzoek.aangemaakt_op), "terugbellen", None, verzoek))
    for spreekuur in session.scalars(select(Spreekuur).where(Spreekuur.dossier_id == dossier.id)):
        uit.append(Contact(_utc(spreekuur.begin), "spreekuur", None, spreekuur))
    for brief in session.scalars(select(Brief).where(Brief.burger_id == burger_id)):
        dag = datetime.combine(mijnbrieven.datum_van(brief), time(12), AMSTERDAM)
        uit.append(Contact(_utc(dag), "brief", mijnbrieven.titel_van(brief), brief))
    for bericht in session.scalars(select(Bericht).where(Bericht.burger_id == burger_id)):
        onderwerp = berichten.tekst(bericht).onderwerp
        uit.append(Contact(_utc(bericht.aangemaakt_op), "bericht", onderwerp, bericht))
    for inzage in session.scalars(
        select(Inzageverzoek).where(Inzageverzoek.burger_id == burger_id)
    ):
        uit.append(Contact(_utc(inzage.ontvangen_op), "inzage", inzage.kenmerk, inzage))
        if inzage.afgerond_op is not None:
            uit.append(Contact(_utc(inzage.afgerond_op), "inzage_antwoord", inzage.kenmerk, inzage))
    for vraag in session.scalars(select(Vraag).where(Vraag.burger_id == burger_id)):
        uit.append(Contact(_utc(vraag.gesteld_op), "vraag", None, vraag))
    return sorted(uit, key=lambda c: c.moment, reverse=True)
