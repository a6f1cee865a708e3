"""Wie heeft mijn dossier bekeken: the person's own verwerkingslog and status history, per
day and per who, each group told in one plain sentence.

One visit of a casemanager writes several log rows within a minute (the dossier, each
promise, each call); the person wants to read "Uw casemanager heeft uw dossier 3 keer
bekeken", not a dozen rows. Status changes come from the status history as well as from the
log: the history also holds changes made before the log existed (and the demo's), and a
change recorded in both is told once. The words live in ``verwerkingsteksten``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select, union_all
from sqlalchemy.orm import Session

from portal import statussen
from portal.models import (
    Dossier,
    Medewerker,
    Statuswijziging,
    Traject,
    Vertegenwoordiging,
    Verwerkingslog,
)
from portal.services import verwerkingsteksten as teksten
from portal.tijd import AMSTERDAM, vandaag

DAGEN_PER_PAGINA = 14  # days with something to show; a day is never split over two pages

_TRAJECT = re.compile(r"traject:(\d+)")
_STATUSACTIES = frozenset({teksten.STATUS_ONDERZOEK, teksten.STATUS_BEOORDELING})
# The dossier itself was put in the portal: its parts came with it, no need to list them apart.
_DOSSIER_ERIN = frozenset({"dossier-aanmaken", "dossier-importeren"})


@dataclass
class Groep:
    """What one person (or one role, or UWV's systems) did on one day."""

    wie: str  # a key of ``verwerkingsteksten.wie``
    naam: str | None  # only when the policy names staff
    van: datetime
    tot: datetime
    personen: set[int | None] = field(default_factory=set)
    acties: dict[str, int] = field(default_factory=dict)  # in the order they first happened
    onderdelen: list[str] = field(default_factory=list)  # traject kinds whose status changed
    doelen: list[str] = field(default_factory=list)  # purposes other than the usual one

    @property
    def aantal_personen(self) -> int:
        return len(self.personen)

    @property
    def zin(self) -> str:
        """The group in one sentence, in the page's language."""
        delen = [teksten.zinsdeel(sleutel, aantal) for sleutel, aantal in self.acties.items()]
        return teksten.zin(self.wie, self.aantal_personen, self.naam, delen)

    @property
    def onderdeelnamen(self) -> list[str]:
        return [str(statussen.SOORTEN[soort].naam) for soort in self.onderdelen]

    @property
    def waarom(self) -> list[str]:
        return [teksten.doel(code) for code in self.doelen]


@dataclass(frozen=True)
class Dag:
    dag: date
    groepen: list[Groep]


@dataclass(frozen=True)
class Pagina:
    dagen: list[Dag]
    nummer: int
    heeft_vorige: bool
    heeft_volgende: bool
    doel: str  # why staff may look at all, said once at the top

    @property
    def leeg(self) -> bool:
        return not self.dagen


@dataclass(frozen=True)
class _Gebeurtenis:
    """One log row or one status change, with who did it already decided."""

    moment: datetime
    wie: str
    persoon: int | None
    naam: str | None
    actie: str
    traject_id: int | None = None
    uit_historie: bool = False  # from the status history rather than the log
    doel: str | None = None


def pagina(
    session: Session,
    burger_id: int,
    *,
    nummer: int = 1,
    naam_tonen: bool = False,
    per_pagina: int = DAGEN_PER_PAGINA,
) -> Pagina:
    """Page ``nummer`` (from 1) of the person's own days, newest first.

    Only rows about ``burger_id`` and status changes of their own dossier are read."""
    nummer = max(nummer, 1)
    alle_dagen = _dagen(session, burger_id)
    dagen = alle_dagen[(nummer - 1) * per_pagina : nummer * per_pagina]
    leeg = Pagina([], nummer, nummer > 1, False, teksten.doel(teksten.STANDAARD_DOEL))
    if not dagen:
        return leeg
    van, tot = _begin(dagen[-1]), _begin(dagen[0] + timedelta(days=1))
    casemanager_id, soorten = _dossier(session, burger_id)
    gebeurtenissen = [
        *_uit_log(session, burger_id, van, tot, casemanager_id, soorten, naam_tonen),
        *_uit_historie(session, burger_id, van, tot, casemanager_id, naam_tonen),
    ]
    return Pagina(
        dagen=_groepeer(gebeurtenissen, soorten, naam_tonen),
        nummer=nummer,
        heeft_vorige=nummer > 1,
        heeft_volgende=len(alle_dagen) > nummer * per_pagina,
        doel=leeg.doel,
    )


def _groepeer(
    gebeurtenissen: list[_Gebeurtenis], soorten: dict[int, str], naam_tonen: bool
) -> list[Dag]:
    """Days newest first; in a day the group that acted last comes first."""
    per_groep: dict[tuple[date, str, int | None], list[_Gebeurtenis]] = {}
    for item in sorted(gebeurtenissen, key=lambda g: g.moment):
        # Named staff each get their own sentence; unnamed ones of one role share one.
        # Each one acting for the person is told apart: the person gave them access.
        namens = item.wie in teksten.NAMENS
        persoon = item.persoon if (naam_tonen or namens) and (item.naam or namens) else None
        per_groep.setdefault((vandaag(item.moment), item.wie, persoon), []).append(item)
    per_dag: dict[date, list[Groep]] = {}
    for (dag, _wie, _persoon), items in per_groep.items():
        per_dag.setdefault(dag, []).append(_groep(items, soorten))
    return [
        Dag(dag, sorted(groepen, key=lambda g: g.tot, reverse=True))
        for dag, groepen in sorted(per_dag.items(), reverse=True)
    ]


def _groep(items: list[_Gebeurtenis], soorten: dict[int, str]) -> Groep:
    eerste = items[0]
    groep = Groep(wie=eerste.wie, naam=eerste.naam, van=eerste.moment, tot=items[-1].moment)
    tellingen: Counter[str] = Counter()
    # A status change is in the history and, since the log exists, in the log too: per part,
    # count the larger of the two, never their sum.
    historie: Counter[tuple[str, int | None]] = Counter()
    log: Counter[tuple[str, int | None]] = Counter()
    for item in items:
        groep.personen.add(item.persoon)
        if item.doel and item.doel != teksten.STANDAARD_DOEL and item.doel not in groep.doelen:
            groep.doelen.append(item.doel)
        tellingen.setdefault(item.actie, 0)  # keeps the order of first appearance
        if item.actie in _STATUSACTIES or item.actie == teksten.NIEUW_ONDERDEEL:
            (historie if item.uit_historie else log)[(item.actie, item.traject_id)] += 1
            soort = soorten.get(item.traject_id) if item.traject_id else None
            if soort and soort not in groep.onderdelen:
                groep.onderdelen.append(soort)
        else:
            tellingen[item.actie] += 1
    for sleutel in historie.keys() | log.keys():
        actie, _traject = sleutel
        aantal = max(historie[sleutel], log[sleutel])
        if actie == teksten.NIEUW_ONDERDEEL:
            tellingen[actie] += aantal
        else:
            # The herstelacties are one story to the person: two parts changed together are
            # one change of "uw onderzoek"; only a part changed twice says "2 keer".
            tellingen[actie] = max(tellingen[actie], aantal)
    if _DOSSIER_ERIN & tellingen.keys():
        tellingen.pop(teksten.NIEUW_ONDERDEEL, None)
    groep.acties = {actie: aantal for actie, aantal in tellingen.items() if aantal}
    return groep


def _dagen(session: Session, burger_id: int) -> list[date]:
    """Every Amsterdam day with something to show, newest first (only the moments are read,
    so the page reads whole rows for its own days only)."""
    momenten = union_all(
        select(Verwerkingslog.tijdstip.label("moment")).where(
            Verwerkingslog.burger_id == burger_id
        ),
        select(Statuswijziging.gewijzigd_op.label("moment"))
        .join(Traject, Traject.id == Statuswijziging.traject_id)
        .join(Dossier, Dossier.id == Traject.dossier_id)
        .where(Dossier.burger_id == burger_id),
    ).subquery()
    gelezen = session.execute(select(momenten.c.moment)).scalars()
    return sorted({vandaag(_utc(moment)) for moment in gelezen}, reverse=True)


def _dossier(session: Session, burger_id: int) -> tuple[int | None, dict[int, str]]:
    """The dossier's casemanager and the kind of each of its trajecten."""
    rijen = session.execute(
        select(Dossier.casemanager_id, Traject.id, Traject.soort)
        .outerjoin(Traject, Traject.dossier_id == Dossier.id)
        .where(Dossier.burger_id == burger_id)
    ).all()
    casemanager_id = rijen[0][0] if rijen else None
    return casemanager_id, {tid: soort for _cm, tid, soort in rijen if tid is not None}


def _uit_log(
    session: Session,
    burger_id: int,
    van: datetime,
    tot: datetime,
    casemanager_id: int | None,
    soorten: dict[int, str],
    naam_tonen: bool,
) -> list[_Gebeurtenis]:
    rijen = session.execute(
        select(Verwerkingslog, Medewerker, Vertegenwoordiging)
        .outerjoin(Medewerker, Medewerker.id == Verwerkingslog.medewerker_id)
        .outerjoin(
            Vertegenwoordiging, Vertegenwoordiging.id == Verwerkingslog.vertegenwoordiging_id
        )
        .where(
            Verwerkingslog.burger_id == burger_id,
            Verwerkingslog.tijdstip >= van,
            Verwerkingslog.tijdstip < tot,
        )
    ).all()
    uit: list[_Gebeurtenis] = []
    for log, medewerker, namens in rijen:
        actie = teksten.actie(log.handeling, log.verwerkingsactiviteit)
        if namens is not None:
            uit.append(
                _Gebeurtenis(
                    moment=_utc(log.tijdstip),
                    wie=namens.soort,
                    persoon=namens.id,
                    naam=namens.naam if namens.soort == "begeleider" else None,
                    actie=actie,
                )
            )
            continue
        if log.resultaat == "geweigerd":
            # A refused call changed nothing; the system did read the data to refuse it.
            actie = "handeling:inzien"
        traject_id = _traject_id(log.object, soorten)
        if actie == teksten.STATUS_DOSSIER and traject_id is not None:
            actie = _statusactie(soorten[traject_id])
        if medewerker is not None:
            wie, persoon = _rol(medewerker, casemanager_id), medewerker.id
        elif log.api_client_id is None and log.verwerkingsactiviteit in teksten.ZELF:
            wie, persoon = teksten.ZELF_SLEUTEL, None
        else:
            wie, persoon = teksten.SYSTEEM, log.api_client_id
        uit.append(
            _Gebeurtenis(
                moment=_utc(log.tijdstip),
                wie=wie,
                persoon=persoon,
                naam=medewerker.naam if naam_tonen and medewerker is not None else None,
                actie=actie,
                traject_id=traject_id,
                doel=log.doel,
            )
        )
    return uit


def _uit_historie(
    session: Session,
    burger_id: int,
    van: datetime,
    tot: datetime,
    casemanager_id: int | None,
    naam_tonen: bool,
) -> list[_Gebeurtenis]:
    rijen = session.execute(
        select(Statuswijziging, Traject.soort, Medewerker)
        .join(Traject, Traject.id == Statuswijziging.traject_id)
        .join(Dossier, Dossier.id == Traject.dossier_id)
        .outerjoin(Medewerker, Medewerker.id == Statuswijziging.medewerker_id)
        .where(
            Dossier.burger_id == burger_id,
            Statuswijziging.gewijzigd_op >= van,
            Statuswijziging.gewijzigd_op < tot,
        )
    ).all()
    uit: list[_Gebeurtenis] = []
    for wijziging, soort, medewerker in rijen:
        if medewerker is not None:
            wie, persoon = _rol(medewerker, casemanager_id), medewerker.id
        else:  # a back-office system, an import, or the start of the traject
            wie, persoon = teksten.SYSTEEM, wijziging.api_client_id
        nieuw = wijziging.van_status is None
        uit.append(
            _Gebeurtenis(
                moment=_utc(wijziging.gewijzigd_op),
                wie=wie,
                persoon=persoon,
                naam=medewerker.naam if naam_tonen and medewerker is not None else None,
                actie=teksten.NIEUW_ONDERDEEL if nieuw else _statusactie(soort),
                traject_id=wijziging.traject_id,
                uit_historie=True,
            )
        )
    return uit


def _rol(medewerker: Medewerker, casemanager_id: int | None) -> str:
    if medewerker.id == casemanager_id:
        return teksten.UW_CASEMANAGER
    for code in medewerker.rollenlijst:
        if code in teksten.ROLLEN:
            return code
    return teksten.MEDEWERKER


def _statusactie(soort: str) -> str:
    if statussen.groep(soort) == statussen.BEOORDELING:
        return teksten.STATUS_BEOORDELING
    return teksten.STATUS_ONDERZOEK


def _traject_id(object: str | None, soorten: dict[int, str]) -> int | None:
    """The traject a log row names, only when it is one of this person's own."""
    gevonden = _TRAJECT.fullmatch(object or "")
    traject_id = int(gevonden.group(1)) if gevonden else None
    return traject_id if traject_id in soorten else None


def _begin(dag: date) -> datetime:
    """The first moment of an Amsterdam day, in UTC."""
    return datetime.combine(dag, time(0), AMSTERDAM).astimezone(UTC)


def _utc(moment: datetime) -> datetime:
    # A union's column may come back without its zone on SQLite; the database holds UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
