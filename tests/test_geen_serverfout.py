"""No input ever gives a server error, on PostgreSQL as on SQLite: each class of input that
once did (control characters in a return path, page numbers and ids beyond the database's
integers, whitespace in a required field, a NUL in an API path, a failing database, an
unreachable login provider, overlapping appointments) gets a clear 4xx or its own page.
"""

from __future__ import annotations

import inspect
import logging
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask_wtf import FlaskForm
from sqlalchemy import func, select, text
from wtforms.validators import InputRequired

import portal
from portal.formulieren import Verplicht
from portal.invoer import MAX_ID, als_id, paginanummer, veilig_terug
from portal.kalender import is_werkdag
from portal.models import Notificatie, Servicecall, Sessie, Spreekuur
from portal.services import servicecalls as calls
from portal.services import spreekuren
from portal.tijd import AMSTERDAM
from tests import oidc
from tests.api_hulp import PROBLEEM, get, maak_systeem, post, probleem
from tests.conftest import csrf_token, log_in
from tests.factories import maak_burger, maak_dossier, maak_medewerker, maak_traject
from tests.oidc import ACR_SUBSTANTIEEL, Provider, log_in_via_provider

oidc_provider = oidc.oidc_provider
maak_oidc_app = oidc.maak_oidc_app
oidc_app = oidc.oidc_app

CONTROLETEKENS = [
    "\r\nSet-Cookie: x=1",
    "/a\rb",
    "/a\nb",
    "/a\tb",
    "/a\x00b",
    "/a\x7fb",
    "/a\u2028b",
]
GROOT = ["99999999999999999999", "2147483648", "9" * 5000, "²", "-1", "0", "1e9", "١٢"]


# --- 1. control characters in a return path ----------------------------------------------------


@pytest.mark.parametrize("doel", [*CONTROLETEKENS, "//evil.example", "/\\evil", "https://x.nl/"])
def test_a_return_path_with_a_control_character_or_another_site_falls_back(doel):
    assert veilig_terug(doel, "/mijn-dossier") == "/mijn-dossier"


def test_a_plain_local_return_path_is_kept():
    assert veilig_terug("/berichten?pagina=2", "/") == "/berichten?pagina=2"


@pytest.mark.parametrize("terug", CONTROLETEKENS)
def test_the_language_form_never_redirects_to_a_header_breaking_path(client, terug):
    token = csrf_token(client, "/")
    antwoord = client.post("/taal", data={"taal": "en", "terug": terug, "csrf_token": token})
    assert antwoord.status_code in (303, 400)  # 400: a NUL is refused at the door
    if antwoord.status_code == 303:
        assert antwoord.headers["Location"] == "/"


@pytest.mark.parametrize("terug", ["/berichten\r\nX-Evil: 1", "/berichten\n"])
def test_a_login_with_a_control_character_in_its_return_path_ends_on_the_dossier(
    oidc_app: Flask, oidc_provider: Provider, db, terug
):
    burger = maak_burger(db)
    maak_dossier(db, burger=burger)
    db.commit()
    oidc_provider.zet_gebruiker("digid-crlf", {"bsn": burger.bsn, "acr": ACR_SUBSTANTIEEL})
    client = oidc_app.test_client()
    assert client.get("/inloggen", query_string={"terug": terug}).status_code == 200

    poging = log_in_via_provider(client, oidc_provider, start="/inloggen/digid", sub="digid-crlf")

    assert poging.antwoord.status_code == 302
    assert poging.antwoord.headers["Location"] == "/mijn-dossier"
    assert client.get("/mijn-dossier").status_code == 200


@pytest.mark.parametrize("pad", ["/inloggen", "/medewerker/inloggen"])
def test_the_login_pages_take_any_return_path_without_error(client, pad):
    for terug in CONTROLETEKENS[:3]:
        assert client.get(pad, query_string={"terug": terug}).status_code == 200


# --- 2. page numbers beyond the database's integers ---------------------------------------------


@pytest.mark.parametrize("waarde", [*GROOT, "abc", ""])
def test_a_page_number_is_always_between_1_and_the_maximum(waarde):
    nummer = paginanummer({"pagina": waarde}, maximum=10_000)
    assert 1 <= nummer <= 10_000


@pytest.mark.parametrize("waarde", GROOT)
def test_who_looked_at_my_dossier_takes_any_page_number(client, db, waarde):
    burger = maak_burger(db)
    maak_dossier(db, burger=burger)
    db.commit()
    log_in(client, burger)

    antwoord = client.get("/wie-heeft-mijn-dossier-bekeken", query_string={"pagina": waarde})

    assert antwoord.status_code == 200


@pytest.mark.parametrize("pad", ["/medewerker/inzage", "/medewerker/feedback"])
def test_staff_lists_take_any_page_number(client, db, pad):
    medewerker = maak_medewerker(db, rollen="casemanager,teamleider,beheerder")
    db.commit()
    log_in(client, medewerker)
    for waarde in GROOT[:3]:
        assert client.get(pad, query_string={"pagina": waarde}).status_code == 200


# --- 3. whitespace in a required field ----------------------------------------------------------


def _formulieren() -> list[type[FlaskForm]]:
    """Every form class in the portal, found by importing its modules."""
    import importlib
    import pkgutil

    for module in pkgutil.walk_packages(portal.__path__, "portal."):
        importlib.import_module(module.name)
    gevonden, open_ = [], [FlaskForm]
    while open_:
        for sub in open_.pop().__subclasses__():
            open_.append(sub)
            if sub.__module__.startswith("portal."):
                gevonden.append(sub)
    return gevonden


def test_every_required_field_in_every_form_strips_before_it_checks():
    formulieren = _formulieren()
    assert len(formulieren) > 20, formulieren
    zonder = [
        f"{form.__module__}.{form.__name__}.{naam}"
        for form in formulieren
        for naam, veld in inspect.getmembers(form)
        if hasattr(veld, "kwargs")
        for validator in veld.kwargs.get("validators") or []
        if type(validator) is InputRequired
    ]
    assert zonder == [], "use portal.formulieren.Verplicht instead of InputRequired"
    assert issubclass(Verplicht, InputRequired)  # browsers still get the required attribute


@pytest.mark.parametrize("veld", ["datum", "van", "tot"])
def test_a_call_planned_with_only_spaces_in_a_required_field_is_refused_beside_it(
    client, db, monkeypatch, veld
):
    monkeypatch.setattr(
        "portal.servicecalls.views.utcnow", lambda: datetime(2027, 3, 1, 9, tzinfo=UTC)
    )
    burger = maak_burger(db)
    traject = maak_traject(
        db, dossier=maak_dossier(db, burger=burger), route=("in_onderzoek", "onderzoek_afgerond")
    )
    taak = calls.maak_taak(db, traject, datetime(2027, 3, 1, 8, tzinfo=UTC))
    medewerker = maak_medewerker(db)
    db.commit()
    log_in(client, medewerker)
    url = f"/medewerker/servicecalls/{taak.id}"
    data = {
        "versie": "0",
        "datum": "2027-03-09",
        "van": "10:00",
        "tot": "12:00",
        "telefoon": "06 12345678",
        "csrf_token": csrf_token(client, url),
        veld: "   ",
    }

    antwoord = client.post(f"{url}/plannen", data=data)

    html = antwoord.get_data(as_text=True)
    assert antwoord.status_code == 400
    assert f'id="{veld}-fout"' in html and "Vul de" in html
    db.refresh(taak)
    assert (taak.status, taak.versie) == ("te_plannen", 0)


# --- 5. a NUL in an API path, and path values of the wrong shape ---------------------------------


@pytest.fixture
def systeem(app):
    return maak_systeem(app)


@pytest.mark.parametrize(
    "pad", ["/dossiers/WIA-1000001%00", "/dossiers/%00", "/dossiers/WIA-1%00000001/spreekuren"]
)
def test_a_nul_in_an_api_path_is_a_400_problem(client, systeem, pad):
    antwoord = get(client, pad, systeem.token)
    assert antwoord.status_code in (400, 405), antwoord.get_data(as_text=True)
    assert antwoord.mimetype == PROBLEEM


def test_a_nul_in_an_api_post_path_is_a_400_problem(client, systeem):
    antwoord = post(client, "/dossiers/WIA-10000%0001/spreekuren", systeem.token, {})
    assert probleem(antwoord, 400, "ongeldig-verzoek")


@pytest.mark.parametrize("kenmerk", ["WIA-1", "wia-1000001", "WIA-1000001 ", "x" * 300])
def test_a_kenmerk_of_another_shape_is_not_found(client, systeem, kenmerk):
    assert probleem(get(client, f"/dossiers/{kenmerk}", systeem.token), 404, "niet-gevonden")


# --- 6. ids beyond 32 bits in a form field ------------------------------------------------------


@pytest.mark.parametrize("waarde", GROOT)
def test_a_submitted_id_is_only_taken_within_the_databases_integers(waarde):
    gelezen = als_id(waarde)
    assert gelezen is None or 1 <= gelezen <= MAX_ID


@pytest.mark.parametrize("veld", ["burger", "medewerker"])
@pytest.mark.parametrize("waarde", GROOT)
def test_the_demo_login_refuses_ids_it_cannot_hold(maak_app, veld, waarde):
    demo = maak_app(PORTAL_DEMO=True)
    client = demo.test_client()
    token = csrf_token(client, "/demo/inloggen")

    antwoord = client.post("/demo/inloggen", data={veld: waarde, "csrf_token": token})

    assert antwoord.status_code in (400, 404)


# --- 7. the error page when the database is the thing that failed -------------------------------


@pytest.fixture
def foutapp(maak_app):
    """An app with one page that runs a broken statement, as a bug or an outage would."""
    app = maak_app()

    @app.get("/kapot")
    def kapot():
        from portal.db import get_session

        get_session().execute(text("SELECT * FROM tabel_die_niet_bestaat"))
        return "nooit"

    return app


def _tel_statements(app: Flask) -> list[str]:
    from sqlalchemy import event

    gezien: list[str] = []
    event.listen(
        app.extensions["portal.engine"],
        "before_cursor_execute",
        lambda _c, _cur, statement, *_a: gezien.append(statement),
    )
    return gezien


def test_after_a_database_error_the_error_page_has_our_layout_headers_and_request_id(
    foutapp, caplog
):
    session = foutapp.extensions["portal.sessionmaker"]()
    burger = maak_burger(session)
    maak_dossier(session, burger=burger)
    session.commit()
    client = foutapp.test_client()
    log_in(client, burger)
    gezien = _tel_statements(foutapp)

    with caplog.at_level(logging.ERROR):
        antwoord = client.get("/kapot", headers={"X-Request-ID": "verzoek-12345678"})

    html = antwoord.get_data(as_text=True)
    assert antwoord.status_code == 500
    assert "Er ging iets mis" in html and "<footer" in html
    assert antwoord.headers["X-Request-ID"] == "verzoek-12345678"
    assert "Content-Security-Policy" in antwoord.headers
    # Nothing ran after the statement that failed: the page is rendered from memory.
    assert gezien[-1].startswith("SELECT * FROM tabel_die_niet_bestaat"), gezien[-3:]
    assert "The error page failed" not in caplog.text
    session.close()


def test_with_the_database_down_a_logged_in_person_still_gets_our_error_page(maak_app):
    # A closed port: every connection is refused, as when PostgreSQL is down.
    app = maak_app(DATABASE_URL="postgresql://postgres@127.0.0.1:9/nergens")
    client = app.test_client()
    with client.session_transaction() as flask_session:
        flask_session["sessie"] = "een-token-van-een-sessie"

    antwoord = client.get("/mijn-dossier", headers={"X-Request-ID": "verzoek-87654321"})

    assert antwoord.status_code == 500
    assert "Er ging iets mis" in antwoord.get_data(as_text=True)
    assert antwoord.headers["X-Request-ID"] == "verzoek-87654321"
    assert antwoord.headers["X-Frame-Options"] == "DENY"


# --- the login provider down --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "taal", "tekst"),
    [
        ("/inloggen/digid", "nl", "Wij kunnen DigiD nu niet bereiken"),
        ("/inloggen/digid", "en", "We cannot reach DigiD"),
        ("/medewerker/inloggen/start", "nl", "De inlogdienst van UWV geeft nu geen antwoord"),
    ],
)
def test_an_unreachable_login_provider_gets_a_translated_503_and_no_session(
    maak_oidc_app, db, caplog, start, taal, tekst
):
    app = maak_oidc_app(
        BURGER_OIDC_ISSUER="http://127.0.0.1:9", MEDEWERKER_OIDC_ISSUER="http://127.0.0.1:9"
    )
    client = app.test_client()
    client.post("/taal", data={"taal": taal, "csrf_token": csrf_token(client, "/")})

    with caplog.at_level(logging.WARNING):
        antwoord = client.get(start, headers={"X-Request-ID": "verzoek-00000001"})

    assert antwoord.status_code == 503
    assert tekst in antwoord.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(Sessie)) == 0
    regels = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(regels) == 1 and regels[0].exc_info is None


# --- overlapping appointments -------------------------------------------------------------------


def _werkdag(over: int):
    dag = (datetime.now(AMSTERDAM) + timedelta(days=over)).date()
    while not is_werkdag(dag):  # a spreekuur is on a working day, never on a public holiday
        dag += timedelta(days=1)
    return dag


def _om(dag, uur, minuut=0) -> str:
    return datetime(dag.year, dag.month, dag.day, uur, minuut, tzinfo=AMSTERDAM).isoformat()


def test_the_same_spreekuur_sent_twice_under_two_keys_is_a_409_naming_the_first(
    client, db, systeem
):
    dossier = maak_dossier(db, burger=maak_burger(db))
    db.commit()
    dag = _werkdag(12)
    lichaam = {
        "begin": _om(dag, 10),
        "eind": _om(dag, 10, 45),
        "vorm": "fysiek",
        "kantoor": "utrecht",
    }
    eerste = post(client, f"/dossiers/{dossier.kenmerk}/spreekuren", systeem.token, lichaam)
    assert eerste.status_code == 201, eerste.get_data(as_text=True)

    tweede = post(
        client,
        f"/dossiers/{dossier.kenmerk}/spreekuren",
        systeem.token,
        {**lichaam, "begin": _om(dag, 10, 30), "eind": _om(dag, 11, 15)},
    )

    fout = probleem(tweede, 409, "afspraak-overlapt")
    assert fout["afspraak"]["soort"] == "spreekuur"
    assert fout["afspraak"]["id"] == eerste.get_json()["id"]
    assert "spreekuur op" in fout["detail"]
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(Spreekuur)) == 1


def test_spreekuren_that_touch_do_not_overlap(db):
    dossier = maak_dossier(db, burger=maak_burger(db))
    db.commit()
    nu = datetime.now(UTC)
    begin = datetime.combine(_werkdag(10), datetime.min.time(), AMSTERDAM).replace(hour=10)
    spreekuren.plan(
        db,
        dossier,
        begin=begin,
        eind=begin + timedelta(minutes=45),
        vorm="fysiek",
        kantoor="utrecht",
        nu=nu,
    )
    spreekuren.plan(
        db,
        dossier,
        begin=begin + timedelta(minutes=45),
        eind=begin + timedelta(minutes=90),
        vorm="fysiek",
        kantoor="utrecht",
        nu=nu,
    )
    assert db.scalar(select(func.count()).select_from(Spreekuur)) == 2


def test_a_call_window_over_a_planned_spreekuur_is_refused_through_the_api(client, db, systeem):
    burger = maak_burger(db)
    dossier = maak_dossier(db, burger=burger)
    maak_medewerker(db, email="h.deboer@uwv.nl")
    db.commit()
    dag = _werkdag(12)
    spreekuur = post(
        client,
        f"/dossiers/{dossier.kenmerk}/spreekuren",
        systeem.token,
        {"begin": _om(dag, 10), "eind": _om(dag, 10, 45), "vorm": "fysiek", "kantoor": "utrecht"},
    ).get_json()

    antwoord = post(
        client,
        f"/dossiers/{dossier.kenmerk}/servicecalls",
        systeem.token,
        {
            "van": _om(dag, 9),
            "tot": _om(dag, 11),
            "telefoon": "020 123 4567",
            "belnummer": "088 - 898 92 94",
            "medewerker": "h.deboer@uwv.nl",
        },
    )

    fout = probleem(antwoord, 409, "afspraak-overlapt")
    assert (fout["afspraak"]["soort"], fout["afspraak"]["id"]) == ("spreekuur", spreekuur["id"])
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(Servicecall)) == 0
    assert (
        db.scalar(
            select(func.count())
            .select_from(Notificatie)
            .where(Notificatie.soort == "servicecall_herinnering")
        )
        == 0
    )


def test_moving_a_spreekuur_within_its_own_time_is_not_an_overlap(client, db, systeem):
    dossier = maak_dossier(db, burger=maak_burger(db))
    db.commit()
    dag = _werkdag(12)
    eerste = post(
        client,
        f"/dossiers/{dossier.kenmerk}/spreekuren",
        systeem.token,
        {"begin": _om(dag, 10), "eind": _om(dag, 10, 45), "vorm": "fysiek", "kantoor": "utrecht"},
    ).get_json()

    antwoord = post(
        client,
        f"/spreekuren/{eerste['id']}/verplaatsing",
        systeem.token,
        {"begin": _om(dag, 10, 15), "eind": _om(dag, 11)},
    )

    assert antwoord.status_code == 200, antwoord.get_data(as_text=True)


def test_a_casemanager_planning_a_call_over_a_spreekuur_sees_why_beside_the_field(
    client, db, monkeypatch
):
    nu = datetime(2027, 3, 1, 9, tzinfo=UTC)
    monkeypatch.setattr("portal.servicecalls.views.utcnow", lambda: nu)
    burger = maak_burger(db)
    dossier = maak_dossier(db, burger=burger)
    traject = maak_traject(db, dossier=dossier, route=("in_onderzoek", "onderzoek_afgerond"))
    taak = calls.maak_taak(db, traject, nu)
    medewerker = maak_medewerker(db)
    db.commit()
    begin = datetime(2027, 3, 9, 10, 30, tzinfo=AMSTERDAM)
    spreekuren.plan(
        db, dossier, begin=begin, eind=begin + timedelta(minutes=45), vorm="fysiek",
        kantoor="utrecht", nu=nu,
    )  # fmt: skip
    log_in(client, medewerker)
    url = f"/medewerker/servicecalls/{taak.id}"

    antwoord = client.post(
        f"{url}/plannen",
        data={
            "versie": "0",
            "datum": "2027-03-09",
            "van": "10:00",
            "tot": "12:00",
            "telefoon": "06 12345678",
            "csrf_token": csrf_token(client, url),
        },
    )

    html = antwoord.get_data(as_text=True)
    assert antwoord.status_code == 400
    assert 'id="van-fout"' in html and "dinsdag 9 maart 2027, 10.30 tot 11.15 uur" in html
    db.refresh(taak)
    assert taak.status == "te_plannen"
