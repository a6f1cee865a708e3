"""Bulk demo data: N realistic dossiers in seconds, for benchmarks.

Rows are built as plain tuples (no ORM objects: at 220,000 dossiers those alone would take
minutes) and written in chunks: with COPY on PostgreSQL, with Core executemany on SQLite.
Ids are given explicitly, so one pass can link burger → dossier → traject → history without
reading anything back; PostgreSQL's sequences are moved past them at the end.

Generated data stays out of the ranges that personas and tests use: BSNs below 999990000,
kenmerken from WIA-3000000 on, and every run starts after what an earlier run left.
"""

from __future__ import annotations

import random
import unicodedata
from bisect import bisect
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from json import dumps
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, text
from sqlalchemy.exc import DBAPIError

from portal import statussen
from portal.models import Base, Dossier, Medewerker
from portal.services.berichten import STATUSWIJZIGING
from portal.tijd import AMSTERDAM
from portal.toezeggingsoorten import einde_van_dag, voor_traject

CHUNK = 20_000  # dossiers per batch: keeps memory modest, batches still large

KENMERK_BEGIN, KENMERK_EIND = 3_000_000, 9_999_999  # 1000001.. personas, 2000000.. tests
BSN_EIND = 999_990_000  # personas and tests use 999990000 and up
BSN_BEGIN = 100_000_000

# The columns written, per table, in the order the tuples below are built.
KOLOMMEN: dict[str, tuple[str, ...]] = {
    "burger": ("id", "bsn", "voornamen", "tussenvoegsel", "achternaam", "telefoon", "email",
               "taal", "aangemaakt_op"),
    "dossier": ("id", "kenmerk", "burger_id", "casemanager_id", "aangemaakt_op"),
    "traject": ("id", "dossier_id", "soort", "status", "gestart_op", "status_sinds",
                "volgende_update_op", "afgerond_op"),
    "statuswijziging": ("id", "traject_id", "van_status", "naar_status", "medewerker_id",
                        "gewijzigd_op"),
    "bericht": ("id", "burger_id", "soort", "gegevens", "traject_id", "aangemaakt_op",
                "gelezen_op"),
    "toezegging": ("id", "burger_id", "dossier_id", "soort", "onderwerp", "datum", "uiterlijk",
                   "status", "bron", "gemaakt_op", "versie"),
}  # fmt: skip
MANNEN = (
    "Jan", "Johannes", "Pieter", "Cornelis", "Hendrik", "Willem", "Gerrit", "Kees", "Henk",
    "Peter", "Mark", "Dennis", "Erik", "Marco", "Robert", "Rob", "Bas", "Jeroen", "Martijn",
    "Daan", "Thomas", "Sander", "Ruud", "Joost", "Wim", "Ahmed", "Mohamed", "Mustafa",
    "Mehmet", "Youssef", "Rachid", "Ricardo", "Stefan", "Tim", "Niels",
)  # fmt: skip
VROUWEN = (
    "Maria", "Johanna", "Anna", "Cornelia", "Elisabeth", "Wilhelmina", "Anneke", "Ingrid",
    "Linda", "Monique", "Sandra", "Marieke", "Esther", "Petra", "Yvonne", "Wilma", "Sanne",
    "Lotte", "Lisa", "Eva", "Femke", "Sophie", "Kim", "Nicole", "Fatima", "Khadija",
    "Ayşe", "Naima", "Zeynep", "Priya", "Chantal", "Mirjam", "Els", "Karin", "Ilse",
)  # fmt: skip
# (tussenvoegsel, achternaam): the common Dutch surnames, a quarter with a tussenvoegsel.
ACHTERNAMEN = (
    ("de", "Jong"), ("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"),
    ("", "Bakker"), ("", "Janssen"), ("", "Visser"), ("", "Smit"), ("", "Meijer"),
    ("de", "Boer"), ("", "Mulder"), ("de", "Groot"), ("", "Bos"), ("", "Vos"),
    ("", "Peters"), ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"),
    ("de", "Wit"), ("", "Dijkstra"), ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"),
    ("van der", "Linden"), ("", "Kok"), ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"),
    ("van den", "Heuvel"), ("van der", "Veen"), ("van den", "Broek"), ("de", "Bruijn"),
    ("van der", "Heijden"), ("", "Schouten"), ("van", "Beek"), ("", "Willems"),
    ("van", "Vliet"), ("van de", "Ven"), ("", "Hoekstra"), ("", "Maas"), ("", "Verhoeven"),
    ("", "Koster"), ("van", "Dam"), ("van der", "Wal"), ("", "Prins"), ("", "Blom"),
    ("", "Huisman"), ("", "Kuipers"), ("van", "Wijk"), ("", "Postma"), ("ter", "Horst"),
    ("van 't", "Hof"), ("in 't", "Veld"), ("", "Kramer"), ("van den", "Brink"),
    ("", "Scholten"), ("", "Yılmaz"), ("el", "Amrani"), ("", "Kaya"), ("", "Demir"),
    ("", "Şahin"), ("el", "Idrissi"), ("", "Bouzid"), ("", "Ramdin"), ("", "Nguyen"),
)  # fmt: skip
DOMEINEN = ("example.nl", "example.com", "example.org")

# Kinds and routes (statuses after the begin status) with weights. Most people are in a
# quarterly-updated investigation, so in_onderzoek dominates, as it does at UWV today.
HERSTEL_SOORTEN = (
    ("dagloon", 55), ("loonloze_tijdvakken", 15), ("indexatie", 12),
    ("opting_in", 8), ("ao_pensioen", 10),
)  # fmt: skip
BEOORDELING_SOORTEN = (("ewt", 50), ("aba", 20), ("herbeoordeling", 30))
_O = ("in_onderzoek", "onderzoek_afgerond")
ROUTES: dict[str, tuple[tuple[tuple[str, ...], int], ...]] = {
    statussen.HERSTELOPERATIE: (
        ((), 7),
        (("geen_aanwijzingen",), 5),
        (("geen_aanwijzingen", "afgerond"), 6),
        (("in_onderzoek",), 46),
        (("met_spoed",), 1),
        (("in_onderzoek", "met_spoed"), 1),
        (_O, 8),
        ((*_O, "geen_wijziging"), 4),
        ((*_O, "geen_wijziging", "afgerond"), 3),
        ((*_O, "geen_wijziging", "bezwaar"), 2),
        ((*_O, "geen_wijziging", "bezwaar", "beroep"), 1),
        ((*_O, "dagloon_te_hoog"), 3),
        ((*_O, "dagloon_te_hoog", "afgerond"), 2),
        ((*_O, "dagloon_te_laag"), 3),
        ((*_O, "dagloon_te_laag", "herstel_gepland"), 3),
        ((*_O, "dagloon_te_laag", "herstel_gepland", "nabetaling"), 2),
        ((*_O, "dagloon_te_laag", "herstel_gepland", "nabetaling", "afgerond"), 3),
    ),
    statussen.BEOORDELING: (
        ((), 10),
        (("wacht_op_beoordeling",), 28),
        (("wacht_op_beoordeling", "spreekuur_gepland"), 25),
        (("wacht_op_beoordeling", "spreekuur_gepland", "beslissing"), 15),
        (("wacht_op_beoordeling", "spreekuur_gepland", "beslissing", "afgerond"), 16),
        (("wacht_op_beoordeling", "spreekuur_gepland", "beslissing", "bezwaar"), 5),
        (("wacht_op_beoordeling", "spreekuur_gepland", "beslissing", "bezwaar", "beroep"), 1),
    ),
}
Rijen = dict[str, list[tuple[Any, ...]]]  # table → rows, in KOLOMMEN order
MAX_DAGEN = 600  # oldest history: 120 days + 7 steps of at most 56 days, with room to spare
VOORUIT = 100  # furthest date ahead: a quarter


def _gewogen(paren: Sequence[tuple[Any, int]]) -> tuple[list[Any], list[int]]:
    return [waarde for waarde, _ in paren], list(accumulate(gewicht for _, gewicht in paren))


def _check_routes() -> None:
    # Checked once at import: a route the status machine refuses must never reach a database.
    for groep, routes in ROUTES.items():
        soort = next(s.code for s in statussen.SOORTEN.values() if s.groep == groep)
        for route, _ in routes:
            vorige = statussen.BEGINSTATUS[groep]
            for naar in route:
                statussen.controleer_overgang(soort, vorige, naar)
                vorige = naar


_check_routes()


def _slug(tekst: str) -> str:
    zonder_accenten = unicodedata.normalize("NFKD", tekst.replace("ı", "i"))
    return "".join(c for c in zonder_accenten.lower() if c.isascii() and c.isalnum())


def _bsn_tabellen() -> tuple[list[int], list[int]]:
    """Weighted digit sums of the 4 high and 4 low digits of an 8-digit BSN prefix."""
    hoog, laag = [], []
    for n in range(10_000):
        a, b, c, d = (int(cijfer) for cijfer in f"{n:04d}")
        hoog.append(9 * a + 8 * b + 7 * c + 6 * d)
        laag.append(5 * a + 4 * b + 3 * c + 2 * d)
    return hoog, laag


def bsns(na: int) -> Iterator[str]:
    """Valid BSNs (11-proef) above ``na``, in order, computed with two table look-ups each."""
    hoog, laag = _bsn_tabellen()
    prefix = max(na // 10 + 1, BSN_BEGIN // 10)
    while True:
        controle = (hoog[prefix // 10_000] + laag[prefix % 10_000]) % 11
        # The check digit is the weighted sum mod 11; a sum ending in 10 has no valid digit.
        if controle != 10:
            nummer = prefix * 10 + controle
            if nummer > na:
                if nummer >= BSN_EIND:
                    raise ValueError("no room left for volume BSNs below the test range")
                yield f"{nummer:09d}"
        prefix += 1


def voeg_toe(
    engine: Engine, aantal: int, vandaag: date, *, due_vandaag: int = 0, seed: int | None = None
) -> None:
    """Add ``aantal`` generated dossiers; ``due_vandaag`` in_onderzoek trajecten are due today.

    Runs in one transaction: a failed run leaves nothing behind.
    """
    if not 0 <= due_vandaag <= aantal:
        raise ValueError("due_vandaag must be between 0 and aantal")
    with engine.begin() as verbinding:
        postgres = verbinding.dialect.name == "postgresql"
        if postgres:
            # Makes concurrent writers wait, so nobody takes an id this run is about to use.
            verbinding.execute(
                text(f"LOCK TABLE {', '.join(KOLOMMEN)} IN SHARE ROW EXCLUSIVE MODE")
            )
        begin = _beginstand(verbinding)
        rng = random.Random(begin["kenmerk"] if seed is None else seed)
        chunks = _chunks(begin, aantal, vandaag, due_vandaag, rng, json=postgres)
        if postgres:
            _laad_postgres(verbinding, chunks, begin)
        else:
            for chunk in chunks:
                for tabel, rijen in chunk.items():
                    kolommen = KOLOMMEN[tabel]
                    verbinding.execute(
                        insert(Base.metadata.tables[tabel]),
                        [dict(zip(kolommen, rij, strict=True)) for rij in rijen],
                    )
    if postgres:
        # Fresh statistics, so the benchmarks that follow get the plans production would.
        with engine.connect() as verbinding:
            verbinding.execute(text(f"ANALYZE {', '.join(KOLOMMEN)}"))
            verbinding.commit()


def _laad_postgres(verbinding: Connection, chunks: Iterator[Rijen], begin: dict[str, Any]) -> None:
    # Row-by-row foreign-key triggers are three quarters of the load time. Where the role may,
    # switch them off for this transaction (as pg_restore does) and check every new reference
    # with one set-based query per foreign key afterwards; otherwise keep the triggers.
    try:
        with verbinding.begin_nested():
            verbinding.execute(text("SET LOCAL session_replication_role = replica"))
        zonder_triggers = True
    except DBAPIError:
        zonder_triggers = False
    driver = verbinding.connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor:
        for chunk in chunks:
            for naam, rijen in chunk.items():
                with cursor.copy(f"COPY {naam} ({', '.join(KOLOMMEN[naam])}) FROM STDIN") as c:
                    for rij in rijen:
                        c.write_row(rij)
    if zonder_triggers:
        verbinding.execute(text("SET LOCAL session_replication_role = origin"))
        for naam in KOLOMMEN:
            tabel = Base.metadata.tables[naam]
            for fk in tabel.foreign_keys:
                if fk.column.table is tabel:
                    continue  # a link within the table (toezegging.vorige_id): never seeded
                wezen = verbinding.scalar(
                    select(func.count())
                    .select_from(tabel.outerjoin(fk.column.table, fk.column == fk.parent))
                    .where(tabel.c.id > begin[naam], fk.parent.is_not(None), fk.column.is_(None))
                )
                if wezen:
                    raise RuntimeError(f"{wezen} new rows of {naam} point to nothing")
    for naam in KOLOMMEN:  # explicit ids bypassed the sequences; move them past those ids
        hoogste = select(func.max(Base.metadata.tables[naam].c.id)).scalar_subquery()
        verbinding.execute(select(func.setval(func.pg_get_serial_sequence(naam, "id"), hoogste)))


def _beginstand(verbinding: Connection) -> dict[str, Any]:
    """Where this run starts: after every id, volume kenmerk and volume BSN already there."""
    stand: dict[str, Any] = {
        tabel: verbinding.scalar(
            select(func.coalesce(func.max(Base.metadata.tables[tabel].c.id), 0))
        )
        for tabel in KOLOMMEN
    }
    kenmerk = verbinding.scalar(
        select(func.max(Dossier.kenmerk)).where(
            func.length(Dossier.kenmerk) == 11,
            Dossier.kenmerk.between(f"WIA-{KENMERK_BEGIN}", f"WIA-{KENMERK_EIND}"),
        )
    )
    stand["kenmerk"] = int(kenmerk[4:]) + 1 if kenmerk else KENMERK_BEGIN
    burger = Base.metadata.tables["burger"]
    bsn = verbinding.scalar(
        select(func.max(burger.c.bsn)).where(
            burger.c.bsn >= f"{BSN_BEGIN}", burger.c.bsn < f"{BSN_EIND}"
        )
    )
    stand["bsn"] = int(bsn) if bsn else BSN_BEGIN - 1
    stand["casemanagers"] = list(
        verbinding.scalars(select(Medewerker.id).where(Medewerker.rollen.contains("casemanager")))
    )
    return stand


def _chunks(
    begin: dict[str, Any], aantal: int, vandaag: date, due: int, rng: random.Random, *, json: bool
) -> Iterator[Rijen]:
    """Rows per table, CHUNK dossiers at a time, parents before children."""
    if aantal + begin["kenmerk"] > KENMERK_EIND + 1:
        raise ValueError("no room left for volume kenmerken")
    kans = rng.random
    # Dates and moments are few and shared: building them per row would dominate the run.
    dagen = [vandaag + timedelta(days=d) for d in range(-MAX_DAGEN, VOORUIT + 1)]
    uiterlijk = [einde_van_dag(dag).astimezone(UTC) for dag in dagen]
    momenten = [
        [
            datetime.combine(
                vandaag - timedelta(days=d), time(8 + s // 4, s % 4 * 15), AMSTERDAM
            ).astimezone(UTC)
            for s in range(40)
        ]
        for d in range(MAX_DAGEN + 1)
    ]
    termijnen = {
        code: (vandaag + status.termijn - vandaag).days if status.termijn else None
        for groep in statussen.STATUSSEN.values()
        for code, status in groep.items()
    }
    gegevens_cache: dict[tuple[str, str, int | None], Any] = {}

    def gegevens(soort: str, status: str, volgende: int | None) -> Any:
        sleutel = (soort, status, volgende)
        if sleutel not in gegevens_cache:
            datum = None if volgende is None else dagen[MAX_DAGEN + volgende].isoformat()
            waarde = {"soort": soort, "status": status, "volgende_update_op": datum}
            gegevens_cache[sleutel] = dumps(waarde) if json else waarde
        return gegevens_cache[sleutel]

    soorten = {
        statussen.HERSTELOPERATIE: _gewogen(HERSTEL_SOORTEN),
        statussen.BEOORDELING: _gewogen(BEOORDELING_SOORTEN),
    }
    routes = {groep: _gewogen(paren) for groep, paren in ROUTES.items()}
    mannen, vrouwen = ([(v, _slug(v)) for v in namen] for namen in (MANNEN, VROUWEN))
    achternamen = [(tv, a, _slug(tv + a)) for tv, a in ACHTERNAMEN]
    casemanagers = begin["casemanagers"]
    vervalt = set(rng.sample(range(aantal), due))
    bsn = bsns(begin["bsn"])
    ids = {tabel: begin[tabel] for tabel in KOLOMMEN}
    rijen: Rijen = {tabel: [] for tabel in KOLOMMEN}

    for nummer in range(aantal):
        burger_id = ids["burger"] = ids["burger"] + 1
        dossier_id = ids["dossier"] = ids["dossier"] + 1
        keuze = kans()
        casemanager = (
            casemanagers[int(kans() * len(casemanagers))] if casemanagers and keuze > 0.1 else None
        )
        gekozen: dict[str, str] = {}  # soort → groep; a kind appears once per dossier
        if nummer in vervalt:
            gekozen["dagloon"] = statussen.HERSTELOPERATIE
        for _ in range(1 if keuze < 0.55 else 2 if keuze < 0.88 else 3):
            groep = statussen.HERSTELOPERATIE if kans() < 0.8 else statussen.BEOORDELING
            waarden, cumulatief = soorten[groep]
            gekozen.setdefault(waarden[bisect(cumulatief, kans() * cumulatief[-1])], groep)
        oudste = 0
        herstelroute: tuple[str, ...] | None = None
        for soort, groep in gekozen.items():
            traject_id = ids["traject"] = ids["traject"] + 1
            waarden, cumulatief = routes[groep]
            if nummer in vervalt and soort == "dagloon":
                route: tuple[str, ...] = ("in_onderzoek",)
            elif herstelroute is not None and groep == statussen.HERSTELOPERATIE and kans() < 0.6:
                route = herstelroute  # herstelacties on one dossier mostly move together
            else:
                route = waarden[bisect(cumulatief, kans() * cumulatief[-1])]
            if groep == statussen.HERSTELOPERATIE:
                herstelroute = route
            keten = (statussen.BEGINSTATUS[groep], *route)
            laatste, stap = 2 + int(kans() * 118), 21 + int(kans() * 36)
            geleden = [laatste + stap * (len(keten) - 1 - i) for i in range(len(keten))]
            oudste = max(oudste, geleden[0])
            huidig = keten[-1]
            termijn = termijnen[huidig]
            if nummer in vervalt and soort == "dagloon":
                volgende: int | None = 0
            elif huidig == "in_onderzoek":
                volgende = 1 + int(kans() * 91)  # spread over the coming quarter, never today
            elif termijn is not None:
                volgende = 1 + int(kans() * termijn)
            else:
                volgende = None
            sinds = momenten[laatste][int(kans() * 40)]
            gestart = dagen[MAX_DAGEN - geleden[0]]
            afgerond = dagen[MAX_DAGEN - laatste] if huidig == "afgerond" else None
            op = None if volgende is None else dagen[MAX_DAGEN + volgende]
            rijen["traject"].append(
                (traject_id, dossier_id, soort, huidig, gestart, sinds, op, afgerond)
            )
            # The date (op, set exactly when volgende is) is a promise, in the ledger.
            if volgende is not None and huidig != "afgerond":
                t_id = ids["toezegging"] = ids["toezegging"] + 1
                rijen["toezegging"].append(
                    (t_id, burger_id, dossier_id, voor_traject(huidig), f"traject:{traject_id}",
                     op, uiterlijk[MAX_DAGEN + volgende], "open", "import", sinds, 0)
                )  # fmt: skip
            vorige = None
            for i, naar in enumerate(keten):
                moment = sinds if i == len(keten) - 1 else momenten[geleden[i]][int(kans() * 40)]
                sw_id = ids["statuswijziging"] = ids["statuswijziging"] + 1
                rijen["statuswijziging"].append(
                    (sw_id, traject_id, vorige, naar, casemanager if i else None, moment)
                )
                if i:  # the begin status is not announced; every later change is
                    if i == len(keten) - 1:
                        datum = volgende
                        gelezen = momenten[geleden[i] - 1][39] if kans() < 0.6 else None
                    else:
                        t = termijnen[naar]
                        datum = None if t is None else t - geleden[i]
                        gelezen = momenten[geleden[i] - 1][int(kans() * 40)]
                    b_id = ids["bericht"] = ids["bericht"] + 1
                    inhoud = gegevens(soort, naar, datum)
                    rijen["bericht"].append(
                        (b_id, burger_id, STATUSWIJZIGING, inhoud, traject_id, moment, gelezen)
                    )
                vorige = naar

        lijst = mannen if kans() < 0.5 else vrouwen
        voornaam, v_slug = lijst[int(kans() * len(lijst))]
        voornamen = voornaam
        if kans() < 0.3:  # often a second first name, of the same gender
            tweede = lijst[int(kans() * len(lijst))][0]
            voornamen = voornaam if tweede == voornaam else f"{voornaam} {tweede}"
        tv, achternaam, a_slug = achternamen[int(kans() * len(achternamen))]
        nr = f"{burger_id % 100}" if kans() < 0.5 else ""
        email = f"{v_slug}.{a_slug}{nr}@{DOMEINEN[int(kans() * 3)]}" if kans() < 0.65 else None
        telefoon = f"+316{10_000_000 + int(kans() * 50_000_000)}" if kans() < 0.85 else None
        aangemaakt = momenten[min(oudste + 7, MAX_DAGEN)][int(kans() * 40)]
        taal = "nl" if kans() < 0.94 else "en"
        rijen["burger"].append(
            (burger_id, next(bsn), voornamen, tv, achternaam, telefoon, email, taal, aangemaakt)
        )
        rijen["dossier"].append(
            (dossier_id, f"WIA-{begin['kenmerk'] + nummer}", burger_id, casemanager, aangemaakt)
        )
        if (nummer + 1) % CHUNK == 0 or nummer == aantal - 1:
            yield rijen
            rijen = {tabel: [] for tabel in KOLOMMEN}
