"""Dossiers: create or update, read the state, move a traject's status, list changes."""

from __future__ import annotations

from datetime import datetime

from flask import g, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal import statussen
from portal.api import schemas as s
from portal.api import veldtypen as v
from portal.api.operaties import Resultaat, operatie
from portal.api.problemen import Probleem, Veldfout
from portal.api.toezeggingen import toezegging_uit
from portal.db import get_session
from portal.models import (
    ApiClient,
    Dagloonberekening,
    Dossier,
    Servicecall,
    Spreekuur,
    Statuswijziging,
    Traject,
    utcnow,
)
from portal.models.inzage import Inzageverzoek
from portal.models.spreekuur import Ondersteuning, Spreekuurvoorkeur
from portal.services import dagloon, dossierbeheer, dossiers, inzage, statuswijziging, toezeggingen
from portal.services import spreekuurvoorkeur as voorkeuren
from portal.tijd import vandaag
from portal.vertalen import gettext as _


def invoerprobleem(fout: dossierbeheer.Invoerfouten) -> Probleem:
    return Probleem(
        422,
        "ongeldige-invoer",
        fouten=[Veldfout(f.veld, f.code, str(f.melding)) for f in fout.fouten],
    )


def dossier_of_404(kenmerk: str) -> Dossier:
    dossier = dossiers.dossier_op_kenmerk(get_session(), kenmerk)
    if dossier is None:
        raise Probleem(404, "niet-gevonden", detail=_("Er is geen dossier met dit kenmerk."))
    g.api_burger_id = dossier.burger_id
    return dossier


def bron(rij: Statuswijziging) -> v.Bron:
    if rij.medewerker_id is not None:
        return "medewerker"
    return "api" if rij.api_client_id is not None else "systeem"


def traject_uit(traject: Traject) -> s.TrajectUit:
    return s.TrajectUit(
        id=traject.id,
        soort=traject.soort,
        status=traject.status,
        status_sinds=traject.status_sinds,
        volgende_update_op=traject.volgende_update_op,
        afgerond_op=traject.afgerond_op,
        volgende_statussen=list(statussen.volgende_statussen(traject.soort, traject.status)),
        historie=[
            s.Historie(
                van=w.van_status, naar=w.naar_status, gewijzigd_op=w.gewijzigd_op, bron=bron(w)
            )
            for w in traject.statuswijzigingen
        ],
    )


def spreekuur_uit(spreekuur: Spreekuur, kenmerk: str) -> s.SpreekuurUit:
    return s.SpreekuurUit(
        id=spreekuur.id,
        kenmerk=kenmerk,
        uid=spreekuur.uid,
        begin=spreekuur.begin,
        eind=spreekuur.eind,
        vorm=spreekuur.vorm,
        kantoor=spreekuur.kantoor,
        rol=spreekuur.rol,
        status=spreekuur.status,
        volgnummer=spreekuur.volgnummer,
        tegen_voorkeur_reden=spreekuur.tegen_voorkeur_reden,
    )


def spreekuurvoorkeur_uit(voorkeur: Spreekuurvoorkeur) -> s.SpreekuurvoorkeurUit:
    return s.SpreekuurvoorkeurUit(
        vorm=voorkeur.vorm,
        kantoor=voorkeur.kantoor,
        dagdelen=list(voorkeur.dagdelen or []),  # type: ignore[arg-type]  # pydantic checks each
        toelichting=voorkeur.toelichting,
        gewijzigd_op=voorkeur.aangemaakt_op,
    )


def ondersteuning_uit(profiel: Ondersteuning) -> s.OndersteuningUit:
    return s.OndersteuningUit(
        tolk=profiel.tolk,
        tolk_taal=profiel.tolk_taal,
        drempelvrij=profiel.drempelvrij,
        begeleider=profiel.begeleider,
        grote_letters=profiel.grote_letters,
        extra_tijd=profiel.extra_tijd,
        rustige_wachtruimte=profiel.rustige_wachtruimte,
        toelichting=profiel.toelichting,
        gewijzigd_op=profiel.gewijzigd_op,
    )


def servicecall_uit(call: Servicecall, kenmerk: str) -> s.ServicecallUit:
    return s.ServicecallUit(
        id=call.id,
        kenmerk=kenmerk,
        onderwerp=call.onderwerp,
        status=call.status,
        venster_van=call.venster_van,
        venster_tot=call.venster_tot,
        versie=call.versie,
    )


def inzageverzoek_uit(verzoek: Inzageverzoek, kenmerk: str) -> s.InzageverzoekUit:
    return s.InzageverzoekUit(
        id=verzoek.id,
        kenmerk=verzoek.kenmerk,
        dossier=kenmerk,
        status=verzoek.status,
        onderwerpen=list(verzoek.onderwerpen or []),
        levering=verzoek.levering,
        ontvangen_op=verzoek.ontvangen_op,
        uiterlijk=inzage.uiterlijk(verzoek),
        documenten=len(verzoek.documenten),
    )


def dossier_uit(dossier: Dossier) -> s.DossierUit:
    session = get_session()
    kenmerk = dossier.kenmerk
    spreekuren = session.scalars(
        select(Spreekuur).where(Spreekuur.dossier_id == dossier.id).order_by(Spreekuur.begin)
    )
    calls = session.scalars(
        select(Servicecall).where(Servicecall.dossier_id == dossier.id).order_by(Servicecall.id)
    )
    verzoeken = session.scalars(
        select(Inzageverzoek)
        .where(Inzageverzoek.dossier_id == dossier.id)
        .options(selectinload(Inzageverzoek.documenten))
        .order_by(Inzageverzoek.id)
    )
    berekening = dagloon.laatste_voor(session, dossier.id)
    voorkeur = voorkeuren.huidige_voorkeur(session, dossier.burger_id)
    profiel = voorkeuren.ondersteuning(session, dossier.burger_id)
    return s.DossierUit(
        kenmerk=kenmerk,
        naam=dossier.burger.naam,
        taal=dossier.burger.taal,
        casemanager=dossier.casemanager.naam if dossier.casemanager else None,
        aangemaakt_op=dossier.aangemaakt_op,
        trajecten=[traject_uit(t) for t in dossier.trajecten],
        spreekuren=[spreekuur_uit(u, kenmerk) for u in spreekuren],
        servicecalls=[servicecall_uit(c, kenmerk) for c in calls],
        inzageverzoeken=[inzageverzoek_uit(v, kenmerk) for v in verzoeken],
        dagloonberekening=dagloon_uit(berekening, kenmerk) if berekening else None,
        toezeggingen=[
            toezegging_uit(t, utcnow())
            for t in toezeggingen.van_burger(session, dossier.burger_id).nieuwste.values()
            if t.dossier_id == dossier.id
        ],
        spreekuurvoorkeur=spreekuurvoorkeur_uit(voorkeur) if voorkeur else None,
        ondersteuning=ondersteuning_uit(profiel) if profiel else None,
    )


def dagloon_uit(berekening: Dagloonberekening, kenmerk: str) -> s.DagloonUit:
    return s.DagloonUit(
        id=berekening.id,
        kenmerk=kenmerk,
        referteperiode_van=berekening.referteperiode_van,
        referteperiode_tot=berekening.referteperiode_tot,
        dagen=berekening.dagen,
        maximum_dagloon=str(berekening.maximum_dagloon),
        dagloon=str(berekening.dagloon),
        aangeleverd_op=berekening.aangeleverd_op,
    )


@operatie(
    "POST",
    "/dossiers",
    naam="dossier-bewaren",
    scope="dossiers:schrijven",
    samenvatting="Create or update a burger and dossier; add trajecten of new kinds.",
    lichaam=s.DossierIn,
    antwoorden={201: s.DossierUit, 200: s.DossierUit},
    locatie=True,
)
def bewaar_dossier(*, client: ApiClient, nu: datetime, lichaam: s.DossierIn) -> Resultaat:
    session = get_session()
    try:
        invoer = dossierbeheer.controleer_dossier(lichaam.model_dump(), vandaag(nu))
        bewaard = dossierbeheer.bewaar(
            session, invoer, nu=nu, trace_id=g.trace_id, api_client_id=client.id
        )
    except dossierbeheer.Invoerfouten as fout:
        raise invoerprobleem(fout) from fout
    dossier = dossiers.dossier_op_kenmerk(session, bewaard.dossier.kenmerk)
    assert dossier is not None
    return Resultaat(
        201 if bewaard.nieuw else 200,
        dossier_uit(dossier),
        locatie=url_for("api.dossier-lezen", kenmerk=dossier.kenmerk),
        burger_id=dossier.burger_id,
    )


@operatie(
    "GET",
    "/dossiers/{kenmerk}",
    naam="dossier-lezen",
    scope="dossiers:lezen",
    samenvatting="A dossier's state: trajecten with history, spreekuren, calls, inzage, "
    "and the person's spreekuur preference and support needs.",
    antwoorden={200: s.DossierUit},
)
def lees_dossier(*, client: ApiClient, nu: datetime, kenmerk: str) -> Resultaat:
    dossier = dossier_of_404(kenmerk)
    return Resultaat(200, dossier_uit(dossier), burger_id=dossier.burger_id)


@operatie(
    "POST",
    "/trajecten/{traject_id}/statuswijzigingen",
    naam="status-wijzigen",
    scope="statussen:schrijven",
    samenvatting="Move a traject's status through the status machine, with the same "
    "message and notifications as a casemanager's change.",
    lichaam=s.StatuswijzigingIn,
    antwoorden={201: s.StatuswijzigingUit},
    locatie=True,
)
def wijzig_status(
    *, client: ApiClient, nu: datetime, traject_id: int, lichaam: s.StatuswijzigingIn
) -> Resultaat:
    session = get_session()
    traject = session.get(Traject, traject_id)
    if traject is None:
        raise Probleem(404, "niet-gevonden", detail=_("Er is geen traject met dit nummer."))
    g.api_burger_id = traject.dossier.burger_id
    van = traject.status
    if lichaam.verwacht_van is not None and lichaam.verwacht_van != van:
        raise Probleem(409, "conflict", detail=_("De status is nu %(status)s.", status=van))
    try:
        statussen.controleer_overgang(traject.soort, van, lichaam.naar)
    except statussen.OngeldigeOvergang as fout:
        toegestaan = ", ".join(statussen.volgende_statussen(traject.soort, van)) or "-"
        melding = _(
            "Van %(van)s naar %(naar)s mag niet. Wel mogelijk: %(toegestaan)s.",
            van=van,
            naar=lichaam.naar,
            toegestaan=toegestaan,
        )
        raise Probleem(
            422,
            "ongeldige-overgang",
            detail=melding,
            fouten=[Veldfout("naar", "ongeldige_overgang", melding)],
        ) from fout
    volgende = lichaam.volgende_update_op or statussen.standaard_volgende_datum(
        traject.soort, lichaam.naar, vandaag(nu), traject.dossier.kenmerk
    )
    if volgende is not None and volgende < vandaag(nu):
        raise Probleem(
            422,
            "ongeldige-invoer",
            fouten=[Veldfout("volgende_update_op", "in_verleden", _("Deze datum is al voorbij."))],
        )
    try:
        rij = statuswijziging.wijzig_status(
            session,
            traject,
            statuswijziging.Wijziging(lichaam.naar, lichaam.toelichting, volgende),
            verwacht_van=van,
            medewerker=None,
            trace_id=g.trace_id,
            nu=nu,
            api_client_id=client.id,
        )
    except statuswijziging.GelijktijdigGewijzigd as fout:
        raise Probleem(
            409, "conflict", detail=_("De status is nu %(status)s.", status=traject.status)
        ) from fout
    return Resultaat(
        201,
        s.StatuswijzigingUit(
            id=rij.id,
            traject_id=traject.id,
            van=van,
            naar=rij.naar_status,
            volgende_update_op=volgende,
            gewijzigd_op=rij.gewijzigd_op,
        ),
        locatie=url_for("api.dossier-lezen", kenmerk=traject.dossier.kenmerk),
        burger_id=traject.dossier.burger_id,
    )


@operatie(
    "GET",
    "/wijzigingen",
    naam="wijzigingen-lezen",
    scope="dossiers:lezen",
    samenvatting="Status changes from every source, oldest first; page with 'na'.",
    query=s.Pagina,
    antwoorden={200: s.WijzigingenUit},
)
def lees_wijzigingen(*, client: ApiClient, nu: datetime, query: s.Pagina) -> Resultaat:
    rijen = (
        get_session()
        .execute(
            select(Statuswijziging, Traject.soort, Dossier.kenmerk)
            .join(Traject, Traject.id == Statuswijziging.traject_id)
            .join(Dossier, Dossier.id == Traject.dossier_id)
            .where(Statuswijziging.id > query.na)
            .order_by(Statuswijziging.id)
            .limit(query.limiet + 1)
        )
        .all()
    )
    wijzigingen = [
        s.Wijziging(
            id=w.id,
            kenmerk=kenmerk,
            traject_id=w.traject_id,
            soort=soort,
            van=w.van_status,
            naar=w.naar_status,
            gewijzigd_op=w.gewijzigd_op,
            bron=bron(w),
        )
        for w, soort, kenmerk in rijen[: query.limiet]
    ]
    volgende = wijzigingen[-1].id if len(rijen) > query.limiet else None
    return Resultaat(200, s.WijzigingenUit(wijzigingen=wijzigingen, volgende=volgende))
