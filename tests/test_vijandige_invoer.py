"""Hostile input into every form and every API field: never a 5xx, never unescaped markup on
a page, nothing stored by a refused form, and a problem body from the API.

The forms are found the way a person finds them: every page a persona can open (derived from
``app.url_map``) is fetched and each POST form on it is filled in as rendered, with one field
(or all of them) replaced by hostile input. A new form is covered without touching this file.
"""

from __future__ import annotations

import io
import os
import uuid
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from portal.models import Base
from portal.models.medewerker import ROLLEN
from tests.api_hulp import PDF, PROBLEEM, dossier_json, maak_systeem
from tests.conftest import log_in
from tests.factories import maak_medewerker
from tests.test_beveiliging_routes import (
    PUBLIEK,
    is_machine,
    is_medewerker,
    methoden,
    pad_voor,
    persoon_met_van_alles,
    regels,
    waarden_voor,
)

# A dozen examples per run keeps the SQLite run quick; CI's PostgreSQL run asks for more
# (Makefile: PORTAL_SWEEP_VOORBEELDEN), since PostgreSQL is where most values are refused.
INSTELLINGEN = settings(
    max_examples=int(os.environ.get("PORTAL_SWEEP_VOORBEELDEN", "12")),
    deadline=None,
    # One example draws a field and a value per API body (eight of them): the filters on
    # generated text (no NUL where a NUL has its own example) reject more than Hypothesis
    # likes, which slows generation but does not narrow what is sent.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
# Markup that would run if a page echoed it unescaped (the pages themselves have no inline
# script and no onerror attributes, so finding these means our input came back raw).
GEVAARLIJK = ("<script>alert(", "<img src=x onerror=", "<svg onload=")
VIJANDIG = [
    "x" * 10_000,
    "<script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "</textarea><svg onload=alert(1)>",
    "' OR 1=1 --",
    "1; DROP TABLE burger; --",
    "\u202egnp.exe",  # right-to-left override
    "Zoë\u200d\u200b",  # zero-width joiner and space
    "e\u0301\u0301\u0301\u0301",  # stacked combining marks
    "🧑🏽‍🦽 👍🏿",
    "\x01\x07\x1b[31m\x7f",
    "\r\nSet-Cookie: x=1",
    "-1",
    "99999999999999999999",
    str(2**64),  # beyond a bigint
    str(-(2**63) - 1),
    "2147483648",  # beyond a PostgreSQL integer
    "１２３",  # fullwidth digits: int() reads them, isdigit() says yes
    "²",  # isdigit() says yes, int() refuses
    "2027-02-30",
    "../../etc/passwd",
    "{{ 7*7 }}",
    "",
    " ",
    "   \t ",
    "\u00a0\u2003",  # no-break and em spaces: blank to a person
    "/\r\n/evil",
    "/mijn-dossier\u2028",
]
NUL = "abc\x00def"
# Blank to a person: only spaces, tabs, line breaks and their Unicode cousins.
witruimte = st.text(st.sampled_from(" \t\n\r\x0b\x0c\u00a0\u2003\u3000"), min_size=1, max_size=8)
controletekens = st.text(st.characters(categories=("Cc", "Cf", "Zl", "Zp")), min_size=1)
getallen = st.integers(min_value=-(2**80), max_value=2**80).map(str)
waarden = st.one_of(
    st.sampled_from([*VIJANDIG, NUL]),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=300),
    st.builds(lambda a, b: a + "<script>alert(1)</script>" + b, st.text(max_size=20), st.text()),
    witruimte,
    controletekens,
    getallen,
    # A NUL anywhere: first, last, or in the middle of ordinary text.
    st.builds(lambda t, i: t[:i] + "\x00" + t[i:], st.text(max_size=20), st.integers(0, 20)),
)
# Wrong types: a list where one value is expected, through repeated form keys. NUL stays out
# of lists: test_a_nul_in_a_repeated_form_key_is_refused covers that on its own.
zonder_nul = waarden.filter(lambda tekst: "\x00" not in tekst)
invoer = st.one_of(waarden, st.lists(zonder_nul, min_size=2, max_size=3))
NIET_TELLEN = {"sessie", "verwerkingslog"}
# Every hostile request this module sent; tests/conftest.py prints the count at the end.
VERZONDEN: list[str] = []  # a refused form may still log that a page was seen


class _Formulieren(HTMLParser):
    """POST forms with their fields as rendered (value, checked box, selected option)."""

    def __init__(self) -> None:
        super().__init__()
        self.formulieren: list[dict[str, Any]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {naam: waarde or "" for naam, waarde in attrs}
        if tag == "form":
            methode = a.get("method", "get").lower()
            self.formulieren.append({"action": a.get("action"), "post": methode == "post"})
            self.formulieren[-1]["velden"] = MultiDict()
            return
        if not self.formulieren or ("name" not in a and tag != "option"):
            return
        velden: MultiDict = self.formulieren[-1]["velden"]
        if tag == "input":
            soort = a.get("type", "text")
            if soort in {"checkbox", "radio"}:
                if "checked" in a:
                    velden.add(a["name"], a.get("value", "on"))
                elif a["name"] not in velden:
                    velden.setlist(a["name"], [])
                    if soort == "radio":
                        velden.add(a["name"], a.get("value", ""))
            elif soort not in {"submit", "button", "file"}:
                velden.add(a["name"], a.get("value", ""))
        elif tag == "select":
            self._select = a["name"]
            velden.setlist(a["name"], [])
        elif tag == "option" and self._select:
            if "selected" in a or not velden.getlist(self._select):
                velden.setlist(self._select, [a.get("value", "")])
        elif tag == "textarea":
            self._textarea = a["name"]
            velden.add(a["name"], "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.formulieren:
            self.formulieren[-1]["velden"].setlist(self._textarea, [data])


def _formulieren(client: FlaskClient, paden: list[str]) -> list[dict[str, Any]]:
    gevonden: dict[str, dict[str, Any]] = {}
    for pad in paden:
        antwoord = client.get(pad)
        if antwoord.status_code != 200 or antwoord.mimetype != "text/html":
            antwoord.close()
            continue
        lezer = _Formulieren()
        lezer.feed(antwoord.get_data(as_text=True))
        for formulier in lezer.formulieren:
            actie = urlsplit(formulier["action"] or pad).path
            if formulier["post"] and actie not in {"/uitloggen", "/taal"} | gevonden.keys():
                formulier["pad"], formulier["action"] = pad, actie
                gevonden[actie] = formulier
    return list(gevonden.values())


def _aantallen(db: Session) -> dict[str, int]:
    db.expire_all()
    tabellen = [tabel for tabel in Base.metadata.sorted_tables if tabel.name not in NIET_TELLEN]
    rij = db.execute(
        select(*[select(func.count()).select_from(t).scalar_subquery() for t in tabellen])
    ).one()
    return dict(zip([tabel.name for tabel in tabellen], rij, strict=True))


def _geen_rauwe_opmaak(antwoord, waar: str) -> None:
    html = antwoord.get_data(as_text=True)
    for stuk in GEVAARLIJK:
        assert stuk not in html, f"{waar} echoes {stuk!r} unescaped"


def _vul_in(client: FlaskClient, db: Session, formulieren: list[dict[str, Any]], data: Any) -> None:
    for formulier in formulieren:
        velden: MultiDict = formulier["velden"].copy()
        namen = [naam for naam in velden if naam != "csrf_token"]
        if not namen:
            continue
        waarde = data.draw(invoer, label=formulier["action"])
        gekozen = data.draw(st.sampled_from([*namen, "*"]), label="veld")
        lijst = waarde if isinstance(waarde, list) else [waarde]
        for naam in namen if gekozen == "*" else [gekozen]:
            velden.setlist(naam, lijst)
        voor = _aantallen(db)
        antwoord = client.post(formulier["action"], data=velden)
        VERZONDEN.append(formulier["action"])
        waar = f"POST {formulier['action']} {gekozen}"
        assert antwoord.status_code < 500, waar
        if any("\x00" in stuk for stuk in lijst):
            assert antwoord.status_code == 400, waar  # refused at the door (portal/web.py)
        if antwoord.status_code >= 400:
            assert _aantallen(db) == voor, f"{waar} refused, but stored something"
        _geen_rauwe_opmaak(antwoord, waar)
        if antwoord.status_code in (302, 303):
            # What was stored is shown on the next page: it must come back escaped.
            volgende = client.get(antwoord.headers["Location"])
            assert volgende.status_code < 500, waar
            _geen_rauwe_opmaak(volgende, f"{waar} -> {antwoord.headers['Location']}")
        _geen_rauwe_opmaak(client.get(formulier["pad"]), f"{waar} -> {formulier['pad']}")


@pytest.fixture
def demo_app(maak_app):
    # Demo mode adds the pilot's public forms, so every form there is gets hostile input.
    return maak_app(PORTAL_DEMO=True)


@pytest.fixture
def demo_db(demo_app):
    session = demo_app.extensions["portal.sessionmaker"]()
    yield session
    session.close()


@pytest.fixture
def burger_formulieren(demo_app, demo_db, tmp_path):
    data = persoon_met_van_alles(demo_app, demo_db, tmp_path)
    client = demo_app.test_client()
    log_in(client, data["burger"])
    paden = [
        pad_voor(demo_app, regel, data)
        for regel in regels(demo_app)
        if "GET" in methoden(regel)
        and not is_machine(regel)
        and not is_medewerker(regel)
        and (regel.endpoint not in PUBLIEK or regel.endpoint == "dossier.start")
    ]
    formulieren = _formulieren(client, paden)
    # The sweep must really find the burger's forms, not silently test nothing.
    acties = {formulier["action"] for formulier in formulieren}
    assert {"/inzage/aanvragen", "/bel-mij-terug", "/spreekuur/voorkeur"} <= acties, acties
    taak = data["taak"].id  # the upload (text where a file belongs) and "ik heb dit niet"
    assert {f"/taken/{taak}/bestanden", f"/taken/{taak}/niet-beschikbaar"} <= acties, acties
    return client, formulieren


@pytest.fixture
def publieke_formulieren(demo_app, demo_db, tmp_path):
    data = persoon_met_van_alles(demo_app, demo_db, tmp_path)
    client = demo_app.test_client()
    paden = [
        pad_voor(demo_app, regel, data)
        for regel in regels(demo_app)
        if "GET" in methoden(regel) and regel.endpoint in PUBLIEK and regel.endpoint != "static"
    ]
    formulieren = [
        formulier
        for formulier in _formulieren(client, paden)
        # Choosing a demo persona logs the client in; that form is tested in test_demo.py.
        if formulier["action"] != "/demo/inloggen"
    ]
    acties = {formulier["action"] for formulier in formulieren}
    assert "/pilot" in acties, acties
    return client, formulieren


@pytest.fixture
def medewerker_formulieren(demo_app, demo_db, tmp_path):
    data = persoon_met_van_alles(demo_app, demo_db, tmp_path)
    medewerker = maak_medewerker(demo_db, rollen=",".join(ROLLEN))
    demo_db.commit()
    client = demo_app.test_client()
    log_in(client, medewerker)
    paden = [
        pad_voor(demo_app, regel, data)
        for regel in regels(demo_app)
        if "GET" in methoden(regel) and is_medewerker(regel)
    ]
    formulieren = _formulieren(client, paden)
    acties = {formulier["action"] for formulier in formulieren}
    assert len(formulieren) >= 8, acties
    return client, formulieren


@INSTELLINGEN
@given(data=st.data())
def test_hostile_input_in_any_burger_form_is_refused_or_stored_escaped(
    burger_formulieren, demo_db, data
):
    client, formulieren = burger_formulieren
    _vul_in(client, demo_db, formulieren, data)


@INSTELLINGEN
@given(data=st.data())
def test_hostile_input_in_any_public_form_is_refused_or_stored_escaped(
    publieke_formulieren, demo_db, data
):
    client, formulieren = publieke_formulieren
    _vul_in(client, demo_db, formulieren, data)


def test_a_nul_in_a_repeated_form_key_is_refused(burger_formulieren, demo_db):
    client, formulieren = burger_formulieren
    formulier = next(f for f in formulieren if f["action"] == "/spreekuur/voorkeur")
    velden: MultiDict = formulier["velden"].copy()
    velden.setlist("dagdelen", ["ochtend", NUL])
    voor = _aantallen(demo_db)
    assert client.post("/spreekuur/voorkeur", data=velden).status_code == 400
    assert client.get("/?x=1&x=" + "%00").status_code == 400
    assert _aantallen(demo_db) == voor


@INSTELLINGEN
@given(data=st.data())
def test_hostile_input_in_any_staff_form_is_refused_or_stored_escaped(
    medewerker_formulieren, demo_db, data
):
    client, formulieren = medewerker_formulieren
    _vul_in(client, demo_db, formulieren, data)


# --- the API ------------------------------------------------------------------------------------

json_waarden = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=False),
        waarden.filter(lambda tekst: "\x00" not in tekst) | st.just(NUL),
    ),
    lambda kinderen: st.lists(kinderen, max_size=4) | st.dictionaries(st.text(), kinderen),
    max_leaves=8,
) | st.just(list(range(5000)))  # a huge array


@pytest.fixture
def api(demo_app, demo_db, tmp_path):
    data = persoon_met_van_alles(demo_app, demo_db, tmp_path)
    kenmerk = data["dossier"].kenmerk
    lichamen = {
        "/api/v1/dossiers": lambda: dossier_json(),
        f"/api/v1/trajecten/{data['traject'].id}/statuswijzigingen": lambda: {
            "status": "geen_wijziging",
            "toelichting": "Besluit genomen",
        },
        f"/api/v1/dossiers/{kenmerk}/servicecalls": lambda: {
            "van": "2030-03-05T10:00:00+01:00",
            "tot": "2030-03-05T12:00:00+01:00",
            "telefoon": "020 123 4567",
            "belnummer": "088 - 898 92 94",
        },
        f"/api/v1/dossiers/{kenmerk}/spreekuren": lambda: {
            "begin": "2030-03-05T10:00:00+01:00",
            "eind": "2030-03-05T10:45:00+01:00",
            "vorm": "fysiek",
            "kantoor": "utrecht",
        },
        f"/api/v1/dossiers/{kenmerk}/dagloonberekeningen": lambda: {
            "referteperiode_van": "2025-01-01",
            "referteperiode_tot": "2025-12-31",
            "maanden": [{"maand": "2025-01", "loon": "3000.00"}],
            "dagen": 261,
            "maximum_dagloon": "290.67",
            "dagloon": "23.37",
        },
        f"/api/v1/spreekuren/{data['spreekuur'].id}/verplaatsing": lambda: {
            "begin": "2030-03-06T10:00:00+01:00",
            "eind": "2030-03-06T10:45:00+01:00",
        },
        f"/api/v1/dossiers/{kenmerk}/betalingen": lambda: {
            "extern_id": f"NB-{uuid.uuid4().hex[:8]}",
            "traject_soort": "dagloon",
            "besluit_op": "2025-11-20",
            "nabetaling": "100.00",
            "verwacht_op": "2030-01-10",
            "perioden": [
                {
                    "van": "2024-01-01",
                    "tot": "2024-12-31",
                    "dagloon_oud": "90.00",
                    "dagloon_nieuw": "91.00",
                    "bedrag": "100.00",
                }
            ],
        },
        f"/api/v1/dossiers/{kenmerk}/zaken": lambda: {
            "extern_id": f"BZ-{uuid.uuid4().hex[:8]}",
            "soort": "bezwaar",
            "besluit_op": "2025-11-20",
            "ontvangen_op": "2025-11-25",
            "status": "verdaagd",
            "verdaging_reden": "Advies nodig.",
        },
    }
    return demo_app.test_client(), maak_systeem(demo_app), lichamen


@INSTELLINGEN
@given(data=st.data())
def test_hostile_json_in_any_api_field_gets_a_problem_body_never_a_5xx(api, data):
    client, systeem, lichamen = api
    for pad, maak in lichamen.items():
        lichaam = maak()
        veld = data.draw(st.sampled_from([*lichaam, "<extra>"]), label=pad)
        lichaam[veld] = data.draw(json_waarden, label=veld)
        if data.draw(st.booleans(), label="whole body replaced"):
            lichaam = data.draw(json_waarden, label="body")
        antwoord = client.post(
            pad,
            json=lichaam,
            headers={
                "Authorization": f"Bearer {systeem.token}",
                "Idempotency-Key": uuid.uuid4().hex,
            },
        )
        VERZONDEN.append(pad)
        assert antwoord.status_code < 500, (pad, veld, antwoord.get_data(as_text=True))
        if antwoord.status_code >= 400:
            assert antwoord.mimetype == PROBLEEM, (pad, veld, antwoord.status_code)
            assert antwoord.get_json()["status"] == antwoord.status_code


@INSTELLINGEN
@given(data=st.data())
def test_hostile_fields_of_a_letter_upload_get_a_problem_body_never_a_5xx(api, data):
    client, systeem, lichamen = api
    kenmerk = next(p for p in lichamen if p.endswith("/betalingen")).split("/")[4]
    velden = {
        "extern_id": f"B-{uuid.uuid4().hex[:8]}",
        "soort": "besluit",
        "datum": "2025-11-20",
        "titel": "Besluit",
        "traject_soort": "dagloon",
    }
    veld = data.draw(st.sampled_from([*velden, "<extra>"]), label="veld")
    velden[veld] = data.draw(waarden | st.just(NUL), label=veld)
    pad = f"/api/v1/dossiers/{kenmerk}/brieven"
    antwoord = client.post(
        pad,
        data={**velden, "bestand": (io.BytesIO(PDF), "brief.pdf")},
        content_type="multipart/form-data",
        headers={"Authorization": f"Bearer {systeem.token}", "Idempotency-Key": uuid.uuid4().hex},
    )
    VERZONDEN.append(pad)
    assert antwoord.status_code < 500, (veld, antwoord.get_data(as_text=True))
    if antwoord.status_code >= 400:
        assert antwoord.mimetype == PROBLEEM, (veld, antwoord.status_code)


# --- hostile values in the path ------------------------------------------------------------------

padwaarden = st.one_of(
    getallen,
    st.sampled_from(["0", "-1", str(2**31), str(2**63), str(2**64), "1%00", "%00", "WIA-1%00"]),
    st.builds(lambda t, i: t[:i] + "%00" + t[i:], st.just("WIA-1000001"), st.integers(0, 11)),
    st.sampled_from(["%0d%0a", "%09", "%e2%80%a8", "%20%20", "..%2f..%2f", "%ff%fe"]),
)


def _met_vijandig_pad(app, regel, data, waarde: str) -> str:
    """The rule's URL with ``waarde`` in place of its last variable part."""
    pad = pad_voor(app, regel, data)
    echte = [str(v) for v in waarden_voor(regel, data).values()]
    if not echte:
        return pad
    voor, _, na = pad.rpartition(echte[-1])
    return voor + waarde + na


@pytest.fixture
def padregels(demo_app, demo_db, tmp_path):
    data = persoon_met_van_alles(demo_app, demo_db, tmp_path)
    medewerker = maak_medewerker(demo_db, rollen=",".join(ROLLEN))
    demo_db.commit()
    regels_met_pad = [r for r in regels(demo_app) if r.arguments and r.endpoint != "static"]
    assert len(regels_met_pad) >= 20, [r.rule for r in regels_met_pad]
    burger, staf = demo_app.test_client(), demo_app.test_client()
    log_in(burger, data["burger"])
    log_in(staf, medewerker)
    return demo_app, data, regels_met_pad, burger, staf, maak_systeem(demo_app)


@INSTELLINGEN
@given(data=st.data())
def test_hostile_values_in_every_url_path_never_give_a_5xx(padregels, data):
    app, gegevens, regels_met_pad, burger, staf, systeem = padregels
    for regel in regels_met_pad:
        waarde = data.draw(padwaarden, label=regel.rule)
        pad = _met_vijandig_pad(app, regel, gegevens, waarde)
        client = staf if is_medewerker(regel) else burger
        koppen = {"Authorization": f"Bearer {systeem.token}"} if is_machine(regel) else {}
        for methode in methoden(regel):
            if methode == "POST":
                koppen = {**koppen, "Idempotency-Key": uuid.uuid4().hex}
            antwoord = client.open(pad, method=methode, headers=koppen, json={})
            VERZONDEN.append(regel.rule)
            assert antwoord.status_code < 500, (methode, pad, antwoord.status_code)
            if "%00" in waarde:
                assert antwoord.status_code in (400, 404, 405), (methode, pad)
            if pad.startswith("/api/") and antwoord.status_code >= 400:
                assert antwoord.mimetype == PROBLEEM, (methode, pad)
