"""The shapes of the API's requests and answers (pydantic; also the OpenAPI schemas).

Shapes and types are checked here; the domain rules (the BSN's 11-proef, legal
transitions, office hours) stay in the services, which the portal's own pages use too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeAlias

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy import Numeric

from portal import statussen
from portal.kantoren import KANTOREN
from portal.models import (
    Burger,
    Dagloonberekening,
    Dossier,
    Servicecall,
    Spreekuur,
    Statuswijziging,
    Toezegging,
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


class Invoer(BaseModel):
    # strict: a number is not a string and a string not a date, except in JSON's own
    # spelling of dates; unknown fields are refused, so a typo cannot go unnoticed.
    model_config = ConfigDict(extra="forbid", strict=True)


class Uitvoer(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TrajectIn(Invoer):
    soort: Soort
    status: Statuscode | None = Field(None, description="Default: the kind's first status.")
    gestart_op: date | None = None
    volgende_update_op: date | None = None


class DossierIn(Invoer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kenmerk": "WIA-1000001",
                    "bsn": "999990019",
                    "voornamen": "Jan",
                    "tussenvoegsel": "de",
                    "achternaam": "Vries",
                    "taal": "nl",
                    "trajecten": [
                        {"soort": "dagloon", "status": "in_onderzoek", "gestart_op": "2025-03-01"}
                    ],
                }
            ]
        }
    )
    kenmerk: Annotated[str, StringConstraints(pattern=r"^WIA-[0-9]{7,10}$"), Kolom(Dossier.kenmerk)]
    bsn: Annotated[str, StringConstraints(pattern=r"^[0-9]{9}$"), Kolom(Burger.bsn)] = Field(
        description="Checked with the 11-proef; never returned."
    )
    voornamen: Voornamen
    tussenvoegsel: Tussenvoegsel = ""
    achternaam: Achternaam
    taal: Taal = "nl"
    telefoon: Telefoon | None = None
    email: Email | None = None
    trajecten: Annotated[list[TrajectIn], Field(max_length=20)] = []


class Historie(Uitvoer):
    van: str | None
    naar: str
    gewijzigd_op: datetime
    bron: Bron


class TrajectUit(Uitvoer):
    id: int
    soort: str
    status: str
    status_sinds: datetime
    volgende_update_op: date | None
    afgerond_op: date | None
    volgende_statussen: list[str]
    historie: list[Historie]


class SpreekuurUit(Uitvoer):
    id: int
    kenmerk: str
    uid: str
    begin: datetime
    eind: datetime
    vorm: str
    kantoor: str | None
    rol: str
    status: str
    volgnummer: int
    tegen_voorkeur_reden: str | None = Field(
        description="Planned in another form or at another office than the person prefers: "
        "why (the person reads it). Null when it follows the preference.",
    )


class SpreekuurvoorkeurUit(Uitvoer):
    vorm: EenVorm
    kantoor: str | None = Field(description="An office code; null for telefonisch.")
    dagdelen: list[Literal["ochtend", "middag"]]
    toelichting: str | None
    gewijzigd_op: datetime = Field(description="When the person gave this preference.")


class OndersteuningUit(Uitvoer):
    tolk: bool
    tolk_taal: str | None
    drempelvrij: bool
    begeleider: bool
    grote_letters: bool
    extra_tijd: bool
    rustige_wachtruimte: bool
    toelichting: str | None
    gewijzigd_op: datetime


class ServicecallUit(Uitvoer):
    id: int
    kenmerk: str
    onderwerp: str
    status: str
    venster_van: datetime | None
    venster_tot: datetime | None
    versie: int


class InzageverzoekUit(Uitvoer):
    id: int
    kenmerk: str
    dossier: str
    status: str
    onderwerpen: list[str]
    levering: str
    ontvangen_op: datetime
    uiterlijk: date
    documenten: int


class DagloonUit(Uitvoer):
    id: int
    kenmerk: str
    referteperiode_van: date
    referteperiode_tot: date
    dagen: int
    maximum_dagloon: str
    dagloon: str
    aangeleverd_op: datetime


class ToezeggingUit(Uitvoer):
    id: int
    soort: str
    onderwerp: str = Field(description="What it is about, e.g. traject:12, inzageverzoek:5.")
    datum: date
    van: datetime | None
    tot: datetime | None
    status: Literal["open", "nagekomen", "verschoven", "verlopen", "vervallen"]
    te_laat: bool = Field(description="Its moment passed unkept; the person is told so.")
    wettelijke_grens: date | None
    reden: str | None
    vorige_id: int | None
    versie: int


class DossierUit(Uitvoer):
    kenmerk: str
    naam: str
    taal: str
    casemanager: str | None
    aangemaakt_op: datetime
    trajecten: list[TrajectUit]
    spreekuren: list[SpreekuurUit]
    servicecalls: list[ServicecallUit]
    inzageverzoeken: list[InzageverzoekUit]
    dagloonberekening: DagloonUit | None
    toezeggingen: list[ToezeggingUit] = Field(
        description="The newest promise about each subject: every date the person was told."
    )
    spreekuurvoorkeur: SpreekuurvoorkeurUit | None = Field(
        description="How the person would like their spreekuur (their newest preference); "
        "a spreekuur in another form or at another office needs ?negeer_voorkeur=<reason>.",
    )
    ondersteuning: OndersteuningUit | None = Field(
        description="What the person needs at a spreekuur or a call; null when not given."
    )


class StatuswijzigingIn(Invoer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"naar": "onderzoek_afgerond", "toelichting": "Het onderzoek is klaar."}]
        }
    )
    naar: Statuscode
    verwacht_van: Annotated[EenStatuscode, GeenKolom("compared, never stored")] | None = Field(
        None, description="The status you expect now; 409 when it differs."
    )
    toelichting: Toelichting | None = None
    volgende_update_op: date | None = Field(
        None, description="When the person hears more. Default: the status's usual term."
    )


class StatuswijzigingUit(Uitvoer):
    id: int
    traject_id: int
    van: str | None
    naar: str
    volgende_update_op: date | None
    gewijzigd_op: datetime


class SpreekuurIn(Invoer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "begin": "2027-06-01T10:00:00+02:00",
                    "eind": "2027-06-01T10:45:00+02:00",
                    "vorm": "fysiek",
                    "kantoor": "utrecht",
                    "rol": "verzekeringsarts",
                }
            ]
        }
    )
    begin: AwareDatetime
    eind: AwareDatetime
    vorm: Vorm
    kantoor: Kantoor | None = Field(None, description="Needed for fysiek and video.")
    telefoon: Telefoon | None = Field(None, description="Needed for telefonisch.")
    rol: Rol = "verzekeringsarts"
    meenemen: Meenemen | None = None


class VoorkeurNegeren(BaseModel):
    model_config = ConfigDict(extra="ignore")
    negeer_voorkeur: Annotated[
        str,
        StringConstraints(max_length=spreekuren.MAX_TEKST),
        Kolom(Spreekuur.tegen_voorkeur_reden),
    ] = Field(
        "",
        description="Plan in another form or at another office than the person prefers, for "
        "this reason (the person reads it, in Dutch). Without it such a spreekuur is refused "
        "with 409 tegen-voorkeur, which names the preference. A move that keeps the form and "
        "office keeps the reason given before.",
    )


class VerplaatsingIn(Invoer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"begin": "2027-06-08T14:00:00+02:00", "eind": "2027-06-08T14:45:00+02:00"}
            ]
        }
    )
    begin: AwareDatetime
    eind: AwareDatetime
    vorm: Vorm | None = None
    kantoor: Kantoor | None = None
    telefoon: Telefoon | None = None


class ServicecallIn(Invoer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "van": "2027-06-02T09:00:00+02:00",
                    "tot": "2027-06-02T11:00:00+02:00",
                    "telefoon": "0612345678",
                    "belnummer": "0881234567",
                    "medewerker": "esther@uwv.example",
                    "onderwerp": "uitkomst_onderzoek",
                }
            ]
        }
    )
    van: AwareDatetime
    tot: AwareDatetime
    telefoon: Telefoon = Field(description="The number UWV calls.")
    # Stored as written, to be shown as the number the call comes from.
    belnummer: Belnummer = Field(description="The number the call comes from.")
    medewerker: Annotated[
        str,
        StringConstraints(min_length=3, max_length=254),
        GeenKolom("the casemanager's e-mail address, looked up"),
    ] = Field(description="E-mail address of the casemanager who calls.")
    onderwerp: Onderwerp = "uitkomst_onderzoek"


class Maandloon(Invoer):
    maand: Annotated[
        str,
        StringConstraints(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$"),
        GeenKolom("part of the JSON list dagloonberekening.maanden"),
    ]
    loon: Annotated[
        str,
        StringConstraints(pattern=bedragpatroon(Dagloonberekening.dagloon)),
        GeenKolom("part of the JSON list dagloonberekening.maanden"),
    ]


class DagloonIn(Invoer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "referteperiode_van": "2024-01-01",
                    "referteperiode_tot": "2024-12-31",
                    "maanden": [
                        {"maand": "2024-01", "loon": "3100.00"},
                        {"maand": "2024-02", "loon": "3100.00"},
                    ],
                    "dagen": 261,
                    "maximum_dagloon": "290.67",
                    "dagloon": "23.75",
                }
            ]
        }
    )
    referteperiode_van: date
    referteperiode_tot: date
    maanden: Annotated[list[Maandloon], Field(min_length=1, max_length=24)]
    dagen: Annotated[int, Field(ge=1, le=1000)]
    maximum_dagloon: MaximumDagloon
    dagloon: Dagloonbedrag


class DocumentUit(Uitvoer):
    id: int
    verzoek: str
    bestandsnaam: str
    grootte: int
    sha256: str
    toegevoegd_op: datetime


class Pagina(BaseModel):
    model_config = ConfigDict(extra="ignore")
    na: Annotated[int, Field(ge=0, le=2**31 - 1)] = Field(
        0, description="Give the 'volgende' of the previous page."
    )
    limiet: Annotated[int, Field(ge=1, le=500)] = 100


class InzagePagina(Pagina):
    status: Literal["open", "alle"] = "open"


class InzageverzoekenUit(Uitvoer):
    verzoeken: list[InzageverzoekUit]
    volgende: int | None


class Wijziging(Uitvoer):
    id: int
    kenmerk: str
    traject_id: int
    soort: str
    van: str | None
    naar: str
    gewijzigd_op: datetime
    bron: Bron


class WijzigingenUit(Uitvoer):
    wijzigingen: list[Wijziging]
    volgende: int | None


class VerschuivingIn(Invoer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "datum": "2027-04-15",
                    "reden": "Wij wachten op gegevens van uw werkgever.",
                    "verwacht_versie": 0,
                }
            ]
        }
    )
    datum: date = Field(description="The new date; today or later, within the law's limit.")
    reden: Annotated[
        str, StringConstraints(min_length=1, max_length=1000), Kolom(Toezegging.reden)
    ] = Field(description="Why the date moves; the person reads it.")
    verwacht_versie: Annotated[int, Field(ge=0, le=2**31 - 1)] | None = Field(
        None, description="The versie you saw; 409 when someone changed it meanwhile."
    )
