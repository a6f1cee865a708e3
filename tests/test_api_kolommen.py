"""Every limit of the API's input shapes fits the column its value is stored in.

SQLite stores a 30-character text in a VARCHAR(20) and 9 digits in a NUMERIC(10, 2);
PostgreSQL refuses both with an error that became a 500. The limits are read from the
pydantic models and the SQLAlchemy metadata themselves, so a new field, or a column made
smaller, cannot drift unnoticed: every text or choice field must say where it is stored.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from re import _parser as regex_parser
from typing import Any, Literal

import pytest
from pydantic.fields import FieldInfo
from sqlalchemy import Numeric, String

from portal.api import schemas
from portal.api.veldtypen import GeenKolom, Kolom
from tests.api_hulp import maak_systeem, post, probleem, velden
from tests.factories import maak_burger, maak_dossier


def _invoermodellen() -> list[type[schemas.Invoer]]:
    return [
        obj
        for obj in vars(schemas).values()
        if isinstance(obj, type) and issubclass(obj, schemas.Invoer) and obj is not schemas.Invoer
    ]


def _lagen(annotatie: Any) -> Iterator[Any]:
    """The annotation and everything nested in it (Optional, Annotated, Literal)."""
    yield annotatie
    for binnen in typing.get_args(annotatie):
        yield from _lagen(binnen)


def _metadata(info: FieldInfo) -> list[Any]:
    gevonden = list(info.metadata)
    for laag in _lagen(info.annotation):
        gevonden.extend(getattr(laag, "__metadata__", ()))
    return gevonden


def _literals(info: FieldInfo) -> list[str]:
    return [
        waarde
        for laag in _lagen(info.annotation)
        if typing.get_origin(laag) is Literal
        for waarde in typing.get_args(laag)
    ]


def _is_tekst(info: FieldInfo) -> bool:
    return any(laag is str for laag in _lagen(info.annotation)) or bool(_literals(info))


def _grens(metadata: list[Any], naam: str) -> Any:
    waarden = [getattr(m, naam) for m in metadata if getattr(m, naam, None) is not None]
    return min(waarden) if waarden else None


def _velden() -> list[tuple[str, FieldInfo, list[Any]]]:
    return [
        (f"{model.__name__}.{naam}", info, _metadata(info))
        for model in _invoermodellen()
        for naam, info in model.model_fields.items()
        if _is_tekst(info)
    ]


VELDEN = _velden()


def test_the_sweep_finds_the_api_input_fields():
    namen = {naam for naam, _, _ in VELDEN}
    assert {"ServicecallIn.belnummer", "DagloonIn.dagloon", "DossierIn.voornamen"} <= namen


@pytest.mark.parametrize(("naam", "info", "metadata"), VELDEN, ids=[v[0] for v in VELDEN])
def test_every_text_field_of_the_api_says_where_it_is_stored(naam, info, metadata):
    markeringen = [m for m in metadata if isinstance(m, Kolom | GeenKolom)]
    assert markeringen, f"{naam}: add Kolom(<column>) or GeenKolom(<why>) in portal/api/schemas"
    assert not (
        any(isinstance(m, Kolom) for m in markeringen)
        and any(isinstance(m, GeenKolom) for m in markeringen)
    ), naam


def _langste(patroon: str) -> int:
    return regex_parser.parse(patroon).getwidth()[1]


KOLOMVELDEN = [
    (naam, info, metadata, next(m for m in metadata if isinstance(m, Kolom)))
    for naam, info, metadata in VELDEN
    if any(isinstance(m, Kolom) for m in metadata)
]


@pytest.mark.parametrize(
    ("naam", "info", "metadata", "kolom"), KOLOMVELDEN, ids=[v[0] for v in KOLOMVELDEN]
)
def test_every_value_the_api_admits_fits_its_column(naam, info, metadata, kolom):
    soort = kolom.kolom.type
    if isinstance(soort, Numeric):
        patroon = _grens(metadata, "pattern")
        assert patroon, f"{naam}: an amount needs a pattern"
        heel = soort.precision - soort.scale
        assert re.fullmatch(patroon, "9" * heel + "." + "9" * soort.scale), naam
        assert not re.fullmatch(patroon, "9" * (heel + 1)), f"{naam}: too many digits"
        te_precies = "1." + "9" * (soort.scale + 1)
        assert not re.fullmatch(patroon, te_precies), f"{naam}: too many decimals"
        return
    assert isinstance(soort, String), f"{naam}: stored in {soort!r}"
    if soort.length is None:
        return  # TEXT: any length fits
    keuzes = _literals(info)
    if keuzes:
        assert max(len(k) for k in keuzes) <= soort.length, naam
        return
    lengte = kolom.opgeslagen_max or _grens(metadata, "max_length")
    patroon = _grens(metadata, "pattern")
    if lengte is None and patroon:
        lengte = _langste(patroon)
    assert lengte is not None, f"{naam}: no maximum length, column holds {soort.length}"
    assert lengte <= soort.length, f"{naam}: admits {lengte}, column holds {soort.length}"


# --- the same, proven against the database the suite runs on ------------------------------------


@pytest.fixture
def systeem(app):
    return maak_systeem(app)


def _call(**velden):
    return {
        "van": "2030-03-05T10:00:00+01:00",
        "tot": "2030-03-05T12:00:00+01:00",
        "telefoon": "020 123 4567",
        "belnummer": "088 - 898 92 94",
        "medewerker": "esther@uwv.example",
        **velden,
    }


def test_a_belnummer_longer_than_its_column_is_refused_naming_the_field(client, db, systeem):
    dossier = maak_dossier(db, burger=maak_burger(db))
    db.commit()

    pad = f"/dossiers/{dossier.kenmerk}/servicecalls"
    antwoord = post(client, pad, systeem.token, _call(belnummer="0" * 21))

    assert velden(probleem(antwoord, 422, "ongeldige-invoer")) == ["belnummer"]


def _dagloon(**velden):
    return {
        "referteperiode_van": "2025-01-01",
        "referteperiode_tot": "2025-12-31",
        "maanden": [{"maand": "2025-01", "loon": "3000.00"}],
        "dagen": 261,
        "maximum_dagloon": "290.67",
        "dagloon": "23.37",
        **velden,
    }


@pytest.mark.parametrize("veld", ["dagloon", "maximum_dagloon"])
def test_an_amount_with_more_digits_than_its_column_is_refused(client, db, systeem, veld):
    dossier = maak_dossier(db, burger=maak_burger(db))
    db.commit()

    antwoord = post(
        client,
        f"/dossiers/{dossier.kenmerk}/dagloonberekeningen",
        systeem.token,
        _dagloon(**{veld: "123456789.00"}),
    )

    assert velden(probleem(antwoord, 422, "ongeldige-invoer")) == [veld]
