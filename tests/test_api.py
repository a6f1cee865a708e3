"""The API's one way through: tokens and scopes, Idempotency-Key replays, the rate limit per
token, the OpenAPI document, the token CLI, and problem bodies for unknown paths."""

import hashlib
import re

import pytest
from flask.cli import FlaskGroup
from sqlalchemy import select

from portal.models import (
    ApiClient,
    Base,
    Bericht,
    Burger,
    Dossier,
    Notificatie,
    Servicecall,
    Statuswijziging,
    Traject,
    Verwerkingslog,
)
from portal.services import apiclients
from tests.api_hulp import (
    dossier_json,
    get,
    maak_systeem,
    post,
    probleem,
    tel,
    velden,
)
from tests.factories import maak_burger, maak_dossier, maak_traject, met_voorkeuren


@pytest.fixture
def systeem(app):
    return maak_systeem(app)


def _traject(db, **velden):
    burger = met_voorkeuren(db, maak_burger(db))
    traject = maak_traject(db, dossier=maak_dossier(db, burger=burger), **velden)
    db.commit()
    return traject


# --- tokens and scopes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kop",
    [None, "Bearer wia_dit-token-bestaat-niet", "Bearer ", "Basic d2lhOndpYQ==", "wia_zonder"],
)
def test_a_call_without_a_valid_token_answers_401_with_a_bearer_challenge(client, systeem, kop):
    response = client.get("/api/v1/wijzigingen", headers={"Authorization": kop} if kop else {})

    probleem(response, 401, "niet-ingelogd")
    assert response.headers["WWW-Authenticate"].startswith("Bearer ")


def test_a_post_without_a_token_answers_401_before_anything_else(client, db):
    response = client.post("/api/v1/dossiers", data="{", content_type="text/plain")

    probleem(response, 401, "niet-ingelogd")
    assert "WWW-Authenticate" in response.headers
    assert tel(db, Verwerkingslog) == 0


def test_a_revoked_token_answers_401_at_once(client, db, systeem):
    assert get(client, "/wijzigingen", systeem.token).status_code == 200

    apiclients.trek_in(db, systeem.naam)

    response = get(client, "/wijzigingen", systeem.token)
    probleem(response, 401, "niet-ingelogd")
    assert response.headers["WWW-Authenticate"].startswith("Bearer ")


def test_a_token_without_the_operations_scope_answers_403_and_changes_nothing(app, client, db):
    lezer = maak_systeem(app, "dossiers:lezen")

    response = post(client, "/dossiers", lezer.token, dossier_json())

    lichaam = probleem(response, 403, "geen-toegang")
    assert "dossiers:schrijven" in lichaam["detail"]
    assert tel(db, Dossier) == 0 and tel(db, Burger) == 0
    assert get(client, "/wijzigingen", lezer.token).status_code == 200


def test_the_token_is_stored_only_as_its_hash(client, db, systeem):
    assert post(client, "/dossiers", systeem.token, dossier_json()).status_code == 201
    geheim = systeem.token[len(apiclients.VOORVOEGSEL) :]

    for tabel in Base.metadata.sorted_tables:
        for rij in db.execute(select(tabel)):
            assert geheim not in repr(tuple(rij)), f"the token is readable in {tabel.name}"
    client_rij = db.get(ApiClient, systeem.id)
    assert client_rij.token_hash == hashlib.sha256(systeem.token.encode()).hexdigest()
    assert len(client_rij.token_begin) < len(systeem.token) // 3


# --- Idempotency-Key --------------------------------------------------------------------------


def test_a_retried_status_change_replays_the_first_answer_and_changes_nothing_more(
    client, db, systeem
):
    traject = _traject(db)
    pad = f"/trajecten/{traject.id}/statuswijzigingen"
    wijziging = {"naar": "onderzoek_afgerond", "toelichting": "Wij bellen u."}

    eerste = post(client, pad, systeem.token, wijziging, sleutel="wijziging-1")
    tweede = post(client, pad, systeem.token, wijziging, sleutel="wijziging-1")

    assert (eerste.status_code, tweede.status_code) == (201, 201)
    assert tweede.get_json() == eerste.get_json()
    assert tweede.headers["Location"] == eerste.headers["Location"]
    assert tweede.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in eerste.headers
    assert tel(db, Statuswijziging, Statuswijziging.api_client_id == systeem.id) == 1
    assert tel(db, Bericht) == 1
    assert tel(db, Notificatie) == 2  # one SMS and one e-mail, not four
    assert tel(db, Servicecall) == 1


def test_the_same_key_with_another_body_is_refused_and_changes_nothing(client, db, systeem):
    traject = _traject(db)
    pad = f"/trajecten/{traject.id}/statuswijzigingen"
    assert post(client, pad, systeem.token, {"naar": "met_spoed"}, sleutel="k").status_code == 201

    response = post(client, pad, systeem.token, {"naar": "onderzoek_afgerond"}, sleutel="k")

    probleem(response, 422, "idempotency-key-hergebruikt")
    db.expire_all()
    assert db.get(Traject, traject.id).status == "met_spoed"
    assert tel(db, Bericht) == 1


@pytest.mark.parametrize("sleutel", [None, "", "met spatie", "x" * 256, "café"])
def test_a_post_without_a_usable_idempotency_key_answers_400(client, db, systeem, sleutel):
    koppen = {"Authorization": f"Bearer {systeem.token}"}
    if sleutel is not None:
        koppen["Idempotency-Key"] = sleutel

    response = client.post("/api/v1/dossiers", json=dossier_json(), headers=koppen)

    probleem(response, 400, "idempotency-key-ontbreekt")
    assert tel(db, Dossier) == 0


def test_a_refused_request_replays_the_same_refusal(client, db, systeem):
    ongeldig = dossier_json(bsn="123456788")

    eerste = post(client, "/dossiers", systeem.token, ongeldig, sleutel="fout-1")
    tweede = post(client, "/dossiers", systeem.token, ongeldig, sleutel="fout-1")

    assert velden(probleem(eerste, 422, "ongeldige-invoer")) == ["bsn"]
    probleem(tweede, 422, "ongeldige-invoer")
    assert tweede.get_json() == eerste.get_json()
    assert tweede.headers["Idempotent-Replayed"] == "true"
    assert tel(db, Burger) == 0


def test_keys_belong_to_one_client(app, client, db, systeem):
    ander = maak_systeem(app)
    eerste = post(client, "/dossiers", systeem.token, dossier_json(), sleutel="gedeeld")

    tweede = post(client, "/dossiers", ander.token, dossier_json(), sleutel="gedeeld")

    assert (eerste.status_code, tweede.status_code) == (201, 201)
    assert "Idempotent-Replayed" not in tweede.headers
    assert tweede.get_json()["kenmerk"] != eerste.get_json()["kenmerk"]
    assert tel(db, Dossier) == 2


# --- the rate limit ---------------------------------------------------------------------------


def test_the_rate_limit_counts_per_token(maak_app):
    app = maak_app(
        RATELIMIT_ENABLED=True, RATELIMIT_API="3 per minute", RATELIMIT_STORAGE_URI="memory://"
    )
    drukke, rustige = maak_systeem(app), maak_systeem(app)
    client = app.test_client()

    for _ in range(3):
        assert get(client, "/wijzigingen", drukke.token).status_code == 200
    te_veel = get(client, "/wijzigingen", drukke.token)

    probleem(te_veel, 429, "te-veel-verzoeken")
    assert get(client, "/wijzigingen", rustige.token).status_code == 200


# --- the OpenAPI document ---------------------------------------------------------------------


def _api_routes(app):
    routes = []
    for regel in app.url_map.iter_rules():
        if not regel.rule.startswith("/api/v1/") or regel.rule == "/api/v1/openapi.json":
            continue
        pad = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", regel.rule.removeprefix("/api/v1"))
        for methode in sorted(regel.methods - {"HEAD", "OPTIONS"}):
            routes.append((pad, methode.lower()))
    return routes


def test_the_openapi_document_describes_every_route_and_nothing_else(app, client):
    response = client.get("/api/v1/openapi.json")
    document = response.get_json()

    assert response.status_code == 200
    assert document["openapi"] == "3.1.0"
    routes = _api_routes(app)
    assert len(routes) >= 11  # 4 dossiers, 4 planning, 3 inzage
    beschreven = [(pad, m) for pad, methoden in document["paths"].items() for m in methoden]
    assert sorted(beschreven) == sorted(routes)
    for pad, methode in routes:
        operatie = document["paths"][pad][methode]
        assert operatie["security"][0]["token"], f"{methode} {pad} names no scope"
        sleutels = [p for p in operatie.get("parameters", []) if p["name"] == "Idempotency-Key"]
        if methode == "post":
            assert sleutels and sleutels[0]["in"] == "header" and sleutels[0]["required"]
        else:
            assert not sleutels


def test_every_schema_reference_in_the_openapi_document_resolves(client):
    document = client.get("/api/v1/openapi.json").get_json()
    tekst = str(document)

    verwijzingen = set(re.findall(r"#/components/schemas/(\w+)", tekst))

    assert verwijzingen
    assert verwijzingen <= set(document["components"]["schemas"])


# --- the CLI ----------------------------------------------------------------------------------


@pytest.fixture
def flask_cli(app, monkeypatch):
    """Run a command as `flask --app portal ...` does: FlaskGroup loads the app and pushes
    its context (it also sets FLASK_RUN_FROM_CLI, which monkeypatch undoes afterwards)."""
    monkeypatch.setenv("FLASK_RUN_FROM_CLI", "true")
    groep = FlaskGroup(create_app=lambda: app, load_dotenv=False, set_debug_flag=False)
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(groep, args=list(args))


def test_a_token_from_the_cli_works_until_it_is_revoked(flask_cli, client):
    gemaakt = flask_cli("api", "token-maken", "x", "--scope", "dossiers:lezen")

    assert gemaakt.exit_code == 0, gemaakt.output
    token = gemaakt.output.strip().splitlines()[-1]
    assert token.startswith(apiclients.VOORVOEGSEL)
    assert get(client, "/wijzigingen", token).status_code == 200
    probleem(post(client, "/dossiers", token, dossier_json()), 403, "geen-toegang")
    lijst = flask_cli("api", "clients")
    assert "x\t" in lijst.output and token not in lijst.output

    ingetrokken = flask_cli("api", "token-intrekken", "x")

    assert ingetrokken.exit_code == 0, ingetrokken.output
    probleem(get(client, "/wijzigingen", token), 401, "niet-ingelogd")
    assert "revoked" in flask_cli("api", "clients").output


def test_the_cli_refuses_a_duplicate_name_an_unknown_scope_and_an_unknown_client(flask_cli):
    assert flask_cli("api", "token-maken", "x", "--scope", "inzage:lezen").exit_code == 0

    tweede = flask_cli("api", "token-maken", "x", "--scope", "inzage:lezen")
    onbekend = flask_cli("api", "token-maken", "y", "--scope", "alles:mogen")
    intrekken = flask_cli("api", "token-intrekken", "bestaat-niet")

    assert tweede.exit_code != 0 and "exists already" in tweede.output
    assert onbekend.exit_code != 0 and "wia_" not in onbekend.output
    assert intrekken.exit_code != 0 and "No client" in intrekken.output


# --- unknown paths and methods ----------------------------------------------------------------


def test_an_unknown_api_path_answers_a_404_problem_not_a_page(client):
    response = client.get("/api/v1/bestaat-niet")

    probleem(response, 404, "niet-gevonden")


def test_an_unknown_traject_or_a_huge_id_answers_404(client, systeem):
    for traject_id in (424242, 2**31, 10**12):
        response = post(
            client,
            f"/trajecten/{traject_id}/statuswijzigingen",
            systeem.token,
            {"naar": "met_spoed"},
        )
        probleem(response, 404, "niet-gevonden")


def test_a_wrong_method_answers_a_405_problem_naming_the_allowed_ones(client, systeem):
    response = client.delete(
        "/api/v1/dossiers", headers={"Authorization": f"Bearer {systeem.token}"}
    )

    probleem(response, 405, "niet-toegestaan")
    assert "POST" in response.headers["Allow"]
    probleem(client.get("/api/v1/dossiers"), 405, "niet-toegestaan")


def test_the_api_is_not_guarded_by_the_csrf_token_of_the_web_pages(client, systeem):
    response = post(client, "/dossiers", systeem.token, dossier_json())

    assert response.status_code == 201, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
