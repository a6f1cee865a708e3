"""Promises through the API: the back office sets a new date for a promise, with a reason,
under the same rules as a casemanager (not in the past, within the law's limit, not over
someone else's change)."""

from __future__ import annotations

from datetime import datetime

from flask import g, url_for

from portal.api import schemas as s
from portal.api.operaties import Resultaat, operatie
from portal.api.problemen import Probleem, Veldfout
from portal.db import get_session
from portal.models import ApiClient, Dossier, Toezegging
from portal.services import toezeggingen
from portal.services.toezeggingen import ToezeggingFout, Verschuiving
from portal.toezeggingen.meldingen import foutmelding


def toezegging_uit(toezegging: Toezegging, nu: datetime) -> s.ToezeggingUit:
    return s.ToezeggingUit(
        id=toezegging.id,
        soort=toezegging.soort,
        onderwerp=toezegging.onderwerp,
        datum=toezegging.datum,
        van=toezegging.van,
        tot=toezegging.tot,
        status=toezegging.status,  # type: ignore[arg-type]  # a str column; pydantic checks it
        te_laat=toezeggingen.is_te_laat(toezegging, nu),
        wettelijke_grens=toezegging.wettelijke_grens,
        reden=toezegging.reden,
        vorige_id=toezegging.vorige_id,
        versie=toezegging.versie,
    )


@operatie(
    "POST",
    "/toezeggingen/{toezegging_id}/verschuiving",
    naam="toezegging-verschuiven",
    scope="toezeggingen:schrijven",
    tag="toezeggingen",
    samenvatting="Set a new date for a promise, with the reason the person reads. Not in "
    "the past, not past the law's limit (inzage), and not over a change made meanwhile.",
    lichaam=s.VerschuivingIn,
    antwoorden={200: s.ToezeggingUit},
    locatie=True,
)
def verschuif(
    *, client: ApiClient, nu: datetime, toezegging_id: int, lichaam: s.VerschuivingIn
) -> Resultaat:
    session = get_session()
    toezegging = session.get(Toezegging, toezegging_id)
    if toezegging is None:
        raise Probleem(404, "niet-gevonden")
    g.api_burger_id = toezegging.burger_id
    try:
        nieuw = toezeggingen.verschuif(
            session,
            toezegging,
            Verschuiving(lichaam.datum, lichaam.reden, lichaam.verwacht_versie),
            nu=nu,
            api_client_id=client.id,
        )
    except ToezeggingFout as fout:
        if fout.reden in ("intussen_gewijzigd", "niet_verschuifbaar"):
            raise Probleem(409, "conflict", detail=foutmelding(fout)) from fout
        veld = fout.veld or "datum"
        raise Probleem(
            422, "ongeldige-invoer", fouten=[Veldfout(veld, fout.reden, foutmelding(fout))]
        ) from fout
    session.commit()
    dossier = session.get(Dossier, nieuw.dossier_id or 0)
    return Resultaat(
        200,
        toezegging_uit(nieuw, nu),
        locatie=url_for("api.dossier-lezen", kenmerk=dossier.kenmerk) if dossier else None,
        burger_id=nieuw.burger_id,
    )
