from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.auth import sessies
from portal.models import Sessie, utcnow
from tests.conftest import csrf_token, log_in
from tests.factories import maak_traject


@pytest.fixture
def burger(db):
    traject = maak_traject(db)
    db.commit()
    return traject.dossier.burger


def _verschuif(db, minuten_inactief=0, uren_oud=0):
    sessie = db.scalar(select(Sessie))
    nu = utcnow()
    sessie.laatst_actief_op = nu - timedelta(minutes=minuten_inactief)
    sessie.aangemaakt_op = nu - timedelta(hours=uren_oud, minutes=minuten_inactief)
    db.commit()


def test_a_live_session_opens_the_dossier(client, burger):
    log_in(client, burger)
    assert client.get("/mijn-dossier").status_code == 200


def test_after_30_idle_minutes_the_person_logs_in_again_and_returns_to_the_page(client, db, burger):
    log_in(client, burger)
    _verschuif(db, minuten_inactief=31)

    response = client.get("/berichten")

    assert response.status_code == 302
    assert response.headers["Location"].endswith("/inloggen?terug=/berichten")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Log opnieuw in" in html
    db.expire_all()
    assert db.scalar(select(Sessie.beeindigd_op)) is not None


def test_activity_keeps_a_session_alive_but_never_beyond_12_hours(client, db, burger):
    log_in(client, burger)
    _verschuif(db, minuten_inactief=29)
    assert client.get("/mijn-dossier").status_code == 200

    _verschuif(db, minuten_inactief=1, uren_oud=12)
    assert client.get("/mijn-dossier").status_code == 302


def test_logout_ends_the_session_on_the_server(client, db, burger):
    log_in(client, burger)
    with client.session_transaction() as flask_session:
        gestolen_cookie = dict(flask_session)

    response = client.post("/uitloggen", data={"csrf_token": csrf_token(client, "/mijn-dossier")})

    assert response.status_code == 303
    # Even a copy of the old cookie no longer opens anything.
    with client.session_transaction() as flask_session:
        flask_session.update(gestolen_cookie)
    assert client.get("/mijn-dossier").status_code == 302


def test_only_a_hash_of_the_session_token_is_stored(db, burger):
    token = sessies.start(db, burger_id=burger.id)
    assert db.scalar(select(Sessie.id)) != token
    assert sessies.geldig(db, token, idle=timedelta(minutes=30), maximaal=timedelta(hours=12))


def test_logout_without_csrf_token_is_refused(client, burger):
    log_in(client, burger)
    assert client.post("/uitloggen").status_code == 400
    assert client.get("/mijn-dossier").status_code == 200
