"""Two deliveries of one request at the same moment (a case system retrying on a timeout
while the first attempt is still running) change the dossier once, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading

from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.models import ApiIdempotentie, Bericht, Statuswijziging
from portal.services import apiclients
from tests.factories import maak_traject


def test_two_concurrent_posts_with_one_key_change_the_status_once(app: Flask, db: Session) -> None:
    traject = maak_traject(db, route=("in_onderzoek",))
    db.commit()
    _, token = apiclients.maak(db, "gelijktijdig", ["statussen:schrijven"])
    voor = db.scalar(select(func.count(Statuswijziging.id)))

    start = threading.Barrier(2)
    antwoorden: list[tuple[int, dict, str | None]] = []

    def stuur() -> None:
        client = app.test_client()
        start.wait()
        response = client.post(
            f"/api/v1/trajecten/{traject.id}/statuswijzigingen",
            json={"naar": "onderzoek_afgerond"},
            headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "poging-1"},
        )
        antwoorden.append(
            (response.status_code, response.get_json(), response.headers.get("Idempotent-Replayed"))
        )

    draden = [threading.Thread(target=stuur) for _ in range(2)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=60)

    assert [a[0] for a in antwoorden] == [201, 201], antwoorden
    assert antwoorden[0][1] == antwoorden[1][1]  # the very same answer, twice
    assert sorted(str(a[2]) for a in antwoorden) == ["None", "true"]
    db.expire_all()
    assert db.scalar(select(func.count(Statuswijziging.id))) == voor + 1
    assert db.scalar(select(func.count(Bericht.id)).where(Bericht.traject_id == traject.id)) == 1
    assert db.scalar(select(func.count(ApiIdempotentie.id))) == 1
