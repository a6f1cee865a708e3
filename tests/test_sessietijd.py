"""The session-timeout warning (WCAG 2.2.1): every page says when the session ends, and
"Blijf ingelogd" keeps a live session going, by fetch or as a plain form, but never revives
an ended one. The dialog itself is tested in a browser: tests/browser/test_sessietijd.py."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from portal.models import Sessie, utcnow
from portal.models.base import zet_klok_vooruit
from portal.tijd import AMSTERDAM
from tests.conftest import csrf_token, log_in
from tests.factories import maak_medewerker, maak_traject

BLIJF = "/sessie/blijf-ingelogd"
JSON = {"Accept": "application/json"}
NIET_ACTIEF = "U was een tijd niet actief. Log opnieuw in om verder te gaan."


@pytest.fixture
def burger(db):
    traject = maak_traject(db)
    db.commit()
    return traject.dossier.burger


def _sessie(db) -> Sessie:
    db.expire_all()
    return db.scalars(select(Sessie).order_by(Sessie.aangemaakt_op.desc())).first()


def _uur(moment: datetime) -> str:
    return f"{moment.astimezone(AMSTERDAM):%H.%M} uur"


def test_every_page_of_a_logged_in_person_says_when_the_session_ends(client, db, burger):
    log_in(client, burger)
    html = client.get("/berichten").get_data(as_text=True)

    einde = _sessie(db).laatst_actief_op + timedelta(minutes=30)
    assert f"U wordt om {_uur(einde)} uitgelogd als u niets doet." in html
    # The dialog for the script: the seconds left and when to warn, read by sessietijd.js.
    dialoog = re.search(r"<dialog[^>]*>", html).group(0)
    assert 'aria-labelledby="sessietijd-titel"' in dialoog
    assert 1790 <= int(re.search(r'data-seconden="(\d+)"', dialoog).group(1)) <= 1800
    assert 'data-waarschuwen="120"' in dialoog
    assert 'data-verlopen="/sessie/verlopen?terug=/berichten"' in dialoog
    assert '<script src="/static/js/sessietijd.js" defer></script>' in html
    # Without JavaScript the same form posts and comes back to this page.
    assert html.count('action="/sessie/blijf-ingelogd"') == 2
    assert '<input type="hidden" name="terug" value="/berichten">' in html


def test_visitors_get_no_session_time(client):
    html = client.get("/").get_data(as_text=True)
    assert "sessietijd" not in html


def test_staying_logged_in_keeps_the_session_past_the_idle_limit(app, client, db, burger, klok):
    log_in(client, burger)
    token = csrf_token(client, "/mijn-dossier")
    ander = app.test_client()  # logged in at the same moment, but does not stay
    log_in(ander, burger)

    zet_klok_vooruit(timedelta(minutes=25))
    antwoord = client.post(BLIJF, data={"csrf_token": token}, headers=JSON)

    assert antwoord.status_code == 200
    gegevens = antwoord.get_json()
    assert gegevens["seconden"] == 30 * 60
    assert gegevens["vast"] is False
    assert (
        gegevens["tekst"]
        == f"U wordt om {_uur(utcnow() + timedelta(minutes=30))} uitgelogd als u niets doet."
    )

    zet_klok_vooruit(timedelta(minutes=50))  # 25 minutes after staying, 50 after the login
    assert client.get("/mijn-dossier").status_code == 200
    assert ander.get("/mijn-dossier").status_code == 302


def test_staying_logged_in_counts_as_activity_even_within_the_minute(client, db, burger, klok):
    # A request marks activity at most once a minute (portal/auth/sessies.py); the answer
    # promises seconds from now, so the endpoint itself must write now.
    log_in(client, burger)
    token = csrf_token(client, "/mijn-dossier")
    voor = _sessie(db).laatst_actief_op

    zet_klok_vooruit(timedelta(seconds=40))
    antwoord = client.post(BLIJF, data={"csrf_token": token}, headers=JSON)
    assert antwoord.status_code == 200

    assert _sessie(db).laatst_actief_op - voor >= timedelta(seconds=40)


def test_the_plain_form_comes_back_to_the_page_and_says_so(client, burger):
    log_in(client, burger)
    token = csrf_token(client, "/mijn-dossier")

    antwoord = client.post(BLIJF, data={"csrf_token": token, "terug": "/berichten"})

    assert antwoord.status_code == 303
    assert antwoord.headers["Location"] == "/berichten"
    assert "U blijft ingelogd." in client.get("/berichten").get_data(as_text=True)


@pytest.mark.parametrize("terug", ["https://evil.example/", "//evil.example/", "", "berichten"])
def test_the_plain_form_never_leaves_the_site(client, burger, terug):
    log_in(client, burger)
    token = csrf_token(client, "/mijn-dossier")
    antwoord = client.post(BLIJF, data={"csrf_token": token, "terug": terug})
    assert antwoord.headers["Location"] == "/mijn-dossier"


def test_staying_logged_in_without_csrf_token_is_refused(client, db, burger, klok):
    log_in(client, burger)
    voor = _sessie(db).laatst_actief_op

    zet_klok_vooruit(timedelta(seconds=40))
    assert client.post(BLIJF, headers=JSON).status_code == 400
    assert client.post(BLIJF, data={"csrf_token": "vals"}).status_code == 400

    assert _sessie(db).laatst_actief_op == voor


def test_an_ended_session_is_not_revived(client, db, burger, klok):
    log_in(client, burger)
    token = csrf_token(client, "/mijn-dossier")
    with client.session_transaction() as flask_session:
        cookie = dict(flask_session)

    zet_klok_vooruit(timedelta(minutes=31))
    antwoord = client.post(BLIJF, data={"csrf_token": token}, headers=JSON)

    assert antwoord.status_code == 401
    assert _sessie(db).beeindigd_op is not None
    # Not even the old cookie, back within the idle time, opens anything again.
    zet_klok_vooruit(timedelta(0))
    with client.session_transaction() as flask_session:
        flask_session.update(cookie)
    assert client.post(BLIJF, data={"csrf_token": token}, headers=JSON).status_code == 401
    assert client.get("/mijn-dossier").status_code == 302


def test_the_plain_form_after_the_end_goes_to_the_login_with_a_message(client, burger, klok):
    log_in(client, burger)
    token = csrf_token(client, "/mijn-dossier")

    zet_klok_vooruit(timedelta(minutes=31))
    antwoord = client.post(BLIJF, data={"csrf_token": token, "terug": "/berichten"})

    assert antwoord.status_code == 303
    assert antwoord.headers["Location"] == "/inloggen?terug=/berichten"
    assert NIET_ACTIEF in client.get(antwoord.headers["Location"]).get_data(as_text=True)


def test_when_the_time_is_up_the_page_goes_to_the_login_and_back_afterwards(client, burger, klok):
    log_in(client, burger)
    client.get("/mijn-dossier")

    zet_klok_vooruit(timedelta(minutes=31))
    antwoord = client.get("/sessie/verlopen?terug=/berichten")

    assert antwoord.status_code == 303
    assert antwoord.headers["Location"] == "/inloggen?terug=/berichten"
    assert NIET_ACTIEF in client.get(antwoord.headers["Location"]).get_data(as_text=True)


def test_a_session_kept_alive_in_another_tab_just_opens_the_page_again(client, burger):
    log_in(client, burger)
    antwoord = client.get("/sessie/verlopen?terug=/berichten")
    assert antwoord.status_code == 303
    assert antwoord.headers["Location"] == "/berichten"
    assert (
        client.get("/sessie/verlopen?terug=//evil.example").headers["Location"] == "/mijn-dossier"
    )


def test_staff_go_back_to_the_staff_login(client, db, klok):
    medewerker = maak_medewerker(db, rollen="casemanager")
    db.commit()
    log_in(client, medewerker)
    html = client.get("/medewerker/").get_data(as_text=True)
    assert "uitgelogd als u niets doet." in html
    assert '<input type="hidden" name="wie" value="medewerker">' in html
    assert "wie=medewerker" in re.search(r'data-verlopen="([^"]+)"', html).group(1)
    token = csrf_token(client, "/medewerker/")

    zet_klok_vooruit(timedelta(minutes=31))
    antwoord = client.post(
        BLIJF,
        data={"csrf_token": token, "terug": "/medewerker/", "wie": "medewerker"},
    )

    assert antwoord.headers["Location"] == "/medewerker/inloggen?terug=/medewerker/"


def test_near_the_absolute_limit_the_page_says_the_end_cannot_move(client, db, burger):
    log_in(client, burger)
    sessie = _sessie(db)
    sessie.aangemaakt_op = utcnow() - timedelta(hours=11, minutes=50)
    db.commit()
    einde = sessie.aangemaakt_op + timedelta(hours=12)

    html = client.get("/mijn-dossier").get_data(as_text=True)
    assert f"U wordt om {_uur(einde)} uitgelogd. Na 12 uur moet u altijd opnieuw inloggen." in html
    assert 'data-vast="ja"' in html

    token = csrf_token(client, "/mijn-dossier")
    gegevens = client.post(BLIJF, data={"csrf_token": token}, headers=JSON).get_json()
    assert gegevens["vast"] is True
    assert gegevens["seconden"] <= 10 * 60
