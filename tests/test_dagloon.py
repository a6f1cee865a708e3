"""Gerichte inzage: the dagloon explained, the rights page, who looked at the dossier."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from portal.models import Dagloonberekening, Verwerkingslog
from portal.services import dagloon, verwerkingslog
from portal.services.dagloon import DagloonFout
from tests.conftest import log_in
from tests.factories import maak_burger, maak_dossier, maak_medewerker, maak_traject

NU = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MAXIMUM = Decimal("290.67")
LONEN = [
    "2800.00", "2800.00", "2828.00", "2800.00", "3052.00", "2800.00",
    "1456.00", "2800.00", "2856.00", "2800.00", "2800.00", "2884.00",
]  # fmt: skip


def _maanden(lonen=LONEN, jaar=2024):
    return [{"maand": f"{jaar}-{nr:02d}", "loon": loon} for nr, loon in enumerate(lonen, start=1)]


def _lever_aan(db, dossier, **velden):
    standaard = {
        "referteperiode_van": date(2024, 1, 1),
        "referteperiode_tot": date(2024, 12, 31),
        "maanden": _maanden(),
        "dagen": 261,
        "maximum_dagloon": MAXIMUM,
        "dagloon": Decimal("125.20"),
        "nu": NU,
    }
    return dagloon.lever_aan(db, dossier, **{**standaard, **velden})


def _ingelogd_met_dossier(client, db, **burger):
    dossier = maak_dossier(db, burger=maak_burger(db, **burger))
    maak_traject(db, dossier=dossier, soort="dagloon", route=("in_onderzoek",))
    db.commit()
    log_in(client, dossier.burger)
    return dossier


def _pagina(client, pad):
    response = client.get(pad)
    assert response.status_code == 200
    return response.get_data(as_text=True).replace("\xa0", " ")


def _tel_berekeningen(db):
    db.expire_all()
    return db.scalar(select(func.count()).select_from(Dagloonberekening))


# --- the dagloon page -----------------------------------------------------------------------


def test_the_page_shows_the_months_days_maximum_and_result_of_the_own_dossier(client, db):
    dossier = _ingelogd_met_dossier(client, db)
    _lever_aan(db, dossier)

    html = _pagina(client, "/mijn-dagloon")

    assert "januari 2024" in html and "december 2024" in html
    assert html.count("€ 1.456,00") == 2  # the dip, in the chart and in the table
    assert "€ 32.676,00" in html  # all months together
    assert "261 dagen" in html
    assert "€ 290,67" in html
    assert "Uw dagloon is € 125,20 per dag." in html
    assert "Het maximum geldt voor u dus niet." in html
    assert "polisadministratie" in html
    assert "<svg" in html and 'aria-describedby="grafiek-uitleg"' in html


def test_the_page_explains_when_the_maximum_dagloon_applied(client, db):
    dossier = _ingelogd_met_dossier(client, db)
    _lever_aan(db, dossier, maanden=_maanden(["7450.00"] * 12), dagloon=MAXIMUM)

    html = _pagina(client, "/mijn-dagloon")

    assert "€ 342,53" in html  # the wages per day, above the maximum
    assert "Daarom is uw dagloon het maximum." in html
    assert "Uw dagloon is € 290,67 per dag." in html
    assert "grafiek__vulling--rand" in html  # the maximum drawn as an outline


def test_the_latest_figures_are_shown(client, db):
    dossier = _ingelogd_met_dossier(client, db)
    _lever_aan(db, dossier, dagloon=Decimal("120.00"), nu=NU - timedelta(days=30))
    _lever_aan(db, dossier)

    html = _pagina(client, "/mijn-dagloon")

    assert "Uw dagloon is € 125,20 per dag." in html
    assert "€ 120,00" not in html


def test_a_dagloon_that_differs_from_the_steps_is_pointed_out(client, db):
    dossier = _ingelogd_met_dossier(client, db)
    _lever_aan(db, dossier, dagloon=Decimal("131.00"))

    html = _pagina(client, "/mijn-dagloon")

    assert "dit bedrag is anders dan de uitkomst van de stappen" in html


def test_another_persons_figures_never_show(client, db):
    ander = maak_dossier(db)
    _lever_aan(db, ander, maanden=_maanden(["4321.09"] * 12), dagloon=Decimal("198.67"))
    _ingelogd_met_dossier(client, db)

    html = _pagina(client, "/mijn-dagloon")

    assert "4.321,09" not in html and "198,67" not in html
    assert "De cijfers staan nog niet in het portaal" in html


def test_without_figures_the_page_explains_and_links_to_an_inzage_request(client, db):
    _ingelogd_met_dossier(client, db)

    html = _pagina(client, "/mijn-dagloon")

    assert "De cijfers staan nog niet in het portaal" in html
    assert 'href="/inzage/aanvragen">Inzage aanvragen</a>' in html


def test_the_page_tells_what_the_herstelactie_checks_and_where_it_stands(client, db):
    dossier = _ingelogd_met_dossier(client, db)
    _lever_aan(db, dossier)

    html = _pagina(client, "/mijn-dagloon")

    assert "Wat onderzoeken wij?" in html
    assert "of wij het loon van alle maanden hebben meegeteld;" in html
    assert "Stand van het onderzoek" in html


def test_the_dagloon_page_needs_a_login(client):
    response = client.get("/mijn-dagloon")

    assert response.status_code == 302
    assert "/inloggen" in response.headers["Location"]


def test_demo_personas_with_a_dagloon_traject_get_figures(db):
    from portal.demo.personas import seed

    seed(db, date(2026, 3, 2))

    berekeningen = db.scalars(select(Dagloonberekening)).all()
    assert len(berekeningen) == 7
    for berekening in berekeningen:
        uitleg = dagloon.uitleg(berekening)
        assert len(uitleg.maanden) == 12 and berekening.dagen == 261
        assert uitleg.dagloon == min(uitleg.per_dag, MAXIMUM)
    assert sum(dagloon.uitleg(b).begrensd for b in berekeningen) == 1


# --- lever_aan refuses what cannot be explained ------------------------------------------------


@pytest.mark.parametrize(
    ("velden", "veld"),
    [
        ({"maanden": _maanden(["-1.00", *LONEN[1:]])}, "maanden"),
        ({"maanden": _maanden(jaar=2023)}, "maanden"),
        ({"maanden": [*_maanden(), {"maand": "2025-01", "loon": "100.00"}]}, "maanden"),
        ({"maanden": [{"maand": "januari", "loon": "100.00"}]}, "maanden"),
        ({"maanden": []}, "maanden"),
        ({"dagen": 0}, "dagen"),
        ({"dagen": -261}, "dagen"),
        ({"maximum_dagloon": "-290.67"}, "maximum_dagloon"),
        ({"dagloon": "-1"}, "dagloon"),
        ({"dagloon": "12.345"}, "dagloon"),
        ({"referteperiode_van": date(2025, 1, 1)}, "referteperiode"),
    ],
)
def test_lever_aan_refuses_figures_that_cannot_be_explained_and_saves_nothing(db, velden, veld):
    dossier = maak_dossier(db)
    db.commit()

    with pytest.raises(DagloonFout) as fout:
        _lever_aan(db, dossier, **velden)

    assert veld in fout.value.fouten
    db.rollback()
    assert _tel_berekeningen(db) == 0


def test_lever_aan_stores_amounts_as_exact_strings_in_month_order(db):
    dossier = maak_dossier(db)
    maanden = list(reversed(_maanden()))

    berekening = _lever_aan(db, dossier, maanden=maanden)

    assert _tel_berekeningen(db) == 1
    assert berekening.maanden[0] == {"maand": "2024-01", "loon": "2800.00"}
    assert dagloon.laatste_voor(db, dossier.id).dagloon == Decimal("125.20")


# --- the rights page --------------------------------------------------------------------------


def test_the_rights_page_opens_without_login(client):
    html = _pagina(client, "/uw-rechten")

    for kop in (
        "Waarom gebruiken wij uw gegevens?",
        "Welke gegevens gebruiken wij?",
        "Waar komen de gegevens vandaan?",
        "Wie krijgt uw gegevens?",
        "Hoe lang bewaren wij uw gegevens?",
        "Wat zijn uw rechten?",
    ):
        assert kop in html
    assert "polisadministratie" in html
    assert "Autoriteit Persoonsgegevens" in html


def test_every_page_links_to_the_rights_page(client):
    assert 'href="/uw-rechten"' in _pagina(client, "/")


# --- who looked at the dossier --------------------------------------------------------------


def _log(db, burger, medewerker, *, activiteit="dossier-inzien", handeling="inzien", op=None):
    regel = verwerkingslog.log(
        db,
        trace_id="t" * 32,
        medewerker_id=medewerker.id if medewerker else None,
        burger_id=burger.id,
        handeling=handeling,
        activiteit=activiteit,
    )
    if op is not None:
        regel.tijdstip = op
    db.commit()
    return regel


def test_a_casemanagers_look_shows_with_role_and_purpose_but_without_name(client, db, app):
    dossier = maak_dossier(db)
    maak_traject(db, dossier=dossier)
    casemanager = maak_medewerker(db, naam="Esther Mulder", rollen="casemanager")
    db.commit()
    medewerker_client = app.test_client()
    log_in(medewerker_client, casemanager)
    assert medewerker_client.get(f"/medewerker/dossiers/{dossier.kenmerk}").status_code == 200
    log_in(client, dossier.burger)

    html = _pagina(client, "/wie-heeft-mijn-dossier-bekeken")

    assert "Een casemanager heeft uw dossier bekeken." in html
    assert "Voor uw WIA-uitkering en het onderzoek naar uw uitkering" in html
    assert "Esther Mulder" not in html


def test_the_name_shows_when_the_policy_says_so(maak_app, db):
    app = maak_app(VERWERKINGSLOG_NAAM_TONEN=True)
    burger = maak_burger(db)
    _log(db, burger, maak_medewerker(db, naam="Esther Mulder"))
    client = app.test_client()
    log_in(client, burger)

    html = _pagina(client, "/wie-heeft-mijn-dossier-bekeken")

    assert "Casemanager Esther Mulder heeft uw dossier bekeken." in html


def test_only_the_persons_own_rows_show_newest_first_in_plain_words(client, db):
    burger, ander = maak_burger(db), maak_burger(db)
    teamleider = maak_medewerker(db, rollen="teamleider")
    _log(db, burger, teamleider, activiteit="traject-status-wijzigen", handeling="wijzigen",
         op=NU - timedelta(days=2))  # fmt: skip
    _log(db, burger, None, activiteit="iets-nieuws", handeling="wijzigen", op=NU)
    _log(db, burger, teamleider, activiteit="nog-onbekend", handeling="xyz", op=NU - timedelta(1))
    _log(db, ander, teamleider, activiteit="papieren-brief-afdrukken", handeling="verstrekken")
    log_in(client, burger)

    html = _pagina(client, "/wie-heeft-mijn-dossier-bekeken")

    assert "een brief aan u afgedrukt" not in html
    volgorde = [
        # unknown activity: the handeling's words
        html.index("Een computersysteem van UWV heeft uw gegevens aangepast."),
        html.index("Een teamleider heeft uw gegevens gebruikt."),  # unknown handeling too
        html.index("Een teamleider heeft de stand van uw dossier aangepast."),
    ]
    assert volgorde == sorted(volgorde)
    assert "iets-nieuws" not in html and "traject-status-wijzigen" not in html


def test_many_looks_on_one_day_are_one_counted_sentence_on_one_page(client, db):
    burger = maak_burger(db)
    casemanager = maak_medewerker(db)
    for nummer in range(51):
        _log(db, burger, casemanager, op=NU - timedelta(minutes=nummer))
    log_in(client, burger)

    eerste = _pagina(client, "/wie-heeft-mijn-dossier-bekeken")

    # Pages hold days now (tests/test_bekeken_groepen.py); one busy day is never split.
    assert eerste.count("Een casemanager heeft uw dossier 51 keer bekeken.") == 1
    assert "Volgende pagina" not in eerste and "Vorige pagina" not in eerste


def test_without_rows_the_list_says_nobody_looked(client, db):
    burger = maak_burger(db)
    db.commit()
    log_in(client, burger)

    html = _pagina(client, "/wie-heeft-mijn-dossier-bekeken")

    assert "Niemand van UWV heeft uw gegevens bekeken" in html


def test_the_list_needs_a_login(client):
    assert client.get("/wie-heeft-mijn-dossier-bekeken").status_code == 302


def test_the_log_rows_are_not_changed_by_reading_them(client, db):
    burger = maak_burger(db)
    _log(db, burger, maak_medewerker(db))
    log_in(client, burger)

    _pagina(client, "/wie-heeft-mijn-dossier-bekeken")

    db.expire_all()
    assert db.scalar(select(func.count()).select_from(Verwerkingslog)) == 1
