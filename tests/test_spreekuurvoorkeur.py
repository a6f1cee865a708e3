"""Spreekuurvoorkeur and ondersteuning: the person's choices are kept (with history), bad
input is refused beside the field and saves nothing, staff see the current choices, and the
planners' view filters, exports and logs."""

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from portal.models import Verwerkingslog
from portal.models.spreekuur import Ondersteuning, Spreekuurvoorkeur
from portal.services import spreekuurvoorkeur as voorkeuren
from portal.services.spreekuurvoorkeur import SpreekuurvoorkeurFout
from tests.conftest import csrf_token, log_in
from tests.factories import maak_burger, maak_dossier, maak_medewerker

# Tuesday 24 November 2026 (ISO week 48), 10.00 in Amsterdam.
NU = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
VOORKEUR = "/spreekuur/voorkeur"
ONDERSTEUNING = "/spreekuur/ondersteuning"
PLANNING = "/medewerker/spreekuurplanning"


def _tel(db, model, *voorwaarden):
    db.expire_all()
    return db.scalar(select(func.count()).select_from(model).where(*voorwaarden))


def _post(client, url, **data):
    return client.post(url, data={**data, "csrf_token": csrf_token(client, url)})


def _aangevinkt(html):
    return re.findall(r'<input[^>]*\bchecked\b[^>]*value="([^"]+)"', html)


def _zet(db, burger, vorm="fysiek", kantoor="utrecht", dagdelen=("ochtend",), nu=NU, **extra):
    return voorkeuren.zet_voorkeur(
        db, burger.id, vorm=vorm, kantoor=kantoor, dagdelen=dagdelen,
        toelichting=extra.get("toelichting"), nu=nu,
    )  # fmt: skip


# --- the rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("velden", "reden", "veld"),
    [
        ({"vorm": None}, "geen_vorm", "vorm"),
        ({"vorm": "brief"}, "geen_vorm", "vorm"),
        ({"kantoor": None}, "geen_kantoor", "kantoor"),
        ({"vorm": "video", "kantoor": "maastricht"}, "onbekend_kantoor", "kantoor"),
        ({"dagdelen": ()}, "geen_dagdeel", "dagdelen"),
        ({"dagdelen": ("nacht",)}, "geen_dagdeel", "dagdelen"),
        ({"toelichting": "x" * 501}, "te_lange_tekst", "toelichting"),
    ],
)
def test_bad_preference_is_refused_and_nothing_is_saved(db, velden, reden, veld):
    burger = maak_burger(db)
    db.commit()
    with pytest.raises(SpreekuurvoorkeurFout) as fout:
        _zet(db, burger, **velden)
    assert (fout.value.reden, fout.value.veld) == (reden, veld)
    db.rollback()
    assert _tel(db, Spreekuurvoorkeur, Spreekuurvoorkeur.burger_id == burger.id) == 0


def test_a_phone_preference_needs_no_office_and_keeps_none(db):
    burger = maak_burger(db)
    voorkeur = _zet(db, burger, vorm="telefonisch", kantoor="utrecht", toelichting="  x " * 125)
    assert voorkeur.kantoor is None and len(voorkeur.toelichting) <= 500
    assert _zet(db, burger, vorm="telefonisch", kantoor=None).kantoor is None


def test_every_change_is_a_new_row_and_the_newest_is_current(db):
    burger = maak_burger(db)
    _zet(db, burger, vorm="telefonisch", kantoor=None)
    _zet(db, burger, vorm="fysiek", kantoor="zwolle", dagdelen=("middag", "ochtend"))
    huidig = voorkeuren.huidige_voorkeur(db, burger.id)
    assert (huidig.vorm, huidig.kantoor, huidig.dagdelen) == (
        "fysiek",
        "zwolle",
        ["ochtend", "middag"],
    )
    assert [v.vorm for v in voorkeuren.geschiedenis(db, burger.id)] == ["fysiek", "telefonisch"]


def test_an_interpreter_needs_a_language_and_a_language_means_an_interpreter(db):
    burger = maak_burger(db)
    db.commit()
    with pytest.raises(SpreekuurvoorkeurFout) as fout:
        voorkeuren.zet_ondersteuning(
            db, burger.id, behoeften=["tolk"], tolk_taal=" ", toelichting=None, nu=NU
        )
    assert fout.value.veld == "tolk_taal"
    db.rollback()
    assert db.get(Ondersteuning, burger.id) is None
    profiel = voorkeuren.zet_ondersteuning(
        db, burger.id, behoeften=["drempelvrij", "onzin"], tolk_taal="Nederlandse Gebarentaal",
        toelichting=None, nu=NU,
    )  # fmt: skip
    assert profiel.tolk and profiel.drempelvrij and not profiel.begeleider
    assert voorkeuren.behoeften_van(profiel) == [
        "Een tolk (Nederlandse Gebarentaal)",
        "Een drempelvrije plek",
    ]


# --- the person's pages -----------------------------------------------------------------


def test_person_sets_a_preference_sees_it_and_changes_it_with_history(client, db):
    burger = maak_burger(db)
    db.commit()
    log_in(client, burger)

    eerst = client.get(VOORKEUR).get_data(as_text=True)
    assert "Kiest u voor een gesprek op kantoor? Dan plannen wij het zo." in eerst
    assert "Vliegend Hertlaan 79, 3526 KT Utrecht." in eerst  # address beside the office
    assert "Ringleiding aan de balie" in eerst

    antwoord = _post(
        client,
        VOORKEUR,
        vorm="fysiek",
        kantoor="utrecht",
        dagdelen=["middag"],
        toelichting="Liever niet op woensdag",
    )
    assert antwoord.status_code == 303
    pagina = client.get(VOORKEUR).get_data(as_text=True)
    assert "Uw voorkeur voor het spreekuur is opgeslagen." in pagina
    assert "UWV Utrecht, Vliegend Hertlaan 79" in pagina and "Liever niet op woensdag" in pagina
    assert "Doorgegeven op" in pagina and 'name="vorm"' not in pagina  # a summary, and Wijzig
    assert _aangevinkt(client.get(f"{VOORKEUR}?wijzig=1").get_data(as_text=True)) == [
        "fysiek",
        "utrecht",
        "middag",
    ]

    assert _post(client, VOORKEUR, vorm="telefonisch", dagdelen=["ochtend"]).status_code == 303
    assert [v.vorm for v in voorkeuren.geschiedenis(db, burger.id)] == ["telefonisch", "fysiek"]


@pytest.mark.parametrize(
    ("data", "veld", "melding"),
    [
        ({"kantoor": "utrecht", "dagdelen": ["ochtend"]}, "vorm", "Kies hoe u het gesprek wilt."),
        (
            {"vorm": "fysiek", "kantoor": "parijs", "dagdelen": ["ochtend"]},
            "kantoor",
            "Dit kantoor kennen wij niet.",
        ),
        ({"vorm": "video", "dagdelen": ["ochtend"]}, "kantoor", "Kies een kantoor."),
        ({"vorm": "telefonisch"}, "dagdelen", "Kies ten minste één dagdeel."),
        (
            {"vorm": "telefonisch", "dagdelen": ["ochtend"], "toelichting": "a" * 501},
            "toelichting",
            "Gebruik ten hoogste 500 tekens.",
        ),
    ],
)
def test_bad_input_on_the_page_shows_the_error_beside_the_field_and_keeps_input(
    client, db, data, veld, melding
):
    burger = maak_burger(db)
    db.commit()
    log_in(client, burger)
    antwoord = _post(
        client, VOORKEUR, toelichting=data.pop("toelichting", "mijn eigen woorden"), **data
    )
    html = antwoord.get_data(as_text=True)
    assert antwoord.status_code == 400
    assert f'id="{veld}-fout"' in html and melding in html
    assert "mijn eigen woorden" in html or "a" * 501 in html
    assert _tel(db, Spreekuurvoorkeur, Spreekuurvoorkeur.burger_id == burger.id) == 0


def test_person_sets_the_support_profile_and_errors_keep_input(client, db):
    burger = maak_burger(db)
    db.commit()
    log_in(client, burger)
    assert "Nederlandse Gebarentaal" in client.get(ONDERSTEUNING).get_data(as_text=True)

    fout = _post(
        client,
        ONDERSTEUNING,
        behoeften=["tolk", "extra_tijd"],
        toelichting="Ik kan niet lang zitten",
    )
    html = fout.get_data(as_text=True)
    assert fout.status_code == 400 and 'id="tolk_taal-fout"' in html
    assert "Ik kan niet lang zitten" in html and _aangevinkt(html) == ["tolk", "extra_tijd"]
    assert db.get(Ondersteuning, burger.id) is None
    assert (
        _post(client, ONDERSTEUNING, behoeften=["begeleider"], toelichting="x" * 501).status_code
        == 400
    )

    goed = _post(
        client, ONDERSTEUNING, behoeften=["tolk", "rustige_wachtruimte"], tolk_taal="Turks"
    )
    assert goed.status_code == 303
    pagina = client.get(ONDERSTEUNING).get_data(as_text=True)
    assert "Een tolk (Turks)" in pagina and "Een rustige wachtruimte" in pagina
    # One row per person: a change replaces it.
    assert _post(client, ONDERSTEUNING, behoeften=["grote_letters"]).status_code == 303
    assert _tel(db, Ondersteuning, Ondersteuning.burger_id == burger.id) == 1
    assert voorkeuren.behoeften_van(db.get(Ondersteuning, burger.id)) == [
        "Brieven in grote letters"
    ]


def test_a_person_never_sees_another_persons_choices(client, db):
    ander = maak_burger(db)
    _zet(db, ander, toelichting="Geheim van een ander")
    voorkeuren.zet_ondersteuning(
        db, ander.id, behoeften=[], tolk_taal="Tigrinya", toelichting=None, nu=NU
    )
    burger = maak_burger(db)
    db.commit()
    log_in(client, burger)
    for url in (VOORKEUR, ONDERSTEUNING):
        html = client.get(url).get_data(as_text=True)
        assert "Geheim van een ander" not in html and "Tigrinya" not in html


def test_pages_need_a_login(client):
    for url in (VOORKEUR, ONDERSTEUNING):
        assert "/inloggen" in client.get(url).headers["Location"]


# --- staff ------------------------------------------------------------------------------


def test_casemanager_sees_current_preference_and_needs_on_the_dossier(client, db):
    burger = maak_burger(db, voornamen="Fatima", tussenvoegsel=None, achternaam="El Amrani")
    dossier = maak_dossier(db, burger=burger)
    _zet(db, burger, vorm="telefonisch", kantoor=None)
    _zet(db, burger, vorm="fysiek", kantoor="rotterdam")
    voorkeuren.zet_ondersteuning(
        db, burger.id, behoeften=["begeleider"], tolk_taal="Arabisch", toelichting=None, nu=NU
    )
    medewerker = maak_medewerker(db)
    db.commit()
    log_in(client, medewerker)
    html = client.get(f"/medewerker/dossiers/{dossier.kenmerk}").get_data(as_text=True)
    assert "UWV Rotterdam, Hofplein 20" in html and "Plan het spreekuur op kantoor." in html
    assert "Een tolk (Arabisch)" in html and "Iemand die meekomt" in html


def _planning_data(db):
    jan = maak_burger(db, voornamen="Jan", tussenvoegsel="de", achternaam="Vries")
    maak_dossier(db, burger=jan)
    _zet(db, jan, vorm="fysiek", kantoor="utrecht", toelichting="=HYPERLINK(1)")
    voorkeuren.zet_ondersteuning(
        db, jan.id, behoeften=["drempelvrij"], tolk_taal=None, toelichting=None, nu=NU
    )
    piet = maak_burger(db, voornamen="Piet", tussenvoegsel=None, achternaam="Bakker")
    maak_dossier(db, burger=piet)
    _zet(db, piet, vorm="fysiek", kantoor="utrecht", nu=datetime(2026, 11, 1, 9, tzinfo=UTC))
    _zet(db, piet, vorm="telefonisch", kantoor=None, nu=datetime(2026, 12, 1, 9, tzinfo=UTC))
    return jan, piet


def test_planner_view_filters_by_office_form_week_and_support(client, db):
    _planning_data(db)
    esther = maak_medewerker(db, naam="Esther Mulder")
    db.commit()
    log_in(client, esther)

    alles = client.get(PLANNING).get_data(as_text=True)
    assert "Jan de Vries" in alles and "Piet Bakker" in alles and "2026-W48" in alles
    utrecht = client.get(f"{PLANNING}?kantoor=utrecht").get_data(as_text=True)
    assert "Jan de Vries" in utrecht and "Piet Bakker" not in utrecht  # Piet's current is by phone
    assert "Piet Bakker" in client.get(f"{PLANNING}?vorm=telefonisch").get_data(as_text=True)
    assert "Jan de Vries" not in client.get(f"{PLANNING}?week=2026-W49").get_data(as_text=True)
    steun = client.get(f"{PLANNING}?ondersteuning=1").get_data(as_text=True)
    assert "Jan de Vries" in steun and "Piet Bakker" not in steun
    assert "Een drempelvrije plek" in steun

    # One log row per view, with the filter, not one per person shown.
    regels = db.scalars(
        select(Verwerkingslog).where(Verwerkingslog.medewerker_id == esther.id)
    ).all()
    assert len(regels) == 5 and {r.burger_id for r in regels} == {None}
    assert {r.verwerkingsactiviteit for r in regels} == {"spreekuurplanning-bekijken"}
    assert "spreekuurplanning:ondersteuning=True" in {r.object for r in regels}


def test_planner_csv_has_the_same_selection_and_logs_each_person(client, db):
    jan, _piet = _planning_data(db)
    esther = maak_medewerker(db, naam="Esther Mulder", rollen="teamleider")
    db.commit()
    log_in(client, esther)
    antwoord = client.get(f"{PLANNING}?kantoor=utrecht&formaat=csv")
    assert antwoord.mimetype == "text/csv"
    regels = antwoord.get_data(as_text=True).splitlines()
    assert regels[0].startswith("kenmerk,naam,vorm,kantoor,week")
    assert len(regels) == 2 and "Jan de Vries" in regels[1] and "drempelvrij" in regels[1]
    assert "'=HYPERLINK(1)" in regels[1]  # no formula in a spreadsheet
    log = db.scalars(select(Verwerkingslog).where(Verwerkingslog.medewerker_id == esther.id)).all()
    assert [(r.burger_id, r.verwerkingsactiviteit) for r in log] == [
        (jan.id, "spreekuurplanning-exporteren")
    ]


def test_planner_view_is_for_casemanagers_and_teamleiders_only(client, db):
    burger = maak_burger(db)
    beheerder = maak_medewerker(db, rollen="beheerder")
    db.commit()
    assert "/inloggen" in client.get(PLANNING).headers["Location"]
    log_in(client, burger)
    assert client.get(PLANNING).status_code in (302, 303, 403)
    assert client.get(f"{PLANNING}?formaat=csv").status_code in (302, 303, 403)
    log_in(client, beheerder)
    assert client.get(PLANNING).status_code == 403
    assert client.get(f"{PLANNING}?formaat=csv").status_code == 403
