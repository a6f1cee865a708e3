"""Letters, payments and objections from the back office: a letter as a PDF with its facts,
a payment decision with its specification, an objection or complaint with its status.

Each is delivered under the back office's own id (``extern_id``): delivered again unchanged
it answers the stored one (200); changed, a payment or objection is updated; a letter with
another file under the same id is a conflict (409).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from flask import current_app, g, request, url_for
from pydantic import BaseModel, ValidationError

from portal.api import vormen as s
from portal.api.dossiers import dossier_of_404
from portal.api.operaties import Resultaat, geupload_bestand, operatie, pydantic_fouten
from portal.api.problemen import Probleem, Veldfout
from portal.db import get_session
from portal.models import ApiClient, Betaling, Bezwaar, Brief, Dossier
from portal.services import bezwaren, geld, mijnbrieven
from portal.services.levering import Geweigerd
from portal.vertalen import gettext as _

BRIEF = {
    "type": "object",
    "required": ["bestand", "extern_id", "soort", "datum", "titel"],
    "properties": {
        "bestand": {"type": "string", "format": "binary", "description": "The letter as a PDF."},
        **s.BriefIn.model_json_schema()["properties"],
    },
}


def _probleem(fout: Geweigerd) -> Probleem:
    fouten = [Veldfout(p.veld, p.code, str(p.melding)) for p in fout.problemen]
    if fout.conflict:
        return Probleem(409, "conflict", detail=fouten[0].melding, fouten=fouten)
    return Probleem(422, "ongeldige-invoer", fouten=fouten)


def _geleverd(nieuw: bool, model: BaseModel, dossier: Dossier) -> Resultaat:
    """201 for what is new, 200 for what was delivered before; committed."""
    get_session().commit()
    return Resultaat(
        201 if nieuw else 200,
        model,
        locatie=url_for("api.dossier-lezen", kenmerk=dossier.kenmerk),
        burger_id=dossier.burger_id,
    )


def brief_uit(brief: Brief, kenmerk: str) -> s.BriefUit:
    return s.BriefUit(
        id=brief.id,
        kenmerk=kenmerk,
        extern_id=(brief.sleutel or "").removeprefix("uwv:"),
        soort=brief.soort,
        datum=mijnbrieven.datum_van(brief),
        titel=brief.titel or "",
        traject_soort=brief.traject_soort,
        bestandsnaam=brief.bestandsnaam or "",
        grootte=brief.grootte or 0,
        sha256=brief.sha256 or "",
        geopend_op=brief.geopend_op,
    )


@operatie(
    "POST",
    "/dossiers/{kenmerk}/brieven",
    naam="brief-bezorgen",
    scope="brieven:schrijven",
    tag="brieven",
    samenvatting="Put a letter UWV sent in the person's Mijn brieven (a PDF, not encrypted, "
    "with its kind, date and title). The person gets a message and, where switched on, an "
    "SMS or e-mail without content.",
    multipart=BRIEF,
    antwoorden={201: s.BriefUit, 200: s.BriefUit},
    locatie=True,
)
def bezorg_brief(*, client: ApiClient, nu: datetime, kenmerk: str) -> Resultaat:
    dossier = dossier_of_404(kenmerk)
    bestand = geupload_bestand()
    formulier = request.form.to_dict()
    if any("\x00" in waarde for waarde in formulier.values()):  # PostgreSQL stores no NUL
        raise Probleem(422, "ongeldige-invoer", detail=_("Een tekst bevat een NUL-teken."))
    try:
        velden = s.BriefIn.model_validate(formulier)
    except ValidationError as fout:
        raise Probleem(422, "ongeldige-invoer", fouten=pydantic_fouten(fout)) from fout
    try:
        brief, nieuw = mijnbrieven.lever(
            get_session(),
            dossier,
            mijnbrieven.Aanlevering(
                extern_id=velden.extern_id,
                soort=velden.soort,
                datum=velden.datum,
                titel=velden.titel,
                traject_soort=velden.traject_soort,
                bestandsnaam=bestand.filename or "brief.pdf",
                data=bestand.read(),
            ),
            map_=current_app.config["DOCUMENTEN_MAP"],
            max_bytes=int(current_app.config["DOCUMENT_MAX_MB"] * 1024 * 1024),
            nu=nu,
            api_client_id=client.id,
            trace_id=g.trace_id,
        )
    except Geweigerd as fout:
        raise _probleem(fout) from fout
    return _geleverd(nieuw, brief_uit(brief, dossier.kenmerk), dossier)


def betaling_uit(betaling: Betaling, kenmerk: str) -> s.BetalingUit:
    return s.BetalingUit(
        id=betaling.id,
        kenmerk=kenmerk,
        extern_id=betaling.extern_id,
        status=betaling.status,
        besluit_op=betaling.besluit_op,
        nabetaling=f"{betaling.nabetaling:.2f}",
        compensatie=f"{betaling.compensatie:.2f}",
        totaal=f"{betaling.totaal:.2f}",
        verwacht_op=betaling.verwacht_op,
        betaald_op=betaling.betaald_op,
        perioden=[
            s.PeriodeUit(
                van=p.van,
                tot=p.tot,
                dagloon_oud=f"{p.dagloon_oud:.2f}",
                dagloon_nieuw=f"{p.dagloon_nieuw:.2f}",
                bedrag=f"{p.bedrag:.2f}",
            )
            for p in betaling.perioden
        ],
    )


@operatie(
    "POST",
    "/dossiers/{kenmerk}/betalingen",
    naam="betaling-leveren",
    scope="betalingen:schrijven",
    tag="geld",
    samenvatting="Deliver a payment decision (nabetaling with its periods, compensatie, the "
    "promised date), or its change: a new date with a reason, or status betaald.",
    lichaam=s.BetalingIn,
    antwoorden={201: s.BetalingUit, 200: s.BetalingUit},
    locatie=True,
)
def lever_betaling(
    *, client: ApiClient, nu: datetime, kenmerk: str, lichaam: s.BetalingIn
) -> Resultaat:
    dossier = dossier_of_404(kenmerk)
    besluit = geld.Betaalbesluit(
        extern_id=lichaam.extern_id,
        traject_soort=lichaam.traject_soort,
        besluit_op=lichaam.besluit_op,
        nabetaling=Decimal(lichaam.nabetaling),
        compensatie=Decimal(lichaam.compensatie),
        verwacht_op=lichaam.verwacht_op,
        status=lichaam.status,
        betaald_op=lichaam.betaald_op,
        reden=lichaam.reden,
        perioden=tuple(
            geld.Periode(
                van=p.van,
                tot=p.tot,
                dagloon_oud=Decimal(p.dagloon_oud),
                dagloon_nieuw=Decimal(p.dagloon_nieuw),
                bedrag=Decimal(p.bedrag),
            )
            for p in lichaam.perioden
        ),
    )
    try:
        betaling, nieuw = geld.lever(
            get_session(), dossier, besluit, nu=nu, api_client_id=client.id
        )
    except Geweigerd as fout:
        raise _probleem(fout) from fout
    return _geleverd(nieuw, betaling_uit(betaling, dossier.kenmerk), dossier)


def zaak_uit(zaak: Bezwaar, kenmerk: str) -> s.ZaakUit:
    return s.ZaakUit(
        id=zaak.id,
        kenmerk=kenmerk,
        extern_id=zaak.extern_id,
        soort=zaak.soort,
        status=zaak.status,
        ontvangen_op=zaak.ontvangen_op,
        besluit_op=zaak.besluit_op,
        termijn=bezwaren.termijn(zaak),
        verdaagd_op=zaak.verdaagd_op,
        beslist_op=zaak.beslist_op,
    )


@operatie(
    "POST",
    "/dossiers/{kenmerk}/zaken",
    naam="zaak-leveren",
    scope="bezwaren:schrijven",
    tag="geld",
    samenvatting="Deliver an objection (bezwaar) or complaint (klacht), or its change: the "
    "one extension with its reason (verdaagd), the decision (beslist), or withdrawn. The "
    "portal computes the legal term (Awb 7:10, 9:11) and watches it.",
    lichaam=s.ZaakIn,
    antwoorden={201: s.ZaakUit, 200: s.ZaakUit},
    locatie=True,
)
def lever_zaak(*, client: ApiClient, nu: datetime, kenmerk: str, lichaam: s.ZaakIn) -> Resultaat:
    dossier = dossier_of_404(kenmerk)
    invoer = bezwaren.Zaakinvoer(
        extern_id=lichaam.extern_id,
        soort=lichaam.soort,
        ontvangen_op=lichaam.ontvangen_op,
        status=lichaam.status,
        besluit_op=lichaam.besluit_op,
        adviescommissie=lichaam.adviescommissie,
        verdaging_reden=lichaam.verdaging_reden,
        beslist_op=lichaam.beslist_op,
    )
    try:
        zaak, nieuw = bezwaren.lever(get_session(), dossier, invoer, nu=nu, api_client_id=client.id)
    except Geweigerd as fout:
        raise _probleem(fout) from fout
    return _geleverd(nieuw, zaak_uit(zaak, dossier.kenmerk), dossier)
