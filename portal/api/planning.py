"""Spreekuren and service-calls planned by the back office."""

from __future__ import annotations

from datetime import datetime

from flask import g, url_for
from sqlalchemy import func, select

from portal.api import schemas as s
from portal.api.dossiers import dossier_of_404, servicecall_uit, spreekuur_uit
from portal.api.operaties import Resultaat, operatie
from portal.api.problemen import TITELS, Probleem, Veldfout
from portal.db import get_session
from portal.models import ApiClient, Medewerker, Spreekuur
from portal.servicecalls.meldingen import foutmelding as servicecall_melding
from portal.services import servicecalls, spreekuren
from portal.services.afspraken import Afspraak
from portal.services.belmomenten import ServicecallFout
from portal.spreekuur.meldingen import spreekuur_melding, voorkeur_zin
from portal.vertalen import gettext as _
from portal.vertalen import lazy_gettext as _l

# A spreekuur in another form or at another office than the person prefers: a conflict with
# what the person asked for, which a reason in ?negeer_voorkeur= resolves. A 409, so the
# refusal is not stored under the Idempotency-Key and a retry with the reason may use it.
TITELS.setdefault("tegen-voorkeur", _l("Dit spreekuur past niet bij de voorkeur van de klant."))


def overlapprobleem(afspraak: Afspraak, melding: str) -> Probleem:
    """409 naming what is already planned, so the back office can move or cancel that one."""
    return Probleem(
        409,
        "afspraak-overlapt",
        detail=melding,
        extra={
            "afspraak": {
                "soort": afspraak.soort,
                "id": afspraak.id,
                "begin": afspraak.begin.isoformat(),
                "eind": afspraak.eind.isoformat(),
            }
        },
    )


def voorkeurprobleem(fout: spreekuren.SpreekuurFout) -> Probleem:
    """409 naming the person's preference and what departs from it."""
    assert fout.voorkeur is not None
    voorkeur = fout.voorkeur
    melding = " ".join(
        [voorkeur_zin(voorkeur), _("Plan het zo, of geef de reden mee in negeer_voorkeur.")]
    )
    return Probleem(
        409,
        "tegen-voorkeur",
        detail=melding,
        fouten=[Veldfout(veld, "tegen_voorkeur", melding) for veld in fout.afwijkingen],
        extra={
            "voorkeur": {
                "vorm": voorkeur.vorm,
                "kantoor": voorkeur.kantoor,
                "dagdelen": list(voorkeur.dagdelen or []),
                "gewijzigd_op": voorkeur.aangemaakt_op.isoformat(),
            },
            "afwijkingen": list(fout.afwijkingen),
        },
    )


def _spreekuurprobleem(fout: spreekuren.SpreekuurFout) -> Probleem:
    if fout.afspraak is not None:
        return overlapprobleem(fout.afspraak, spreekuur_melding(fout))
    if fout.reden == "tegen_voorkeur":
        return voorkeurprobleem(fout)
    if fout.reden == "niet_gepland":
        return Probleem(409, "conflict", detail=spreekuur_melding(fout))
    veld = fout.veld or "begin"
    return Probleem(
        422, "ongeldige-invoer", fouten=[Veldfout(veld, fout.reden, spreekuur_melding(fout))]
    )


def _spreekuur_of_404(spreekuur_id: int) -> Spreekuur:
    spreekuur = get_session().get(Spreekuur, spreekuur_id)
    if spreekuur is None:
        raise Probleem(404, "niet-gevonden", detail=_("Er is geen spreekuur met dit nummer."))
    g.api_burger_id = spreekuur.dossier.burger_id
    return spreekuur


def _antwoord(status: int, spreekuur: Spreekuur) -> Resultaat:
    kenmerk = spreekuur.dossier.kenmerk
    return Resultaat(
        status,
        spreekuur_uit(spreekuur, kenmerk),
        locatie=url_for("api.dossier-lezen", kenmerk=kenmerk),
        burger_id=spreekuur.dossier.burger_id,
    )


@operatie(
    "POST",
    "/dossiers/{kenmerk}/spreekuren",
    naam="spreekuur-plannen",
    scope="spreekuren:schrijven",
    tag="planning",
    samenvatting="Plan a spreekuur on a working day within office hours: a message in the "
    "portal and reminders 7 days and 1 day before, for those who asked for them. Another "
    "form or office than the person prefers is refused (409 tegen-voorkeur) unless "
    "?negeer_voorkeur= gives the reason.",
    lichaam=s.SpreekuurIn,
    query=s.VoorkeurNegeren,
    antwoorden={201: s.SpreekuurUit},
    locatie=True,
)
def plan_spreekuur(
    *,
    client: ApiClient,
    nu: datetime,
    kenmerk: str,
    lichaam: s.SpreekuurIn,
    query: s.VoorkeurNegeren,
) -> Resultaat:
    dossier = dossier_of_404(kenmerk)
    try:
        spreekuur = spreekuren.plan(
            get_session(),
            dossier,
            begin=lichaam.begin,
            eind=lichaam.eind,
            vorm=lichaam.vorm,
            kantoor=lichaam.kantoor,
            telefoon=lichaam.telefoon,
            rol=lichaam.rol,
            meenemen=lichaam.meenemen,
            nu=nu,
            tegen_voorkeur_reden=query.negeer_voorkeur,
        )
    except spreekuren.SpreekuurFout as fout:
        raise _spreekuurprobleem(fout) from fout
    return _antwoord(201, spreekuur)


@operatie(
    "POST",
    "/spreekuren/{spreekuur_id}/verplaatsing",
    naam="spreekuur-verplaatsen",
    scope="spreekuren:schrijven",
    tag="planning",
    samenvatting="Move a spreekuur: same calendar UID, next sequence; old reminders are "
    "cancelled and new ones planned. The same rules as planning, the person's preference "
    "too (409 tegen-voorkeur; ?negeer_voorkeur= gives the reason).",
    lichaam=s.VerplaatsingIn,
    query=s.VoorkeurNegeren,
    antwoorden={200: s.SpreekuurUit},
    locatie=True,
)
def verplaats_spreekuur(
    *,
    client: ApiClient,
    nu: datetime,
    spreekuur_id: int,
    lichaam: s.VerplaatsingIn,
    query: s.VoorkeurNegeren,
) -> Resultaat:
    spreekuur = _spreekuur_of_404(spreekuur_id)
    try:
        spreekuren.verplaats(
            get_session(),
            spreekuur,
            begin=lichaam.begin,
            eind=lichaam.eind,
            nu=nu,
            vorm=lichaam.vorm,
            kantoor=lichaam.kantoor,
            telefoon=lichaam.telefoon,
            tegen_voorkeur_reden=query.negeer_voorkeur,
        )
    except spreekuren.SpreekuurFout as fout:
        raise _spreekuurprobleem(fout) from fout
    return _antwoord(200, spreekuur)


@operatie(
    "POST",
    "/spreekuren/{spreekuur_id}/annulering",
    naam="spreekuur-annuleren",
    scope="spreekuren:schrijven",
    tag="planning",
    samenvatting="Cancel a spreekuur and its waiting reminders.",
    antwoorden={200: s.SpreekuurUit},
    locatie=True,
)
def annuleer_spreekuur(*, client: ApiClient, nu: datetime, spreekuur_id: int) -> Resultaat:
    spreekuur = _spreekuur_of_404(spreekuur_id)
    try:
        spreekuren.annuleer(get_session(), spreekuur, nu=nu)
    except spreekuren.SpreekuurFout as fout:
        raise _spreekuurprobleem(fout) from fout
    return _antwoord(200, spreekuur)


@operatie(
    "POST",
    "/dossiers/{kenmerk}/servicecalls",
    naam="servicecall-plannen",
    scope="servicecalls:schrijven",
    tag="planning",
    samenvatting="Plan (or move) the dossier's open call about this subject, or a new one: "
    "a fresh belcode, and reminders a working day and an hour before. A window outside the "
    "day parts the person prefers is refused (409 tegen-voorkeur) unless ?negeer_voorkeur= "
    "gives the reason.",
    lichaam=s.ServicecallIn,
    query=s.VoorkeurNegeren,
    antwoorden={201: s.ServicecallUit},
    locatie=True,
)
def plan_servicecall(
    *,
    client: ApiClient,
    nu: datetime,
    kenmerk: str,
    lichaam: s.ServicecallIn,
    query: s.VoorkeurNegeren,
) -> Resultaat:
    session = get_session()
    dossier = dossier_of_404(kenmerk)
    medewerker = session.scalar(
        select(Medewerker).where(func.lower(Medewerker.email) == lichaam.medewerker.lower())
    )
    if medewerker is None or not medewerker.heeft_rol("casemanager"):
        raise Probleem(
            422,
            "ongeldige-invoer",
            fouten=[
                Veldfout(
                    "medewerker",
                    "onbekende_medewerker",
                    _("Er is geen casemanager met dit e-mailadres."),
                )
            ],
        )
    try:
        taak = servicecalls.taak_voor(session, dossier, lichaam.onderwerp, nu)
        servicecalls.plan(
            session,
            taak,
            van=lichaam.van,
            tot=lichaam.tot,
            telefoon=lichaam.telefoon,
            belnummer=lichaam.belnummer,
            medewerker=medewerker,
            nu=nu,
            trace_id=g.trace_id,
            api_client_id=client.id,
            buiten_voorkeur_reden=query.negeer_voorkeur,
        )
    except ServicecallFout as fout:
        if fout.afspraak is not None:
            raise overlapprobleem(fout.afspraak, servicecall_melding(fout)) from fout
        if fout.reden == "buiten_voorkeur":
            raise Probleem(
                409,
                "tegen-voorkeur",
                fouten=[Veldfout("van", fout.reden, servicecall_melding(fout))],
            ) from fout
        veld = {"datum": "van"}.get(fout.veld or "van", fout.veld or "van")
        status = 409 if fout.reden in ("niet_open", "intussen_gewijzigd") else 422
        raise Probleem(
            status,
            "conflict" if status == 409 else "ongeldige-invoer",
            fouten=[Veldfout(veld, fout.reden, servicecall_melding(fout))],
        ) from fout
    return Resultaat(
        201,
        servicecall_uit(taak, dossier.kenmerk),
        locatie=url_for("api.dossier-lezen", kenmerk=dossier.kenmerk),
        burger_id=dossier.burger_id,
    )
