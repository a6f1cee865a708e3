from datetime import date

from sqlalchemy import select

from portal.models import Bericht
from portal.services import berichten, lopend
from tests.conftest import csrf_token, log_in
from tests.factories import maak_burger, maak_dossier, maak_traject


def test_anonymous_visitor_is_sent_to_login_and_back_afterwards(client):
    response = client.get("/berichten")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/inloggen?terug=/berichten")


def test_mijn_dossier_shows_status_steps_and_the_date_of_the_next_update(client, db):
    traject = maak_traject(db, volgende_update_op=date(2027, 2, 14))
    db.commit()
    log_in(client, traject.dossier.burger)

    html = client.get("/mijn-dossier").get_data(as_text=True)

    assert "Uw uitkering wordt onderzocht" in html
    assert "14 februari 2027" in html
    assert 'aria-current="step"' in html
    assert traject.dossier.kenmerk in html
    assert traject.dossier.burger.bsn not in html


def test_several_herstelacties_read_as_one_story_with_the_first_date(client, db):
    dossier = maak_dossier(db)
    maak_traject(db, dossier=dossier, soort="dagloon", volgende_update_op=date(2027, 3, 1))
    maak_traject(db, dossier=dossier, soort="indexatie", volgende_update_op=date(2027, 1, 10))
    db.commit()
    log_in(client, dossier.burger)

    html = client.get("/mijn-dossier").get_data(as_text=True)

    # Same status, same steps: one timeline that names both parts, not two copies of it.
    assert html.count('class="tijdlijn"') == 1
    assert "Kwaliteit WIA-dagloon en Indexatie" in html
    assert "krijgt u één bericht over allemaal" in html
    assert "Uiterlijk 10 januari 2027 hoort u weer van ons." in html


def test_dagloon_te_hoog_tells_the_person_nothing_is_reclaimed(client, db):
    traject = maak_traject(db, route=("in_onderzoek", "onderzoek_afgerond", "dagloon_te_hoog"))
    db.commit()
    log_in(client, traject.dossier.burger)

    html = client.get("/mijn-dossier").get_data(as_text=True)

    assert "U hoeft niets terug te betalen" in html


def test_mijn_dossier_lists_casemanager_kcc_and_independent_help(client, db):
    traject = maak_traject(db)
    db.commit()
    log_in(client, traject.dossier.burger)

    html = client.get("/mijn-dossier").get_data(as_text=True)

    for hulp in [
        "Klantcontactcentrum",
        "Cliëntondersteuner",
        "Juridisch Loket",
        "sociaal raadsman",
    ]:
        assert hulp in html


def _bericht(db, burger, **velden):
    traject = maak_traject(db, dossier=burger.dossier) if burger.dossier else None
    bericht = berichten.statusbericht(
        traject, "in_onderzoek", toelichting=None, volgende_update_op=date(2027, 2, 1)
    )
    for naam, waarde in velden.items():
        setattr(bericht, naam, waarde)
    db.add(bericht)
    db.commit()
    return bericht


def test_inbox_counts_unread_and_opening_a_message_marks_it_read(client, db):
    dossier = maak_dossier(db)
    bericht = _bericht(db, dossier.burger)
    log_in(client, dossier.burger)

    assert '1<span class="visueel-verborgen"> nieuw bericht</span>' in client.get(
        "/berichten"
    ).get_data(as_text=True)
    detail = client.get(f"/berichten/{bericht.id}").get_data(as_text=True)

    assert "Wij laten uiterlijk 1 februari 2027 weer van ons horen." in detail
    db.expire_all()
    assert db.get(Bericht, bericht.id).gelezen_op is not None
    assert "nieuw bericht" not in client.get("/berichten").get_data(as_text=True)


def test_mark_all_read_only_touches_the_persons_own_messages(client, db):
    mijn = maak_dossier(db)
    ander = maak_dossier(db)
    _bericht(db, mijn.burger)
    vreemd = _bericht(db, ander.burger)
    log_in(client, mijn.burger)

    response = client.post(
        "/berichten/gelezen", data={"csrf_token": csrf_token(client, "/berichten")}
    )

    assert response.status_code == 303
    db.expire_all()
    assert lopend.van_burger(db, mijn.burger_id).ongelezen == 0
    assert db.get(Bericht, vreemd.id).gelezen_op is None


def test_another_persons_message_answers_404_and_stays_unread(client, db):
    mijn = maak_dossier(db)
    ander = maak_dossier(db)
    vreemd = _bericht(db, ander.burger)
    log_in(client, mijn.burger)

    assert client.get(f"/berichten/{vreemd.id}").status_code == 404
    assert client.get("/berichten/999999").status_code == 404
    assert client.get("/berichten/abc").status_code == 404
    db.expire_all()
    assert db.get(Bericht, vreemd.id).gelezen_op is None


def test_a_person_without_a_dossier_cannot_reach_mijn_dossier(client, db):
    burger = maak_burger(db)
    db.commit()
    log_in(client, burger)

    assert client.get("/mijn-dossier").status_code == 404


def test_staff_cannot_open_burger_pages(client, db):
    from tests.factories import maak_medewerker

    medewerker = maak_medewerker(db)
    db.commit()
    log_in(client, medewerker)

    assert client.get("/mijn-dossier").status_code == 302
    assert db.scalars(select(Bericht)).all() == []


def test_language_switch_shows_the_page_in_english_and_remembers_it(client, db):
    traject = maak_traject(db, volgende_update_op=date(2027, 2, 14))
    db.commit()
    log_in(client, traject.dossier.burger)

    response = client.post(
        "/taal",
        data={"taal": "en", "terug": "/mijn-dossier", "csrf_token": csrf_token(client)},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/mijn-dossier"
    html = client.get("/mijn-dossier").get_data(as_text=True)

    assert '<html lang="en" dir="ltr">' in html
    assert "February 14, 2027" in html
    db.expire_all()
    assert traject.dossier.burger.taal == "en"


def test_language_switch_never_redirects_off_site(client):
    response = client.post(
        "/taal", data={"taal": "en", "terug": "//evil.example/", "csrf_token": csrf_token(client)}
    )
    assert response.headers["Location"] == "/"


def test_a_decision_shows_independent_help_beside_the_message_and_other_news_does_not(client, db):
    dossier = maak_dossier(db)
    traject = maak_traject(db, dossier=dossier)
    gewoon = _bericht(db, dossier.burger)
    beslissing = berichten.statusbericht(
        traject, "dagloon_te_hoog", toelichting=None, volgende_update_op=None
    )
    db.add(beslissing)
    db.commit()
    log_in(client, dossier.burger)

    pagina = client.get(f"/berichten/{beslissing.id}").get_data(as_text=True)
    assert "Hulp die niet van UWV is" in pagina
    assert "0800 8020" in pagina and "0800 33 55 555" in pagina
    assert "Hulp die niet van UWV is" not in client.get(f"/berichten/{gewoon.id}").get_data(
        as_text=True
    )
