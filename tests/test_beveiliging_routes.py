"""The security sweep over every route: ownership (a foreign id answers 404), staff roles,
CSRF on every state-changing form, security headers, cookie flags and rate limits.

The routes come from ``app.url_map``, so a new route is covered (or fails) automatically.
Already proven elsewhere and not repeated here: idle and absolute session expiry
(tests/test_sessies.py), the login rate limit (tests/test_beveiliging.py), the API rate
limit per token (tests/test_api.py), the feedback rate limit (tests/test_feedback.py).
"""

from __future__ import annotations

import re
from datetime import time, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.routing import Rule

from portal.kalender import is_werkdag
from portal.models import Base, Servicecall, Terugbelverzoek, utcnow
from portal.models.medewerker import ROLLEN
from portal.services import (
    berichten,
    bezwaren,
    inzagedocumenten,
    mijnbrieven,
    spreekuren,
    taakinlevering,
    taken,
    toezeggingen,
    vertegenwoordiging,
    vragen,
)
from portal.services import inzage as inzageservice
from portal.services.belmomenten import lokaal
from portal.web import CSP
from tests.api_hulp import PDF, maak_systeem
from tests.conftest import csrf_token, log_in
from tests.factories import (
    maak_burger,
    maak_dossier,
    maak_inzageverzoek,
    maak_medewerker,
    maak_traject,
)

TRACE = "s" * 32
MUTEREND = {"POST", "PUT", "PATCH", "DELETE"}

# Public on purpose; everything else needs a login. Each entry says why it may be public.
PUBLIEK = {
    "dossier.start",  # start page: explains the portal and links to the login
    "auth.inloggen",  # the login pages themselves
    "auth.digid_start",
    "auth.digid_terug",  # the OIDC state and code are checked there
    "auth.medewerker_inloggen",
    "auth.medewerker_start",
    "auth.medewerker_terug",
    "auth.uitgelogd",
    "auth.begeleider",  # a begeleider's login: their own DigiD follows, the code is checked there
    "auth.begeleider_kies",  # only with the list a begeleider's DigiD login just put in the session
    "auth.uitloggen",  # ends whatever session there is; CSRF-protected
    "taal.wissel_taal",  # language choice, CSRF-protected
    "publiek.favicon",  # the icon browsers ask for on their own
    "demo.personas",  # demo mode only (refused in production configuration)
    "demo.kies",
    "demo.verzonden",
    "pilot.meedoen",  # pilot join: demo mode only, a join code
    "pilot.taak",
    "pilot.vragenlijst",
    "pilot.bedankt",
    "publiek.toegankelijkheid",
    "publiek.privacy",
    "inzage.uw_rechten",
    "dossier.verwachten",  # "wat kunt u verwachten": general information
    "voorkeuren.afmelden",  # one-click unsubscribe: the signed token is the proof
    "voorkeuren.email_bevestigen",  # the signed link proves the mailbox
    "static",
    "voorkeuren.oud_adres",  # a redirect to the page's new address, which asks for the login
    "gezondheid.leeft",  # health checks for the load balancer: no personal data
    "gezondheid.klaar",
}
# Machine endpoints: the API and the metrics check bearer tokens, the webhooks Twilio's
# signature.
MACHINE = ("api.", "webhooks.", "metrieken.")


def regels(app: Flask) -> list[Rule]:
    return sorted(app.url_map.iter_rules(), key=lambda regel: (regel.rule, regel.endpoint))


def is_machine(regel: Rule) -> bool:
    return regel.endpoint.startswith(MACHINE)


def is_medewerker(regel: Rule) -> bool:
    return regel.rule.startswith("/medewerker") and not regel.endpoint.startswith("auth.")


def methoden(regel: Rule) -> list[str]:
    return sorted((regel.methods or set()) - {"HEAD", "OPTIONS"})


def _stand(db: Session) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the sessions (whose last-activity time moves by design)."""
    db.expire_all()
    return {
        tabel.name: sorted(map(tuple, db.execute(select(tabel)).all()), key=repr)
        for tabel in Base.metadata.sorted_tables
        if tabel.name != "sessie"
    }


@pytest.fixture
def demo_app(maak_app) -> Flask:
    # Demo mode adds the demo and pilot routes, so the sweep sees every route there is.
    return maak_app(PORTAL_DEMO=True)


@pytest.fixture
def demo_db(demo_app):
    session = demo_app.extensions["portal.sessionmaker"]()
    yield session
    session.close()


def persoon_met_van_alles(app: Flask, db: Session, tmp_path) -> dict[str, Any]:
    """A person with one of every kind of resource, as the real services make them."""
    app.config["DOCUMENTEN_MAP"] = str(tmp_path / "documenten")
    nu = utcnow()
    burger = maak_burger(db)
    dossier = maak_dossier(db, burger=burger)
    traject = maak_traject(db, dossier=dossier, route=("in_onderzoek", "onderzoek_afgerond"))
    bericht = berichten.statusbericht(
        traject, "onderzoek_afgerond", toelichting=None, volgende_update_op=None
    )
    db.add(bericht)
    medewerker = maak_medewerker(db, rollen="casemanager")
    servicecall = Servicecall(
        dossier_id=dossier.id,
        traject_id=traject.id,
        onderwerp="onderzoek_afgerond",
        status="gepland",
        venster_van=nu + timedelta(days=3),
        venster_tot=nu + timedelta(days=3, hours=2),
        telefoon="+31612345678",
        belnummer="088 - 898 92 94",
        belcode="4821",
        versie=1,
        medewerker_id=medewerker.id,
    )
    terugbelverzoek = Terugbelverzoek(
        burger_id=burger.id,
        dossier_id=dossier.id,
        dag=(nu + timedelta(days=2)).date(),
        dagdeel="ochtend",
        telefoon="+31612345678",
        onderwerp="Vraag over mijn brief",
        status="open",
        beloofd_voor=nu + timedelta(days=2),
    )
    db.add_all([servicecall, terugbelverzoek])
    db.commit()
    verzoek = maak_inzageverzoek(db, burger=burger)
    document = inzagedocumenten.voeg_document_toe(
        db,
        verzoek,
        bestandsnaam="inzage.pdf",
        data=PDF,
        map_=app.config["DOCUMENTEN_MAP"],
        max_bytes=1024 * 1024,
        medewerker=medewerker,
        trace_id=TRACE,
    )
    inzageservice.rond_af(
        db, verzoek, naar="verstrekt", bericht=None, medewerker=medewerker, trace_id=TRACE
    )
    dag = (nu + timedelta(days=10)).date()
    while not is_werkdag(dag):  # a spreekuur is on a working day, within office hours
        dag += timedelta(days=1)
    begin = lokaal(dag, time(10, 0))
    spreekuur = spreekuren.plan(
        db,
        dossier,
        begin=begin,
        eind=begin + timedelta(minutes=45),
        vorm="fysiek",
        kantoor="utrecht",
        nu=nu,
    )
    toezegging = toezeggingen.open_voor(db, f"traject:{traject.id}")
    assert toezegging is not None
    brief, _ = mijnbrieven.lever(
        db,
        dossier,
        mijnbrieven.Aanlevering(
            extern_id=f"B-{dossier.id}",
            soort="besluit",
            datum=nu.date() - timedelta(days=300),
            titel="Besluit",
            traject_soort="dagloon",
            bestandsnaam="besluit.pdf",
            data=PDF,
        ),
        map_=app.config["DOCUMENTEN_MAP"],
        max_bytes=1024 * 1024,
        nu=nu,
        api_client_id=None,
        trace_id=TRACE,
    )
    zaak, _ = bezwaren.lever(
        db,
        dossier,
        bezwaren.Zaakinvoer(
            extern_id=f"BZ-{dossier.id}",
            soort="bezwaar",
            besluit_op=nu.date() - timedelta(days=300),
            ontvangen_op=nu.date() - timedelta(days=290),
            status="in_behandeling",
        ),
        nu=nu,
        api_client_id=None,
    )
    vraag = vragen.stel(
        db,
        burger,
        dossier,
        soort="vraag",
        onderwerp_="algemeen",
        tekst="Wanneer hoor ik meer?",
        nu=nu,
        trace_id=TRACE,
    )
    taak = taken.vraag(
        db,
        dossier,
        taken.Taakinvoer(titel="Stuur uw loonstroken", uiterlijk=nu.date() + timedelta(days=14)),
        nu=nu,
        trace_id=TRACE,
        medewerker=medewerker,
    )
    taakinlevering.lever(
        db,
        taak,
        [taakinlevering.Bestand("loonstrook.pdf", PDF)],
        map_=app.config["DOCUMENTEN_MAP"],
        nu=nu,
        trace_id=TRACE,
    )
    # Asked again: open, so both of the person's forms are on its page, with a file sent.
    taken.vraag_opnieuw(
        db,
        taak,
        medewerker,
        reden="Stuur ook die van december.",
        uiterlijk=nu.date() + timedelta(days=14),
        nu=nu,
        trace_id=TRACE,
    )
    begeleider = vertegenwoordiging.nodig_uit(
        db, burger, naam="Anna", email="anna@example.nl", rechten=[], nu=nu
    )
    db.commit()
    return {
        "begeleider": begeleider,
        "vraag": vraag,
        "taak": taak,
        "taakbestand": taak.bestanden[0],
        "brief": brief,
        "zaak": zaak,
        "burger": burger,
        "dossier": dossier,
        "traject": traject,
        "toezegging": toezegging,
        "bericht": bericht,
        "servicecall": servicecall,
        "terugbelverzoek": terugbelverzoek,
        "inzageverzoek": verzoek,
        "document": document,
        "spreekuur": spreekuur,
    }


def waarden_voor(regel: Rule, data: dict[str, Any]) -> dict[str, Any]:
    """Real values for the rule's parameters; an unknown parameter fails loudly, so a new
    route with an id gets its resource added to ``persoon_met_van_alles``."""
    blueprint = regel.endpoint.split(".")[0]
    bekend = {
        "bericht_id": data["bericht"].id,
        "servicecall_id": data["servicecall"].id,
        "spreekuur_id": data["spreekuur"].id,
        "document_id": data["document"].id,
        "traject_id": data["traject"].id,
        "toezegging_id": data["toezegging"].id,
        "brief_id": data["brief"].id,
        "zaak_id": data["zaak"].id,
        "vraag_id": data["vraag"].id,
        "taak_id": data["taak"].id,
        "bestand_id": data["taakbestand"].id,
        "vertegenwoordiging_id": data["begeleider"].id,
        "kenmerk": data["dossier"].kenmerk,
        "verzoek_id": (
            data["terugbelverzoek"].id if blueprint == "terugbellen" else data["inzageverzoek"].id
        ),
        "kanaal": "sms",
        "soort": "kwartaalupdate",
        "batch": "batch-1",
        "pilot_id": 1,
        "token": "ongeldig",
        "filename": "css/portal.css",
    }
    ontbrekend = regel.arguments - bekend.keys()
    assert not ontbrekend, f"{regel.rule}: add test data for {sorted(ontbrekend)}"
    return {naam: bekend[naam] for naam in regel.arguments}


def pad_voor(app: Flask, regel: Rule, data: dict[str, Any]) -> str:
    with app.test_request_context():
        adapter = app.url_map.bind("portal.test")
        return adapter.build(regel.endpoint, waarden_voor(regel, data), method=methoden(regel)[0])


# --- a person sees only their own data ----------------------------------------------------------


def _burger_routes_met_id(app: Flask) -> list[Rule]:
    return [
        regel
        for regel in regels(app)
        if any(naam.endswith("_id") or naam == "kenmerk" for naam in regel.arguments)
        and regel.endpoint not in PUBLIEK
        and not is_machine(regel)
        and not is_medewerker(regel)
    ]


def test_every_burger_route_with_an_id_answers_404_to_another_person_and_changes_nothing(
    demo_app, demo_db, tmp_path
):
    data = persoon_met_van_alles(demo_app, demo_db, tmp_path)
    routes = _burger_routes_met_id(demo_app)
    assert len(routes) >= 8, [regel.rule for regel in routes]  # the sweep really found them

    eigenaar = demo_app.test_client()
    log_in(eigenaar, data["burger"])
    ander_burger = maak_dossier(demo_db).burger
    demo_db.commit()
    ander = demo_app.test_client()
    log_in(ander, ander_burger)
    token = csrf_token(ander, "/inzage/aanvragen")
    paden = [(regel, pad_voor(demo_app, regel, data)) for regel in routes]
    for regel, pad in paden:
        if "GET" in methoden(regel):
            # The ids are real: their owner sees the page, so the 404 below means "not yours".
            antwoord = eigenaar.get(pad)
            assert antwoord.status_code == 200, pad
            antwoord.close()  # downloads are streamed from an open file
    voor = _stand(demo_db)  # after the owner's reads, which mark messages read and log

    for regel, pad in paden:
        for methode in methoden(regel):
            if methode == "GET":
                assert ander.get(pad).status_code == 404, pad
            else:
                antwoord = ander.open(pad, method=methode, data={"csrf_token": token})
                assert antwoord.status_code in (403, 404), (methode, pad, antwoord.status_code)
    assert _stand(demo_db) == voor


def test_every_burger_page_sends_an_anonymous_visitor_to_the_login(demo_app, demo_db, tmp_path):
    data = persoon_met_van_alles(demo_app, demo_db, tmp_path)
    client = demo_app.test_client()
    routes = [
        regel
        for regel in regels(demo_app)
        if "GET" in methoden(regel)
        and regel.endpoint not in PUBLIEK
        and not is_machine(regel)
        and not is_medewerker(regel)
    ]
    assert routes
    for regel in routes:
        antwoord = client.get(pad_voor(demo_app, regel, data))
        assert antwoord.status_code in (302, 303), regel.rule
        assert antwoord.headers["Location"].startswith("/inloggen"), regel.rule


# --- staff pages need the right role --------------------------------------------------------------


def _vereiste_rollen(app: Flask, regel: Rule) -> tuple[str, ...]:
    """The roles passed to ``medewerker_vereist``, read from the guard's closure."""
    view = app.view_functions[regel.endpoint]
    vrij = dict(zip(view.__code__.co_freevars, view.__closure__ or (), strict=True))
    assert "rollen" in vrij, f"{regel.endpoint} has no medewerker_vereist guard"
    return tuple(vrij["rollen"].cell_contents)


def _medewerker_routes(app: Flask) -> list[Rule]:
    return [regel for regel in regels(app) if is_medewerker(regel)]


def test_every_staff_route_refuses_staff_without_the_role_burgers_and_visitors(
    demo_app, demo_db, tmp_path
):
    data = persoon_met_van_alles(demo_app, demo_db, tmp_path)
    routes = _medewerker_routes(demo_app)
    assert len(routes) >= 20, [regel.rule for regel in routes]
    burger = demo_app.test_client()
    log_in(burger, data["burger"])
    burger_token = csrf_token(burger, "/inzage/aanvragen")
    anoniem = demo_app.test_client()
    voor = _stand(demo_db)

    for regel in routes:
        rollen = _vereiste_rollen(demo_app, regel)
        assert rollen, f"{regel.endpoint} lets every staff member in"
        andere = ",".join(rol for rol in ROLLEN if rol not in rollen)
        zonder_rol_medewerker = maak_medewerker(demo_db, rollen=andere)
        demo_db.commit()
        zonder_rol = demo_app.test_client()
        log_in(zonder_rol, zonder_rol_medewerker)
        token = csrf_token(zonder_rol, "/medewerker/inloggen")
        pad = pad_voor(demo_app, regel, data)
        for methode in methoden(regel):
            velden = {"csrf_token": token}
            assert zonder_rol.open(pad, method=methode, data=velden).status_code == 403, pad
            als_burger = burger.open(pad, method=methode, data={"csrf_token": burger_token})
            if als_burger.status_code != 403:
                assert als_burger.status_code in (302, 303), (methode, pad)
                assert als_burger.headers["Location"].startswith("/medewerker/inloggen"), pad
            if methode == "GET":
                antwoord = anoniem.get(pad)
                assert antwoord.status_code in (302, 303), pad
                assert antwoord.headers["Location"].startswith("/medewerker/inloggen"), pad
    demo_db.expire_all()
    nu = _stand(demo_db)
    # Only the staff members made for this test were added; nothing else moved.
    assert {naam: rijen for naam, rijen in nu.items() if naam != "medewerker"} == {
        naam: rijen for naam, rijen in voor.items() if naam != "medewerker"
    }


# --- CSRF on every state-changing route ----------------------------------------------------------


def test_every_state_changing_route_refuses_a_request_without_csrf_token(
    demo_app, demo_db, tmp_path
):
    assert demo_app.config.get("WTF_CSRF_ENABLED", True) is True  # the suite keeps CSRF on
    data = persoon_met_van_alles(demo_app, demo_db, tmp_path)
    beheerder = maak_medewerker(demo_db, rollen=",".join(ROLLEN))
    demo_db.commit()
    burger = demo_app.test_client()
    log_in(burger, data["burger"])
    medewerker = demo_app.test_client()
    log_in(medewerker, beheerder)
    voor = _stand(demo_db)
    routes = [
        regel
        for regel in regels(demo_app)
        if set(methoden(regel)) & MUTEREND
        and not is_machine(regel)
        and regel.endpoint != "voorkeuren.afmelden"  # RFC 8058 one-click: the token is the proof
    ]
    assert len(routes) >= 30, [regel.rule for regel in routes]

    for regel in routes:
        client = medewerker if is_medewerker(regel) else burger
        pad = pad_voor(demo_app, regel, data)
        for methode in sorted(set(methoden(regel)) & MUTEREND):
            antwoord = client.open(pad, method=methode, data={"taal": "en", "tekst": "x"})
            assert antwoord.status_code == 400, (methode, pad, antwoord.status_code)
    assert _stand(demo_db) == voor


# --- headers on every response -------------------------------------------------------------------

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _controleer_headers(antwoord, pad: str) -> None:
    for naam, waarde in HEADERS.items():
        assert antwoord.headers.get(naam) == waarde, (pad, naam, antwoord.headers.get(naam))


def test_every_kind_of_response_carries_the_security_headers(demo_app, demo_db, tmp_path):
    data = persoon_met_van_alles(demo_app, demo_db, tmp_path)
    assert "unsafe-inline" not in CSP and "script-src 'self'" in CSP
    anoniem = demo_app.test_client()
    for regel in regels(demo_app):
        if regel.endpoint in PUBLIEK and "GET" in methoden(regel):
            pad = pad_voor(demo_app, regel, data)
            antwoord = anoniem.get(pad)
            _controleer_headers(antwoord, pad)
            antwoord.close()  # static files are streamed from an open file
    burger = demo_app.test_client()
    log_in(burger, data["burger"])
    for pad in ["/mijn-dossier", "/berichten", f"/inzage/{data['inzageverzoek'].id}"]:
        antwoord = burger.get(pad)
        assert antwoord.status_code == 200
        _controleer_headers(antwoord, pad)
    systeem = maak_systeem(demo_app)
    api = anoniem.get(
        f"/api/v1/dossiers/{data['dossier'].kenmerk}",
        headers={"Authorization": f"Bearer {systeem.token}"},
    )
    assert api.status_code == 200
    _controleer_headers(api, "api")
    _controleer_headers(anoniem.get("/api/v1/wijzigingen"), "api 401")
    fout = anoniem.get("/bestaat-niet")
    assert fout.status_code == 404
    _controleer_headers(fout, "404")


def test_hsts_is_sent_on_every_https_response_and_never_over_http(client):
    for pad in ["/", "/inloggen", "/bestaat-niet", "/api/v1/wijzigingen"]:
        veilig = client.get(pad, base_url="https://portal.test")
        assert veilig.headers["Strict-Transport-Security"] == (
            "max-age=63072000; includeSubDomains"
        )
        assert "Strict-Transport-Security" not in client.get(pad).headers


# --- the session cookie ---------------------------------------------------------------------------


def _sessiecookie(antwoord) -> str:
    regels = [
        regel
        for regel in antwoord.headers.getlist("Set-Cookie")
        if regel.startswith(("portal=", "__Host-portal="))
    ]
    assert regels, antwoord.headers.getlist("Set-Cookie")
    return regels[0]


def test_the_session_cookie_is_httponly_and_samesite(client):
    cookie = _sessiecookie(client.get("/inloggen/digid"))
    assert "HttpOnly" in cookie
    assert re.search(r"SameSite=(Lax|Strict)", cookie)


def test_the_production_session_cookie_is_also_secure_and_host_bound(maak_app):
    # PORTAL_ENV=production makes the cookie flags production's; the app is otherwise a test
    # app, so only the cookie is judged here (secrets and OIDC are tested in test_beveiliging).
    app = maak_app(
        PORTAL_ENV="production",
        BURGER_OIDC_ISSUER="https://digid.test",
        BURGER_OIDC_CLIENT_ID="portaal",
        BURGER_OIDC_CLIENT_SECRET="geheim",
        MEDEWERKER_OIDC_ISSUER="https://login.test",
        MEDEWERKER_OIDC_CLIENT_ID="portaal",
        MEDEWERKER_OIDC_CLIENT_SECRET="geheim",
        PUBLIEKE_URL="https://portal.test",
        TWILIO_ACCOUNT_SID="AC" + "0" * 32,
        TWILIO_AUTH_TOKEN="geheim",
        TWILIO_AFZENDER="UWV",
        SMTP_HOST="smtp.test",
        SMS_STILTIJD=True,
        SECRET_KEY="x" * 64,
    )
    client = app.test_client()
    # The start page's language form puts a CSRF token in the session: a cookie is set.
    cookie = _sessiecookie(client.get("/", base_url="https://portal.test"))
    assert cookie.startswith("__Host-portal=")
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Domain=" not in cookie


# --- rate limits ----------------------------------------------------------------------------------


def test_sms_code_verification_is_rate_limited(maak_app):
    app = maak_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://")
    session = app.extensions["portal.sessionmaker"]()
    burger = maak_dossier(session).burger
    session.commit()
    session.close()
    client = app.test_client()
    log_in(client, burger)
    token = csrf_token(client, "/sms-en-e-mail")
    pad = "/sms-en-e-mail/telefoon/code"
    # The view allows 20 guesses a minute: a six-digit code cannot be guessed that way.
    antwoorden = [
        client.post(pad, data={"code": "000000", "csrf_token": token}).status_code
        for _ in range(21)
    ]
    assert 429 not in antwoorden[:20]
    assert antwoorden[20] == 429


def test_the_medewerker_login_start_is_rate_limited(maak_app):
    app = maak_app(RATELIMIT_ENABLED=True, RATELIMIT_INLOGGEN="2 per minute")
    client = app.test_client()
    antwoorden = [client.get("/medewerker/inloggen/start").status_code for _ in range(3)]
    assert 429 not in antwoorden[:2]
    assert antwoorden[2] == 429
