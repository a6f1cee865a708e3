"""Dossiers in bulk: what the database already holds, decided per dossier, written set-wise.

One batch is one transaction: its existing dossiers, people and trajecten are read with a
few set-based queries, every dossier gets a ``Besluit``, and the new rows are written with
COPY on PostgreSQL (ids drawn from the sequences beforehand, so parents and children are
linked without reading anything back) or with executemany elsewhere. A dossier is never
split over two batches, so a row's person, dossier, traject, history and log row are
committed together.

The rules are those of ``dossierbeheer.bewaar``, which the API uses for one dossier.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVarTuple

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    Select,
    any_,
    bindparam,
    insert,
    literal,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import IntegrityError

from portal.models import Base
from portal.services.dossierbeheer import (
    DossierInvoer,
    Invoerfout,
    TrajectInvoer,
    persoonsgegevens,
)
from portal.services.statuswijziging import GelijktijdigGewijzigd
from portal.services.verwerkingslog import DOEL_DOSSIERBEHANDELING
from portal.tijd import vandaag
from portal.toezeggingsoorten import einde_van_dag, voor_traject

IN_LIJST = 5_000  # values per IN (...): well below every driver's parameter limit
ACTIVITEIT = "dossier-importeren"
_Kolommen = TypeVarTuple("_Kolommen")  # the selected columns, so each row unpacks as selected

# The columns written per table, in the order the tuples below are built (ids apart).
KOLOMMEN: dict[str, tuple[str, ...]] = {
    "burger": ("bsn", "voornamen", "tussenvoegsel", "achternaam", "telefoon", "email", "taal",
               "aangemaakt_op"),
    "dossier": ("kenmerk", "burger_id", "aangemaakt_op"),
    "traject": ("dossier_id", "soort", "status", "gestart_op", "status_sinds",
                "volgende_update_op", "afgerond_op"),
    "statuswijziging": ("traject_id", "van_status", "naar_status", "gewijzigd_op"),
    "toezegging": ("burger_id", "dossier_id", "soort", "onderwerp", "datum", "uiterlijk",
                   "status", "bron", "gemaakt_op", "versie"),
    "verwerkingslog": ("tijdstip", "trace_id", "burger_id", "handeling",
                       "verwerkingsactiviteit", "doel", "object", "resultaat"),
}  # fmt: skip
BURGERVELDEN = ("voornamen", "tussenvoegsel", "achternaam", "taal", "telefoon", "email")

_burger = Base.metadata.tables["burger"]
_dossier = Base.metadata.tables["dossier"]
_traject = Base.metadata.tables["traject"]


@dataclass
class Groep:
    """The accepted rows of one kenmerk: the person once, a traject per row."""

    invoer: DossierInvoer  # person and dossier from the first row; ignore its ``trajecten``
    trajecten: list[tuple[int, TrajectInvoer]] = field(default_factory=list)  # (line, traject)
    dubbel: list[int] = field(default_factory=list)  # lines repeating an earlier row exactly

    @property
    def regels(self) -> list[int]:
        return [regel for regel, _ in self.trajecten] + self.dubbel


@dataclass
class Besluit:
    """What happens to one dossier; ``None`` ids are created when written."""

    groep: Groep
    dossier_id: int | None
    burger_id: int | None
    wijzigingen: dict[str, str | None]  # fields of an existing person that change
    nieuwe_trajecten: list[TrajectInvoer]

    @property
    def verandert(self) -> bool:
        return self.dossier_id is None or bool(self.wijzigingen or self.nieuwe_trajecten)


@dataclass(frozen=True)
class Weigering:
    groep: Groep
    fout: Invoerfout


def _lees(
    verbinding: Connection,
    vraag: Select[*_Kolommen],
    kolom: ColumnElement[Any],
    waarden: Sequence[Any],
) -> list[Row[*_Kolommen]]:
    """The rows of ``vraag`` whose ``kolom`` is one of ``waarden``, however many there are."""
    if verbinding.dialect.name == "postgresql":
        # One array parameter: an IN list of thousands costs more to build than to answer.
        lijst = literal(list(waarden), ARRAY(kolom.type))
        return list(verbinding.execute(vraag.where(kolom == any_(lijst))).all())
    rijen: list[Row[*_Kolommen]] = []
    for begin in range(0, len(waarden), IN_LIJST):
        deel = waarden[begin : begin + IN_LIJST]
        rijen += verbinding.execute(vraag.where(kolom.in_(deel))).all()
    return rijen


def besluit(
    verbinding: Connection, groepen: Sequence[Groep]
) -> tuple[list[Besluit], list[Weigering]]:
    """Decide per dossier against the database, with three set-based reads per batch."""
    dossiers: dict[str, tuple[int, int]] = {
        kenmerk: (dossier_id, burger_id)
        for kenmerk, dossier_id, burger_id in _lees(
            verbinding,
            select(_dossier.c.kenmerk, _dossier.c.id, _dossier.c.burger_id),
            _dossier.c.kenmerk,
            [groep.invoer.kenmerk for groep in groepen],
        )
    }
    burgers: dict[str, Any] = {
        rij.bsn: rij
        for rij in _lees(
            verbinding,
            select(
                _burger.c.id,
                _burger.c.bsn,
                *(_burger.c[naam] for naam in BURGERVELDEN),
                _burger.c.telefoon_geverifieerd_op,
                _burger.c.email_geverifieerd_op,
                _dossier.c.id.label("dossier_id"),
            ).outerjoin(_dossier, _dossier.c.burger_id == _burger.c.id),
            _burger.c.bsn,
            [groep.invoer.bsn for groep in groepen],
        )
    }
    soorten: dict[int, set[str]] = defaultdict(set)
    for dossier_id, soort in _lees(
        verbinding,
        select(_traject.c.dossier_id, _traject.c.soort),
        _traject.c.dossier_id,
        [dossier_id for dossier_id, _ in dossiers.values()],
    ):
        soorten[dossier_id].add(soort)

    besluiten: list[Besluit] = []
    weigeringen: list[Weigering] = []
    for groep in groepen:
        invoer = groep.invoer
        dossier = dossiers.get(invoer.kenmerk)
        burger = burgers.get(invoer.bsn)
        if dossier is not None and (burger is None or dossier[1] != burger.id):
            weigeringen.append(Weigering(groep, Invoerfout("bsn", "bsn_past_niet_bij_dossier")))
            continue
        if dossier is None and burger is not None and burger.dossier_id is not None:
            weigeringen.append(Weigering(groep, Invoerfout("bsn", "bsn_hoort_bij_ander_dossier")))
            continue
        bestaande = soorten[dossier[0]] if dossier else set()
        besluiten.append(
            Besluit(
                groep,
                dossier_id=dossier[0] if dossier else None,
                burger_id=burger.id if burger is not None else None,
                wijzigingen=_wijzigingen(burger, invoer) if burger is not None else {},
                nieuwe_trajecten=[t for _, t in groep.trajecten if t.soort not in bestaande],
            )
        )
    return besluiten, weigeringen


def _wijzigingen(burger: Any, invoer: DossierInvoer) -> dict[str, str | None]:
    velden = persoonsgegevens(burger, invoer)
    return {naam: waarde for naam, waarde in velden.items() if getattr(burger, naam) != waarde}


def schrijf(verbinding: Connection, besluiten: Sequence[Besluit], *, nu: datetime,
            trace_id: str) -> None:  # fmt: skip
    """Write what ``besluit`` decided, in the caller's transaction."""
    try:
        _schrijf(verbinding, [b for b in besluiten if b.verandert], nu, trace_id)
    except IntegrityError as fout:
        raise GelijktijdigGewijzigd from fout
    except Exception as fout:
        # COPY reports through the driver, not SQLAlchemy: look for the same kind of error.
        if getattr(fout, "sqlstate", "") == "23505":  # unique_violation
            raise GelijktijdigGewijzigd from fout
        raise


def _schrijf(verbinding: Connection, besluiten: list[Besluit], nu: datetime, trace_id: str) -> None:
    nieuwe_burgers = [b for b in besluiten if b.burger_id is None]
    ids = _voeg_toe(
        verbinding,
        "burger",
        [
            (i.bsn, i.voornamen, i.tussenvoegsel, i.achternaam, i.telefoon, i.email, i.taal, nu)
            for i in (b.groep.invoer for b in nieuwe_burgers)
        ],
    )
    for besluit, burger_id in zip(nieuwe_burgers, ids, strict=True):
        besluit.burger_id = burger_id

    nieuwe_dossiers = [b for b in besluiten if b.dossier_id is None]
    ids = _voeg_toe(
        verbinding,
        "dossier",
        [(b.groep.invoer.kenmerk, b.burger_id, nu) for b in nieuwe_dossiers],
    )
    for besluit, dossier_id in zip(nieuwe_dossiers, ids, strict=True):
        besluit.dossier_id = dossier_id

    trajecten = [(b, t) for b in besluiten for t in b.nieuwe_trajecten]
    ids = _voeg_toe(
        verbinding,
        "traject",
        [
            (
                dossier_id,
                t.soort,
                t.status,
                t.gestart_op,
                nu,
                t.volgende_update_op,
                vandaag(nu) if t.status == "afgerond" else None,
            )
            for dossier_id, t in ((b.dossier_id, t) for b, t in trajecten)
        ],
    )
    # The date each new traject promises is in the ledger too, as when the API adds one.
    _voeg_toe(
        verbinding,
        "toezegging",
        [
            (
                b.burger_id,
                b.dossier_id,
                voor_traject(t.status),
                f"traject:{traject_id}",
                t.volgende_update_op,
                einde_van_dag(t.volgende_update_op),
                "open",
                "import",
                nu,
                0,
            )
            for traject_id, (b, t) in zip(ids, trajecten, strict=True)
            if t.volgende_update_op is not None and t.status != "afgerond"
        ],
        ids=False,
    )
    # The first history row of a new traject has no previous status, as in bewaar.
    _voeg_toe(
        verbinding,
        "statuswijziging",
        [
            (traject_id, None, t.status, nu)
            for traject_id, (_, t) in zip(ids, trajecten, strict=True)
        ],
        ids=False,
    )

    per_velden: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for besluit in besluiten:
        if besluit.wijzigingen:
            velden = tuple(sorted(besluit.wijzigingen))
            per_velden[velden].append({"b_id": besluit.burger_id, **besluit.wijzigingen})
    for velden, rijen in per_velden.items():
        verbinding.execute(
            update(_burger)
            .where(_burger.c.id == bindparam("b_id"))
            .values({naam: bindparam(naam) for naam in velden}),
            rijen,
        )

    _voeg_toe(
        verbinding,
        "verwerkingslog",
        [
            (
                nu,
                trace_id,
                b.burger_id,
                "wijzigen",
                ACTIVITEIT,
                DOEL_DOSSIERBEHANDELING,
                f"dossier:{b.dossier_id}",
                "gelukt",
            )
            for b in besluiten
        ],
        ids=False,
    )


def _voeg_toe(
    verbinding: Connection, tabel: str, rijen: list[tuple[Any, ...]], *, ids: bool = True
) -> list[int]:
    """Insert ``rijen`` (columns as in ``KOLOMMEN``); the new ids, in the order of the rows."""
    if not rijen:
        return []
    kolommen = KOLOMMEN[tabel]
    if verbinding.dialect.name == "postgresql":
        nieuwe: list[int] = []
        if ids:
            # Drawn from the sequence, so a concurrent writer can never take the same ids.
            nieuwe = list(
                verbinding.scalars(
                    text(
                        "SELECT nextval(pg_get_serial_sequence(:tabel, 'id')) "
                        "FROM generate_series(1, :aantal)"
                    ),
                    {"tabel": tabel, "aantal": len(rijen)},
                )
            )
            kolommen = ("id", *kolommen)
            rijen = [(id_, *rij) for id_, rij in zip(nieuwe, rijen, strict=True)]
        driver = verbinding.connection.driver_connection
        assert driver is not None
        opdracht = f"COPY {tabel} ({', '.join(kolommen)}) FROM STDIN"
        with driver.cursor() as cursor, cursor.copy(opdracht) as copy:
            for rij in rijen:
                copy.write_row(rij)
        return nieuwe
    model = Base.metadata.tables[tabel]
    parameters = [dict(zip(kolommen, rij, strict=True)) for rij in rijen]
    if not ids:
        verbinding.execute(insert(model), parameters)
        return []
    return list(
        verbinding.scalars(
            insert(model).returning(model.c.id, sort_by_parameter_order=True), parameters
        )
    )
