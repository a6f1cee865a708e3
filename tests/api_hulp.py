"""Shared helpers for the API tests: a client system with a token, calls, problem checks."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from itertools import count
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from portal.demo.personas import test_bsns
from portal.services import apiclients
from tests.pdf import maak_pdf

ALLE_SCOPES = tuple(sorted(apiclients.SCOPES))
PROBLEEM = "application/problem+json"
TYPE = "https://wia-portaal.uwv.nl/api/problemen/"

# Apart from the factories' BSNs (999000000 and up) and kenmerken (WIA-2000000 and up).
_bsns = test_bsns(998_000_000)
_kenmerken = count(5_000_001)


@dataclass(frozen=True)
class Systeem:
    """A back-office system: its client row's id and the token it was given once."""

    id: int
    naam: str
    token: str


def maak_systeem(app: Flask, *scopes: str, naam: str | None = None) -> Systeem:
    session = app.extensions["portal.sessionmaker"]()
    try:
        naam = naam or f"systeem-{uuid.uuid4().hex[:8]}"
        client, token = apiclients.maak(session, naam, list(scopes or ALLE_SCOPES))
        return Systeem(client.id, naam, token)
    finally:
        session.close()


def nieuw_bsn() -> str:
    return next(_bsns)


def nieuw_kenmerk() -> str:
    return f"WIA-{next(_kenmerken)}"


def dossier_json(**velden: Any) -> dict[str, Any]:
    standaard: dict[str, Any] = {
        "kenmerk": nieuw_kenmerk(),
        "bsn": nieuw_bsn(),
        "voornamen": "Fatima",
        "achternaam": "El Amrani",
        "taal": "nl",
        "trajecten": [{"soort": "dagloon", "status": "in_onderzoek"}],
    }
    return {**standaard, **velden}


def post(
    client: FlaskClient,
    pad: str,
    token: str | None,
    json: Any = None,
    *,
    sleutel: str | None = None,
    headers: dict[str, str] | None = None,
    **kwargs: Any,
) -> TestResponse:
    """POST to /api/v1``pad`` with a fresh Idempotency-Key unless one is given."""
    koppen = {"Idempotency-Key": sleutel or uuid.uuid4().hex}
    if token is not None:
        koppen["Authorization"] = f"Bearer {token}"
    koppen.update(headers or {})
    if json is not None:
        kwargs["json"] = json
    return client.post("/api/v1" + pad, headers=koppen, **kwargs)


def get(client: FlaskClient, pad: str, token: str | None, **kwargs: Any) -> TestResponse:
    koppen = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.get("/api/v1" + pad, headers=koppen, **kwargs)


def probleem(response: TestResponse, status: int, soort: str | None = None) -> dict[str, Any]:
    """Assert an RFC 9457 problem body with this status (and type); return the body."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEEM, response.mimetype
    lichaam = response.get_json()
    assert lichaam["status"] == status
    assert lichaam["type"].startswith(TYPE)
    assert lichaam["title"]
    assert lichaam["instance"] == response.request.path
    if soort is not None:
        assert lichaam["type"] == TYPE + soort, lichaam
    return lichaam


def velden(lichaam: dict[str, Any]) -> list[str]:
    return [fout["veld"] for fout in lichaam.get("fouten", [])]


def tel(db: Session, model: type, *voorwaarden: Any) -> int:
    db.expire_all()
    return int(db.scalar(select(func.count()).select_from(model).where(*voorwaarden)) or 0)


PDF = maak_pdf()
