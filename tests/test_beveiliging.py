import pytest

from portal.config import ConfigError, check_config, load_config


def test_every_page_sends_the_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers


def test_hsts_is_sent_under_https(client):
    response = client.get("/", base_url="https://portal.test")
    assert "max-age=" in response.headers["Strict-Transport-Security"]


def test_pages_carry_no_inline_script(client):
    html = client.get("/").get_data(as_text=True)
    assert "<script>" not in html and "onclick" not in html


def test_a_post_without_csrf_token_is_refused(client):
    response = client.post("/taal", data={"taal": "en"})
    assert response.status_code == 400
    assert "Het formulier is verlopen" in response.get_data(as_text=True)


def test_unknown_pages_answer_a_translated_404(client):
    response = client.get("/bestaat-niet", headers={"Accept-Language": "nl"})
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.get_data(as_text=True)


def test_an_unexpected_error_shows_the_friendly_500_page(app, client):
    @app.get("/kapot")
    def kapot():
        raise RuntimeError("boom")

    response = client.get("/kapot")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.get_data(as_text=True)
    assert "boom" not in response.get_data(as_text=True)


def test_production_refuses_to_start_with_demo_login():
    config = load_config(
        {
            "PORTAL_ENV": "production",
            "PORTAL_DEMO": "1",
            "PORTAL_SECRET_KEY": "x" * 40,
        }
    )
    with pytest.raises(ConfigError, match="PORTAL_DEMO"):
        check_config(config)


def test_production_refuses_to_start_without_secrets():
    with pytest.raises(ConfigError, match="PORTAL_SECRET_KEY"):
        check_config(load_config({"PORTAL_ENV": "production"}))


def test_production_cookies_are_secure_httponly_and_samesite():
    config = load_config({"PORTAL_ENV": "production"})
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert config["MEDEWERKER_MFA_VEREIST"] is True


def test_demo_login_is_absent_when_demo_mode_is_off(client):
    assert client.get("/demo/inloggen").status_code == 404


def test_demo_login_works_in_demo_mode(maak_app):
    app = maak_app(PORTAL_DEMO=True)
    assert app.test_client().get("/demo/inloggen").status_code == 200


def test_login_endpoints_are_rate_limited_with_a_translated_page(maak_app):
    app = maak_app(RATELIMIT_ENABLED=True, RATELIMIT_INLOGGEN="3 per minute")
    client = app.test_client()
    antwoorden = [client.get("/inloggen/digid").status_code for _ in range(4)]
    assert antwoorden[-1] == 429
    assert 429 not in antwoorden[:3]
    assert "Even geduld" in client.get("/inloggen/digid").get_data(as_text=True)


def test_personal_pages_are_not_cached(client):
    assert client.get("/").headers["Cache-Control"] == "no-store"


def test_demo_login_returns_to_the_page_the_person_wanted(maak_app, db):
    from tests.conftest import csrf_token
    from tests.factories import maak_traject

    traject = maak_traject(db)
    db.commit()
    client = maak_app(PORTAL_DEMO=True).test_client()
    client.get("/inloggen?terug=/berichten")

    response = client.post(
        "/demo/inloggen",
        data={
            "burger": traject.dossier.burger_id,
            "csrf_token": csrf_token(client, "/demo/inloggen"),
        },
    )

    assert response.headers["Location"] == "/berichten"
