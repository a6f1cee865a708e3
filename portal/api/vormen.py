"""The shapes of letters, payments and objections in the API (pydantic; also OpenAPI).

Shapes and types are checked here; the rules (sums, periods, the law's terms) are in the
services, which the CSV import uses too.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from portal import statussen
from portal.api import veldtypen as v
from portal.api.schemas import Invoer, Uitvoer
from portal.models import Betaling, Betalingsperiode, Bezwaar, Brief, Taak
from portal.models.bezwaar import ZAAKSOORTEN, ZAAKSTATUSSEN
from portal.models.brief import BRIEFSOORTEN
from portal.models.geld import BETAALSTATUSSEN

if TYPE_CHECKING:
    ExternId: TypeAlias = str
    BriefExternId: TypeAlias = str
    Briefsoort: TypeAlias = str
    Titel: TypeAlias = str
    Trajectsoort: TypeAlias = str
    Bedrag: TypeAlias = str
    Dagloon: TypeAlias = str
    Periodebedrag: TypeAlias = str
    Betaalstatus: TypeAlias = str
    Zaaksoort: TypeAlias = str
    Zaakstatus: TypeAlias = str
    Reden: TypeAlias = str
    Taaktitel: TypeAlias = str
    Taaktekst: TypeAlias = str
    Taaktraject: TypeAlias = str
else:
    _ID = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"
    ExternId = Annotated[
        str,
        StringConstraints(min_length=1, max_length=80, pattern=_ID),
        v.Kolom(Betaling.extern_id),
    ]
    # Stored as "uwv:<id>" in the letter's key.
    BriefExternId = Annotated[
        str,
        StringConstraints(min_length=1, max_length=80, pattern=_ID),
        v.Kolom(Brief.sleutel, opgeslagen_max=84),
    ]
    Briefsoort = v.keuze(BRIEFSOORTEN, Brief.soort)
    Titel = v.tekst(Brief.titel, min_length=1)
    Trajectsoort = v.keuze(statussen.SOORTEN, Betaling.traject_soort)
    Bedrag = v.bedrag(Betaling.nabetaling)
    Dagloon = v.bedrag(Betalingsperiode.dagloon_oud)
    Periodebedrag = v.bedrag(Betalingsperiode.bedrag)
    Betaalstatus = v.keuze(BETAALSTATUSSEN, Betaling.status)
    Zaaksoort = v.keuze(ZAAKSOORTEN, Bezwaar.soort)
    Zaakstatus = v.keuze(ZAAKSTATUSSEN, Bezwaar.status)
    Reden = Annotated[str, StringConstraints(max_length=1000), v.Kolom(Bezwaar.verdaging_reden)]
    Taaktitel = v.tekst(Taak.titel, min_length=1)
    Taaktekst = v.tekst(Taak.toelichting, max_length=2000)
    Taaktraject = v.keuze(statussen.SOORTEN, Taak.traject_soort)


class BriefIn(BaseModel):
    """The fields of a letter upload (multipart/form-data: text, so dates as JJJJ-MM-DD)."""

    model_config = ConfigDict(extra="forbid")
    extern_id: BriefExternId = Field(description="The letter's id in the back office.")
    soort: Briefsoort
    datum: date = Field(description="The date on the letter.")
    titel: Titel
    traject_soort: Trajectsoort | None = None


class BriefUit(Uitvoer):
    id: int
    kenmerk: str
    extern_id: str
    soort: str
    datum: date
    titel: str
    traject_soort: str | None
    bestandsnaam: str
    grootte: int
    sha256: str
    geopend_op: datetime | None


class PeriodeIn(Invoer):
    van: date
    tot: date = Field(description="The last day of the period, included.")
    dagloon_oud: Dagloon
    dagloon_nieuw: Dagloon
    bedrag: Periodebedrag = Field(description="What the person gets for this period.")


class BetalingIn(Invoer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "extern_id": "NB-2027-000123",
                    "traject_soort": "dagloon",
                    "besluit_op": "2026-11-20",
                    "nabetaling": "1830.40",
                    "compensatie": "120.00",
                    "verwacht_op": "2026-12-18",
                    "status": "aangekondigd",
                    "perioden": [
                        {
                            "van": "2024-01-01",
                            "tot": "2024-12-31",
                            "dagloon_oud": "98.20",
                            "dagloon_nieuw": "103.10",
                            "bedrag": "1278.90",
                        },
                        {
                            "van": "2025-01-01",
                            "tot": "2025-06-30",
                            "dagloon_oud": "99.40",
                            "dagloon_nieuw": "103.60",
                            "bedrag": "551.50",
                        },
                    ],
                }
            ]
        }
    )
    extern_id: ExternId
    traject_soort: Trajectsoort
    besluit_op: date = Field(description="The date of the payment decision; not in the future.")
    nabetaling: Bedrag = Field(description="The sum of the periods' amounts.")
    compensatie: Bedrag = "0.00"
    verwacht_op: date = Field(description="The promised payment date.")
    status: Betaalstatus = "aangekondigd"
    betaald_op: date | None = None
    reden: Reden | None = Field(None, description="Why the payment date changes, if it does.")
    perioden: Annotated[list[PeriodeIn], Field(min_length=1, max_length=60)]


class PeriodeUit(Uitvoer):
    van: date
    tot: date
    dagloon_oud: str
    dagloon_nieuw: str
    bedrag: str


class BetalingUit(Uitvoer):
    id: int
    kenmerk: str
    extern_id: str
    status: str
    besluit_op: date
    nabetaling: str
    compensatie: str
    totaal: str
    verwacht_op: date
    betaald_op: date | None
    perioden: list[PeriodeUit]


class ZaakIn(Invoer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "extern_id": "BZ-2027-0042",
                    "soort": "bezwaar",
                    "besluit_op": "2026-11-20",
                    "ontvangen_op": "2026-12-01",
                    "status": "in_behandeling",
                }
            ]
        }
    )
    extern_id: ExternId
    soort: Zaaksoort
    ontvangen_op: date
    besluit_op: date | None = Field(None, description="Bezwaar: the date of the decision.")
    adviescommissie: bool = Field(
        False, description="Heard by an advisory committee: 12 weeks (bezwaar), 10 (klacht)."
    )
    status: Zaakstatus = "in_behandeling"
    verdaging_reden: Reden | None = Field(None, description="Required with status verdaagd.")
    beslist_op: date | None = None


class ZaakUit(Uitvoer):
    id: int
    kenmerk: str
    extern_id: str
    soort: Literal["bezwaar", "klacht"] | str
    status: str
    ontvangen_op: date
    besluit_op: date | None
    termijn: date = Field(description="The last day for UWV's answer, by the law.")
    verdaagd_op: date | None
    beslist_op: date | None


class TaakIn(Invoer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "titel": "Stuur uw loonstroken over 2019",
                    "toelichting": "Wij hebben ze nodig om de loonloze tijdvakken te herstellen.",
                    "uiterlijk": "2027-01-15",
                    "traject_soort": "loonloze_tijdvakken",
                }
            ]
        }
    )
    titel: Taaktitel = Field(description="What is asked, as the person reads it (B1).")
    toelichting: Taaktekst | None = Field(None, description="Why, and what must be on it.")
    uiterlijk: date = Field(description="The person's last day; after today, within a year.")
    traject_soort: Taaktraject | None = None


class TaakbestandUit(Uitvoer):
    id: int
    ronde: int
    bestandsnaam: str
    soort: Literal["pdf", "jpeg", "png"] | str
    grootte: int
    sha256: str
    ingeleverd_op: datetime


class TaakUit(Uitvoer):
    id: int
    kenmerk: str
    titel: str
    toelichting: str | None
    traject_soort: str | None
    uiterlijk: date
    status: str = Field(
        description="open, ingeleverd, niet_beschikbaar, geaccepteerd or ingetrokken."
    )
    ronde: int = Field(description="How many times it was asked; asked again starts the next.")
    reden: str | None = Field(description="Why it was asked again.")
    uitleg: str | None = Field(description="The person's explanation when they do not have it.")
    gevraagd_op: datetime
    ingeleverd_op: datetime | None
    afgerond_op: datetime | None
    bestanden: list[TaakbestandUit]
