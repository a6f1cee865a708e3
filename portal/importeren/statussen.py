"""``import statussen``: status changes from the back office, one row per traject.

Each change goes through ``statuswijziging.wijzig_status``, exactly as a casemanager's does,
so the person gets the same bericht, notification and history. That service commits per
change; a change is small, and a crash halfway leaves every applied row complete. A row
whose traject already has the status is "ongewijzigd", so a file can be run again safely.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from flask_babel import LazyString
from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager, sessionmaker

from portal import statussen
from portal.importeren.csvbestand import Bestand, lees
from portal.importeren.uitslag import Uitslag
from portal.models import Dossier, Traject
from portal.services.dossierbeheer import Invoerfout, controleer_kenmerk
from portal.services.statuswijziging import (
    MAX_TOELICHTING,
    GelijktijdigGewijzigd,
    Wijziging,
    wijzig_status,
)
from portal.vertalen import lazy_gettext as _l

VERPLICHT = ("kenmerk", "soort", "status")
OPTIONEEL = ("volgende_update_op", "toelichting")
UITKOMSTEN = ("toegepast", "ongewijzigd")
BATCH = 1_000  # rows whose trajecten are read at once
MAX_JAREN_VOORUIT = 3  # as in the casemanager's status form

ONBEKEND_DOSSIER = _l("Er is geen dossier met dit kenmerk.")
ONBEKEND_TRAJECT = _l("Dit dossier heeft geen traject van deze soort.")
ANDERE_STATUS = _l("Dit traject staat eerder in het bestand met andere gegevens.")
# The same rules, and texts, as the casemanager's status form.
VANDAAG_OF_LATER = _l("Kies een datum vandaag of later.")
BINNEN_DRIE_JAAR = _l("Kies een datum binnen drie jaar.")
INTUSSEN_GEWIJZIGD = _l("Iemand anders heeft de status tijdens de import gewijzigd.")


def ongeldige_overgang(soort: str, huidig: str) -> LazyString:
    return _l(
        "Deze status kan niet volgen op de huidige status (%(status)s).",
        status=statussen.status(soort, huidig).titel,
    )


@dataclass
class Statusregel:
    regel: int
    kenmerk: str
    soort: str
    status: str
    volgende_update_op: date | None
    toelichting: str | None
    dubbel: list[int] = field(default_factory=list)  # later lines repeating this one exactly

    @property
    def regels(self) -> list[int]:
        return [self.regel, *self.dubbel]

    def zelfde(self, ander: Statusregel) -> bool:
        return (self.status, self.volgende_update_op, self.toelichting) == (
            ander.status,
            ander.volgende_update_op,
            ander.toelichting,
        )


def importeer(
    maak_sessie: sessionmaker[Session],
    pad: Path,
    *,
    vandaag: date,
    trace_id: str,
    dry_run: bool = False,
    batch: int = BATCH,
) -> Uitslag:
    """Check the whole file, then apply each legal change (or, in a dry run, only decide)."""
    bestand = lees(pad, verplicht=VERPLICHT, optioneel=OPTIONEEL)
    uitslag = Uitslag(UITKOMSTEN, gelezen=bestand.gelezen)
    uitslag.afwijzingen.extend(bestand.afwijzingen)
    regels = controleer(bestand, vandaag, uitslag)
    for begin in range(0, len(regels), batch):
        with maak_sessie() as session:
            for regel, traject in _plan(session, regels[begin : begin + batch], uitslag):
                if dry_run:
                    _toegepast(uitslag, regel)
                else:
                    _wijzig(session, regel, traject, vandaag, trace_id, uitslag)
    return uitslag


def controleer(bestand: Bestand, vandaag: date, uitslag: Uitslag) -> list[Statusregel]:
    """Every row checked on its own; a traject named twice must say the same thing twice."""
    gezien: dict[tuple[str, str], Statusregel] = {}
    for regel in bestand.regels:
        fouten: list[Invoerfout] = []
        eigen: list[tuple[str, LazyString]] = []
        waarden = regel.waarden
        kenmerk = controleer_kenmerk(waarden["kenmerk"], "kenmerk", fouten)
        soort, status = waarden["soort"], waarden["status"]
        if soort not in statussen.SOORTEN:
            fouten.append(Invoerfout("soort", "onbekende_soort" if soort else "verplicht"))
        elif status not in statussen.STATUSSEN[statussen.groep(soort)]:
            fouten.append(Invoerfout("status", "onbekende_status" if status else "verplicht"))
        volgende = None
        if waarden.get("volgende_update_op"):
            try:
                volgende = date.fromisoformat(waarden["volgende_update_op"])
            except ValueError:
                fouten.append(Invoerfout("volgende_update_op", "ongeldige_datum"))
            else:
                if volgende < vandaag:
                    eigen.append(("volgende_update_op", VANDAAG_OF_LATER))
                elif volgende.year > vandaag.year + MAX_JAREN_VOORUIT:
                    eigen.append(("volgende_update_op", BINNEN_DRIE_JAAR))
        toelichting = waarden.get("toelichting") or None
        if toelichting and len(toelichting) > MAX_TOELICHTING:
            fouten.append(Invoerfout("toelichting", "te_lang"))
        if fouten or eigen:
            for fout in fouten:
                uitslag.weiger(regel.nummer, fout.veld, fout.melding)
            for veld, reden in eigen:
                uitslag.weiger(regel.nummer, veld, reden)
            continue
        nieuw = Statusregel(regel.nummer, kenmerk, soort, status, volgende, toelichting)
        eerder = gezien.get((kenmerk, soort))
        if eerder is None:
            gezien[kenmerk, soort] = nieuw
        elif eerder.zelfde(nieuw):
            eerder.dubbel.append(regel.nummer)
        else:
            # Two different changes for one traject: which is meant cannot be told.
            uitslag.weiger(regel.nummer, "soort", ANDERE_STATUS)
    return list(gezien.values())


def _plan(
    session: Session, regels: Sequence[Statusregel], uitslag: Uitslag
) -> list[tuple[Statusregel, Traject]]:
    """The rows that change a traject, each with it; the others counted or refused here."""
    kenmerken = {regel.kenmerk for regel in regels}
    bestaande = set(session.scalars(select(Dossier.kenmerk).where(Dossier.kenmerk.in_(kenmerken))))
    trajecten = {
        (traject.dossier.kenmerk, traject.soort): traject
        for traject in session.scalars(
            select(Traject)
            .join(Traject.dossier)
            .where(Dossier.kenmerk.in_(kenmerken))
            .options(contains_eager(Traject.dossier).selectinload(Dossier.burger))
        )
    }
    te_wijzigen = []
    for regel in regels:
        traject = trajecten.get((regel.kenmerk, regel.soort))
        if regel.kenmerk not in bestaande:
            _weiger(uitslag, regel, "kenmerk", ONBEKEND_DOSSIER)
        elif traject is None:
            _weiger(uitslag, regel, "soort", ONBEKEND_TRAJECT)
        elif traject.status == regel.status:
            uitslag.tel("ongewijzigd", len(regel.regels))
        else:
            try:
                statussen.controleer_overgang(traject.soort, traject.status, regel.status)
            except statussen.OngeldigeOvergang:
                reden = ongeldige_overgang(traject.soort, traject.status)
                _weiger(uitslag, regel, "status", reden)
            else:
                te_wijzigen.append((regel, traject))
    return te_wijzigen


def _wijzig(
    session: Session,
    regel: Statusregel,
    traject: Traject,
    vandaag: date,
    trace_id: str,
    uitslag: Uitslag,
) -> None:
    van = traject.status
    wijziging = Wijziging(
        naar=regel.status,
        toelichting=regel.toelichting,
        # Left empty, the person hears more after the new status's usual term, as in the form.
        volgende_update_op=regel.volgende_update_op
        or statussen.standaard_volgende_datum(
            traject.soort, regel.status, vandaag, traject.dossier.kenmerk
        ),
    )
    try:
        wijzig_status(
            session, traject, wijziging, verwacht_van=van, medewerker=None, trace_id=trace_id
        )
    except GelijktijdigGewijzigd:
        _weiger(uitslag, regel, "status", INTUSSEN_GEWIJZIGD)
    except statussen.OngeldigeOvergang:
        _weiger(uitslag, regel, "status", ongeldige_overgang(traject.soort, van))
    else:
        _toegepast(uitslag, regel)


def _toegepast(uitslag: Uitslag, regel: Statusregel) -> None:
    uitslag.tel("toegepast")
    uitslag.tel("ongewijzigd", len(regel.dubbel))  # the repeats add nothing


def _weiger(uitslag: Uitslag, regel: Statusregel, veld: str, reden: LazyString) -> None:
    for nummer in regel.regels:
        uitslag.weiger(nummer, veld, reden)
