"""The shapes of the API's requests and answers (pydantic; also the OpenAPI schemas).

Shapes and types are checked here; the domain rules (the BSN's 11-proef, legal
transitions, office hours) stay in the services, which the portal's own pages use too.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from portal.api import veldtypen as v
from portal.models import (
    Burger,
    Dagloonberekening,
    Dossier,
    Spreekuur,
    Toezegging,
)
from portal.services import spreekuren


class Invoer(BaseModel):
    # strict: a number is not a string and a string not a date, except in JSON's own
    # spelling of dates; unknown fields are refused, so a typo cannot go unnoticed.
    model_config = ConfigDict(extra="forbid", strict=True)


class Uitvoer(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TrajectIn(Invoer):
    soort: v.Soort
    status: v.Statuscode | None = Field(None, description="Default: the kind's first status.")
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
    kenmerk: Annotated[
        str, StringConstraints(pattern=r"^WIA-[0-9]{7,10}$"), v.Kolom(Dossier.kenmerk)
    ]
    bsn: Annotated[str, StringConstraints(pattern=r"^[0-9]{9}$"), v.Kolom(Burger.bsn)] = Field(
        description="Checked with the 11-proef; never returned."
    )
    voornamen: v.Voornamen
    tussenvoegsel: v.Tussenvoegsel = ""
    achternaam: v.Achternaam
    taal: v.Taal = "nl"
    telefoon: v.Telefoon | None = None
    email: v.Email | None = None
    trajecten: Annotated[list[TrajectIn], Field(max_length=20)] = []


class Historie(Uitvoer):
    van: str | None
    naar: str
    gewijzigd_op: datetime
    bron: v.Bron


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
    vorm: v.EenVorm
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
    naar: v.Statuscode
    verwacht_van: Annotated[v.EenStatuscode, v.GeenKolom("compared, never stored")] | None = Field(
        None, description="The status you expect now; 409 when it differs."
    )
    toelichting: v.Toelichting | None = None
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
    vorm: v.Vorm
    kantoor: v.Kantoor | None = Field(None, description="Needed for fysiek and video.")
    telefoon: v.Telefoon | None = Field(None, description="Needed for telefonisch.")
    rol: v.Rol = "verzekeringsarts"
    meenemen: v.Meenemen | None = None


class VoorkeurNegeren(BaseModel):
    model_config = ConfigDict(extra="ignore")
    negeer_voorkeur: Annotated[
        str,
        StringConstraints(max_length=spreekuren.MAX_TEKST),
        v.Kolom(Spreekuur.tegen_voorkeur_reden),
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
    vorm: v.Vorm | None = None
    kantoor: v.Kantoor | None = None
    telefoon: v.Telefoon | None = None


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
    telefoon: v.Telefoon = Field(description="The number UWV calls.")
    # Stored as written, to be shown as the number the call comes from.
    belnummer: v.Belnummer = Field(description="The number the call comes from.")
    medewerker: Annotated[
        str,
        StringConstraints(min_length=3, max_length=254),
        v.GeenKolom("the casemanager's e-mail address, looked up"),
    ] = Field(description="E-mail address of the casemanager who calls.")
    onderwerp: v.Onderwerp = "uitkomst_onderzoek"


class Maandloon(Invoer):
    maand: Annotated[
        str,
        StringConstraints(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$"),
        v.GeenKolom("part of the JSON list dagloonberekening.maanden"),
    ]
    loon: Annotated[
        str,
        StringConstraints(pattern=v.bedragpatroon(Dagloonberekening.dagloon)),
        v.GeenKolom("part of the JSON list dagloonberekening.maanden"),
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
    maximum_dagloon: v.MaximumDagloon
    dagloon: v.Dagloonbedrag


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
    bron: v.Bron


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
        str, StringConstraints(min_length=1, max_length=1000), v.Kolom(Toezegging.reden)
    ] = Field(description="Why the date moves; the person reads it.")
    verwacht_versie: Annotated[int, Field(ge=0, le=2**31 - 1)] | None = Field(
        None, description="The versie you saw; 409 when someone changed it meanwhile."
    )
