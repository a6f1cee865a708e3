"""A casemanager changes a traject's status: history, message and log in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session, selectinload

import notificaties
from portal import statussen
from portal.models import Bericht, Dossier, Medewerker, Statuswijziging, Traject, utcnow
from portal.services import berichten, servicecalls, toezeggingen, verwerkingslog
from portal.tijd import vandaag

MAX_TOELICHTING = 1000


class GelijktijdigGewijzigd(Exception):
    """Someone else changed the same data after it was read (a status after the form was
    opened, a person or dossier of an import batch): read again, then decide."""


@dataclass(frozen=True)
class Wijziging:
    naar: str
    toelichting: str | None
    volgende_update_op: date | None


def traject_in_dossier(session: Session, dossier: Dossier, traject_id: int) -> Traject | None:
    """A traject, only when it belongs to this dossier (a foreign id answers None)."""
    return session.scalar(
        select(Traject)
        .where(Traject.id == traject_id, Traject.dossier_id == dossier.id)
        .options(selectinload(Traject.statuswijzigingen), selectinload(Traject.dossier))
    )


def voorbeeld(traject: Traject, wijziging: Wijziging) -> Bericht:
    """The message the person will see, without saving anything."""
    statussen.controleer_overgang(traject.soort, traject.status, wijziging.naar)
    return berichten.statusbericht(
        traject,
        wijziging.naar,
        toelichting=wijziging.toelichting,
        volgende_update_op=wijziging.volgende_update_op,
    )


def wijzig_status(
    session: Session,
    traject: Traject,
    wijziging: Wijziging,
    *,
    verwacht_van: str,
    medewerker: Medewerker | None,
    trace_id: str,
    nu: datetime | None = None,
    api_client_id: int | None = None,
) -> Statuswijziging:
    """Apply a legal status change, or raise and change nothing.

    ``verwacht_van`` is the status the casemanager saw; if it differs, someone else was
    quicker, and applying this change could undo theirs. A back-office system acts with
    ``api_client_id`` and no ``medewerker``; everything else is the same.
    """
    nu = nu or utcnow()
    if traject.status != verwacht_van:
        raise GelijktijdigGewijzigd(traject.status)
    statussen.controleer_overgang(traject.soort, traject.status, wijziging.naar)

    rij = Statuswijziging(
        traject_id=traject.id,
        van_status=traject.status,
        naar_status=wijziging.naar,
        toelichting=wijziging.toelichting or None,
        medewerker_id=medewerker.id if medewerker else None,
        api_client_id=api_client_id,
        gewijzigd_op=nu,
    )
    bericht = berichten.statusbericht(
        traject,
        wijziging.naar,
        toelichting=wijziging.toelichting,
        volgende_update_op=wijziging.volgende_update_op,
    )
    bericht.aangemaakt_op = nu  # the change's own moment, as its history row has
    # A guarded UPDATE, so two casemanagers saving at once cannot both win.
    gewijzigd = session.execute(
        update(Traject)
        .where(Traject.id == traject.id, Traject.status == verwacht_van)
        .values(
            status=wijziging.naar,
            status_sinds=nu,
            volgende_update_op=wijziging.volgende_update_op,
            afgerond_op=vandaag(nu) if wijziging.naar == "afgerond" else None,
        )
        .execution_options(synchronize_session="fetch")
    )
    # An UPDATE gives a CursorResult, which counts the rows; execute() is typed for any statement.
    if cast(CursorResult[Any], gewijzigd).rowcount != 1:
        session.rollback()
        raise GelijktijdigGewijzigd(verwacht_van)
    session.add_all([rij, bericht])
    session.flush()
    # News about the traject keeps the promise of when the person would hear more; the new
    # status brings its own date, which is the new promise.
    toezeggingen.kom_na(session, toezeggingen.onderwerp_van("traject", traject.id), nu)
    bron = "medewerker" if medewerker else "api" if api_client_id else "import"
    toezeggingen.beloof_trajectdatum(
        session,
        traject,
        wijziging.volgende_update_op,
        bron=bron,
        nu=nu,
        medewerker_id=medewerker.id if medewerker else None,
        api_client_id=api_client_id,
    )
    if wijziging.naar == "onderzoek_afgerond":
        # The promised call about the outcome: a task for the casemanager, same transaction.
        servicecalls.maak_taak(session, traject, nu)
    # SMS and e-mail only say that there is news; the bericht holds it. Same transaction.
    notificaties.meld(
        session,
        traject.dossier.burger,
        soort="statuswijziging",
        sleutel=f"statuswijziging:{rij.id}",
        nu=nu,
    )
    verwerkingslog.log(
        session,
        trace_id=trace_id,
        medewerker_id=medewerker.id if medewerker else None,
        api_client_id=api_client_id,
        burger_id=traject.dossier.burger_id,
        handeling="wijzigen",
        activiteit="traject-status-wijzigen",
        object=f"traject:{traject.id}",
    )
    session.commit()
    return rij
