"""The whole OpenID Connect code flow of both logins, against a real provider over HTTP.

Nothing is patched: the portal's Authlib client reads the provider's discovery document,
redeems the code at its token endpoint, checks the ID token with its JWKS and asks its
userinfo endpoint, exactly as it does with the DigiD broker and the organisation's login.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.models import Burger, Medewerker, Sessie
from tests import oidc
from tests.conftest import csrf_token
from tests.factories import maak_burger, maak_dossier, maak_medewerker
from tests.oidc import (
    ACR_BASIS,
    ACR_SUBSTANTIEEL,
    Inlogpoging,
    Provider,
    log_in_via_provider,
)

# The provider's fixtures live in tests/oidc.py, next to the helpers that drive it.
oidc_provider = oidc.oidc_provider
maak_oidc_app = oidc.maak_oidc_app
oidc_app = oidc.oidc_app

DIGID = "/inloggen/digid"
MEDEWERKER = "/medewerker/inloggen/start"
ONGELDIGE_BSN = "123456789"  # fails the 11-proef

# The explanation on the refusal page, per reason.
UITLEG = {
    "niveau_te_laag": "het niveau Substantieel nodig",
    "bsn_ongeldig": "burgerservicenummer dat niet klopt",
    "geen_dossier": "geen WIA-dossier",
    "gegevens_ontbreken": "niet alle gegevens",
    "mfa_vereist": "tweede stap",
    "geen_rol": "geen rol in dit portaal",
    "mislukt": "Er ging iets mis bij het inloggen",
}


@pytest.fixture(autouse=True)
def _alle_logs(caplog: pytest.LogCaptureFixture) -> None:
    # Everything, down to DEBUG, so a BSN in any log line would be seen.
    caplog.set_level(logging.DEBUG)


def _aantal(app: Flask, model: type, *voorwaarden: object) -> int:
    with app.extensions["portal.sessionmaker"]() as session:
        return session.scalar(select(func.count()).select_from(model).where(*voorwaarden)) or 0


def _medewerkers(app: Flask) -> list[Medewerker]:
    with app.extensions["portal.sessionmaker"]() as session:
        return list(session.scalars(select(Medewerker)))


def burger_met_dossier(db: Session) -> Burger:
    burger = maak_burger(db)
    maak_dossier(db, burger=burger)
    db.commit()
    return burger


def assert_bsn_nergens(
    bsn: str, poging: Inlogpoging, client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    """Not in a log line, not in a URL the browser was sent to, not in the page or cookie."""
    for record in caplog.records:
        assert bsn not in record.getMessage(), f"BSN logged by {record.name}"
    assert bsn not in caplog.text
    for location in poging.locations:
        assert bsn not in location
    assert bsn not in poging.antwoord.get_data(as_text=True)
    with client.session_transaction() as flask_sessie:
        assert bsn not in repr(dict(flask_sessie))


def assert_geweigerd(poging: Inlogpoging, reden: str, status: int) -> None:
    assert poging.antwoord.status_code == status
    html = poging.antwoord.get_data(as_text=True)
    assert UITLEG[reden] in html
    assert "U bent niet ingelogd." in html


def assert_geen_toegang(app: Flask, client: FlaskClient) -> None:
    assert _aantal(app, Sessie) == 0
    with client.session_transaction() as flask_sessie:
        assert "sessie" not in flask_sessie
    for pagina, inloggen in [
        ("/mijn-dossier", "/inloggen"),
        ("/medewerker/", "/medewerker/inloggen"),
    ]:
        antwoord = client.get(pagina)
        assert antwoord.status_code == 302
        assert urlsplit(antwoord.headers["Location"]).path == inloggen


# --- Burgers: DigiD through the broker ---------------------------------------------------


def test_burger_with_substantieel_and_a_dossier_lands_on_mijn_dossier(
    oidc_app: Flask, oidc_provider: Provider, db: Session, caplog: pytest.LogCaptureFixture
) -> None:
    burger = burger_met_dossier(db)
    oidc_provider.zet_gebruiker("digid-ok", {"bsn": burger.bsn, "acr": ACR_SUBSTANTIEEL})
    client = oidc_app.test_client()

    poging = log_in_via_provider(client, oidc_provider, start=DIGID, sub="digid-ok")

    assert poging.antwoord.status_code == 302
    assert poging.antwoord.headers["Location"] == "/mijn-dossier"
    assert _aantal(oidc_app, Sessie, Sessie.burger_id == burger.id) == 1
    assert _aantal(oidc_app, Sessie) == 1
    pagina = client.get("/mijn-dossier")
    assert pagina.status_code == 200
    assert_bsn_nergens(burger.bsn, poging, client, caplog)


def test_burger_login_asks_the_provider_for_a_code_with_state_and_nonce(
    oidc_app: Flask, oidc_provider: Provider
) -> None:
    antwoord = oidc_app.test_client().get(DIGID)

    assert antwoord.status_code == 302
    url = urlsplit(antwoord.headers["Location"])
    assert f"{url.scheme}://{url.netloc}" == oidc_provider.issuer
    vraag = parse_qs(url.query)
    assert vraag["response_type"] == ["code"]
    assert vraag["client_id"] == ["portaal-burger"]
    assert vraag["redirect_uri"] == ["http://portal.test/inloggen/digid/terug"]
    assert "openid" in vraag["scope"][0].split()
    assert len(vraag["state"][0]) >= 20
    assert len(vraag["nonce"][0]) >= 20


def test_terug_path_given_before_login_is_honoured_after_login(
    oidc_app: Flask, oidc_provider: Provider, db: Session, caplog: pytest.LogCaptureFixture
) -> None:
    burger = burger_met_dossier(db)
    oidc_provider.zet_gebruiker("digid-terug", {"bsn": burger.bsn, "acr": ACR_SUBSTANTIEEL})
    client = oidc_app.test_client()
    assert client.get("/inloggen?terug=/berichten").status_code == 200

    poging = log_in_via_provider(client, oidc_provider, start=DIGID, sub="digid-terug")

    assert poging.antwoord.status_code == 302
    assert poging.antwoord.headers["Location"] == "/berichten"
    assert client.get("/berichten").status_code == 200
    assert_bsn_nergens(burger.bsn, poging, client, caplog)


@pytest.mark.parametrize(
    "terug", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "berichten"]
)
def test_external_terug_is_ignored_after_login(
    oidc_app: Flask, oidc_provider: Provider, db: Session, terug: str
) -> None:
    burger = burger_met_dossier(db)
    oidc_provider.zet_gebruiker("digid-extern", {"bsn": burger.bsn, "acr": ACR_SUBSTANTIEEL})
    client = oidc_app.test_client()
    client.get("/inloggen", query_string={"terug": terug})

    poging = log_in_via_provider(client, oidc_provider, start=DIGID, sub="digid-extern")

    assert poging.antwoord.status_code == 302
    assert poging.antwoord.headers["Location"] == "/mijn-dossier"


def test_terug_with_a_backslash_keeps_the_browser_on_the_portal(
    oidc_app: Flask, oidc_provider: Provider, db: Session
) -> None:
    # Browsers read "/\\evil.example/" as "//evil.example/"; the backslash must not survive.
    burger = burger_met_dossier(db)
    oidc_provider.zet_gebruiker("digid-backslash", {"bsn": burger.bsn, "acr": ACR_SUBSTANTIEEL})
    client = oidc_app.test_client()
    client.get("/inloggen", query_string={"terug": "/\\evil.example/"})

    poging = log_in_via_provider(client, oidc_provider, start=DIGID, sub="digid-backslash")

    location = poging.antwoord.headers["Location"]
    assert location.startswith("/")
    assert not location.startswith("//")
    assert "\\" not in location
    assert urlsplit(location).netloc == ""


def test_two_logins_of_one_burger_get_two_separate_sessions(
    oidc_app: Flask, oidc_provider: Provider, db: Session
) -> None:
    burger = burger_met_dossier(db)
    oidc_provider.zet_gebruiker("digid-twee", {"bsn": burger.bsn, "acr": ACR_SUBSTANTIEEL})
    eerste, tweede = oidc_app.test_client(), oidc_app.test_client()

    log_in_via_provider(eerste, oidc_provider, start=DIGID, sub="digid-twee")
    log_in_via_provider(tweede, oidc_provider, start=DIGID, sub="digid-twee")

    assert _aantal(oidc_app, Sessie, Sessie.burger_id == burger.id) == 2
    with eerste.session_transaction() as a, tweede.session_transaction() as b:
        assert a["sessie"] != b["sessie"]


# --- Burgers: refusals --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claims", "reden"),
    [
        pytest.param({"acr": ACR_BASIS}, "niveau_te_laag", id="digid-basis"),
        pytest.param(
            {"acr": "urn:etoegang:core:assurance-class:loa2"}, "niveau_te_laag", id="loa2"
        ),
        pytest.param(
            {"acr": ACR_SUBSTANTIEEL, "bsn": ONGELDIGE_BSN}, "bsn_ongeldig", id="11-proef"
        ),
        pytest.param({"acr": ACR_SUBSTANTIEEL, "bsn": None}, "gegevens_ontbreken", id="zonder-bsn"),
        pytest.param({"acr": None}, "gegevens_ontbreken", id="zonder-acr"),
    ],
)
def test_burger_login_with_wrong_or_missing_claims_is_refused_with_an_explanation(
    oidc_app: Flask,
    oidc_provider: Provider,
    db: Session,
    caplog: pytest.LogCaptureFixture,
    claims: dict[str, object],
    reden: str,
) -> None:
    burger = burger_met_dossier(db)
    # A claim given as None is left out; otherwise the burger's own valid BSN is sent.
    volledig = {"bsn": burger.bsn, **claims}
    oidc_provider.zet_gebruiker(
        f"digid-{reden}", {naam: waarde for naam, waarde in volledig.items() if waarde is not None}
    )
    client = oidc_app.test_client()

    poging = log_in_via_provider(client, oidc_provider, start=DIGID, sub=f"digid-{reden}")

    assert_geweigerd(poging, reden, 403)
    assert_geen_toegang(oidc_app, client)
    assert_bsn_nergens(burger.bsn, poging, client, caplog)
    if isinstance(claims.get("bsn"), str):
        assert_bsn_nergens(str(claims["bsn"]), poging, client, caplog)


def test_burger_with_a_valid_bsn_but_no_dossier_is_refused(
    oidc_app: Flask, oidc_provider: Provider, db: Session, caplog: pytest.LogCaptureFixture
) -> None:
    zonder_dossier = maak_burger(db)
    db.commit()
    oidc_provider.zet_gebruiker(
        "digid-geen-dossier", {"bsn": zonder_dossier.bsn, "acr": ACR_SUBSTANTIEEL}
    )
    client = oidc_app.test_client()

    poging = log_in_via_provider(client, oidc_provider, start=DIGID, sub="digid-geen-dossier")

    assert_geweigerd(poging, "geen_dossier", 403)
    assert_geen_toegang(oidc_app, client)
    assert_bsn_nergens(zonder_dossier.bsn, poging, client, caplog)


def test_burger_who_denies_at_the_provider_is_refused(
    oidc_app: Flask, oidc_provider: Provider, db: Session
) -> None:
    burger = burger_met_dossier(db)
    oidc_provider.zet_gebruiker("digid-nee", {"bsn": burger.bsn, "acr": ACR_SUBSTANTIEEL})
    client = oidc_app.test_client()

    poging = log_in_via_provider(client, oidc_provider, start=DIGID, sub=None, weiger=True)

    assert parse_qs(urlsplit(poging.locations[1]).query)["error"] == ["access_denied"]
    assert_geweigerd(poging, "mislukt", 400)
    assert_geen_toegang(oidc_app, client)


def _met_state(state: str) -> Callable[[str], str]:
    def vervang(url: str) -> str:
        delen = urlsplit(url)
        vraag = {naam: waarden[0] for naam, waarden in parse_qs(delen.query).items()}
        return urlunsplit(delen._replace(query=urlencode({**vraag, "state": state})))

    return vervang


def test_callback_with_a_forged_state_is_refused(
    oidc_app: Flask, oidc_provider: Provider, db: Session
) -> None:
    burger = burger_met_dossier(db)
    oidc_provider.zet_gebruiker("digid-vals", {"bsn": burger.bsn, "acr": ACR_SUBSTANTIEEL})
    client = oidc_app.test_client()

    poging = log_in_via_provider(
        client, oidc_provider, start=DIGID, sub="digid-vals", terug_url=_met_state("vervalst")
    )

    assert_geweigerd(poging, "mislukt", 400)
    assert_geen_toegang(oidc_app, client)


def test_callback_opened_in_another_browser_is_refused(
    oidc_app: Flask, oidc_provider: Provider, db: Session
) -> None:
    # Login CSRF: an attacker's own code and state, pushed into the victim's browser.
    burger = burger_met_dossier(db)
    oidc_provider.zet_gebruiker("digid-ander", {"bsn": burger.bsn, "acr": ACR_SUBSTANTIEEL})
    aanvaller, slachtoffer = oidc_app.test_client(), oidc_app.test_client()
    begin = aanvaller.get(DIGID)
    terug = oidc_provider.beslis(begin.headers["Location"], sub="digid-ander")

    antwoord = slachtoffer.get(terug.removeprefix("http://portal.test"))

    assert antwoord.status_code == 400
    assert UITLEG["mislukt"] in antwoord.get_data(as_text=True)
    assert_geen_toegang(oidc_app, slachtoffer)


def test_callback_cannot_be_used_twice(
    oidc_app: Flask, oidc_provider: Provider, db: Session
) -> None:
    burger = burger_met_dossier(db)
    oidc_provider.zet_gebruiker("digid-twee-keer", {"bsn": burger.bsn, "acr": ACR_SUBSTANTIEEL})
    client = oidc_app.test_client()
    poging = log_in_via_provider(client, oidc_provider, start=DIGID, sub="digid-twee-keer")
    assert poging.antwoord.status_code == 302
    client.post("/uitloggen", data={"csrf_token": csrf_token(client, "/mijn-dossier")})

    nog_eens = client.get(poging.locations[1].removeprefix("http://portal.test"))

    assert nog_eens.status_code == 400
    assert _aantal(oidc_app, Sessie, Sessie.beeindigd_op.is_(None)) == 0


# --- Configurable claim names -------------------------------------------------------------


def test_bsn_and_level_are_read_from_the_configured_claim_names(
    maak_oidc_app: Callable[..., Flask],
    oidc_provider: Provider,
    db: Session,
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = maak_oidc_app(
        BURGER_BSN_CLAIM="urn:nl:bsn",
        BURGER_LOA_CLAIM="loa",
        BURGER_LOA_WAARDEN=["http://eidas.europa.eu/LoA/substantial"],
    )
    burger = burger_met_dossier(db)
    ander = burger_met_dossier(db)
    # The usual claim names carry someone else's BSN and a too low level: they must be ignored.
    oidc_provider.zet_gebruiker(
        "digid-eigen-namen",
        {
            "urn:nl:bsn": burger.bsn,
            "loa": "http://eidas.europa.eu/LoA/substantial",
            "bsn": ander.bsn,
            "acr": ACR_BASIS,
        },
    )
    client = app.test_client()

    poging = log_in_via_provider(client, oidc_provider, start=DIGID, sub="digid-eigen-namen")

    assert poging.antwoord.headers["Location"] == "/mijn-dossier"
    assert _aantal(app, Sessie, Sessie.burger_id == burger.id) == 1
    assert _aantal(app, Sessie) == 1
    assert_bsn_nergens(burger.bsn, poging, client, caplog)


def test_bsn_only_under_the_default_name_is_missing_when_another_name_is_configured(
    maak_oidc_app: Callable[..., Flask], oidc_provider: Provider, db: Session
) -> None:
    app = maak_oidc_app(BURGER_BSN_CLAIM="urn:nl:bsn")
    burger = burger_met_dossier(db)
    oidc_provider.zet_gebruiker("digid-oude-naam", {"bsn": burger.bsn, "acr": ACR_SUBSTANTIEEL})
    client = app.test_client()

    poging = log_in_via_provider(client, oidc_provider, start=DIGID, sub="digid-oude-naam")

    assert_geweigerd(poging, "gegevens_ontbreken", 403)
    assert_geen_toegang(app, client)


# --- Medewerkers: the organisation's login -------------------------------------------------


def test_medewerker_with_a_role_and_mfa_lands_on_the_medewerker_start(
    oidc_app: Flask, oidc_provider: Provider
) -> None:
    oidc_provider.zet_gebruiker(
        "mw-anna",
        {
            "roles": ["casemanager"],
            "amr": ["pwd", "mfa"],
            "name": "Anna de Vries",
            "email": "anna.devries@uwv.example",
        },
    )
    client = oidc_app.test_client()

    poging = log_in_via_provider(client, oidc_provider, start=MEDEWERKER, sub="mw-anna")

    assert poging.antwoord.status_code == 302
    assert poging.antwoord.headers["Location"] == "/medewerker/"
    [medewerker] = _medewerkers(oidc_app)
    assert medewerker.oidc_sub == "mw-anna"
    assert medewerker.rollen == "casemanager"
    assert medewerker.naam == "Anna de Vries"
    assert medewerker.email == "anna.devries@uwv.example"
    assert _aantal(oidc_app, Sessie, Sessie.medewerker_id == medewerker.id) == 1
    assert client.get("/medewerker/").status_code == 200
    # A staff session is not a burger session.
    assert client.get("/mijn-dossier").status_code == 302


def test_medewerker_roles_follow_the_provider_at_every_login(
    oidc_app: Flask, oidc_provider: Provider
) -> None:
    oidc_provider.zet_gebruiker("mw-bram", {"roles": ["casemanager"], "amr": ["mfa"]})
    log_in_via_provider(oidc_app.test_client(), oidc_provider, start=MEDEWERKER, sub="mw-bram")
    oidc_provider.zet_gebruiker(
        "mw-bram", {"roles": ["teamleider", "onbekende-rol"], "amr": ["mfa"]}
    )
    client = oidc_app.test_client()

    poging = log_in_via_provider(client, oidc_provider, start=MEDEWERKER, sub="mw-bram")

    assert poging.antwoord.headers["Location"] == "/medewerker/"
    [medewerker] = _medewerkers(oidc_app)
    assert medewerker.rollen == "teamleider"
    assert client.get("/medewerker/").status_code == 200


def test_existing_medewerker_is_found_by_sub_and_keeps_one_row(
    oidc_app: Flask, oidc_provider: Provider, db: Session
) -> None:
    bestaand = maak_medewerker(db, oidc_sub="mw-carla", rollen="teamleider")
    db.commit()
    oidc_provider.zet_gebruiker(
        "mw-carla", {"roles": "casemanager beheerder", "amr": ["otp"], "name": "Carla Jansen"}
    )

    poging = log_in_via_provider(
        oidc_app.test_client(), oidc_provider, start=MEDEWERKER, sub="mw-carla"
    )

    assert poging.antwoord.status_code == 302
    [medewerker] = _medewerkers(oidc_app)
    assert medewerker.id == bestaand.id
    assert medewerker.rollen == "casemanager,beheerder"
    assert medewerker.naam == "Carla Jansen"


@pytest.mark.parametrize(
    ("claims", "reden"),
    [
        pytest.param({"roles": ["casemanager"]}, "mfa_vereist", id="zonder-amr"),
        pytest.param(
            {"roles": ["casemanager"], "amr": ["pwd"]}, "mfa_vereist", id="alleen-wachtwoord"
        ),
        pytest.param({"roles": ["schoonmaker"], "amr": ["mfa"]}, "geen_rol", id="onbekende-rol"),
        pytest.param({"amr": ["mfa"]}, "geen_rol", id="zonder-rollen"),
    ],
)
def test_medewerker_without_mfa_or_a_known_role_is_refused(
    oidc_app: Flask, oidc_provider: Provider, claims: dict[str, object], reden: str
) -> None:
    oidc_provider.zet_gebruiker(f"mw-{reden}", claims)
    client = oidc_app.test_client()

    poging = log_in_via_provider(client, oidc_provider, start=MEDEWERKER, sub=f"mw-{reden}")

    assert_geweigerd(poging, reden, 403)
    assert_geen_toegang(oidc_app, client)
    assert _medewerkers(oidc_app) == []
    # Staff are sent back to their own login, not to the citizens' DigiD page.
    assert 'href="/medewerker/inloggen"' in poging.antwoord.get_data(as_text=True)


def test_medewerker_without_mfa_may_log_in_when_mfa_is_not_required(
    maak_oidc_app: Callable[..., Flask], oidc_provider: Provider
) -> None:
    app = maak_oidc_app(MEDEWERKER_MFA_VEREIST=False)
    oidc_provider.zet_gebruiker("mw-zonder-mfa", {"roles": ["casemanager"]})

    poging = log_in_via_provider(
        app.test_client(), oidc_provider, start=MEDEWERKER, sub="mw-zonder-mfa"
    )

    assert poging.antwoord.headers["Location"] == "/medewerker/"


def test_medewerker_who_denies_at_the_provider_is_refused(
    oidc_app: Flask, oidc_provider: Provider
) -> None:
    client = oidc_app.test_client()

    poging = log_in_via_provider(client, oidc_provider, start=MEDEWERKER, sub=None, weiger=True)

    assert_geweigerd(poging, "mislukt", 400)
    assert_geen_toegang(oidc_app, client)
    assert _medewerkers(oidc_app) == []


# --- Each app its own client ---------------------------------------------------------------


def test_each_app_logs_in_with_its_own_client_settings(
    maak_oidc_app: Callable[..., Flask], oidc_provider: Provider
) -> None:
    eerste = maak_oidc_app(BURGER_OIDC_CLIENT_ID="eerste-portaal")
    tweede = maak_oidc_app(BURGER_OIDC_CLIENT_ID="tweede-portaal")
    zonder_digid = maak_oidc_app(BURGER_OIDC_ISSUER="")

    def client_id(app: Flask) -> list[str]:
        antwoord = app.test_client().get(DIGID)
        return parse_qs(urlsplit(antwoord.headers["Location"]).query)["client_id"]

    assert client_id(eerste) == ["eerste-portaal"]
    assert client_id(tweede) == ["tweede-portaal"]
    assert zonder_digid.test_client().get(DIGID).status_code == 404
