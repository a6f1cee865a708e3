"""Hoe ging het gesprek?: after a call, a spreekuur or a callback the person says how it went,
on that contact's own page, once, as anonymously as "Was dit duidelijk?"; staff see the
counts per kind of contact and the masked comments, on the overview and in the CSV."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, inspect, select

from portal.models import Servicecall, Spreekuur, Verwerkingslog, utcnow
from portal.models.feedback import ContactBeoordeeld, ContactFeedback, Feedback
from portal.services import contactfeedback as service
from portal.tijd import vandaag
from tests.conftest import csrf_token, log_in
from tests.factories import (
    maak_burger,
    maak_dossier,
    maak_medewerker,
    maak_terugbelverzoek,
    maak_traject,
)
from tests.test_vijandige_invoer import GEVAARLIJK, VIJANDIG

TOEGESTAAN = {"id", "soort", "oordeel", "opmerking", "taal", "dag"}
TERUGBELLEN = "/medewerker/terugbelverzoeken"
KOP = ["week", "onderwerp", "soort", "taal", "ja", "nee", "opmerkingen"]  # page feedback's


def _tel(db, model=ContactFeedback) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(model))


def _enige(db) -> ContactFeedback:
    db.expire_all()
    return db.scalars(select(ContactFeedback)).one()


def _persoon(db, **velden):
    dossier = maak_dossier(db, burger=maak_burger(db, **velden))
    maak_traject(db, dossier=dossier)
    db.commit()
    return dossier


def _call(db, dossier, status="gebeld", geleden=timedelta(days=2)) -> Servicecall:
    """A call whose window lies ``geleden`` back, in the state the casemanager left it."""
    van = utcnow() - geleden
    call = Servicecall(
        dossier_id=dossier.id,
        onderwerp="onderzoek_afgerond",
        status=status,
        venster_van=van,
        venster_tot=van + timedelta(hours=2),
        telefoon="+31612345678",
        belnummer="088 - 898 92 94",
        belcode="4821",
        versie=1,
        gewijzigd_op=van + timedelta(hours=1),
    )
    db.add(call)
    db.commit()
    return call


def _spreekuur(db, dossier, geleden=timedelta(days=1), status="gepland") -> Spreekuur:
    begin = (utcnow() - geleden).replace(microsecond=0)
    spreekuur = Spreekuur(
        dossier_id=dossier.id,
        uid=f"spreekuur-{dossier.id}-{begin.timestamp()}@uwv.test",
        begin=begin,
        eind=begin + timedelta(minutes=45),
        vorm="fysiek",
        kantoor="utrecht",
        status=status,
    )
    db.add(spreekuur)
    db.commit()
    return spreekuur


def _terugbelverzoek(db, dossier, status="gebeld", geleden=timedelta(days=1)):
    verzoek = maak_terugbelverzoek(db, dossier, utcnow() - geleden)
    verzoek.status = status
    if status != "open":
        verzoek.afgehandeld_op = utcnow() - geleden
    db.commit()
    return verzoek


def _pagina(soort: str, contact) -> str:
    return {
        "servicecall": f"/gebeld-worden/{contact.id}",
        "spreekuur": "/spreekuur/gepland",
        "terugbellen": f"/bel-mij-terug/{contact.id}",
    }[soort]


def _antwoord(client, soort, contact, oordeel="goed", opmerking="", anders=None):
    prefix = f"gesprek-{soort}-{contact.id}"
    data = {
        "csrf_token": csrf_token(client, "/mijn-dossier"),
        "soort": soort,
        "contact": str(contact.id),
        f"{prefix}-oordeel": oordeel,
        f"{prefix}-opmerking": opmerking,
        **(anders or {}),
    }
    return client.post("/feedback/gesprek", data=data)


@pytest.fixture
def dossier(client, db):
    dossier = _persoon(db, voornamen="Jan", tussenvoegsel="de", achternaam="Vries")
    log_in(client, dossier.burger)
    return dossier


# --- the person rates a contact that took place ---------------------------------------------


def test_after_the_casemanager_called_the_person_rates_the_call_on_its_page(client, db, dossier):
    call = _call(db, dossier, status="gepland", geleden=timedelta(hours=1))
    pagina = _pagina("servicecall", call)
    assert "Uw mening over het gesprek" not in client.get(pagina).get_data(as_text=True)
    # The casemanager records that the call was made, through the portal.
    casemanager = maak_medewerker(db)
    db.commit()
    log_in(client, casemanager)
    staf = f"/medewerker/servicecalls/{call.id}"
    uitkomst = client.post(
        f"{staf}/uitkomst", data={"uitkomst": "gebeld", "csrf_token": csrf_token(client, staf)}
    )
    assert uitkomst.status_code == 303
    log_in(client, dossier.burger)

    html = client.get(pagina).get_data(as_text=True)
    assert "Uw mening over het gesprek" in html
    assert 'action="/feedback/gesprek"' in html
    assert f'name="contact" value="{call.id}"' in html
    for nummer, oordeel in enumerate(service.OORDELEN):
        assert f'id="gesprek-servicecall-{call.id}-oordeel-{nummer}"' in html
        assert f'value="{oordeel}"' in html
    assert 'id="feedback"' in html  # "Was dit duidelijk?" stays, with ids of its own

    antwoord = _antwoord(client, "servicecall", call, "redelijk")

    assert antwoord.status_code == 303
    assert antwoord.headers["Location"].endswith(f"{pagina}#gesprek-servicecall-{call.id}")
    rij = _enige(db)
    assert (rij.soort, rij.oordeel, rij.opmerking, rij.taal, rij.dag) == (
        "servicecall",
        "redelijk",
        None,
        "nl",
        vandaag(),
    )
    html = client.get(pagina).get_data(as_text=True)
    assert "Dank u voor uw antwoord." in html  # the flashed thanks
    assert "U hebt ons al verteld hoe dit gesprek ging." in html
    assert 'action="/feedback/gesprek"' not in html


def test_a_spreekuur_that_ended_is_rated_on_uw_spreekuur_with_a_masked_comment(client, db, dossier):
    spreekuur = _spreekuur(db, dossier, geleden=timedelta(days=3))
    html = client.get("/spreekuur/gepland").get_data(as_text=True)
    assert "Uw mening over het spreekuur" in html
    assert f'id="gesprek-spreekuur-{spreekuur.id}"' in html

    antwoord = _antwoord(
        client,
        "spreekuur",
        spreekuur,
        "niet_goed",
        "De arts had haast. Bel mij op 06 12345678 of mail jan@example.nl.",
    )

    assert antwoord.status_code == 303
    assert antwoord.headers["Location"].endswith(
        f"/spreekuur/gepland#gesprek-spreekuur-{spreekuur.id}"
    )
    rij = _enige(db)
    assert (rij.soort, rij.oordeel) == ("spreekuur", "niet_goed")
    assert rij.opmerking == "De arts had haast. Bel mij op [verwijderd] of mail [verwijderd]."


def test_a_callback_that_reached_the_person_is_rated_on_the_requests_page(client, db, dossier):
    verzoek = maak_terugbelverzoek(db, dossier, utcnow() + timedelta(hours=3))
    casemanager = maak_medewerker(db)
    db.commit()
    log_in(client, casemanager)
    staf = f"{TERUGBELLEN}/{verzoek.id}"
    client.post(
        f"{staf}/uitkomst", data={"uitkomst": "gebeld", "csrf_token": csrf_token(client, staf)}
    )
    log_in(client, dossier.burger)
    pagina = _pagina("terugbellen", verzoek)
    assert "Uw mening over het gesprek" in client.get(pagina).get_data(as_text=True)

    client.post("/taal", data={"csrf_token": csrf_token(client, pagina), "taal": "en"})
    antwoord = _antwoord(client, "terugbellen", verzoek, "goed", "Fijn en duidelijk.")

    assert antwoord.status_code == 303
    assert antwoord.headers["Location"].endswith(f"{pagina}#gesprek-terugbellen-{verzoek.id}")
    rij = _enige(db)
    assert (rij.soort, rij.oordeel, rij.opmerking, rij.taal) == (
        "terugbellen",
        "goed",
        "Fijn en duidelijk.",
        "en",
    )


def test_several_spreekuren_on_one_page_each_have_their_own_question(client, db, dossier):
    eerste = _spreekuur(db, dossier, geleden=timedelta(days=9))
    tweede = _spreekuur(db, dossier, geleden=timedelta(days=2))

    html = client.get("/spreekuur/gepland").get_data(as_text=True)  # ids checked unique

    assert html.index(f"gesprek-spreekuur-{tweede.id}") < html.index(
        f"gesprek-spreekuur-{eerste.id}"
    )  # the newest first
    _antwoord(client, "spreekuur", eerste, "goed")
    html = client.get("/spreekuur/gepland").get_data(as_text=True)
    assert html.count("U hebt ons al verteld hoe dit gesprek ging.") == 1
    assert html.count('action="/feedback/gesprek"') == 1


# --- only a contact of one's own that took place, and only once -----------------------------


NIET_GEHOUDEN = [
    ("servicecall", lambda db, d: _call(db, d, status="gepland", geleden=-timedelta(days=2))),
    ("servicecall", lambda db, d: _call(db, d, status="niet_bereikt")),
    ("servicecall", lambda db, d: _call(db, d, status="geannuleerd")),
    ("servicecall", lambda db, d: _call(db, d, status="verzet_gevraagd")),
    ("spreekuur", lambda db, d: _spreekuur(db, d, geleden=-timedelta(days=2))),
    ("spreekuur", lambda db, d: _spreekuur(db, d, geleden=timedelta(minutes=20))),  # not over
    ("spreekuur", lambda db, d: _spreekuur(db, d, status="geannuleerd")),
    ("terugbellen", lambda db, d: _terugbelverzoek(db, d, status="open")),
    ("terugbellen", lambda db, d: _terugbelverzoek(db, d, status="niet_bereikt")),
    ("terugbellen", lambda db, d: _terugbelverzoek(db, d, status="ingetrokken")),
]


@pytest.mark.parametrize(("soort", "maak"), NIET_GEHOUDEN)
def test_a_contact_that_did_not_take_place_is_not_asked_about_and_an_answer_is_404(
    client, db, dossier, soort, maak
):
    contact = maak(db, dossier)

    html = client.get(_pagina(soort, contact)).get_data(as_text=True)
    antwoord = _antwoord(client, soort, contact)

    assert "Uw mening over het" not in html
    assert 'action="/feedback/gesprek"' not in html
    assert antwoord.status_code == 404
    assert _tel(db) == 0
    assert _tel(db, ContactBeoordeeld) == 0


@pytest.mark.parametrize(
    ("soort", "maak"),
    [
        ("servicecall", lambda db, d: _call(db, d)),
        ("spreekuur", lambda db, d: _spreekuur(db, d)),
        ("terugbellen", lambda db, d: _terugbelverzoek(db, d)),
    ],
)
def test_another_persons_contact_answers_404_and_stores_nothing(client, db, dossier, soort, maak):
    contact = maak(db, _persoon(db))

    assert _antwoord(client, soort, contact).status_code == 404
    assert _tel(db) == 0
    # The owner could have answered: the 404 above means "not yours".
    log_in(client, contact.dossier.burger)
    assert _antwoord(client, soort, contact).status_code == 303


@pytest.mark.parametrize(
    ("soort", "contact"),
    [("bericht", None), ("pagina", None), ("", None), ("servicecall", "abc"), ("servicecall", "")],
)
def test_an_unknown_kind_or_id_answers_404(client, db, dossier, soort, contact):
    call = _call(db, dossier)
    anders = {"contact": contact} if contact is not None else {}

    antwoord = _antwoord(client, soort, call, anders=anders)

    assert antwoord.status_code == 404
    assert _tel(db) == 0


def test_a_contact_is_rated_once(client, db, dossier):
    call = _call(db, dossier)
    assert _antwoord(client, "servicecall", call, "goed").status_code == 303

    tweede = _antwoord(client, "servicecall", call, "niet_goed", "Toch niet goed")

    assert tweede.status_code == 303
    html = client.get(tweede.headers["Location"]).get_data(as_text=True)
    assert "U hebt ons al verteld hoe dit gesprek ging." in html
    assert (_tel(db), _enige(db).oordeel) == (1, "goed")
    assert _tel(db, ContactBeoordeeld) == 1
    # Another contact of the same person can still be rated.
    assert _antwoord(client, "servicecall", _call(db, dossier)).status_code == 303
    assert _tel(db) == 2


def test_the_service_refuses_a_second_answer_even_when_both_checks_passed(db, monkeypatch):
    """Two answers at the same moment: the marker's primary key lets one through."""
    call = _call(db, _persoon(db))
    velden = {"oordeel": "goed", "opmerking": None, "taal": "nl", "dag": vandaag()}
    service.bewaar(db, "servicecall", call, nu=utcnow(), geheim="g" * 32, **velden)
    # As if the second request checked before the first one committed.
    monkeypatch.setattr(service, "controleer", lambda *_a, **_k: None)

    with pytest.raises(service.FeedbackFout, match="al_beantwoord"):
        service.bewaar(db, "servicecall", call, nu=utcnow(), geheim="g" * 32, **velden)
    assert (_tel(db), _tel(db, ContactBeoordeeld)) == (1, 1)


def test_a_contact_longer_ago_than_the_term_is_not_asked_about(client, db, dossier):
    oud = _call(db, dossier, geleden=service.TERMIJN + timedelta(days=1))
    oud_spreekuur = _spreekuur(db, dossier, geleden=service.TERMIJN + timedelta(days=1))

    assert "Uw mening over" not in client.get(_pagina("servicecall", oud)).get_data(as_text=True)
    assert "Uw mening over" not in client.get("/spreekuur/gepland").get_data(as_text=True)
    antwoord = _antwoord(client, "spreekuur", oud_spreekuur)
    assert antwoord.status_code == 303
    assert "te lang geleden" in client.get(antwoord.headers["Location"]).get_data(as_text=True)
    assert _tel(db) == 0


# --- anonymous ------------------------------------------------------------------------------


def test_the_stored_answer_holds_nothing_that_points_to_the_person_or_the_contact(
    client, db, dossier
):
    for _ in range(3):  # the ids of the person and the contact differ from small counters
        _call(db, _persoon(db))
    call = _call(db, dossier)
    logregels = _tel(db, Verwerkingslog)

    _antwoord(client, "servicecall", call, "goed", "Prima")

    rij = _enige(db)
    tabel = inspect(ContactFeedback).local_table
    assert {kolom.name for kolom in tabel.columns} == TOEGESTAAN
    assert not tabel.foreign_keys
    burger = dossier.burger
    persoon = {str(burger.id), str(call.id), burger.bsn, burger.naam, burger.telefoon}
    assert not {str(getattr(rij, naam)) for naam in TOEGESTAAN - {"id"}} & persoon
    assert len(rij.id) == 32 and not rij.id.isdigit()  # random, not a counter
    # The marker that it was answered is a keyed hash: no id, no time, no link to the answer.
    marker = inspect(ContactBeoordeeld).local_table
    assert {kolom.name for kolom in marker.columns} == {"sleutel"}
    assert not marker.foreign_keys
    sleutel = db.scalars(select(ContactBeoordeeld.sleutel)).one()
    assert len(sleutel) == 64  # an HMAC-SHA256 of the contact, with the app's secret
    zonder_geheim = hashlib.sha256(f"contactfeedback:servicecall:{call.id}".encode()).hexdigest()
    assert sleutel != zonder_geheim
    assert _tel(db, Verwerkingslog) == logregels
    assert _tel(db, Feedback) == 0  # the page's own question is a separate thing


# --- the form: plain POST, errors beside the field, input kept ------------------------------


def test_without_an_answer_the_error_is_beside_the_field_and_the_comment_stays(client, db, dossier):
    call = _call(db, dossier)
    prefix = f"gesprek-servicecall-{call.id}"

    response = _antwoord(client, "servicecall", call, oordeel="", opmerking="Aardig gesprek")

    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<title>Fout: Hoe ging het gesprek?" in html
    assert f'id="{prefix}-oordeel-fout"' in html
    assert "Kies hoe het gesprek ging." in html
    assert 'class="foutoverzicht"' in html
    assert re.search(r"<textarea[^>]*>\s*Aardig gesprek</textarea>", html)
    assert f'href="/gebeld-worden/{call.id}#{prefix}"' in html  # back to the call's page
    assert _tel(db) == 0


def test_a_comment_over_500_characters_gives_an_error_and_keeps_the_choice_and_text(
    client, db, dossier
):
    call = _call(db, dossier)
    tekst = "Ik vond het gesprek te kort. " * 18  # 522 characters

    response = _antwoord(client, "servicecall", call, "redelijk", tekst)

    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Gebruik ten hoogste 500 tekens." in html
    assert 'aria-invalid="true"' in html
    assert tekst.strip() in html
    assert re.search(r'<input[^>]*checked[^>]*value="redelijk"|value="redelijk"[^>]*checked', html)
    veld = re.search(r"<textarea[^>]*>", html).group(0)
    assert "maxlength" not in veld  # the hint names the limit; the browser cuts nothing off
    assert _tel(db) == 0
    assert _antwoord(client, "servicecall", call, "redelijk", tekst[:500]).status_code == 303


@pytest.mark.parametrize("oordeel", ["misschien", "ja", "goed ", "<b>goed</b>"])
def test_an_unknown_answer_is_refused_beside_the_field(client, db, dossier, oordeel):
    call = _call(db, dossier)

    response = _antwoord(client, "servicecall", call, oordeel)

    assert response.status_code == 400
    assert "Kies hoe het gesprek ging." in response.get_data(as_text=True)
    assert _tel(db) == 0


def test_an_answer_without_csrf_token_is_refused(client, db, dossier):
    call = _call(db, dossier)
    prefix = f"gesprek-servicecall-{call.id}"

    response = client.post(
        "/feedback/gesprek",
        data={"soort": "servicecall", "contact": str(call.id), f"{prefix}-oordeel": "goed"},
    )

    assert response.status_code == 400
    assert _tel(db) == 0


def test_only_a_logged_in_burger_can_answer(client, db):
    call = _call(db, _persoon(db))
    token = csrf_token(client, "/inloggen")

    response = client.post(
        "/feedback/gesprek",
        data={"csrf_token": token, "soort": "servicecall", "contact": str(call.id)},
    )

    assert response.status_code == 302
    assert "/inloggen" in response.headers["Location"]
    assert _tel(db) == 0


@pytest.mark.parametrize("waarde", VIJANDIG)
def test_hostile_input_in_any_field_is_refused_or_stored_escaped(client, db, dossier, waarde):
    spreekuur = _spreekuur(db, dossier)
    prefix = f"gesprek-spreekuur-{spreekuur.id}"
    for veld in ("soort", "contact", f"{prefix}-oordeel", f"{prefix}-opmerking"):
        db.execute(ContactBeoordeeld.__table__.delete())
        db.execute(ContactFeedback.__table__.delete())
        db.commit()
        data = {
            "csrf_token": csrf_token(client, "/spreekuur/gepland"),
            "soort": "spreekuur",
            "contact": str(spreekuur.id),
            f"{prefix}-oordeel": "goed",
            f"{prefix}-opmerking": "",
            veld: waarde,
        }

        response = client.post("/feedback/gesprek", data=data)

        assert response.status_code < 500, veld
        if response.status_code >= 400:
            assert _tel(db) == 0, veld
        for pagina in (response, client.get("/spreekuur/gepland")):
            html = pagina.get_data(as_text=True)
            assert not [stuk for stuk in GEVAARLIJK if stuk in html], veld


# --- the overview for staff -----------------------------------------------------------------


def _beoordelingen(db, soort, *, dag=date(2026, 11, 18), taal="nl", opmerking=None, **aantallen):
    for oordeel, aantal in aantallen.items():
        for _ in range(aantal):
            db.add(
                ContactFeedback(
                    soort=soort, oordeel=oordeel, taal=taal, dag=dag, opmerking=opmerking
                )
            )
    db.commit()


@pytest.fixture
def beheerder(client, db):
    bas = maak_medewerker(db, naam="Bas Hendriks", rollen="beheerder")
    db.commit()
    log_in(client, bas)
    return bas


def test_the_overview_counts_the_answers_per_kind_of_contact(client, db, dossier):
    _antwoord(client, "spreekuur", _spreekuur(db, dossier), "niet_goed", "BSN 999990019 klopt")
    lieke = maak_medewerker(db, rollen="pilotleider")
    db.commit()
    log_in(client, lieke)
    _beoordelingen(db, "servicecall", goed=3, redelijk=1, niet_goed=1)
    _beoordelingen(db, "spreekuur", goed=1, opmerking="Rustig en vriendelijk")

    html = client.get("/medewerker/feedback").get_data(as_text=True)

    assert [
        (t.soort, t.totaal, t.goed, t.redelijk, t.niet_goed, t.opmerkingen)
        for t in service.tellingen(db, service.Filter())
    ] == [
        ("servicecall", 5, 3, 1, 1, 0),
        ("spreekuur", 2, 1, 0, 1, 2),
        ("terugbellen", 0, 0, 0, 0, 0),
    ]
    sectie = html[html.index('id="gesprekken-titel"') :]
    for naam, cijfers in [
        ("Service-calls", ["5", "3", "1", "1", "0"]),
        ("Spreekuren", ["2", "1", "0", "1", "2"]),
        ("Terugbelverzoeken", ["0", "0", "0", "0", "0"]),
    ]:
        rij = re.search(rf"{naam}</th>(.*?)</tr>", sectie, re.S).group(1)
        assert re.findall(r">(\d+)<", rij) == cijfers, naam
    assert "BSN [verwijderd] klopt" in sectie and "999990019" not in html
    assert "Rustig en vriendelijk" in sectie
    assert "Niet goed" in sectie


def test_the_overview_shows_contacts_in_the_chosen_period_and_language(client, db, beheerder):
    _beoordelingen(db, "terugbellen", goed=2, dag=date(2026, 10, 1))
    _beoordelingen(db, "terugbellen", niet_goed=1, dag=date(2026, 11, 3), taal="en")

    def telling(**filter):
        return {t.soort: t.totaal for t in service.tellingen(db, service.Filter(**filter))}

    assert telling()["terugbellen"] == 3
    assert telling(van=date(2026, 11, 1))["terugbellen"] == 1
    assert telling(taal="nl")["terugbellen"] == 2
    # The page filter is about pages and messages: the contacts stay.
    assert telling(onderwerp="dossier.mijn_dossier")["terugbellen"] == 3
    html = client.get("/medewerker/feedback?van=2026-11-01").get_data(as_text=True)
    rij = re.search(r"Terugbelverzoeken</th>(.*?)</tr>", html, re.S).group(1)
    assert re.findall(r">(\d+)<", rij) == ["1", "0", "0", "1", "0"]


def test_contact_comments_are_paged_on_their_own(client, db, beheerder):
    for i in range(25):
        _beoordelingen(
            db, "spreekuur", redelijk=1, dag=date(2026, 11, 1) + timedelta(days=i),
            opmerking=f"Gesprek {i:02d}",
        )  # fmt: skip

    eerste = client.get("/medewerker/feedback").get_data(as_text=True)
    tweede = client.get("/medewerker/feedback?gesprekken=2").get_data(as_text=True)

    assert eerste.index("Gesprek 24") < eerste.index("Gesprek 23")
    assert "Gesprek 05" in eerste and "Gesprek 04" not in eerste
    assert "gesprekken=2#gesprek-opmerkingen-titel" in eerste
    assert "Gesprek 04" in tweede and "Gesprek 05" not in tweede


def test_the_csv_has_the_contact_ratings_beside_the_page_answers(client, db, beheerder):
    pagina = Feedback(soort="pagina", onderwerp="dossier.mijn_dossier", duidelijk=True, taal="nl")
    pagina.dag = date(2026, 11, 16)
    db.add(pagina)
    db.commit()
    _beoordelingen(db, "spreekuur", goed=2, redelijk=1, dag=date(2026, 11, 17))
    _beoordelingen(db, "spreekuur", niet_goed=1, dag=date(2026, 11, 18), opmerking="=SOM(A1)")
    _beoordelingen(db, "servicecall", goed=1, dag=date(2026, 11, 24), taal="en")

    response = client.get("/medewerker/feedback.csv")
    rijen = list(csv.reader(io.StringIO(response.get_data(as_text=True))))

    assert rijen == [
        [*KOP, "goed", "redelijk", "niet_goed"],
        ["2026-W47", "dossier.mijn_dossier", "pagina", "nl", "1", "0", "", "", "", ""],
        ["2026-W47", "spreekuur", "contact", "nl", "", "", "'=SOM(A1)", "2", "1", "1"],
        ["2026-W48", "servicecall", "contact", "en", "", "", "", "1", "0", "0"],
    ]
    alleen_en = client.get("/medewerker/feedback.csv?taal=en").get_data(as_text=True)
    assert alleen_en.count("\n") == 2
