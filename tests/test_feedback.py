"""Was dit duidelijk?: an answer under every page and message that never points to a person,
comments with personal numbers masked, and the overview with its weekly trend and CSV."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, inspect, select

from portal.models import Feedback, Sessie, Verwerkingslog
from portal.services import berichten
from portal.services import feedback as service
from portal.tijd import vandaag
from tests.conftest import csrf_token, log_in
from tests.factories import maak_burger, maak_dossier, maak_medewerker, maak_traject

TOEGESTAAN = {"id", "soort", "onderwerp", "duidelijk", "opmerking", "taal", "dag"}


def _tel(db, model=Feedback):
    db.expire_all()
    return db.scalar(select(func.count()).select_from(model))


def _enige(db) -> Feedback:
    db.expire_all()
    return db.scalars(select(Feedback)).one()


def _jan(db):
    """A logged-in burger needs a dossier for Mijn dossier; the ids are pushed past 1 so a
    row id can never happen to equal the person's id."""
    for _ in range(3):
        maak_burger(db)
    dossier = maak_dossier(
        db, burger=maak_burger(db, voornamen="Jan", tussenvoegsel="de", achternaam="Vries")
    )
    maak_traject(db, dossier=dossier)
    db.commit()
    return dossier.burger


def _antwoord(client, duidelijk="nee", **velden):
    data = {
        "csrf_token": csrf_token(client, "/mijn-dossier"),
        "soort": "pagina",
        "onderwerp": "dossier.mijn_dossier",
        "terug": "/mijn-dossier",
        "duidelijk": duidelijk,
        **velden,
    }
    return client.post("/feedback", data=data)


def _opmerking(client, tekst, terug="/mijn-dossier"):
    return client.post(
        "/feedback/opmerking",
        data={
            "csrf_token": csrf_token(client, terug),
            "feedback-opmerking": tekst,
            "feedback-terug": terug,
        },
    )


@pytest.fixture
def jan(client, db):
    burger = _jan(db)
    log_in(client, burger)
    return burger


# --- the question ---------------------------------------------------------------------------


def test_every_page_of_a_burger_asks_was_dit_duidelijk_with_a_real_form(client, jan):
    html = client.get("/mijn-dossier").get_data(as_text=True)

    assert "Was dit duidelijk?" in html
    assert 'action="/feedback"' in html
    assert 'name="onderwerp" value="dossier.mijn_dossier"' in html
    assert 'name="terug" value="/mijn-dossier"' in html
    assert 'name="duidelijk" value="ja"' in html
    assert 'name="duidelijk" value="nee"' in html


def test_visitors_and_staff_are_not_asked(client, db):
    assert 'id="feedback"' not in client.get("/inloggen").get_data(as_text=True)
    bas = maak_medewerker(db, rollen="beheerder")
    db.commit()
    log_in(client, bas)
    # Staff see a menu item to the overview, never the question itself.
    assert 'id="feedback"' not in client.get("/medewerker/").get_data(as_text=True)


def test_error_pages_do_not_ask(client, jan):
    response = client.get("/berichten/999999")

    assert response.status_code == 404
    assert 'id="feedback"' not in response.get_data(as_text=True)


def test_the_answer_is_stored_without_anything_that_points_to_the_person(client, db, jan):
    sessies, logregels = _tel(db, Sessie), _tel(db, Verwerkingslog)

    response = _antwoord(client, "nee")

    assert response.status_code == 303
    assert response.headers["Location"].endswith("/mijn-dossier#feedback")
    rij = _enige(db)
    assert (rij.soort, rij.onderwerp, rij.duidelijk, rij.opmerking) == (
        "pagina",
        "dossier.mijn_dossier",
        False,
        None,
    )
    assert (rij.taal, rij.dag) == ("nl", vandaag())
    # The table itself cannot hold more, nor link to a person or a session.
    tabel = inspect(Feedback).local_table
    assert {kolom.name for kolom in tabel.columns} == TOEGESTAAN
    assert not tabel.foreign_keys
    waarden = {str(getattr(rij, naam)) for naam in TOEGESTAAN - {"id"}}
    persoon = {str(jan.id), jan.bsn, jan.naam, jan.achternaam, jan.telefoon, jan.email}
    assert not waarden & persoon
    assert (_tel(db, Sessie), _tel(db, Verwerkingslog)) == (sessies, logregels)


def test_the_answer_is_stored_in_the_language_of_the_page(client, db, jan):
    client.post("/taal", data={"csrf_token": csrf_token(client, "/mijn-dossier"), "taal": "en"})

    _antwoord(client, "ja")

    assert (_enige(db).taal, _enige(db).duidelijk) == ("en", True)


def test_after_the_answer_the_page_thanks_and_offers_a_comment_then_only_thanks(client, db, jan):
    _antwoord(client, "nee")

    html = client.get("/mijn-dossier").get_data(as_text=True)
    assert "Dank u voor uw antwoord." in html
    assert "Wat kunnen wij beter uitleggen?" in html
    assert "ten hoogste 500 tekens" in html
    assert 'name="duidelijk"' not in html

    response = _opmerking(client, "Wat betekent onderzoek afgerond?")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/mijn-dossier#feedback")
    assert _enige(db).opmerking == "Wat betekent onderzoek afgerond?"

    html = client.get("/mijn-dossier").get_data(as_text=True)
    assert "Wij gebruiken het om onze uitleg beter te maken." in html
    assert "feedback-opmerking" not in html
    assert 'name="duidelijk"' not in html
    # Another page still asks.
    assert 'name="duidelijk"' in client.get("/berichten").get_data(as_text=True)


def test_an_empty_comment_stores_nothing_more(client, db, jan):
    _antwoord(client)

    assert _opmerking(client, "   ").status_code == 303
    assert _enige(db).opmerking is None


def test_a_comment_is_added_once_and_never_to_another_page(client, db, jan):
    _antwoord(client)
    _opmerking(client, "Eerste opmerking")

    tweede = _opmerking(client, "Tweede opmerking")

    assert tweede.status_code == 303
    assert _enige(db).opmerking == "Eerste opmerking"
    _antwoord(client)  # a new answer on Mijn dossier ...
    _opmerking(client, "Over berichten", terug="/berichten")  # ... is not about Berichten
    db.expire_all()
    assert db.scalar(select(func.count()).where(Feedback.opmerking == "Over berichten")) == 0


def test_a_comment_over_500_characters_gives_an_error_and_keeps_the_text(client, db, jan):
    _antwoord(client)
    tekst = "Ik snap niet wat er gebeurt. " * 18  # 522 characters

    response = _opmerking(client, tekst)

    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Gebruik ten hoogste 500 tekens." in html
    assert 'class="foutoverzicht"' in html
    assert 'aria-invalid="true"' in html
    assert tekst.strip() in html
    assert _enige(db).opmerking is None
    # The answer is still open: the shortened comment is accepted.
    assert _opmerking(client, tekst[:500]).status_code == 303
    assert _enige(db).opmerking == tekst[:500].strip()


def test_under_a_message_the_answer_is_about_the_kind_of_message(client, db, jan):
    traject = jan.dossier.trajecten[0]
    bericht = berichten.statusbericht(
        traject, "in_onderzoek", toelichting=None, volgende_update_op=date(2027, 2, 1)
    )
    db.add(bericht)
    db.commit()

    html = client.get(f"/berichten/{bericht.id}").get_data(as_text=True)
    assert 'name="soort" value="bericht"' in html
    assert 'name="onderwerp" value="statuswijziging"' in html

    response = _antwoord(
        client, "ja", soort="bericht", onderwerp="statuswijziging", terug=f"/berichten/{bericht.id}"
    )

    assert response.headers["Location"].endswith(f"/berichten/{bericht.id}#feedback")
    assert (_enige(db).soort, _enige(db).onderwerp) == ("bericht", "statuswijziging")


@pytest.mark.parametrize(
    ("veld", "waarde"),
    [
        ("onderwerp", "iets.anders"),
        ("onderwerp", "Mijn naam is Jan de Vries"),
        ("onderwerp", "api.dossier-lezen"),
        ("onderwerp", "feedback.overzicht"),
        ("onderwerp", ""),
        ("soort", "enquete"),
        ("soort", "bericht"),  # a page's endpoint is not a kind of message
        ("duidelijk", "misschien"),
    ],
)
def test_an_unknown_subject_kind_or_answer_is_refused_and_nothing_stored(
    client, db, jan, veld, waarde
):
    response = _antwoord(client, **{veld: waarde})

    assert response.status_code == 400
    assert _tel(db) == 0


def test_an_unknown_kind_of_message_is_refused(client, db, jan):
    response = _antwoord(client, soort="bericht", onderwerp="reclame")

    assert response.status_code == 400
    assert _tel(db) == 0


@pytest.mark.parametrize(
    "terug", ["https://elders.example/pagina", "//elders.example", "/\\elders.example", ""]
)
def test_the_answer_only_returns_to_a_page_of_the_portal(client, jan, terug):
    response = _antwoord(client, terug=terug)

    assert response.status_code == 303
    assert response.headers["Location"].endswith("/mijn-dossier#feedback")


def test_only_a_logged_in_burger_can_answer(client, db):
    token = csrf_token(client, "/inloggen")
    response = client.post(
        "/feedback",
        data={"csrf_token": token, "soort": "pagina", "onderwerp": "dossier.mijn_dossier"},
    )

    assert response.status_code == 302
    assert "/inloggen" in response.headers["Location"]
    assert _tel(db) == 0


def test_too_many_answers_are_refused_with_429(maak_app):
    app = maak_app(
        RATELIMIT_ENABLED=True, RATELIMIT_FEEDBACK="3 per minute", RATELIMIT_STORAGE_URI="memory://"
    )
    session = app.extensions["portal.sessionmaker"]()
    burger = _jan(session)
    client = app.test_client()
    log_in(client, burger)

    antwoorden = [_antwoord(client).status_code for _ in range(3)]
    te_veel = _antwoord(client)

    assert antwoorden == [303, 303, 303]
    assert te_veel.status_code == 429
    assert _tel(session) == 3
    session.close()


# --- masking --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tekst", "weg"),
    [
        ("Mijn BSN is 999990019.", "999990019"),
        ("bsn 1234.56.782 klopt niet", "1234.56.782"),
        ("BSN 123 456 789 (fout in de 11-proef)", "123 456 789"),
        ("nummer 123456789", "123456789"),
        ("Bel mij op 06-12345678", "06-12345678"),
        ("Bel mij op 06 1234 5678 of 0612345678", "1234 5678"),
        ("Mijn nummer: +31 6 1234 5678", "+31 6 1234 5678"),
        ("Vast: 020 123 4567", "020 123 4567"),
        ("In Engeland: +44 20 7946 0958", "7946 0958"),
        ("Mail naar jan.de.vries+uwv@example.nl graag", "jan.de.vries+uwv@example.nl"),
        ("IBAN NL91ABNA0417164300", "0417164300"),
    ],
)
def test_personal_numbers_and_addresses_are_masked(tekst, weg):
    gemaskeerd = service.maskeer(tekst)

    assert weg not in gemaskeerd
    assert service.GEMASKEERD in gemaskeerd
    assert not re.search(r"\d{4}", gemaskeerd.replace("0958", "")), gemaskeerd


def test_ordinary_text_and_dates_stay_readable():
    tekst = "De brief van 12-03-2026 over mijn dagloon van € 1.234,56 was onduidelijk."

    assert service.maskeer(tekst) == tekst


def test_a_comment_is_stored_masked(client, db, jan):
    _antwoord(client)

    _opmerking(client, "Bel mij op 06 12345678 of mail jan@example.nl, BSN 999990019.")

    assert _enige(db).opmerking == (
        "Bel mij op [verwijderd] of mail [verwijderd], BSN [verwijderd]."
    )


# --- the overview ---------------------------------------------------------------------------


def _feedback(db, onderwerp="dossier.mijn_dossier", ja=0, nee=0, *, soort="pagina", **velden):
    standaard = {"taal": "nl", "dag": date(2026, 11, 18), "opmerking": None}
    for duidelijk, aantal in ((True, ja), (False, nee)):
        for _ in range(aantal):
            db.add(
                Feedback(
                    soort=soort,
                    onderwerp=onderwerp,
                    duidelijk=duidelijk,
                    **{**standaard, **velden},
                )
            )
    db.commit()


@pytest.fixture
def beheerder(client, db):
    bas = maak_medewerker(db, naam="Bas Hendriks", rollen="beheerder")
    db.commit()
    log_in(client, bas)
    return bas


@pytest.mark.parametrize("rol", ["beheerder", "pilotleider"])
def test_beheerder_and_pilotleider_see_the_overview_and_the_csv(client, db, rol):
    medewerker = maak_medewerker(db, rollen=rol)
    db.commit()
    log_in(client, medewerker)

    assert client.get("/medewerker/feedback").status_code == 200
    assert client.get("/medewerker/feedback.csv").status_code == 200


@pytest.mark.parametrize("rol", ["casemanager", "teamleider"])
def test_other_roles_get_403(client, db, rol):
    medewerker = maak_medewerker(db, rollen=rol)
    db.commit()
    log_in(client, medewerker)

    assert client.get("/medewerker/feedback").status_code == 403
    assert client.get("/medewerker/feedback.csv").status_code == 403


def test_visitors_and_burgers_are_sent_to_the_staff_login(client, db):
    for pad in ("/medewerker/feedback", "/medewerker/feedback.csv"):
        response = client.get(pad)
        assert response.status_code == 302
        assert "/medewerker/inloggen" in response.headers["Location"]
    log_in(client, _jan(db))
    response = client.get("/medewerker/feedback")
    assert response.status_code == 302
    assert "/medewerker/inloggen" in response.headers["Location"]


def test_the_overview_counts_per_page_and_per_kind_of_message(client, db, beheerder):
    _feedback(db, "dossier.mijn_dossier", ja=3, nee=1)
    _feedback(db, "dossier.verwachten", ja=1, nee=1, opmerking="Te lang")
    _feedback(db, berichten.KWARTAALUPDATE, ja=0, nee=2, soort="bericht")

    tellingen = service.tellingen(db, service.Filter())
    html = client.get("/medewerker/feedback").get_data(as_text=True)

    assert [(t.onderwerp, t.totaal, t.ja, t.nee, t.deel_ja, t.opmerkingen) for t in tellingen] == [
        ("kwartaalupdate", 2, 0, 2, 0, 0),
        ("dossier.mijn_dossier", 4, 3, 1, 75, 0),
        ("dossier.verwachten", 2, 1, 1, 50, 2),
    ]
    rij = re.search(r"Mijn dossier</a></th>(.*?)</tr>", html, re.S).group(1)
    assert re.findall(r">(\d+%?)<", rij) == ["4", "3", "1", "75%", "0"]
    assert "Wat kunt u van ons verwachten?" in html  # the page's title, not its endpoint
    assert "Bericht: update over het onderzoek" in html
    assert "Te lang" in html


def test_the_overview_writes_no_verwerkingslog(client, db, beheerder):
    _feedback(db, ja=1, opmerking="Helder")

    client.get("/medewerker/feedback")
    client.get("/medewerker/feedback.csv")

    assert _tel(db, Verwerkingslog) == 0


def test_filters_by_period_language_and_subject(client, db, beheerder):
    _feedback(db, ja=1, dag=date(2026, 10, 1))
    _feedback(db, ja=2, dag=date(2026, 11, 2))
    _feedback(db, nee=4, dag=date(2026, 11, 3), taal="en")
    _feedback(db, "dossier.verwachten", ja=5, dag=date(2026, 11, 3))

    def telling(**filter):
        return {t.onderwerp: (t.ja, t.nee) for t in service.tellingen(db, service.Filter(**filter))}

    assert telling(van=date(2026, 11, 1)) == {
        "dossier.mijn_dossier": (2, 4),
        "dossier.verwachten": (5, 0),
    }
    assert telling(tot=date(2026, 10, 31)) == {"dossier.mijn_dossier": (1, 0)}
    assert telling(taal="en") == {"dossier.mijn_dossier": (0, 4)}
    html = client.get(
        "/medewerker/feedback?van=2026-11-01&tot=2026-11-30&taal=nl&onderwerp=dossier.mijn_dossier"
    ).get_data(as_text=True)
    rij = re.search(r"Mijn dossier</a></th>(.*?)</tr>", html, re.S).group(1)
    assert re.findall(r">(\d+%?)<", rij)[:3] == ["2", "2", "0"]
    assert "Wat kunt u van ons verwachten?</a>" not in html


def test_a_wrong_date_in_the_filter_is_shown_next_to_the_field(client, db, beheerder):
    response = client.get("/medewerker/feedback?van=gisteren&tot=2026-11-01")
    html = response.get_data(as_text=True)

    assert response.status_code == 400
    assert "Vul een datum in zoals 14-02-2027." in html
    assert 'value="gisteren"' in html

    html = client.get("/medewerker/feedback?van=2026-11-02&tot=2026-11-01").get_data(as_text=True)
    assert "Kies een einddatum na de begindatum." in html


def test_the_trend_shows_the_share_of_ja_per_iso_week_for_twelve_weeks(client, db, beheerder):
    # Thursday 31 December 2026 and Friday 1 January 2027 are both in ISO week 2026-W53.
    _feedback(db, ja=3, nee=1, dag=date(2026, 12, 31))
    _feedback(db, ja=1, dag=date(2027, 1, 1))
    _feedback(db, nee=1, dag=date(2027, 1, 4))  # Monday of 2027-W01
    _feedback(db, ja=9, dag=date(2026, 10, 1))  # more than 12 weeks before: not in the trend

    weken = service.trend(db, service.Filter(), vandaag=date(2027, 1, 6))

    assert len(weken) == 12
    assert weken[0].label == "2026-W43"
    assert [(w.label, w.ja, w.nee, w.deel_ja) for w in weken[-2:]] == [
        ("2026-W53", 4, 1, 80),
        ("2027-W01", 0, 1, 0),
    ]
    assert weken[-3].deel_ja is None  # no answers that week
    html = client.get("/medewerker/feedback?tot=2027-01-06").get_data(as_text=True)
    assert 'role="img"' in html
    assert '<title id="trend-svg-titel">' in html
    assert re.search(
        r"2026-W53.*?</th>\s*<td[^>]*>4</td>\s*<td[^>]*>1</td>\s*<td[^>]*>80%", html, re.S
    )
    assert 'width="160"' in html  # the bar for 80%


def test_comments_are_listed_newest_day_first_and_paged(client, db, beheerder):
    for i in range(25):
        _feedback(db, nee=1, dag=date(2026, 11, 1) + timedelta(days=i), opmerking=f"Punt {i:02d}")

    eerste = client.get("/medewerker/feedback").get_data(as_text=True)
    tweede = client.get("/medewerker/feedback?pagina=2").get_data(as_text=True)

    assert eerste.index("Punt 24") < eerste.index("Punt 23")
    assert "Punt 05" in eerste and "Punt 04" not in eerste
    assert 'rel="next"' in eerste
    assert "Punt 04" in tweede and "Punt 00" in tweede and "Punt 05" not in tweede
    assert 'rel="prev"' in tweede


def test_the_csv_has_a_row_per_week_subject_kind_and_language_with_masked_comments(
    client, db, beheerder
):
    _feedback(db, ja=2, dag=date(2026, 11, 16))
    _feedback(db, nee=1, dag=date(2026, 11, 18), opmerking="Bel [verwijderd]")
    _feedback(db, nee=1, dag=date(2026, 11, 19), opmerking="=SOM(A1)")
    _feedback(db, ja=1, dag=date(2026, 11, 18), taal="en")
    _feedback(db, berichten.INZAGE, nee=1, soort="bericht", dag=date(2026, 11, 24))

    response = client.get("/medewerker/feedback.csv")
    rijen = list(csv.reader(io.StringIO(response.get_data(as_text=True))))

    assert response.mimetype == "text/csv"
    # The last three columns are for the contact ratings (tests/test_contactfeedback.py).
    assert rijen == [
        [
            *["week", "onderwerp", "soort", "taal", "ja", "nee", "opmerkingen"],
            *["goed", "redelijk", "niet_goed"],
        ],
        ["2026-W47", "dossier.mijn_dossier", "pagina", "en", "1", "0", "", "", "", ""],
        [
            "2026-W47",
            "dossier.mijn_dossier",
            "pagina",
            "nl",
            "2",
            "2",
            "Bel [verwijderd]\n'=SOM(A1)",
            "",
            "",
            "",
        ],
        ["2026-W48", "inzage", "bericht", "nl", "0", "1", "", "", "", ""],
    ]
    gefilterd = client.get("/medewerker/feedback.csv?taal=en").get_data(as_text=True)
    assert gefilterd.count("\n") == 2


def test_the_service_itself_refuses_an_over_long_comment(db):
    rij = Feedback(soort="pagina", onderwerp="dossier.mijn_dossier", duidelijk=False, taal="nl")
    rij.dag = date(2026, 11, 18)
    db.add(rij)
    db.commit()

    with pytest.raises(service.FeedbackFout, match="te_lang"):
        service.voeg_opmerking_toe(db, rij.id, "x" * (service.MAX_OPMERKING + 1))
    assert service.voeg_opmerking_toe(db, rij.id, "x" * service.MAX_OPMERKING) is rij


def test_the_comment_field_names_the_limit_but_does_not_cut_text_off(client, jan):
    _antwoord(client)

    html = client.get("/mijn-dossier").get_data(as_text=True)

    veld = re.search(r"<textarea[^>]*>", html).group(0)
    assert 'id="feedback-opmerking"' in veld
    assert "maxlength" not in veld
    assert "U kunt ten hoogste 500 tekens gebruiken." in html
