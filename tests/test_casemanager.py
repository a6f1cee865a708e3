from datetime import date, timedelta

from sqlalchemy import func, select

from portal.models import Bericht, Statuswijziging, Traject, Verwerkingslog
from portal.tijd import vandaag
from tests.conftest import csrf_token, log_in
from tests.factories import maak_burger, maak_dossier, maak_medewerker, maak_traject


def _casemanager(client, db, **velden):
    medewerker = maak_medewerker(db, **velden)
    db.commit()
    log_in(client, medewerker)
    return medewerker


def _tel(db, model):
    db.expire_all()
    return db.scalar(select(func.count()).select_from(model))


def test_search_by_bsn_finds_the_dossier_and_logs_the_search(client, db):
    dossier = maak_dossier(db)
    medewerker = _casemanager(client, db)

    response = client.post(
        "/medewerker/",
        data={"bsn": dossier.burger.bsn, "kenmerk": "", "csrf_token": csrf_token(client)},
    )

    assert response.status_code == 303
    assert response.headers["Location"] == f"/medewerker/dossiers/{dossier.kenmerk}"
    assert dossier.burger.bsn not in response.headers["Location"]
    regel = db.scalar(select(Verwerkingslog).where(Verwerkingslog.handeling == "zoeken"))
    assert (regel.medewerker_id, regel.burger_id, regel.resultaat) == (
        medewerker.id,
        dossier.burger_id,
        "gevonden",
    )


def test_an_invalid_bsn_gets_an_error_beside_the_field_and_stays_in_the_form(client, db):
    _casemanager(client, db)

    response = client.post(
        "/medewerker/", data={"bsn": "123456788", "kenmerk": "", "csrf_token": csrf_token(client)}
    )
    html = response.get_data(as_text=True)

    assert response.status_code == 200
    assert "Dit BSN klopt niet" in html
    assert 'id="bsn-fout"' in html
    assert 'value="123456788"' in html
    assert 'aria-invalid="true"' in html
    assert _tel(db, Verwerkingslog) == 0


def test_an_unknown_kenmerk_says_nothing_was_found_and_logs_the_miss(client, db):
    _casemanager(client, db)

    html = client.post(
        "/medewerker/",
        data={"kenmerk": "wia-9999999", "bsn": "", "csrf_token": csrf_token(client)},
    ).get_data(as_text=True)

    assert "Wij vonden geen dossier" in html
    assert 'value="wia-9999999"' in html
    assert db.scalar(select(Verwerkingslog.resultaat)) == "niet-gevonden"


def test_an_empty_search_asks_for_a_kenmerk_or_bsn(client, db):
    _casemanager(client, db)
    html = client.post(
        "/medewerker/", data={"kenmerk": "", "bsn": "", "csrf_token": csrf_token(client)}
    ).get_data(as_text=True)
    assert "Vul een kenmerk of een BSN in." in html


def test_opening_a_dossier_shows_contact_details_and_is_logged(client, db):
    burger = maak_burger(db, telefoon="+31612345678", email="jan@example.nl", taal="uk")
    traject = maak_traject(db, dossier=maak_dossier(db, burger=burger))
    medewerker = _casemanager(client, db)

    html = client.get(f"/medewerker/dossiers/{traject.dossier.kenmerk}").get_data(as_text=True)

    assert "06 12345678" in html and "jan@example.nl" in html
    # the person's language by its own name, marked so a screen reader says it right
    assert '<dd><span lang="uk" dir="ltr">Українська</span></dd>' in html
    assert burger.bsn not in html
    assert burger.bsn_gemaskeerd in html
    regel = db.scalar(select(Verwerkingslog).where(Verwerkingslog.handeling == "inzien"))
    assert (regel.medewerker_id, regel.burger_id) == (medewerker.id, burger.id)


def test_the_dossier_shows_every_preference_the_person_set(client, db):
    from portal.models import utcnow
    from portal.services import servicecalls
    from tests.factories import met_voorkeuren

    burger = met_voorkeuren(
        db,
        maak_burger(db, telefoon="+31612345678", email="jan@example.nl"),
        kanalen=("sms",),
        soorten=("servicecall",),
    )
    traject = maak_traject(db, dossier=maak_dossier(db, burger=burger))
    servicecalls.zet_belvoorkeur(db, burger, ["middag"], "0612345678", utcnow())
    _casemanager(client, db)

    html = client.get(f"/medewerker/dossiers/{traject.dossier.kenmerk}").get_data(as_text=True)

    assert "Sms: Herinnering voordat UWV belt" in html
    assert "Nieuws over het dossier" not in html  # not switched on
    assert "s Middags (12.00 tot 17.00 uur)" in html  # the apostrophe is escaped
    assert "Er is geen spreekuur gepland." in html


def test_only_staff_with_a_dossier_role_may_open_dossiers(client, db):
    traject = maak_traject(db)
    _casemanager(client, db, rollen="pilotleider")

    assert client.get(f"/medewerker/dossiers/{traject.dossier.kenmerk}").status_code == 403
    assert client.get("/medewerker/").status_code == 403


def test_a_burger_cannot_reach_staff_pages(client, db):
    traject = maak_traject(db)
    db.commit()
    log_in(client, traject.dossier.burger)

    response = client.get(f"/medewerker/dossiers/{traject.dossier.kenmerk}")
    assert response.status_code == 302
    assert "/medewerker/inloggen" in response.headers["Location"]


def test_status_form_offers_only_the_legal_next_statuses(client, db):
    traject = maak_traject(db, route=("in_onderzoek",))
    _casemanager(client, db)

    html = client.get(
        f"/medewerker/dossiers/{traject.dossier.kenmerk}/trajecten/{traject.id}/status"
    ).get_data(as_text=True)

    assert 'value="onderzoek_afgerond"' in html
    assert 'value="met_spoed"' in html
    assert 'value="nabetaling"' not in html


def _wijzig(client, traject, **velden):
    url = f"/medewerker/dossiers/{traject.dossier.kenmerk}/trajecten/{traject.id}/status"
    data = {
        "van_status": traject.status,
        "nieuwe_status": "onderzoek_afgerond",
        "volgende_update_op": "",
        "toelichting": "",
        "actie": "opslaan",
        "csrf_token": csrf_token(client, url),
        **velden,
    }
    return client.post(url, data=data)


def test_a_legal_change_saves_status_history_message_and_log_together(client, db):
    traject = maak_traject(db, route=("in_onderzoek",))
    medewerker = _casemanager(client, db)

    response = _wijzig(client, traject, toelichting="Wij bellen u volgende week.")

    assert response.status_code == 303
    db.expire_all()
    opgeslagen = db.get(Traject, traject.id)
    assert opgeslagen.status == "onderzoek_afgerond"
    assert opgeslagen.volgende_update_op == vandaag() + timedelta(weeks=2)
    laatste = db.scalar(select(Statuswijziging).order_by(Statuswijziging.id.desc()))
    assert (laatste.van_status, laatste.naar_status, laatste.medewerker_id) == (
        "in_onderzoek",
        "onderzoek_afgerond",
        medewerker.id,
    )
    bericht = db.scalar(select(Bericht))
    assert bericht.burger_id == traject.dossier.burger_id
    assert bericht.toelichting == "Wij bellen u volgende week."
    assert db.scalar(select(func.count()).where(Verwerkingslog.handeling == "wijzigen")) == 1


def test_an_illegal_change_is_refused_with_an_error_and_changes_nothing(client, db):
    traject = maak_traject(db, route=("in_onderzoek",))
    _casemanager(client, db)
    geschiedenis = _tel(db, Statuswijziging)

    response = _wijzig(client, traject, nieuwe_status="nabetaling")

    assert response.status_code == 200
    assert "Deze stap kan niet vanuit de huidige status" in response.get_data(as_text=True)
    db.expire_all()
    assert db.get(Traject, traject.id).status == "in_onderzoek"
    assert _tel(db, Statuswijziging) == geschiedenis
    assert _tel(db, Bericht) == 0


def test_a_change_based_on_a_stale_status_is_refused(client, db):
    traject = maak_traject(db, route=("in_onderzoek", "onderzoek_afgerond"))
    _casemanager(client, db)

    response = _wijzig(client, traject, van_status="in_onderzoek", nieuwe_status="dagloon_te_laag")

    assert "Iemand anders heeft de status net gewijzigd" in response.get_data(as_text=True)
    db.expire_all()
    assert db.get(Traject, traject.id).status == "onderzoek_afgerond"
    assert _tel(db, Bericht) == 0


def test_a_date_in_the_past_is_refused_and_the_note_is_kept(client, db):
    traject = maak_traject(db, route=("in_onderzoek",))
    _casemanager(client, db)

    html = _wijzig(
        client,
        traject,
        volgende_update_op=(date.today() - timedelta(days=3)).isoformat(),
        toelichting="Mijn notitie",
    ).get_data(as_text=True)

    assert "Kies een datum vandaag of later." in html
    assert "Mijn notitie" in html
    assert _tel(db, Bericht) == 0


def test_garbage_input_never_produces_a_server_error(client, db):
    traject = maak_traject(db, route=("in_onderzoek",))
    _casemanager(client, db)

    for velden in [
        {"volgende_update_op": "31-02-2027"},
        {"volgende_update_op": "2027-02-31"},
        {"nieuwe_status": ""},
        {"nieuwe_status": "<script>"},
        {"toelichting": "x" * 5000},
        {"van_status": ""},
    ]:
        assert _wijzig(client, traject, **velden).status_code == 200
    db.expire_all()
    assert db.get(Traject, traject.id).status == "in_onderzoek"


def test_preview_shows_the_message_without_saving_it(client, db):
    traject = maak_traject(db, route=("in_onderzoek", "onderzoek_afgerond"))
    _casemanager(client, db)

    html = _wijzig(client, traject, nieuwe_status="dagloon_te_hoog", actie="voorbeeld").get_data(
        as_text=True
    )

    assert "Zo ziet de klant het bericht" in html
    assert "U hoeft niets terug te betalen" in html
    db.expire_all()
    assert db.get(Traject, traject.id).status == "onderzoek_afgerond"
    assert _tel(db, Bericht) == 0


def test_htmx_preview_answers_only_the_fragment_and_varies_on_hx_request(client, db):
    traject = maak_traject(db, route=("in_onderzoek",))
    _casemanager(client, db)
    url = f"/medewerker/dossiers/{traject.dossier.kenmerk}/trajecten/{traject.id}/status"

    response = client.post(
        url,
        data={
            "van_status": "in_onderzoek",
            "nieuwe_status": "onderzoek_afgerond",
            "actie": "voorbeeld",
            "csrf_token": csrf_token(client, url),
        },
        headers={"HX-Request": "true"},
    )

    html = response.get_data(as_text=True)
    assert "<html" not in html
    assert "Zo ziet de klant het bericht" in html
    assert "HX-Request" in response.headers["Vary"]


def test_a_traject_of_another_dossier_answers_404(client, db):
    mijn = maak_traject(db)
    ander = maak_traject(db)
    _casemanager(client, db)

    url = f"/medewerker/dossiers/{mijn.dossier.kenmerk}/trajecten/{ander.id}/status"
    assert client.get(url).status_code == 404
    assert client.get("/medewerker/dossiers/WIA-0000000").status_code == 404


def test_a_date_typed_the_dutch_way_is_accepted_and_nonsense_is_explained(client, db):
    traject = maak_traject(db, route=("in_onderzoek",))
    _casemanager(client, db)

    fout = _wijzig(client, traject, volgende_update_op="morgen").get_data(as_text=True)
    assert "Vul een datum in zoals 14-02-2027." in fout
    assert 'value="morgen"' in fout

    datum = vandaag() + timedelta(days=20)
    antwoord = _wijzig(client, traject, volgende_update_op=datum.strftime("%d-%m-%Y"))
    assert antwoord.status_code == 303
    db.expire_all()
    assert db.get(Traject, traject.id).volgende_update_op == datum
