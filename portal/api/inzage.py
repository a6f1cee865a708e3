"""Inzage requests for the back office, their documents, and the dagloon figures."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from flask import current_app, g, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.api import schemas as s
from portal.api.dossiers import dagloon_uit, dossier_of_404, inzageverzoek_uit
from portal.api.operaties import Resultaat, geupload_bestand, operatie
from portal.api.problemen import Probleem, Veldfout
from portal.db import get_session
from portal.inzage.meldingen import foutmelding as inzage_melding
from portal.models import ApiClient
from portal.models.inzage import Inzageverzoek
from portal.services import dagloon, inzage, inzagedocumenten
from portal.vertalen import gettext as _

DOCUMENT = {
    "type": "object",
    "required": ["bestand"],
    "properties": {"bestand": {"type": "string", "format": "binary", "description": "A PDF file."}},
}


@operatie(
    "POST",
    "/dossiers/{kenmerk}/dagloonberekeningen",
    naam="dagloon-aanleveren",
    scope="dagloon:schrijven",
    tag="inzage",
    samenvatting="Deliver the figures a dagloon was calculated from; the person sees them "
    "explained on 'Mijn dagloon'.",
    lichaam=s.DagloonIn,
    antwoorden={201: s.DagloonUit},
    locatie=True,
)
def lever_dagloon_aan(
    *, client: ApiClient, nu: datetime, kenmerk: str, lichaam: s.DagloonIn
) -> Resultaat:
    dossier = dossier_of_404(kenmerk)
    try:
        berekening = dagloon.lever_aan(
            get_session(),
            dossier,
            referteperiode_van=lichaam.referteperiode_van,
            referteperiode_tot=lichaam.referteperiode_tot,
            maanden=[{"maand": m.maand, "loon": Decimal(m.loon)} for m in lichaam.maanden],
            dagen=lichaam.dagen,
            maximum_dagloon=Decimal(lichaam.maximum_dagloon),
            dagloon=Decimal(lichaam.dagloon),
            nu=nu,
        )
    except dagloon.DagloonFout as fout:
        raise Probleem(
            422,
            "ongeldige-invoer",
            fouten=[
                Veldfout(veld, "ongeldig", str(melding)) for veld, melding in fout.fouten.items()
            ],
        ) from fout
    return Resultaat(
        201,
        dagloon_uit(berekening, dossier.kenmerk),
        locatie=url_for("api.dossier-lezen", kenmerk=dossier.kenmerk),
        burger_id=dossier.burger_id,
    )


@operatie(
    "GET",
    "/inzageverzoeken",
    naam="inzageverzoeken-lezen",
    scope="inzage:lezen",
    tag="inzage",
    samenvatting="Inzage requests, oldest first; page with 'na'.",
    query=s.InzagePagina,
    antwoorden={200: s.InzageverzoekenUit},
)
def lees_inzageverzoeken(*, client: ApiClient, nu: datetime, query: s.InzagePagina) -> Resultaat:
    vraag = (
        select(Inzageverzoek)
        .where(Inzageverzoek.id > query.na)
        .options(selectinload(Inzageverzoek.dossier), selectinload(Inzageverzoek.documenten))
        .order_by(Inzageverzoek.id)
        .limit(query.limiet + 1)
    )
    if query.status == "open":
        vraag = vraag.where(Inzageverzoek.status.in_(inzage.OPEN))
    verzoeken = list(get_session().scalars(vraag))
    uit = [inzageverzoek_uit(v, v.dossier.kenmerk) for v in verzoeken[: query.limiet]]
    volgende = uit[-1].id if len(verzoeken) > query.limiet else None
    return Resultaat(200, s.InzageverzoekenUit(verzoeken=uit, volgende=volgende))


@operatie(
    "POST",
    "/inzageverzoeken/{verzoek_id}/documenten",
    naam="inzagedocument-toevoegen",
    scope="inzage:schrijven",
    tag="inzage",
    samenvatting="Add a PDF to an open inzage request; the person can download it once the "
    "request is completed.",
    multipart=DOCUMENT,
    antwoorden={201: s.DocumentUit},
    locatie=True,
)
def voeg_document_toe(*, client: ApiClient, nu: datetime, verzoek_id: int) -> Resultaat:
    session = get_session()
    verzoek = inzage.voor_medewerker(session, verzoek_id)
    if verzoek is None:
        raise Probleem(404, "niet-gevonden", detail=_("Er is geen inzageverzoek met dit nummer."))
    g.api_burger_id = verzoek.burger_id
    bestand = geupload_bestand()
    try:
        document = inzagedocumenten.voeg_document_toe(
            session,
            verzoek,
            bestandsnaam=bestand.filename or "document.pdf",
            data=bestand.read(),
            map_=current_app.config["DOCUMENTEN_MAP"],
            max_bytes=int(current_app.config["DOCUMENT_MAX_MB"] * 1024 * 1024),
            medewerker=None,
            trace_id=g.trace_id,
            nu=nu,
            api_client_id=client.id,
        )
    except inzage.InzageFout as fout:
        status = 409 if fout.code == "niet_open" else 422
        raise Probleem(
            status,
            "conflict" if status == 409 else "ongeldige-invoer",
            fouten=[Veldfout("bestand", fout.code, inzage_melding(fout))],
        ) from fout
    return Resultaat(
        201,
        s.DocumentUit(
            id=document.id,
            verzoek=verzoek.kenmerk,
            bestandsnaam=document.bestandsnaam,
            grootte=document.grootte,
            sha256=document.sha256,
            toegevoegd_op=document.toegevoegd_op,
        ),
        locatie=url_for("api.dossier-lezen", kenmerk=verzoek.dossier.kenmerk),
        burger_id=verzoek.burger_id,
    )
