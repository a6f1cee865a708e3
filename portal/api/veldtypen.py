"""The field types the API's shapes are built from, each held to the column it is stored in
(``Kolom``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

from pydantic import StringConstraints
from sqlalchemy import Numeric

from portal import statussen
from portal.kantoren import KANTOREN
from portal.models import (
    Burger,
    Dagloonberekening,
    Servicecall,
    Spreekuur,
    Statuswijziging,
    Traject,
)
from portal.models.spreekuur import VORMEN
from portal.services import servicecalls, spreekuren
from portal.services.dossierbeheer import TALEN


@dataclass(frozen=True)
class Kolom:
    """The column a field's value is stored in. ``tests/test_api_kolommen.py`` holds every
    limit of the field (length, digits, allowed values) to that column, so that SQLite's
    leniency cannot hide a value PostgreSQL refuses."""

    kolom: Any  # a mapped attribute, e.g. Servicecall.belnummer
    opgeslagen_max: int | None = None  # stored normalised, at most this long (E.164: 16)


@dataclass(frozen=True)
class GeenKolom:
    """A field that is not stored as it is (a look-up key, a check, part of a JSON list)."""

    reden: str


def bedragpatroon(kolom: Any) -> str:
    """A decimal string that fits ``kolom``, a NUMERIC(precision, scale): 10,2 holds at most
    8 digits before the point and 2 after it."""
    soort = kolom.type
    assert isinstance(soort, Numeric) and soort.precision and soort.scale is not None
    heel = soort.precision - soort.scale
    return rf"^[0-9]{{1,{heel}}}(\.[0-9]{{1,{soort.scale}}})?$"


def bedrag(kolom: Any) -> Any:
    return Annotated[str, StringConstraints(pattern=bedragpatroon(kolom)), Kolom(kolom)]


def tekst(kolom: Any, *, min_length: int | None = None, max_length: int | None = None) -> Any:
    """Text stored as it is in ``kolom``: at most as long as the column (or ``max_length``)."""
    lengte = max_length if max_length is not None else kolom.type.length
    return Annotated[str, StringConstraints(min_length=min_length, max_length=lengte), Kolom(kolom)]


def keuze(waarden: Iterable[str], kolom: Any) -> Any:
    return Annotated[Literal[tuple(waarden)], Kolom(kolom)]


Bron: TypeAlias = Literal["medewerker", "api", "systeem"]
Toelichting = Annotated[str, StringConstraints(max_length=1000), Kolom(Statuswijziging.toelichting)]
STATUSCODES = tuple(sorted({code for groep in statussen.STATUSSEN.values() for code in groep}))
if TYPE_CHECKING:
    # A type built by a call is for pydantic only: mypy cannot read one in an annotation,
    # so to mypy each of these is the text the field holds.
    Vorm: TypeAlias = str
    Kantoor: TypeAlias = str
    Soort: TypeAlias = str
    Statuscode: TypeAlias = str
    EenStatuscode: TypeAlias = str
    EenVorm: TypeAlias = str
    Voornamen: TypeAlias = str
    Tussenvoegsel: TypeAlias = str
    Achternaam: TypeAlias = str
    Taal: TypeAlias = str
    Email: TypeAlias = str
    Rol: TypeAlias = str
    Meenemen: TypeAlias = str
    Belnummer: TypeAlias = str
    Onderwerp: TypeAlias = str
    MaximumDagloon: TypeAlias = str
    Dagloonbedrag: TypeAlias = str
else:
    Vorm = keuze(VORMEN, Spreekuur.vorm)
    Kantoor = keuze(tuple(KANTOREN), Spreekuur.kantoor)
    Soort = keuze(statussen.SOORTEN, Traject.soort)
    Statuscode = keuze(STATUSCODES, Traject.status)
    EenStatuscode = Literal[STATUSCODES]
    EenVorm = Literal[VORMEN]
    Voornamen = tekst(Burger.voornamen, min_length=1)
    Tussenvoegsel = tekst(Burger.tussenvoegsel)
    Achternaam = tekst(Burger.achternaam, min_length=1)
    Taal = keuze(TALEN, Burger.taal)
    Email = tekst(Burger.email)
    Rol = keuze(spreekuren.ROLLEN, Spreekuur.rol)
    Meenemen = tekst(Spreekuur.meenemen, max_length=spreekuren.MAX_TEKST)
    Belnummer = tekst(Servicecall.belnummer, min_length=1)
    Onderwerp = keuze(servicecalls.ONDERWERPEN, Servicecall.onderwerp)
    MaximumDagloon = bedrag(Dagloonberekening.maximum_dagloon)
    Dagloonbedrag = bedrag(Dagloonberekening.dagloon)
# Stored as E.164 (at most 15 digits and a "+"), whatever spacing the client sends.
Telefoon = Annotated[
    str, StringConstraints(min_length=1, max_length=30), Kolom(Burger.telefoon, opgeslagen_max=16)
]
