"""Dossiers from the back office: the rules for a burger, a dossier and its trajecten.

The JSON API and the bulk import both go through ``controleer_dossier``, so they accept and
refuse exactly the same input, with the same field names and reasons.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from flask_babel import LazyString
from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum.nl import bsn as stdnum_bsn

from portal import statussen
from portal.models import Burger, Dossier, Statuswijziging, Traject
from portal.services import toezeggingen, verwerkingslog
from portal.services.belmomenten import ServicecallFout, normaliseer_telefoon
from portal.services.voorkeuren import NotificatievoorkeurFout, normaliseer_email
from portal.talen import TALEN as PORTAALTALEN
from portal.tijd import vandaag
from portal.vertalen import lazy_gettext as _l

KENMERK = re.compile(r"WIA-[0-9]{7,10}")
# Languages a person can be written to in; a message in another language would not render.
TALEN = tuple(PORTAALTALEN)
MAX_NAAM, MAX_TUSSENVOEGSEL = 200, 20

MELDINGEN: dict[str, LazyString] = {
    "verplicht": _l("Vul dit veld in."),
    "geen_tekst": _l("Dit moet tekst zijn."),
    "te_lang": _l("Deze tekst is te lang."),
    "ongeldige_tekens": _l("Hier staan tekens in die niet in een naam horen."),
    "ongeldig_bsn": _l("Dit is geen geldig burgerservicenummer (de 11-proef klopt niet)."),
    "ongeldig_kenmerk": _l("Een kenmerk ziet er zo uit: WIA-1234567."),
    "onbekende_taal": _l("Deze taal kent het portaal niet."),
    "ongeldig_nummer": _l("Dit is geen geldig telefoonnummer."),
    "ongeldig_email": _l("Dit is geen geldig e-mailadres."),
    "onbekende_soort": _l("Deze soort traject bestaat niet."),
    "onbekende_status": _l("Deze status bestaat niet voor deze soort traject."),
    "ongeldige_datum": _l("Dit is geen geldige datum (JJJJ-MM-DD)."),
    "in_toekomst": _l("Deze datum ligt in de toekomst."),
    "voor_start": _l("Deze datum ligt voor de startdatum."),
    "dubbele_soort": _l("Deze soort traject staat twee keer in de lijst."),
    "geen_lijst": _l("Dit moet een lijst zijn."),
    "bsn_hoort_bij_ander_dossier": _l("Dit burgerservicenummer hoort al bij een ander dossier."),
    "bsn_past_niet_bij_dossier": _l("Dit dossier hoort bij een ander burgerservicenummer."),
}


@dataclass(frozen=True)
class Invoerfout:
    veld: str  # a JSON-pointer-like path, e.g. "trajecten/0/status"
    code: str

    @property
    def melding(self) -> LazyString:
        return MELDINGEN[self.code]


class Invoerfouten(ValueError):
    """Input the portal refuses; every problem found, not only the first."""

    def __init__(self, fouten: list[Invoerfout]) -> None:
        super().__init__(", ".join(f"{f.veld}: {f.code}" for f in fouten))
        self.fouten = fouten


@dataclass(frozen=True)
class TrajectInvoer:
    soort: str
    status: str
    gestart_op: date
    volgende_update_op: date | None


@dataclass(frozen=True)
class DossierInvoer:
    kenmerk: str
    bsn: str
    voornamen: str
    tussenvoegsel: str
    achternaam: str
    taal: str
    telefoon: str | None = None
    email: str | None = None
    trajecten: tuple[TrajectInvoer, ...] = field(default_factory=tuple)


def _tekst(
    waarde: object, veld: str, fouten: list[Invoerfout], *, maximum: int, verplicht: bool
) -> str:
    if waarde is None or waarde == "":
        if verplicht:
            fouten.append(Invoerfout(veld, "verplicht"))
        return ""
    if not isinstance(waarde, str):
        fouten.append(Invoerfout(veld, "geen_tekst"))
        return ""
    tekst = unicodedata.normalize("NFC", waarde.strip())
    if verplicht and not tekst:
        fouten.append(Invoerfout(veld, "verplicht"))
    elif len(tekst) > maximum:
        fouten.append(Invoerfout(veld, "te_lang"))
    elif any(unicodedata.category(teken).startswith("C") for teken in tekst) or any(
        teken in tekst for teken in "<>{}[]\\|@#$%^*=_~`"
    ):
        fouten.append(Invoerfout(veld, "ongeldige_tekens"))
    return tekst


def controleer_bsn(waarde: object, veld: str, fouten: list[Invoerfout]) -> str:
    if not isinstance(waarde, str) or not waarde.strip():
        fouten.append(Invoerfout(veld, "verplicht" if not waarde else "geen_tekst"))
        return ""
    if not stdnum_bsn.is_valid(waarde.strip()):
        fouten.append(Invoerfout(veld, "ongeldig_bsn"))
        return ""
    return stdnum_bsn.compact(waarde.strip())


def controleer_kenmerk(waarde: object, veld: str, fouten: list[Invoerfout]) -> str:
    if not isinstance(waarde, str) or not KENMERK.fullmatch(waarde.strip().upper()):
        fouten.append(Invoerfout(veld, "verplicht" if not waarde else "ongeldig_kenmerk"))
        return ""
    return waarde.strip().upper()


def _datum(waarde: object, veld: str, fouten: list[Invoerfout]) -> date | None:
    if waarde is None or waarde == "":
        return None
    if isinstance(waarde, date) and not isinstance(waarde, datetime):
        return waarde
    try:
        return date.fromisoformat(str(waarde).strip()) if isinstance(waarde, str) else None
    except ValueError:
        pass
    fouten.append(Invoerfout(veld, "ongeldige_datum"))
    return None


def controleer_traject(
    gegevens: Mapping[str, Any],
    pad: str,
    vandaag: date,
    fouten: list[Invoerfout],
    spreiding: str | None = None,
) -> TrajectInvoer | None:
    """One traject: a known kind, a status of that kind, sane dates. Without a date, an
    investigation's first update is spread over the quarter by ``spreiding`` (the kenmerk)."""
    aantal = len(fouten)
    soort = gegevens.get("soort")
    if not isinstance(soort, str) or soort not in statussen.SOORTEN:
        fouten.append(Invoerfout(f"{pad}soort", "verplicht" if not soort else "onbekende_soort"))
        return None
    status = gegevens.get("status") or statussen.BEGINSTATUS[statussen.groep(soort)]
    if not isinstance(status, str) or status not in statussen.STATUSSEN[statussen.groep(soort)]:
        fouten.append(Invoerfout(f"{pad}status", "onbekende_status"))
    gestart_op = _datum(gegevens.get("gestart_op"), f"{pad}gestart_op", fouten) or vandaag
    if gestart_op > vandaag:
        fouten.append(Invoerfout(f"{pad}gestart_op", "in_toekomst"))
    volgende = _datum(gegevens.get("volgende_update_op"), f"{pad}volgende_update_op", fouten)
    if volgende is not None and volgende < gestart_op:
        fouten.append(Invoerfout(f"{pad}volgende_update_op", "voor_start"))
    if len(fouten) > aantal:
        return None
    if volgende is None and status != "afgerond":
        volgende = statussen.standaard_volgende_datum(soort, status, vandaag, spreiding)
    return TrajectInvoer(soort, status, gestart_op, None if status == "afgerond" else volgende)


def controleer_dossier(gegevens: Mapping[str, Any], vandaag: date) -> DossierInvoer:
    """Validate a whole dossier record, or raise ``Invoerfouten`` with every problem."""
    fouten: list[Invoerfout] = []
    kenmerk = controleer_kenmerk(gegevens.get("kenmerk"), "kenmerk", fouten)
    bsn = controleer_bsn(gegevens.get("bsn"), "bsn", fouten)
    voornamen = _tekst(gegevens.get("voornamen"), "voornamen", fouten, maximum=MAX_NAAM,
                       verplicht=True)  # fmt: skip
    tussenvoegsel = _tekst(gegevens.get("tussenvoegsel"), "tussenvoegsel", fouten,
                           maximum=MAX_TUSSENVOEGSEL, verplicht=False)  # fmt: skip
    achternaam = _tekst(gegevens.get("achternaam"), "achternaam", fouten, maximum=MAX_NAAM,
                        verplicht=True)  # fmt: skip
    taal = gegevens.get("taal") or "nl"
    if taal not in TALEN:
        fouten.append(Invoerfout("taal", "onbekende_taal"))
    telefoon = email = None
    if gegevens.get("telefoon"):
        try:
            telefoon = normaliseer_telefoon(str(gegevens["telefoon"]))
        except ServicecallFout:
            fouten.append(Invoerfout("telefoon", "ongeldig_nummer"))
    if gegevens.get("email"):
        try:
            email = normaliseer_email(str(gegevens["email"]))
        except NotificatievoorkeurFout:
            fouten.append(Invoerfout("email", "ongeldig_email"))
    trajecten: list[TrajectInvoer] = []
    lijst = gegevens.get("trajecten") or []
    if not isinstance(lijst, list):
        fouten.append(Invoerfout("trajecten", "geen_lijst"))
        lijst = []
    for index, traject in enumerate(lijst):
        gecontroleerd = controleer_traject(
            traject, f"trajecten/{index}/", vandaag, fouten, kenmerk or None
        )
        if gecontroleerd is None:
            continue
        if any(t.soort == gecontroleerd.soort for t in trajecten):
            fouten.append(Invoerfout(f"trajecten/{index}/soort", "dubbele_soort"))
        trajecten.append(gecontroleerd)
    if fouten:
        raise Invoerfouten(fouten)
    return DossierInvoer(kenmerk, bsn, voornamen, tussenvoegsel, achternaam, str(taal),
                         telefoon, email, tuple(trajecten))  # fmt: skip


@dataclass(frozen=True)
class Bewaard:
    dossier: Dossier
    nieuw: bool
    gewijzigd: bool
    nieuwe_trajecten: list[Traject]


def persoonsgegevens(burger: Any, invoer: DossierInvoer) -> dict[str, str | None]:
    """What the back office may set on the person. Contact details the person verified in
    the portal are theirs: the back office never overwrites them (the one rule for both the
    API and the bulk import). ``burger`` is a Burger or a row with the same columns."""
    velden: dict[str, str | None] = {
        "voornamen": invoer.voornamen,
        "tussenvoegsel": invoer.tussenvoegsel,
        "achternaam": invoer.achternaam,
        "taal": invoer.taal,
    }
    if invoer.telefoon and burger.telefoon_geverifieerd_op is None:
        velden["telefoon"] = invoer.telefoon
    if invoer.email and burger.email_geverifieerd_op is None:
        velden["email"] = invoer.email
    return velden


def bewaar(
    session: Session,
    invoer: DossierInvoer,
    *,
    nu: datetime,
    trace_id: str,
    api_client_id: int | None = None,
) -> Bewaard:
    """Create or update a burger and dossier; add trajecten of kinds it does not have yet.

    Statuses of existing trajecten are not touched: those change through a status change,
    with its message. Contact details the person verified in the portal are theirs and are
    not overwritten. Commits.
    """
    dossier = session.scalar(select(Dossier).where(Dossier.kenmerk == invoer.kenmerk))
    burger = session.scalar(select(Burger).where(Burger.bsn == invoer.bsn))
    if dossier is not None and dossier.burger_id != (burger.id if burger else None):
        raise Invoerfouten([Invoerfout("bsn", "bsn_past_niet_bij_dossier")])
    if dossier is None and burger is not None and burger.dossier is not None:
        raise Invoerfouten([Invoerfout("bsn", "bsn_hoort_bij_ander_dossier")])

    nieuw = dossier is None
    if burger is None:
        burger = Burger(bsn=invoer.bsn, voornamen="", achternaam="", aangemaakt_op=nu)
        session.add(burger)
    velden = persoonsgegevens(burger, invoer)
    gewijzigd = nieuw
    for naam, waarde in velden.items():
        if getattr(burger, naam) != waarde:
            setattr(burger, naam, waarde)
            gewijzigd = True
    if dossier is None:
        dossier = Dossier(kenmerk=invoer.kenmerk, burger=burger, aangemaakt_op=nu)
        session.add(dossier)
    session.flush()

    bestaande = set(session.scalars(select(Traject.soort).where(Traject.dossier_id == dossier.id)))
    nieuwe: list[Traject] = []
    for gegevens in invoer.trajecten:
        if gegevens.soort in bestaande:
            continue
        traject = Traject(
            dossier_id=dossier.id,
            soort=gegevens.soort,
            status=gegevens.status,
            gestart_op=gegevens.gestart_op,
            status_sinds=nu,
            volgende_update_op=gegevens.volgende_update_op,
            afgerond_op=vandaag(nu) if gegevens.status == "afgerond" else None,
        )
        session.add(traject)
        session.flush()
        toezeggingen.beloof_trajectdatum(
            session,
            traject,
            gegevens.volgende_update_op,
            bron="api" if api_client_id else "import",
            nu=nu,
            api_client_id=api_client_id,
        )
        session.add(
            Statuswijziging(
                traject_id=traject.id,
                naar_status=gegevens.status,
                api_client_id=api_client_id,
                gewijzigd_op=nu,
            )
        )
        nieuwe.append(traject)
    if gewijzigd or nieuwe:
        verwerkingslog.log(
            session,
            trace_id=trace_id,
            medewerker_id=None,
            api_client_id=api_client_id,
            burger_id=burger.id,
            handeling="wijzigen",
            activiteit="dossier-aanmaken" if nieuw else "dossier-bijwerken",
            object=f"dossier:{dossier.id}",
        )
    session.commit()
    return Bewaard(dossier, nieuw, gewijzigd or bool(nieuwe), nieuwe)
