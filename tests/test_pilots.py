"""Usability pilots: the SUS score and its bands, pilot codes, joining with a code as a demo
persona, what is recorded during a task, the questionnaire, the results and the CSV, who may
see what, and that pilots exist in demo mode only."""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import UTC, date, datetime, timedelta
from itertools import chain

import pytest
from sqlalchemy import func, select

from portal import create_app
from portal.config import ConfigError
from portal.models import Deelnemer, Pilot, Taakpoging
from portal.pilot import uitslag as uitslagen
from portal.pilot.deelnemen import SLEUTEL
from portal.services import pilots, sus
from portal.services.pilots import PilotFout
from portal.tijd import vandaag
from tests.conftest import csrf_token, log_in, test_config
from tests.factories import maak_medewerker, maak_traject

NU = datetime(2026, 5, 12, 8, 0, tzinfo=UTC)  # Tuesday 12 May 2026, 10.00 in Amsterdam
OVERZICHT = "/medewerker/pilots"


@pytest.fixture
def demo(maak_app):
    return maak_app(PORTAL_DEMO=True)


@pytest.fixture
def client(demo):
    return demo.test_client()


def _tel(db, model, *voorwaarden):
    db.expire_all()
    return db.scalar(select(func.count()).select_from(model).where(*voorwaarden))


def _persona(db, **velden):
    return maak_traject(db, **velden).dossier.burger


def _pilot(db, *, taken=("Lees uw nieuwste bericht.", "Zet uw voorkeur voor het spreekuur."),
           personas=None, begint_op=None, eindigt_op=None, open_vraag="standaard"):  # fmt: skip
    personas = personas or [_persona(db).id]
    db.commit()
    return pilots.maak_pilot(
        db,
        naam="Pilot cliëntenraad mei",
        begint_op=begint_op or vandaag() - timedelta(days=1),
        eindigt_op=eindigt_op or vandaag() + timedelta(days=7),
        taken=list(taken),
        personas=personas,
        open_vraag=pilots.STANDAARD_OPEN_VRAAG if open_vraag == "standaard" else open_vraag,
        medewerker_id=None,
        vandaag=vandaag(),
    )


def _doe_mee(client, code):
    return client.post("/pilot", data={"code": code, "csrf_token": csrf_token(client, "/pilot")})


def _deelnemer(db):
    db.expire_all()
    return db.scalar(select(Deelnemer).order_by(Deelnemer.id.desc()).limit(1))


def _pogingen(db, deelnemer):
    db.expire_all()
    return db.scalars(
        select(Taakpoging).where(Taakpoging.deelnemer_id == deelnemer.id).order_by(Taakpoging.id)
    ).all()


def _log_in_als(client, db, **velden):
    medewerker = maak_medewerker(db, **velden)
    db.commit()  # SQLite: the login's own session must not wait for this one
    log_in(client, medewerker)


def _csrf_uit(html):
    return html.split('name="csrf_token" value="')[1].split('"')[0]


# --- SUS ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("antwoorden", "verwacht"),
    [
        ([3] * 10, 50.0),  # neutral everywhere
        ([5, 1] * 5, 100.0),  # fully agrees with the positive, fully disagrees with the negative
        ([1, 5] * 5, 0.0),  # the other way round
        # by hand: odd items 3+4+3+2+3 = 15, even items 3+4+3+2+3 = 15, 30 x 2.5
        ([4, 2, 5, 1, 4, 2, 3, 3, 4, 2], 75.0),
        # by hand: odd items 4+3+2+4+1 = 14, even items 2+3+1+4+2 = 12, 26 x 2.5
        ([5, 3, 4, 2, 3, 4, 5, 1, 2, 3], 65.0),
    ],
)
def test_sus_score_follows_brooke(antwoorden, verwacht):
    assert sus.score(antwoorden) == verwacht


@pytest.mark.parametrize("antwoorden", [[3] * 9, [3] * 11, [3] * 9 + [6], [0] + [3] * 9])
def test_sus_score_refuses_incomplete_or_out_of_range_answers(antwoorden):
    with pytest.raises(ValueError):
        sus.score(antwoorden)


@pytest.mark.parametrize(
    ("score", "code"),
    [
        (0, "slecht"),
        (50.9, "slecht"),
        (51, "matig"),
        (67.9, "matig"),
        (68, "goed"),
        (80.3, "goed"),
        (80.4, "uitstekend"),
        (100, "uitstekend"),
    ],
)
def test_sus_bands_follow_bangor_and_the_grade_boundaries(score, code):
    assert sus.oordeel(score).code == code


def test_there_are_ten_statements_with_a_five_point_scale():
    assert len(sus.UITSPRAKEN) == 10
    assert sorted(sus.SCHAAL) == [1, 2, 3, 4, 5]


# --- codes -------------------------------------------------------------------------------


def test_codes_are_six_unambiguous_characters(db):
    codes = {pilots.nieuwe_code(db) for _ in range(300)}
    assert len(codes) > 290  # random, not a counter
    assert all(len(c) == 6 and set(c) <= set(pilots.ALFABET) for c in codes)
    assert not set("".join(codes)) & set("01IO")


def test_a_code_already_in_use_is_never_given_again(db):
    pilot = _pilot(db)
    letters = iter(chain(pilot.code, "BBBBBB"))
    assert pilots.nieuwe_code(db, kies=lambda _alfabet: next(letters)) == "BBBBBB"


def test_a_code_is_read_without_case_or_spaces():
    assert pilots.normaliseer_code(" k7p 2qx\t") == "K7P2QX"


# --- creating a pilot --------------------------------------------------------------------


def test_lead_creates_a_pilot_and_sees_its_code(client, db):
    jan, anneke = _persona(db), _persona(db)
    lieke = maak_medewerker(db, naam="Lieke Janssen", rollen="pilotleider")
    db.commit()
    log_in(client, lieke)
    html = client.get(OVERZICHT).get_data(as_text=True)
    assert jan.naam in html and "Wat zou u willen verbeteren?" in html

    response = client.post(
        OVERZICHT,
        data={
            "naam": "Pilot mei",
            "begint_op": vandaag().isoformat(),
            "eindigt_op": (vandaag() + timedelta(days=3)).strftime("%d-%m-%Y"),
            "taken": "Lees uw nieuwste bericht.\n\n  Zet uw voorkeur voor het spreekuur.  \n",
            "personas": [str(jan.id), str(anneke.id)],
            "open_vraag": "Wat viel u op?",
            "csrf_token": csrf_token(client, OVERZICHT),
        },
    )
    assert response.status_code == 303
    pilot = db.scalar(select(Pilot))
    assert response.headers["Location"].endswith(f"/medewerker/pilots/{pilot.id}")
    assert [t.omschrijving for t in pilot.taken] == [
        "Lees uw nieuwste bericht.",
        "Zet uw voorkeur voor het spreekuur.",
    ]
    assert pilot.personas == [jan.id, anneke.id] and pilot.medewerker_id == lieke.id
    assert pilot.open_vraag == "Wat viel u op?"
    pagina = client.get(response.headers["Location"]).get_data(as_text=True)
    assert pilot.code in pagina and " ".join(pilot.code) in pagina  # shown large, read aloud
    assert pilot.code in client.get(OVERZICHT).get_data(as_text=True)


def test_bad_pilot_shows_every_error_beside_its_field_keeps_input_and_saves_nothing(client, db):
    _persona(db)
    lieke = maak_medewerker(db, rollen="pilotleider")
    db.commit()
    log_in(client, lieke)
    elf = "\n".join(f"Taak {n}" for n in range(11))
    response = client.post(
        OVERZICHT,
        data={
            "naam": "",
            "begint_op": "2026-05-20",
            "eindigt_op": "31-02-2026",
            "taken": elf,
            "open_vraag": "Mijn eigen vraag",
            "csrf_token": csrf_token(client, OVERZICHT),
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'class="foutoverzicht"' in html
    assert 'id="naam-fout"' in html and "Vul de naam van de pilot in." in html
    assert 'id="eindigt_op-fout"' in html and "Vul een datum in zoals 14-02-2027." in html
    assert 'id="taken-fout"' in html and "Schrijf ten hoogste 10 taken op." in html
    assert 'id="personas-fout"' in html and "Kies ten minste 1 persona." in html
    assert "Taak 10" in html and "Mijn eigen vraag" in html and 'value="2026-05-20"' in html
    assert _tel(db, Pilot) == 0


@pytest.mark.parametrize(
    ("velden", "veld", "reden"),
    [
        ({"eindigt_op": date(2026, 5, 1)}, "eindigt_op", "voor_begin"),
        ({"begint_op": date(2026, 4, 1), "eindigt_op": date(2026, 4, 2)}, "eindigt_op", "voorbij"),
        ({"taken": ["x" * 301]}, "taken", "te_lang"),
        ({"taken": ["  ", ""]}, "taken", "leeg"),
        ({"personas": [999_999]}, "personas", "onbekend"),
        ({"naam": "x" * 201}, "naam", "te_lang"),
        ({"open_vraag": "x" * 501}, "open_vraag", "te_lang"),
    ],
)
def test_the_service_refuses_a_bad_pilot(db, velden, veld, reden):
    persona = _persona(db)
    db.commit()
    standaard = {
        "naam": "Pilot",
        "begint_op": date(2026, 5, 10),
        "eindigt_op": date(2026, 5, 20),
        "taken": ["Taak"],
        "personas": [persona.id],
        "open_vraag": None,
    }
    with pytest.raises(PilotFout) as fout:
        pilots.maak_pilot(
            db, **{**standaard, **velden}, medewerker_id=None, vandaag=date(2026, 5, 12)
        )
    assert fout.value.fouten[veld] == reden
    assert _tel(db, Pilot) == 0


# --- joining -----------------------------------------------------------------------------


def test_participant_joins_with_a_code_as_a_persona_with_the_first_task(client, db):
    jan, fatima = _persona(db), _persona(db)
    pilot = _pilot(db, personas=[jan.id, fatima.id])
    client.post("/taal", data={"taal": "en", "csrf_token": csrf_token(client, "/pilot")})

    response = _doe_mee(client, " " + pilot.code.lower()[:3] + " " + pilot.code.lower()[3:])
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/mijn-dossier")
    deelnemer = _deelnemer(db)
    assert deelnemer.pilot_id == pilot.id and deelnemer.burger_id in (jan.id, fatima.id)
    assert deelnemer.taal == "en"
    with client.session_transaction() as sessie:
        token = sessie[SLEUTEL]
        assert sessie["taal"] == "en"
    assert deelnemer.token_hash == hashlib.sha256(token.encode()).hexdigest()
    [poging] = _pogingen(db, deelnemer)
    assert poging.taak_id == pilot.taken[0].id and poging.geeindigd_op is None

    client.post("/taal", data={"taal": "nl", "csrf_token": csrf_token(client, "/pilot")})
    html = client.get("/mijn-dossier").get_data(as_text=True)
    assert '<aside class="taakbalk" aria-label="Pilot">' in html
    assert "Taak 1 van 2:" in html and "Lees uw nieuwste bericht." in html
    assert 'action="/pilot/taak"' in html and 'value="klaar"' in html
    assert html.index('class="taakbalk"') < html.index("<main")


@pytest.mark.parametrize(
    ("code", "begint", "eindigt", "melding"),
    [
        ("ZZZZZZ", -1, 7, "Deze code kennen wij niet."),
        ("", -1, 7, "Vul de code in."),
        (None, 1, 7, "Deze pilot begint op"),
        (None, -10, -1, "Deze pilot is voorbij."),
    ],
    ids=["onbekend", "leeg", "nog-niet-begonnen", "voorbij"],
)
def test_joining_with_a_wrong_code_shows_an_error_and_creates_nothing(
    client, db, code, begint, eindigt, melding
):
    pilot = _pilot(db)
    pilot.begint_op = vandaag() + timedelta(days=begint)
    pilot.eindigt_op = vandaag() + timedelta(days=eindigt)  # as if made back then
    db.commit()
    getypt = pilot.code if code is None else code
    response = _doe_mee(client, getypt)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="code-fout"' in html and melding in html
    assert f'value="{getypt}"' in html if getypt else 'name="code"' in html
    assert _tel(db, Deelnemer) == 0 and _tel(db, Taakpoging) == 0
    with client.session_transaction() as sessie:
        assert SLEUTEL not in sessie and "sessie" not in sessie


# --- during the tasks --------------------------------------------------------------------


def test_pages_visited_and_form_errors_are_recorded_for_the_running_task(client, db):
    pilot = _pilot(db)
    _doe_mee(client, pilot.code)
    client.get("/mijn-dossier")
    client.get("/berichten?pagina=2")
    client.get("/static/css/portal.css").close()  # not a page
    client.get("/bestaat-niet")  # not a 200
    client.get("/mijn-dossier", headers={"HX-Request": "true"})  # a fragment, not a visit
    html = client.get("/spreekuur/voorkeur").get_data(as_text=True)
    fout = client.post("/spreekuur/voorkeur", data={"vorm": "video", "csrf_token": _csrf_uit(html)})
    assert 'class="foutoverzicht"' in fout.get_data(as_text=True)

    [poging] = _pogingen(db, _deelnemer(db))
    assert poging.paginas == ["/mijn-dossier", "/berichten", "/spreekuur/voorkeur"]
    assert poging.fouten == 1


def test_done_and_giving_up_end_the_task_and_start_the_next(client, db):
    pilot = _pilot(db)
    _doe_mee(client, pilot.code)
    html = client.get("/berichten").get_data(as_text=True)
    eerste = str(pilot.taken[0].id)
    token = _csrf_uit(html)
    data = {"taak": eerste, "uitkomst": "klaar", "terug": "/berichten?x=1", "csrf_token": token}
    response = client.post("/pilot/taak", data=data)
    assert response.status_code == 303 and response.headers["Location"] == "/berichten?x=1"
    client.post("/pilot/taak", data=data)  # a second click on the same task changes nothing

    deelnemer = _deelnemer(db)
    een, twee = _pogingen(db, deelnemer)
    assert (een.uitkomst, een.paginas) == ("klaar", ["/berichten"])
    assert een.geeindigd_op is not None and twee.geeindigd_op is None
    assert twee.taak_id == pilot.taken[1].id
    volgende = client.get("/berichten").get_data(as_text=True)
    assert "Taak 2 van 2:" in volgende and "Taak 1 is klaar." in volgende

    response = client.post(
        "/pilot/taak",
        data={
            **data,
            "taak": str(pilot.taken[1].id),
            "uitkomst": "opgegeven",
            "terug": "https://x.nl",
        },
    )
    assert response.headers["Location"].endswith("/pilot/vragenlijst")
    assert [p.uitkomst for p in _pogingen(db, deelnemer)] == ["klaar", "opgegeven"]
    assert "Alle taken zijn gedaan." in client.get("/mijn-dossier").get_data(as_text=True)


def test_a_tampered_outcome_is_refused(client, db):
    pilot = _pilot(db)
    _doe_mee(client, pilot.code)
    token = _csrf_uit(client.get("/mijn-dossier").get_data(as_text=True))
    data = {"taak": str(pilot.taken[0].id), "uitkomst": "gewonnen", "csrf_token": token}
    assert client.post("/pilot/taak", data=data).status_code == 400
    assert _pogingen(db, _deelnemer(db))[0].geeindigd_op is None


def _alle_taken_klaar(client, pilot):
    _doe_mee(client, pilot.code)
    token = _csrf_uit(client.get("/mijn-dossier").get_data(as_text=True))
    for taak in pilot.taken:
        client.post(
            "/pilot/taak", data={"taak": str(taak.id), "uitkomst": "klaar", "csrf_token": token}
        )
    return token


def test_the_questionnaire_waits_until_the_tasks_are_done(client, db):
    assert client.get("/pilot/vragenlijst").headers["Location"].endswith("/pilot")
    pilot = _pilot(db)
    _doe_mee(client, pilot.code)
    assert client.get("/pilot/vragenlijst").headers["Location"].endswith("/mijn-dossier")


def test_missing_answers_are_named_per_statement_and_the_input_stays(client, db):
    pilot = _pilot(db)
    token = _alle_taken_klaar(client, pilot)
    html = client.get("/pilot/vragenlijst").get_data(as_text=True)
    assert html.count("<fieldset") == 10 and html.count("<legend") == 10
    assert "Ik vond het portaal makkelijk te gebruiken." in html
    assert "Wat zou u willen verbeteren?" in html

    antwoorden = {f"v{n}": "4" for n in range(1, 11) if n not in (4, 7)}
    response = client.post(
        "/pilot/vragenlijst",
        data={**antwoorden, "v9": "9", "open_antwoord": "Grotere letters", "csrf_token": token},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    for nummer in (4, 7, 9):
        assert f'id="v{nummer}-fout"' in html
        assert f"Kies een antwoord bij uitspraak {nummer}." in html
    assert 'href="#v4"' in html and 'id="v4"' in html  # the summary's link lands on the group
    assert html.count("checked") == 7 and "Grotere letters" in html
    assert _deelnemer(db).sus_score is None


def test_finishing_the_questionnaire_stores_the_score_and_ends_the_participation(client, db):
    pilot = _pilot(db)
    token = _alle_taken_klaar(client, pilot)
    antwoorden = dict(zip([f"v{n}" for n in range(1, 11)], "4251423342", strict=True))
    response = client.post(
        "/pilot/vragenlijst",
        data={**antwoorden, "open_antwoord": "  Grotere letters  ", "csrf_token": token},
    )
    assert response.headers["Location"].endswith("/pilot/bedankt")
    deelnemer = _deelnemer(db)
    assert deelnemer.sus_antwoorden == [4, 2, 5, 1, 4, 2, 3, 3, 4, 2]
    assert deelnemer.sus_score == 75.0
    assert deelnemer.open_antwoord == "Grotere letters" and deelnemer.afgerond_op is not None
    with client.session_transaction() as sessie:
        assert SLEUTEL not in sessie and "sessie" not in sessie
    assert "Dank u wel" in client.get("/pilot/bedankt").get_data(as_text=True)
    assert "/inloggen" in client.get("/mijn-dossier").headers["Location"]


def test_logging_out_ends_the_participation_and_the_task_bar(client, db):
    pilot = _pilot(db)
    _doe_mee(client, pilot.code)
    token = _csrf_uit(client.get("/mijn-dossier").get_data(as_text=True))
    client.post("/uitloggen", data={"csrf_token": token})
    with client.session_transaction() as sessie:
        assert SLEUTEL not in sessie
    assert "taakbalk" not in client.get("/pilot").get_data(as_text=True)


# --- results -----------------------------------------------------------------------------


def _voorbereide_pilot(db):
    """Four participants. Task 1: done in 60, 120 and 300 seconds, once given up. Task 2:
    begun twice, done once (30 s). SUS 50, 75 and 100; one participant stops early."""
    pilot = _pilot(db)
    een, twee = pilot.taken
    verloop = [
        ([(een, "klaar", 60, ["/mijn-dossier", "/berichten", "/berichten/7"], 1),
          (twee, "klaar", 30, ["/berichten/7"], 0)], [3] * 10, "Grotere letters"),
        ([(een, "klaar", 120, ["/mijn-dossier", "/berichten", "/berichten", "/berichten/9"], 2),
          (twee, "opgegeven", 400, ["/mijn-dossier"], 3)], [4, 2, 5, 1, 4, 2, 3, 3, 4, 2], None),
        ([(een, "klaar", 300, ["/mijn-dossier", "/wat-kunt-u-verwachten"], 0)],
         [5, 1] * 5, "=HYPERLINK(\"http://x\")"),
        ([(een, "opgegeven", 900, ["/mijn-dossier"], 4)], None, None),
    ]  # fmt: skip
    for pogingen, antwoorden, open_antwoord in verloop:
        deelnemer = Deelnemer(
            pilot_id=pilot.id,
            token_hash=hashlib.sha256(str(id(pogingen)).encode()).hexdigest(),
            burger_id=pilot.personas[0],
            taal="nl",
            begonnen_op=NU,
        )
        db.add(deelnemer)
        db.flush()
        begin = NU
        for taak, uitkomst, seconden, paginas, fouten in pogingen:
            einde = begin + timedelta(seconds=seconden)
            db.add(
                Taakpoging(deelnemer_id=deelnemer.id, taak_id=taak.id, begonnen_op=begin,
                           geeindigd_op=einde, uitkomst=uitkomst, paginas=paginas, fouten=fouten)
            )  # fmt: skip
            begin = einde
        if antwoorden:
            db.commit()
            pilots.sla_sus_op(db, deelnemer.id, antwoorden, open_antwoord, nu=begin)
    db.commit()
    return pilot


def test_results_give_completion_time_errors_routes_and_sus(db):
    pilot = _voorbereide_pilot(db)
    uitslag = uitslagen.resultaten(db, pilot)
    een, twee = uitslag.taken
    assert (een.gestart, een.klaar, een.opgegeven, een.percentage) == (4, 3, 1, 75.0)
    assert een.tijden == uitslagen.Spreiding(60, 90, 120, 210, 300)
    assert een.fouten == 7
    assert een.routes[0] == (("/mijn-dossier", "/berichten", "/berichten/{id}"), 2)
    assert (twee.gestart, twee.klaar, twee.percentage) == (2, 1, 50.0)
    assert twee.tijden == uitslagen.Spreiding(30, 30, 30, 30, 30)
    assert [d.sus_score for d in uitslag.deelnemers] == [50.0, 75.0, 100.0, None]
    assert uitslag.sus_gemiddelde == 75.0 and uitslag.sus_oordeel.code == "goed"


def test_results_page_shows_the_figures_as_charts_with_tables(client, db):
    pilot = _voorbereide_pilot(db)
    _log_in_als(client, db, rollen="pilotleider")
    html = client.get(f"/medewerker/pilots/{pilot.id}").get_data(as_text=True)
    assert html.count('<svg class="grafiek" role="img"') == 6  # 4 + routes of 2 tasks
    assert html.count("<table") == 6
    assert ">75%<" in html and ">50%<" in html
    assert "<strong>2:00</strong>" in html and "1:30" in html and "5:00" in html
    assert "Gemiddelde SUS-score: 75, goed (3 deelnemers)" in " ".join(html.split())
    assert "Grotere letters" in html and "Wat zou u willen verbeteren?" in html
    assert "<code>/berichten/{id}</code>" in html
    assert '<td><span lang="nl" dir="ltr">Nederlands</span></td>' in html  # not "nl"


def test_csv_has_a_row_per_attempt_and_per_questionnaire_without_names(client, db):
    pilot = _voorbereide_pilot(db)
    _log_in_als(client, db, rollen="pilotleider")
    response = client.get(f"/medewerker/pilots/{pilot.id}.csv")
    assert response.mimetype == "text/csv"
    assert f"pilot-{pilot.code}.csv" in response.headers["Content-Disposition"]
    rijen = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["soort"] for r in rijen].count("taakpoging") == 6
    sus_rijen = [r for r in rijen if r["soort"] == "sus"]
    assert [(r["deelnemer"], r["sus_score"], r["sus_oordeel"]) for r in sus_rijen] == [
        ("1", "50", "slecht"),
        ("2", "75", "goed"),
        ("3", "100", "uitstekend"),
    ]
    eerste = rijen[0]
    assert (eerste["deelnemer"], eerste["taak"], eerste["uitkomst"], eerste["seconden"]) == (
        "1", "1", "klaar", "60",
    )  # fmt: skip
    assert eerste["paginas"] == "/mijn-dossier /berichten /berichten/7"
    assert sus_rijen[2]["open_antwoord"].startswith("'=")  # no formula in a spreadsheet
    assert "Linden" not in response.get_data(as_text=True)  # the persona's name


def test_tampered_input_never_causes_an_error_page(client, db):
    pilot = _pilot(db)
    lieke = maak_medewerker(db, rollen="pilotleider")
    db.commit()
    log_in(client, lieke)
    token = csrf_token(client, OVERZICHT)
    response = client.post(
        OVERZICHT,
        data={"naam": "X", "personas": ["²", "99999999999999", "-1"], "csrf_token": token},
    )
    assert response.status_code == 400 and "Kies ten minste 1 persona." in response.text
    assert client.get(f"{OVERZICHT}/99999999999999999999").status_code == 404
    assert client.get(f"{OVERZICHT}/99999999999999999999.csv").status_code == 404

    client.post("/uitloggen", data={"csrf_token": token})  # now a new, anonymous visitor
    assert _doe_mee(client, "K" * 5000).status_code == 400
    token = _alle_taken_klaar(client, pilot)
    antwoorden = {f"v{n}": "²" for n in range(1, 11)}
    response = client.post("/pilot/vragenlijst", data={**antwoorden, "csrf_token": token})
    assert response.status_code == 400 and "Kies een antwoord bij uitspraak 1." in response.text
    assert _deelnemer(db).sus_score is None


# --- who may see what --------------------------------------------------------------------


def test_only_pilot_leads_create_and_beheerders_only_look(client, db):
    pilot = _pilot(db)
    paginas = [OVERZICHT, f"{OVERZICHT}/{pilot.id}", f"{OVERZICHT}/{pilot.id}.csv"]
    for pagina in paginas:
        assert "/medewerker/inloggen" in client.get(pagina).headers["Location"]

    _log_in_als(client, db, rollen="casemanager,teamleider")
    assert [client.get(p).status_code for p in paginas] == [403, 403, 403]

    _log_in_als(client, db, rollen="beheerder")
    assert [client.get(p).status_code for p in paginas] == [200, 200, 200]
    assert "Nieuwe pilot" not in client.get(OVERZICHT).get_data(as_text=True)
    token = csrf_token(client, OVERZICHT)
    assert client.post(OVERZICHT, data={"naam": "X", "csrf_token": token}).status_code == 403

    _log_in_als(client, db, rollen="pilotleider")
    assert "Nieuwe pilot" in client.get(OVERZICHT).get_data(as_text=True)
    assert client.get(f"{OVERZICHT}/999999").status_code == 404
    assert client.get(f"{OVERZICHT}/999999.csv").status_code == 404


def test_a_burger_cannot_reach_the_pilot_leads_pages(client, db):
    pilot = _pilot(db)
    persona = _persona(db)
    db.commit()
    log_in(client, persona)
    antwoord = client.get(f"{OVERZICHT}/{pilot.id}")
    assert antwoord.status_code in (302, 303, 403)
    assert pilot.code not in antwoord.get_data(as_text=True)


# --- demo only ---------------------------------------------------------------------------


def test_pilots_do_not_exist_without_demo_mode(app):
    client = app.test_client()
    assert client.get("/pilot").status_code == 404
    assert client.get(OVERZICHT).status_code == 404
    assert not [r for r in app.url_map.iter_rules() if r.endpoint.startswith("pilot.")]


def _productie(**extra):
    return {
        "PORTAL_ENV": "production",
        "SECRET_KEY": "p" * 40,
        "BURGER_OIDC_ISSUER": "https://digid.example",
        "BURGER_OIDC_CLIENT_ID": "portaal",
        "BURGER_OIDC_CLIENT_SECRET": "geheim",
        "MEDEWERKER_OIDC_ISSUER": "https://login.example",
        "MEDEWERKER_OIDC_CLIENT_ID": "portaal",
        "MEDEWERKER_OIDC_CLIENT_SECRET": "geheim",
        "PUBLIEKE_URL": "https://portaal.example",
        "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
        "TWILIO_AUTH_TOKEN": "token",
        "TWILIO_AFZENDER": "UWV",
        "SMTP_HOST": "smtp.example",
        **extra,
    }


def test_a_production_app_has_no_pilot_routes_and_refuses_demo_mode(database_url):
    app = create_app({**test_config(database_url), **_productie()})
    try:
        assert app.config["PORTAL_ENV"] == "production" and not app.config["PORTAL_DEMO"]
        assert "pilot" not in app.blueprints
        assert not [r for r in app.url_map.iter_rules() if r.endpoint.startswith("pilot.")]
    finally:
        app.extensions["portal.engine"].dispose()
    with pytest.raises(ConfigError, match="PORTAL_DEMO"):
        create_app({**test_config(database_url), **_productie(PORTAL_DEMO=True)})


def test_an_open_answer_is_masked_before_it_is_stored_like_page_feedback(db):
    pilot = _pilot(db)
    deelnemer = Deelnemer(
        pilot_id=pilot.id,
        token_hash=hashlib.sha256(b"maskeren").hexdigest(),
        burger_id=pilot.personas[0],
        taal="nl",
        begonnen_op=NU,
    )
    db.add(deelnemer)
    db.commit()
    pilots.sla_sus_op(
        db, deelnemer.id, [3] * 10, "Bel mij op 06 12345678 of mail a@example.nl", nu=NU
    )
    db.expire_all()
    opgeslagen = db.get(Deelnemer, deelnemer.id).open_antwoord
    assert "12345678" not in opgeslagen and "a@example.nl" not in opgeslagen
    assert opgeslagen.startswith("Bel mij op ")
