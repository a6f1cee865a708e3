"""Bel mij terug: the person asks to be called back on a working day, sees the promise and the
status; the casemanager works the queue and records the call; the digest counts what waits."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from notificaties import teksten
from portal.models import Notificatie, Terugbelverzoek, Verwerkingslog
from portal.services import berichten, ochtendoverzicht
from portal.services import terugbellen as service
from portal.tijd import AMSTERDAM
from tests.conftest import csrf_token, log_in
from tests.factories import maak_burger, maak_dossier, maak_medewerker, maak_traject

# Monday 26 April 2027, 10.00 in Amsterdam (summer time, UTC+2). Tuesday is Koningsdag.
WEB_NU = datetime(2027, 4, 26, 8, 0, tzinfo=UTC)
AANGEBODEN = ["2027-04-26", "2027-04-28", "2027-04-29", "2027-04-30", "2027-05-03"]
PAD = "/bel-mij-terug"
WACHTRIJ = "/medewerker/terugbelverzoeken"


def _ams(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


def _tel(db, *voorwaarden) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(Terugbelverzoek).where(*voorwaarden))


@pytest.fixture
def web_nu(monkeypatch):
    monkeypatch.setattr("portal.terugbellen.views.utcnow", lambda: WEB_NU)
    return WEB_NU


def _persoon(db, casemanager=None, **velden):
    dossier = maak_dossier(db, burger=maak_burger(db, **velden), casemanager=casemanager)
    db.commit()
    return dossier


def _vraag(db, dossier, nu=WEB_NU, dag=date(2027, 4, 28), dagdeel="middag", **extra):
    return service.vraag_aan(
        db,
        dossier.burger,
        dossier,
        dag=dag,
        dagdeel=dagdeel,
        telefoon=extra.pop("telefoon", "06 12345678"),
        onderwerp=extra.pop("onderwerp", "Vraag over mijn brief"),
        bericht_id=extra.pop("bericht_id", None),
        nu=nu,
        binnen_uren=extra.pop("binnen_uren", 24),
    )


def _post(client, **velden):
    data = {
        "dag": "2027-04-28",
        "dagdeel": "middag",
        "telefoon": "06 12345678",
        "onderwerp": "Ik begrijp de brief over mijn dagloon niet.",
        "csrf_token": csrf_token(client, PAD),
        **velden,
    }
    return client.post(PAD, data=data)


# --- the promise: working hours ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("gevraagd", "beloofd"),
    [
        # Friday 16.00: 1 hour on Friday, 9 on Monday, 9 on Tuesday, 5 on Wednesday.
        # (Wednesday 16.00 would need days of 8 working hours; the office is open 08-17.)
        (_ams(2027, 3, 5, 16, 0), _ams(2027, 3, 10, 13, 0)),
        # Koningsdag (Tuesday 27 April) does not count: Monday 7, Wednesday 9, Thursday 8.
        (_ams(2027, 4, 26, 10, 0), _ams(2027, 4, 29, 16, 0)),
        # Both: the weekend and Koningsdag between Friday 23 April and Thursday 29 April.
        (_ams(2027, 4, 23, 16, 0), _ams(2027, 4, 29, 13, 0)),
        # Asked on Saturday or in the evening: the count starts when the office opens.
        (_ams(2027, 3, 6, 11, 0), _ams(2027, 3, 10, 14, 0)),
        (_ams(2027, 3, 8, 20, 0), _ams(2027, 3, 11, 14, 0)),
        # Good Friday, the change to summer time (Sunday 28 March) and Easter Monday.
        (_ams(2027, 3, 25, 12, 0), _ams(2027, 4, 1, 9, 0)),
    ],
)
def test_the_promise_counts_24_working_hours_skipping_weekends_and_holidays(gevraagd, beloofd):
    uitkomst = service.werkuren_na(gevraagd.astimezone(UTC), 24)
    assert uitkomst == beloofd
    assert uitkomst.tzinfo is not None


def test_a_later_day_part_moves_the_promise_to_its_end(client, db, web_nu):
    dossier = _persoon(db)
    dichtbij = _vraag(db, dossier, dag=date(2027, 4, 26), dagdeel="middag")
    later = _vraag(db, dossier, dag=date(2027, 5, 3), dagdeel="ochtend")
    assert dichtbij.beloofd_voor == _ams(2027, 4, 29, 16, 0)  # 24 working hours
    assert later.beloofd_voor == _ams(2027, 5, 3, 12, 0)  # the end of the chosen morning
    log_in(client, dossier.burger)
    assert "Lukt het ons dan niet?" in client.get(f"{PAD}/{dichtbij.id}").get_data(as_text=True)
    assert "Lukt het ons dan niet?" not in client.get(f"{PAD}/{later.id}").get_data(as_text=True)


@pytest.mark.parametrize(
    ("nu", "dagen"),
    [
        (_ams(2027, 4, 23, 15, 59), ["2027-04-23", "2027-04-26", "2027-04-28", "2027-04-29"]),
        (_ams(2027, 4, 23, 16, 0), ["2027-04-26", "2027-04-28", "2027-04-29", "2027-04-30"]),
        (_ams(2027, 4, 24, 9, 0), ["2027-04-26", "2027-04-28", "2027-04-29", "2027-04-30"]),
    ],
)
def test_five_working_days_are_offered_today_only_before_four(nu, dagen):
    aangeboden = [d.isoformat() for d in service.aangeboden_dagen(nu.astimezone(UTC))]
    assert len(aangeboden) == 5 and aangeboden[:4] == dagen
    assert "2027-04-27" not in aangeboden  # Koningsdag


# --- the person --------------------------------------------------------------------------------


def test_a_request_goes_from_the_form_to_the_queue_and_its_outcome_back_to_the_person(
    client, db, web_nu
):
    casemanager = maak_medewerker(db, naam="Esther Mulder")
    dossier = _persoon(db, casemanager, telefoon="+31612345678")
    log_in(client, dossier.burger)

    formulier = client.get(PAD).get_data(as_text=True)
    assert "Wij bellen u binnen 24 uur op werkdagen." in formulier
    assert 'value="06 12345678"' in formulier  # the known number, as people write it
    assert "Vandaag, maandag 26 april" in formulier
    for dag in AANGEBODEN:
        assert f'value="{dag}"' in formulier
    assert 'value="2027-04-27"' not in formulier  # Koningsdag
    response = _post(client, telefoon="020 123 4567")

    assert response.status_code == 303
    verzoek = db.scalars(select(Terugbelverzoek)).one()
    assert (verzoek.burger_id, verzoek.dossier_id, verzoek.status) == (
        dossier.burger_id,
        dossier.id,
        "open",
    )
    assert (verzoek.dag, verzoek.dagdeel, verzoek.telefoon) == (
        date(2027, 4, 28),
        "middag",
        "+31201234567",
    )
    assert verzoek.beloofd_voor == _ams(2027, 4, 29, 16, 0)
    assert response.headers["Location"].endswith(f"{PAD}/{verzoek.id}")
    status = client.get(f"{PAD}/{verzoek.id}").get_data(as_text=True)
    assert "Wij hebben uw vraag ontvangen." in status
    assert "Wij bellen u op woensdag 28 april 2027, tussen 13.00 en 17.00 uur." in status
    assert (
        "Lukt het ons dan niet? Dan bellen wij u uiterlijk op donderdag 29 april 2027 om 16.00 uur"
        in status
    )
    assert "Trek mijn vraag in" in status
    assert "Wij bellen u nog" in client.get("/mijn-dossier").get_data(as_text=True)

    log_in(client, casemanager)
    medewerker = client
    wachtrij = medewerker.get(WACHTRIJ).get_data(as_text=True)
    assert dossier.kenmerk in wachtrij and dossier.burger.naam in wachtrij
    assert 'href="tel:+31201234567"' in wachtrij and "020 123 4567" in wachtrij
    assert "28 apr 2027, 13.00–17.00" in wachtrij  # the chosen day and day part, short
    assert "Ik begrijp de brief over mijn dagloon niet." in wachtrij
    assert "Te laat" not in wachtrij
    url = f"{WACHTRIJ}/{verzoek.id}"
    uitkomst = medewerker.post(
        f"{url}/uitkomst",
        data={
            "uitkomst": "niet_bereikt",
            "toelichting": "Voicemail ingesproken.",
            "csrf_token": csrf_token(medewerker, url),
        },
    )

    assert uitkomst.status_code == 303, uitkomst.get_data(as_text=True)
    db.refresh(verzoek)
    assert (verzoek.status, verzoek.medewerker_id, verzoek.afgehandeld_op) == (
        "niet_bereikt",
        casemanager.id,
        WEB_NU,
    )
    assert verzoek.uitkomst_toelichting == "Voicemail ingesproken."
    assert dossier.kenmerk not in medewerker.get(WACHTRIJ).get_data(as_text=True)
    log_in(client, dossier.burger)
    nu_zichtbaar = client.get(f"{PAD}/{verzoek.id}").get_data(as_text=True)
    assert "Wij konden u niet bereiken" in nu_zichtbaar
    assert "Vraag opnieuw om terugbellen" in nu_zichtbaar
    assert "Voicemail" not in nu_zichtbaar  # the note is for UWV only
    assert "Trek mijn vraag in" not in nu_zichtbaar
    activiteiten = db.scalars(
        select(Verwerkingslog.verwerkingsactiviteit).where(
            Verwerkingslog.burger_id == dossier.burger_id
        )
    ).all()
    assert "terugbelverzoek-inzien" in activiteiten
    assert "terugbelverzoek-uitkomst-niet_bereikt" in activiteiten


def test_asked_from_a_message_the_request_remembers_it(client, db, web_nu):
    dossier = _persoon(db, maak_medewerker(db))
    traject = maak_traject(db, dossier=dossier, route=("in_onderzoek",))
    bericht = berichten.statusbericht(
        traject, "in_onderzoek", toelichting=None, volgende_update_op=None
    )
    db.add(bericht)
    db.commit()
    log_in(client, dossier.burger)

    pagina = client.get(f"/berichten/{bericht.id}").get_data(as_text=True)
    assert "Liever gebeld worden?" in pagina and f"{PAD}?bericht={bericht.id}" in pagina
    formulier = client.get(f"{PAD}?bericht={bericht.id}").get_data(as_text=True)
    assert f'name="bericht" type="hidden" value="{bericht.id}"' in formulier
    assert "Uw vraag gaat over het bericht" in formulier
    assert _post(client, bericht=str(bericht.id)).status_code == 303

    assert db.scalars(select(Terugbelverzoek.bericht_id)).one() == bericht.id


def test_a_message_of_someone_else_answers_404_and_nothing_is_stored(client, db, web_nu):
    ander = _persoon(db)
    traject = maak_traject(db, dossier=ander, route=("in_onderzoek",))
    vreemd = berichten.statusbericht(
        traject, "in_onderzoek", toelichting=None, volgende_update_op=None
    )
    db.add(vreemd)
    dossier = _persoon(db)
    log_in(client, dossier.burger)

    assert client.get(f"{PAD}?bericht={vreemd.id}").status_code == 404
    assert client.get(f"{PAD}?bericht=abc").status_code == 404
    assert _post(client, bericht=str(vreemd.id)).status_code == 404
    assert _tel(db) == 0


@pytest.mark.parametrize(
    ("velden", "veld", "melding"),
    [
        ({"dag": "2027-04-23"}, "dag", "Deze dag is al voorbij"),
        ({"dag": "2027-05-01"}, "dag", "Deze dag valt in het weekend"),
        ({"dag": "2027-04-27"}, "dag", "Deze dag is een feestdag"),  # Koningsdag
        ({"dag": "2027-05-04"}, "dag", "Kies een dag uit de lijst. Verder vooruit kan niet."),
        ({"dag": "27 april"}, "dag", "Kies een dag."),
        ({"dagdeel": "avond"}, "dagdeel", "Kies 's ochtends of 's middags."),
        ({"telefoon": "12345"}, "telefoon", "Dit nummer klopt niet"),
        ({"telefoon": ""}, "telefoon", "Vul het nummer in"),
        ({"onderwerp": "x" * 501}, "onderwerp", "Gebruik ten hoogste 500 tekens."),
    ],
)
def test_bad_input_gets_an_error_beside_the_field_keeps_the_input_and_stores_nothing(
    client, db, web_nu, velden, veld, melding
):
    dossier = _persoon(db)
    log_in(client, dossier.burger)

    waarden = {"telefoon": "06 87654321", "onderwerp": "Over mijn uitkering", **velden}
    response = _post(client, **waarden)
    html = response.get_data(as_text=True).replace("&#39;", "'")

    assert response.status_code == 400
    assert f'id="{veld}-fout"' in html and melding in html
    assert "Controleer wat u invulde" in html and f'href="#{veld}"' in html
    assert f'id="{veld}"' in html  # the summary's link has somewhere to go
    assert f'value="{waarden["telefoon"]}"' in html
    assert f"{waarden['onderwerp']}</textarea>" in html
    if veld == "dag" and velden["dag"][:4] == "2027":  # the day sent stays chosen
        assert re.search(rf'<input checked[^>]*value="{velden["dag"]}"', html)
    assert _tel(db) == 0


def test_every_problem_is_named_at_once(client, db, web_nu):
    dossier = _persoon(db)
    log_in(client, dossier.burger)

    response = _post(client, dag="", dagdeel="", telefoon="12", onderwerp="x" * 600)
    html = response.get_data(as_text=True)

    assert response.status_code == 400
    for veld in ("dag", "dagdeel", "telefoon", "onderwerp"):
        assert f'id="{veld}-fout"' in html
    assert _tel(db) == 0


def test_a_morning_that_is_over_cannot_be_chosen_for_today(client, db, monkeypatch):
    monkeypatch.setattr("portal.terugbellen.views.utcnow", lambda: WEB_NU + timedelta(hours=4))
    dossier = _persoon(db)
    log_in(client, dossier.burger)

    ochtend = _post(client, dag="2027-04-26", dagdeel="ochtend")
    assert ochtend.status_code == 400
    assert 'id="dagdeel-fout"' in ochtend.get_data(as_text=True)
    assert _post(client, dag="2027-04-26", dagdeel="middag").status_code == 303


def test_after_four_today_is_too_late(client, db, monkeypatch):
    monkeypatch.setattr("portal.terugbellen.views.utcnow", lambda: WEB_NU + timedelta(hours=6))
    dossier = _persoon(db)
    log_in(client, dossier.burger)

    assert 'value="2027-04-26"' not in client.get(PAD).get_data(as_text=True)
    response = _post(client, dag="2027-04-26")
    assert response.status_code == 400
    assert "Voor vandaag is het te laat" in response.get_data(as_text=True)
    assert _tel(db) == 0


def test_the_promise_follows_the_setting(maak_app, monkeypatch):
    monkeypatch.setattr("portal.terugbellen.views.utcnow", lambda: WEB_NU)
    app = maak_app(TERUGBELLEN_BINNEN_UREN=8)
    client = app.test_client()
    db = app.extensions["portal.sessionmaker"]()
    try:
        dossier = _persoon(db)
        log_in(client, dossier.burger)
        assert "Wij bellen u binnen 8 uur op werkdagen." in client.get(PAD).get_data(as_text=True)
        assert _post(client, dag="2027-04-26", dagdeel="middag").status_code == 303
        # Monday 10.00 + 8 working hours: 7 on Monday, Koningsdag, 1 on Wednesday.
        assert db.scalars(select(Terugbelverzoek.beloofd_voor)).one() == _ams(2027, 4, 28, 9, 0)
    finally:
        db.close()


def test_an_open_request_is_shown_and_the_same_day_part_is_not_asked_twice(client, db, web_nu):
    dossier = _persoon(db)
    log_in(client, dossier.burger)
    assert _post(client).status_code == 303

    formulier = client.get(PAD).get_data(as_text=True)
    assert "U hebt al gevraagd om terugbellen" in formulier
    assert "woensdag 28 april 2027, tussen 13.00 en 17.00 uur" in formulier
    tweede = _post(client)
    assert tweede.status_code == 400
    assert "U hebt al gevraagd om terugbellen op deze dag en dit dagdeel" in tweede.get_data(
        as_text=True
    )
    assert _tel(db) == 1
    assert _post(client, dagdeel="ochtend").status_code == 303  # another day part may be asked
    assert _tel(db) == 2


def test_the_person_withdraws_an_open_request(client, db, web_nu):
    dossier = _persoon(db)
    verzoek = _vraag(db, dossier)
    log_in(client, dossier.burger)
    url = f"{PAD}/{verzoek.id}"

    response = client.post(f"{url}/intrekken", data={"csrf_token": csrf_token(client, url)})

    assert response.status_code == 303
    db.refresh(verzoek)
    assert (verzoek.status, verzoek.afgehandeld_op) == ("ingetrokken", WEB_NU)
    pagina = client.get(url).get_data(as_text=True)
    assert "U hebt deze vraag ingetrokken" in pagina and "Trek mijn vraag in" not in pagina
    # Withdrawn is final: neither the person nor the casemanager can change it afterwards.
    token = csrf_token(client, url)
    assert client.post(f"{url}/intrekken", data={"csrf_token": token}).status_code == 303
    with pytest.raises(service.TerugbelFout):
        service.leg_uitkomst_vast(
            db,
            verzoek,
            "gebeld",
            toelichting=None,
            medewerker=maak_medewerker(db),
            nu=WEB_NU,
            trace_id="t" * 32,
        )
    db.refresh(verzoek)
    assert verzoek.status == "ingetrokken"


def test_someone_elses_request_answers_404(client, db, web_nu):
    ander = _persoon(db)
    verzoek = _vraag(db, ander)
    dossier = _persoon(db)
    log_in(client, dossier.burger)

    assert client.get(f"{PAD}/{verzoek.id}").status_code == 404
    token = csrf_token(client, PAD)
    assert client.post(f"{PAD}/{verzoek.id}/intrekken", data={"csrf_token": token}).status_code == (
        404
    )
    db.refresh(verzoek)
    assert verzoek.status == "open"


def test_mijn_dossier_offers_the_callback(client, db, web_nu):
    dossier = _persoon(db)
    log_in(client, dossier.burger)
    pagina = client.get("/mijn-dossier").get_data(as_text=True)
    assert "Liever gebeld worden?" in pagina and f'href="{PAD}"' in pagina


# --- who may do what ---------------------------------------------------------------------------


def test_pages_are_for_their_own_users(client, db, web_nu):
    dossier = _persoon(db)
    verzoek = _vraag(db, dossier)
    assert client.get(PAD).status_code == 302  # not logged in: the login page
    assert client.get(WACHTRIJ).status_code == 302

    casemanager, beheerder, teamleider = (
        maak_medewerker(db, rollen=rol) for rol in ("casemanager", "beheerder", "teamleider")
    )
    db.commit()

    log_in(client, dossier.burger)
    assert "/medewerker/inloggen" in client.get(WACHTRIJ).headers["Location"]
    assert client.get(f"{WACHTRIJ}/{verzoek.id}").status_code == 302
    log_in(client, casemanager)
    assert "/inloggen" in client.get(PAD).headers["Location"]
    log_in(client, beheerder)
    assert client.get(WACHTRIJ).status_code == 403
    assert client.get(f"{WACHTRIJ}/{verzoek.id}").status_code == 403
    log_in(client, teamleider)  # a teamleider sees every dossier's requests
    assert dossier.kenmerk in client.get(WACHTRIJ).get_data(as_text=True)
    assert client.get(f"{WACHTRIJ}/999999").status_code == 404


# --- the casemanager ---------------------------------------------------------------------------


def test_the_queue_puts_the_first_promise_on_top_marks_late_ones_and_logs_each_person(
    client, db, web_nu
):
    casemanager, collega = maak_medewerker(db), maak_medewerker(db)
    eigen, ander = _persoon(db, casemanager), _persoon(db, collega)
    later = _vraag(db, eigen, dag=date(2027, 4, 30), dagdeel="ochtend")
    te_laat = _vraag(db, eigen, nu=WEB_NU - timedelta(days=7), dag=date(2027, 4, 19))
    _vraag(db, ander)
    log_in(client, casemanager)

    html = client.get(WACHTRIJ).get_data(as_text=True)

    assert html.index("19 apr 2027") < html.index("30 apr 2027")
    assert html.count("Te laat:") == 1 and "1 verzoek is te laat." in html
    assert ander.kenmerk not in html  # a casemanager starts with their own dossiers
    assert ander.kenmerk in client.get(f"{WACHTRIJ}?alle=1").get_data(as_text=True)
    rijen = db.scalars(
        select(Verwerkingslog).where(Verwerkingslog.verwerkingsactiviteit.like("terugbel%"))
    ).all()
    # The first page showed one person (with two requests), the second two people.
    assert sorted(r.burger_id for r in rijen) == sorted(
        [eigen.burger_id, eigen.burger_id, ander.burger_id]
    )
    assert f"terugbelverzoek:{min(later.id, te_laat.id)},{max(later.id, te_laat.id)}" in {
        r.object for r in rijen
    }
    assert all(r.medewerker_id == casemanager.id for r in rijen)


def test_an_outcome_needs_a_choice_and_a_short_note(client, db, web_nu):
    dossier = _persoon(db)
    verzoek = _vraag(db, dossier)
    medewerker = maak_medewerker(db)
    db.commit()
    log_in(client, medewerker)
    url = f"{WACHTRIJ}/{verzoek.id}"

    leeg = client.post(f"{url}/uitkomst", data={"csrf_token": csrf_token(client, url)})
    lang = client.post(
        f"{url}/uitkomst",
        data={
            "uitkomst": "gebeld",
            "toelichting": "x" * 501,
            "csrf_token": csrf_token(client, url),
        },
    )

    assert leeg.status_code == 400 and 'id="uitkomst-fout"' in leeg.get_data(as_text=True)
    assert lang.status_code == 400 and 'id="toelichting-fout"' in lang.get_data(as_text=True)
    db.refresh(verzoek)
    assert (verzoek.status, verzoek.medewerker_id) == ("open", None)
    gebeld = client.post(
        f"{url}/uitkomst", data={"uitkomst": "gebeld", "csrf_token": csrf_token(client, url)}
    )
    assert gebeld.status_code == 303
    db.refresh(verzoek)
    assert verzoek.status == "gebeld"
    log_in(client, dossier.burger)
    assert "Wij hebben u gebeld op" in client.get(f"{PAD}/{verzoek.id}").get_data(as_text=True)


# --- the digest --------------------------------------------------------------------------------


def test_the_digest_counts_open_and_late_callbacks_of_own_dossiers(
    app, client, db, web_nu, monkeypatch
):
    monkeypatch.setattr("portal.ochtendoverzicht.views.utcnow", lambda: WEB_NU)
    casemanager = maak_medewerker(db, email="esther.mulder@uwv.example")
    eigen, ander = _persoon(db, casemanager), _persoon(db, maak_medewerker(db))
    _vraag(db, eigen)
    laat = _vraag(db, eigen, nu=WEB_NU - timedelta(days=7), dag=date(2027, 4, 19))
    klaar = _vraag(db, eigen, dag=date(2027, 4, 29))
    service.trek_in(db, eigen.burger, klaar, WEB_NU)
    _vraag(db, ander)

    overzicht = ochtendoverzicht.overzicht(db, casemanager.id, WEB_NU)

    assert overzicht.aantallen["terugbellen"] == 2
    assert overzicht.aantallen["terugbellen_te_laat"] == 1
    assert overzicht.terugbellen_te_laat == [laat]
    assert ochtendoverzicht.plan_emails(db, WEB_NU) == 1
    rij = db.scalar(select(Notificatie).where(Notificatie.soort == "digest"))
    assert (rij.gegevens["terugbellen"], rij.gegevens["terugbellen_te_laat"]) == (2, 1)
    with app.app_context():
        _, tekst, html, _ = teksten.render("digest", "email", "nl", rij.gegevens)
    for deel in (tekst, html):
        assert "Terugbelverzoeken: 2." in deel and "Daarvan is 1 te laat." in deel
        assert eigen.burger.naam not in deel and eigen.kenmerk not in deel
    with app.app_context():
        _, zonder, _, _ = teksten.render("digest", "email", "nl", {"inzage": 1})
    assert "Terugbelverzoeken" not in zonder

    log_in(client, casemanager)
    pagina = client.get("/medewerker/overzicht").get_data(as_text=True)
    assert 'Terugbelverzoeken <span class="nl-data-badge">2</span>' in pagina
    assert "1 verzoek is te laat." in pagina
    assert pagina.count("Te laat:") == 1 and ander.kenmerk not in pagina


def test_odd_input_never_breaks_a_page(client, db, web_nu):
    dossier = _persoon(db)
    medewerker = maak_medewerker(db)
    db.commit()
    log_in(client, dossier.burger)

    assert client.get(f"{PAD}/99999999999").status_code == 404  # beyond an INTEGER column
    assert client.get(f"{PAD}?bericht=99999999999").status_code == 404
    assert client.get(f"{PAD}?bericht=²").status_code == 404
    assert _post(client, dag="0001-01-01").status_code == 400
    assert _post(client, dag="2027-04-28\x00").status_code == 400
    # PostgreSQL cannot store NUL: the portal refuses it at the door, and nothing is stored.
    assert _post(client, onderwerp="Over de\x00 brief").status_code == 400
    assert db.scalars(select(Terugbelverzoek.onderwerp)).all() == []
    log_in(client, medewerker)
    assert client.get(f"{WACHTRIJ}/99999999999").status_code == 404
