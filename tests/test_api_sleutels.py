"""Idempotency keys are kept long enough for any retry, and then forgotten by the worker."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal import werker
from portal.models import ApiIdempotentie, utcnow
from portal.services import apiclients


def test_the_hourly_plan_forgets_idempotency_keys_older_than_a_week(
    app: Flask, db: Session
) -> None:
    client, _ = apiclients.maak(db, "opruimen", ["dossiers:lezen"])
    nu = utcnow()
    for sleutel, leeftijd in (("oud", timedelta(days=8)), ("jong", timedelta(days=6))):
        db.add(
            ApiIdempotentie(
                client_id=client.id,
                sleutel=sleutel,
                vingerafdruk="0" * 64,
                status_code=201,
                antwoord={},
                aangemaakt_op=nu - leeftijd,
            )
        )
    db.commit()

    uitkomst = werker.plan_alles(app, nu)

    assert uitkomst["api_sleutels_opgeruimd"] == 1
    db.expire_all()
    assert list(db.scalars(select(ApiIdempotentie.sleutel))) == ["jong"]
