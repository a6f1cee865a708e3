"""``import dossiers``: people, dossiers and trajecten from the back office, one row per traject.

Every row goes through ``dossierbeheer.controleer_dossier``, the check the API uses, so both
accept and refuse the same input for the same reasons. Rows that contradict an earlier row
of the same file are refused; the rest is decided against the database and written in
batches (see ``bulk``). Running a file twice changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from portal.importeren import bulk
from portal.importeren.bulk import Besluit, Groep
from portal.importeren.csvbestand import Bestand, lees
from portal.importeren.uitslag import Uitslag
from portal.services.dossierbeheer import Invoerfouten, controleer_dossier
from portal.services.statuswijziging import GelijktijdigGewijzigd
from portal.vertalen import lazy_gettext as _l

VERPLICHT = ("kenmerk", "bsn", "voornamen", "achternaam", "soort")
OPTIONEEL = ("tussenvoegsel", "taal", "telefoon", "email", "status", "gestart_op",
             "volgende_update_op")  # fmt: skip
UITKOMSTEN = ("nieuw", "bijgewerkt", "ongewijzigd")
BATCH = 10_000  # dossiers per transaction
POGINGEN = 3  # a batch that met a concurrent writer is read and decided again

NAAMVELDEN = ("voornamen", "tussenvoegsel", "achternaam")
AANVULBAAR = ("taal", "telefoon", "email")
TRAJECT = "trajecten/0/"  # where controleer_dossier reports the row's traject fields

BSN_ANDER_KENMERK = _l("Dit burgerservicenummer staat eerder in het bestand bij een ander kenmerk.")
KENMERK_ANDER_BSN = _l("Dit kenmerk staat eerder in het bestand bij een ander burgerservicenummer.")
ANDERE_PERSOONSGEGEVENS = _l("Dit kenmerk staat eerder in het bestand met andere gegevens.")
ANDER_TRAJECT = _l("Dit traject staat eerder in het bestand met andere gegevens.")


def importeer(
    engine: Engine,
    pad: Path,
    *,
    nu: datetime,
    vandaag: date,
    trace_id: str,
    dry_run: bool = False,
    batch: int = BATCH,
) -> Uitslag:
    """Check the whole file, then apply the accepted rows (or, in a dry run, only decide)."""
    bestand = lees(pad, verplicht=VERPLICHT, optioneel=OPTIONEEL)
    uitslag = Uitslag(UITKOMSTEN, gelezen=bestand.gelezen)
    uitslag.afwijzingen.extend(bestand.afwijzingen)
    groepen = controleer(bestand, vandaag, uitslag)
    for begin in range(0, len(groepen), batch):
        deel = groepen[begin : begin + batch]
        if dry_run:
            with engine.connect() as verbinding:
                besluiten, weigeringen = bulk.besluit(verbinding, deel)
        else:
            besluiten, weigeringen = _pas_toe(engine, deel, nu=nu, trace_id=trace_id)
        for weigering in weigeringen:
            for regel in weigering.groep.regels:
                uitslag.weiger(regel, weigering.fout.veld, weigering.fout.melding)
        for besluit in besluiten:
            _tel(uitslag, besluit)
    return uitslag


def _pas_toe(
    engine: Engine, groepen: Sequence[Groep], *, nu: datetime, trace_id: str
) -> tuple[list[Besluit], list[bulk.Weigering]]:
    for poging in range(1, POGINGEN + 1):
        try:
            with engine.begin() as verbinding:
                besluiten, weigeringen = bulk.besluit(verbinding, groepen)
                bulk.schrijf(verbinding, besluiten, nu=nu, trace_id=trace_id)
            return besluiten, weigeringen
        except GelijktijdigGewijzigd:
            if poging == POGINGEN:
                raise
    raise AssertionError("unreachable")


def _tel(uitslag: Uitslag, besluit: Besluit) -> None:
    nieuw = {traject.soort for traject in besluit.nieuwe_trajecten}
    for _, traject in besluit.groep.trajecten:
        if traject.soort in nieuw:  # a new dossier's trajecten are all new
            uitslag.tel("nieuw")
        elif besluit.wijzigingen:
            uitslag.tel("bijgewerkt")
        else:
            uitslag.tel("ongewijzigd")
    uitslag.tel("ongewijzigd", len(besluit.groep.dubbel))


def controleer(bestand: Bestand, vandaag: date, uitslag: Uitslag) -> list[Groep]:
    """Every row checked on its own and against the rows above it; the accepted, by kenmerk.

    The first valid row of a kenmerk sets its person; a later row that contradicts it is
    refused, so what the file means never depends on which row happened to win. Language,
    phone and e-mail may be left empty on a later row: empty contradicts nothing.
    """
    groepen: dict[str, Groep] = {}
    kenmerk_van_bsn: dict[str, str] = {}
    gegeven: dict[str, set[str]] = {}  # kenmerk → the AANVULBAAR fields its rows filled in
    for regel in bestand.regels:
        waarden = regel.waarden
        gegevens = {
            "kenmerk": waarden["kenmerk"],
            "bsn": waarden["bsn"],
            "voornamen": waarden["voornamen"],
            "tussenvoegsel": waarden.get("tussenvoegsel", ""),
            "achternaam": waarden["achternaam"],
            "taal": waarden.get("taal", ""),
            "telefoon": waarden.get("telefoon", ""),
            "email": waarden.get("email", ""),
            "trajecten": [
                {
                    "soort": waarden["soort"],
                    "status": waarden.get("status", ""),
                    "gestart_op": waarden.get("gestart_op", ""),
                    "volgende_update_op": waarden.get("volgende_update_op", ""),
                }
            ],
        }
        try:
            invoer = controleer_dossier(gegevens, vandaag)
        except Invoerfouten as fouten:
            for fout in fouten.fouten:
                uitslag.weiger(regel.nummer, fout.veld.removeprefix(TRAJECT), fout.melding)
            continue
        traject = invoer.trajecten[0]
        hier = {veld for veld in AANVULBAAR if waarden.get(veld)}
        groep = groepen.get(invoer.kenmerk)
        if groep is None:
            if kenmerk_van_bsn.get(invoer.bsn, invoer.kenmerk) != invoer.kenmerk:
                uitslag.weiger(regel.nummer, "bsn", BSN_ANDER_KENMERK)
                continue
            kenmerk_van_bsn[invoer.bsn] = invoer.kenmerk
            groepen[invoer.kenmerk] = Groep(invoer, [(regel.nummer, traject)])
            gegeven[invoer.kenmerk] = hier
            continue
        if groep.invoer.bsn != invoer.bsn:
            uitslag.weiger(regel.nummer, "bsn", KENMERK_ANDER_BSN)
            continue
        eerder_gegeven = gegeven[invoer.kenmerk]
        anders = [
            veld
            for veld in NAAMVELDEN + AANVULBAAR
            if (veld in NAAMVELDEN or veld in hier & eerder_gegeven)
            and getattr(groep.invoer, veld) != getattr(invoer, veld)
        ]
        if anders:
            for veld in anders:
                uitslag.weiger(regel.nummer, veld, ANDERE_PERSOONSGEGEVENS)
            continue
        eerder = next((t for _, t in groep.trajecten if t.soort == traject.soort), None)
        if eerder is None:
            groep.trajecten.append((regel.nummer, traject))
        elif eerder == traject:
            groep.dubbel.append(regel.nummer)  # the same row twice: harmless, applied once
        else:
            uitslag.weiger(regel.nummer, "soort", ANDER_TRAJECT)
            continue
        aanvulling = {veld: getattr(invoer, veld) for veld in hier - eerder_gegeven}
        if aanvulling:  # a detail the earlier rows left empty
            groep.invoer = replace(groep.invoer, **aanvulling)
            eerder_gegeven |= aanvulling.keys()
    return list(groepen.values())
