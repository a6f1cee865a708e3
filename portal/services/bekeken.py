"""Wie heeft mijn dossier bekeken: a person's own rows of the verwerkingslog, in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Medewerker, Verwerkingslog
from portal.services.verwerkingslog import DOEL_DOSSIERBEHANDELING

PER_PAGINA = 50

# What the staff member did, per verwerkingsactiviteit. Unknown codes fall back to the
# handeling, and then to a general text, so a new activity never shows a code.
ACTIVITEITEN: dict[str, LazyString] = {
    "dossier-inzien": _l("Uw dossier bekeken"),
    "dossier-zoeken-op-bsn": _l("Uw dossier gezocht met uw burgerservicenummer"),
    "dossier-zoeken-op-kenmerk": _l("Uw dossier gezocht met het kenmerk van uw dossier"),
    "traject-status-wijzigen": _l("De stand van uw dossier aangepast"),
    "servicecall-inzien": _l("Een telefoongesprek met u bekeken"),
    "servicecall-plannen": _l("Een telefoongesprek met u gepland"),
    "servicecall-annuleren": _l("Een telefoongesprek met u afgezegd"),
    "papieren-brief-afdrukken": _l("Een brief aan u afgedrukt om op te sturen"),
    "dossier-aanmaken": _l("Uw dossier in het portaal gezet"),
    "dossier-bijwerken": _l("Uw gegevens in het portaal bijgewerkt"),
    "dossier-importeren": _l("Uw dossier in het portaal gezet of bijgewerkt"),
    "api-dossier-lezen": _l("De stand van uw dossier opgehaald"),
    "toezegging-inzien": _l("Een datum bekeken die wij u beloofden"),
    "toezegging-verschuiven": _l("Een nieuwe datum gegeven voor iets dat wij u beloofden"),
}
VOORVOEGSELS: dict[str, LazyString] = {
    "servicecall-uitkomst-": _l("Vastgelegd hoe een telefoongesprek met u is gegaan"),
}
HANDELINGEN: dict[str, LazyString] = {
    "inzien": _l("Uw gegevens bekeken"),
    "zoeken": _l("Uw gegevens gezocht"),
    "wijzigen": _l("Uw gegevens aangepast"),
    "verstrekken": _l("Uw gegevens gebruikt voor iets dat u krijgt"),
}
ONBEKEND = _l("Uw gegevens gebruikt")

DOELEN: dict[str, LazyString] = {
    DOEL_DOSSIERBEHANDELING: _l("Voor uw WIA-uitkering en het onderzoek naar uw uitkering"),
}

ROLLEN: dict[str, LazyString] = {
    "casemanager": _l("Casemanager"),
    "teamleider": _l("Teamleider"),
    "beheerder": _l("Beheerder"),
    "pilotleider": _l("Onderzoeker van het portaal"),
}
SYSTEEM = _l("Een computersysteem van UWV")
MEDEWERKER = _l("Medewerker van UWV")


@dataclass(frozen=True)
class Regel:
    tijdstip: datetime
    wat: LazyString
    rol: LazyString
    doel: LazyString | str
    naam: str | None  # only when the policy says names are shown


@dataclass(frozen=True)
class Pagina:
    regels: list[Regel]
    nummer: int
    heeft_vorige: bool
    heeft_volgende: bool


def wat(handeling: str, activiteit: str) -> LazyString:
    """A readable text for a log row; never the code itself."""
    if activiteit in ACTIVITEITEN:
        return ACTIVITEITEN[activiteit]
    for voorvoegsel, tekst in VOORVOEGSELS.items():
        if activiteit.startswith(voorvoegsel):
            return tekst
    return HANDELINGEN.get(handeling, ONBEKEND)


def rol(medewerker: Medewerker | None) -> LazyString:
    if medewerker is None:
        return SYSTEEM
    for code in medewerker.rollenlijst:
        if code in ROLLEN:
            return ROLLEN[code]
    return MEDEWERKER


def pagina(
    session: Session,
    burger_id: int,
    *,
    nummer: int = 1,
    naam_tonen: bool = False,
    per_pagina: int = PER_PAGINA,
) -> Pagina:
    """Page ``nummer`` (from 1) of the person's own log rows, newest first."""
    nummer = max(nummer, 1)
    rijen = session.execute(
        select(Verwerkingslog, Medewerker)
        .outerjoin(Medewerker, Medewerker.id == Verwerkingslog.medewerker_id)
        .where(Verwerkingslog.burger_id == burger_id)
        .order_by(Verwerkingslog.tijdstip.desc(), Verwerkingslog.id.desc())
        .offset((nummer - 1) * per_pagina)
        .limit(per_pagina + 1)  # one more tells whether there is a next page
    ).all()
    regels = [
        Regel(
            tijdstip=log.tijdstip,
            wat=wat(log.handeling, log.verwerkingsactiviteit),
            rol=rol(medewerker),
            doel=DOELEN.get(log.doel, log.doel),
            naam=medewerker.naam if naam_tonen and medewerker is not None else None,
        )
        for log, medewerker in rijen[:per_pagina]
    ]
    return Pagina(
        regels=regels,
        nummer=nummer,
        heeft_vorige=nummer > 1,
        heeft_volgende=len(rijen) > per_pagina,
    )
