"""A spreekuur follows the person's preference unless a reason is given (one rule for the
casemanager and the API); the casemanager plans, moves and cancels on a page of their own;
the person sees why, what support is arranged, and the history of their preference."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from portal.models import Bericht, Notificatie, Spreekuur, Verwerkingslog
from portal.services import spreekuren as sp
from portal.services import spreekuurvoorkeur as voorkeuren
from portal.services.belmomenten import lokaal
from tests.conftest import csrf_token, log_in
from tests.factories import maak_burger, maak_dossier, maak_medewerker, met_voorkeuren

NU = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)  # Monday 1 March 2027, 10.00 in Amsterdam
DINSDAG = date(2027, 3, 16)
BEGIN, EIND = lokaal(DINSDAG, time(10, 0)), lokaal(DINSDAG, time(10, 45))
REDEN = "de arts deze maand alleen telefonisch spreekuur houdt"
# Messages that are news; the receipts of the preference and the needs are not.
NIEUWS = (Bericht, Bericht.soort != "ontvangst")


def _tel(db, model, *voorwaarden) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(model).where(*voorwaarden)) or 0


def _dossier(db, *, vorm="fysiek", kantoor="utrecht", ondersteuning=True):
    burger = met_voorkeuren(db, maak_burger(db))
    dossier = maak_dossier(db, burger=burger)
    db.commit()
    if vorm:
        voorkeuren.zet_voorkeur(
            db, burger.id, vorm=vorm, kantoor=kantoor, dagdelen=["ochtend"], toelichting=None,
            nu=NU - timedelta(days=3),
        )  # fmt: skip
    if ondersteuning:
        voorkeuren.zet_ondersteuning(
            db, burger.id, behoeften=["grote_letters", "drempelvrij"], tolk_taal="Turks",
            toelichting=None, nu=NU - timedelta(days=3),
        )  # fmt: skip
    return dossier


def _plan(db, dossier, **velden):
    standaard = {"begin": BEGIN, "eind": EIND, "vorm": "fysiek", "kantoor": "utrecht", "nu": NU}
    return sp.plan(db, dossier, **{**standaard, **velden})


# --- the rule, in the service ------------------------------------------------------------


@pytest.mark.parametrize(
    ("velden", "afwijkingen"),
    [
        ({"vorm": "telefonisch", "telefoon": "06 12345678"}, ("vorm",)),
        ({"kantoor": "amsterdam"}, ("kantoor",)),
        ({"vorm": "video", "kantoor": "zwolle"}, ("vorm", "kantoor")),
    ],
)
def test_another_form_or_office_than_preferred_is_refused_without_a_reason(db, velden, afwijkingen):
    dossier = _dossier(db)

    with pytest.raises(sp.SpreekuurFout) as fout:
        _plan(db, dossier, **velden)

    assert (fout.value.reden, fout.value.veld) == ("tegen_voorkeur", "tegen_voorkeur_reden")
    assert (fout.value.voorkeur.vorm, fout.value.voorkeur.kantoor) == ("fysiek", "utrecht")
    assert fout.value.afwijkingen == afwijkingen
    db.rollback()
    assert _tel(db, Spreekuur) == 0 and _tel(db, Notificatie) == 0 and _tel(db, *NIEUWS) == 0


def test_with_a_reason_it_is_planned_and_the_reason_and_preference_are_kept(db):
    dossier = _dossier(db)
    voorkeur = voorkeuren.huidige_voorkeur(db, dossier.burger_id)

    spreekuur = _plan(
        db, dossier, vorm="telefonisch", telefoon="06 12345678", tegen_voorkeur_reden=f" {REDEN} "
    )

    assert spreekuur.tegen_voorkeur_reden == REDEN
    assert spreekuur.tegen_voorkeur_id == voorkeur.id
    assert _tel(db, Notificatie) == 4  # the reminders, as always


def test_a_spreekuur_as_preferred_or_without_a_preference_needs_no_reason(db):
    volgens = _plan(db, _dossier(db), tegen_voorkeur_reden="niet nodig")
    zonder = _plan(db, _dossier(db, vorm=None), vorm="telefonisch", telefoon="0612345678")

    assert (volgens.tegen_voorkeur_reden, volgens.tegen_voorkeur_id) == (None, None)
    assert zonder.tegen_voorkeur_reden is None


def test_a_move_keeps_the_reason_until_the_form_or_the_preference_changes(db):
    dossier = _dossier(db)
    spreekuur = _plan(db, dossier, vorm="telefonisch", telefoon="0612345678",
                      tegen_voorkeur_reden=REDEN)  # fmt: skip
    later = BEGIN + timedelta(days=1), EIND + timedelta(days=1)

    sp.verplaats(db, spreekuur, begin=later[0], eind=later[1], nu=NU)  # only the moment
    assert spreekuur.tegen_voorkeur_reden == REDEN and spreekuur.volgnummer == 1

    voorkeuren.zet_voorkeur(db, dossier.burger_id, vorm="video", kantoor="utrecht",
                            dagdelen=["middag"], toelichting=None, nu=NU)  # fmt: skip
    with pytest.raises(sp.SpreekuurFout) as fout:  # the reason was about another preference
        sp.verplaats(db, spreekuur, begin=BEGIN, eind=EIND, nu=NU)
    assert fout.value.voorkeur.vorm == "video"
    db.rollback()

    sp.verplaats(db, spreekuur, begin=BEGIN, eind=EIND, nu=NU, vorm="video", kantoor="utrecht")
    assert (spreekuur.tegen_voorkeur_reden, spreekuur.tegen_voorkeur_id) == (None, None)


@pytest.mark.parametrize(
    ("begin", "eind", "velden", "reden", "veld"),
    [
        ((2027, 2, 26, 10), (2027, 2, 26, 11), {}, "in_verleden", "begin"),
        ((2027, 3, 20, 10), (2027, 3, 20, 11), {}, "weekend", "begin"),
        ((2027, 3, 29, 10), (2027, 3, 29, 11), {}, "feestdag", "begin"),  # Easter Monday
        ((2027, 3, 16, 7, 30), (2027, 3, 16, 8, 15), {}, "buiten_kantoortijd", "begin"),
        ((2027, 3, 16, 16, 30), (2027, 3, 16, 17, 15), {}, "buiten_kantoortijd", "eind"),
        ((2027, 3, 16, 10), (2027, 3, 16, 11), {"kantoor": "maastricht"}, "onbekend_kantoor",
         "kantoor"),
    ],
)  # fmt: skip
def test_the_other_refusals_come_first_and_stay_as_they_were(db, begin, eind, velden, reden, veld):
    dossier = _dossier(db)
    van = lokaal(date(*begin[:3]), time(*begin[3:]))
    tot = lokaal(date(*eind[:3]), time(*eind[3:]))

    with pytest.raises(sp.SpreekuurFout) as fout:
        _plan(db, dossier, begin=van, eind=tot, vorm="video", **velden)  # also against it

    assert (fout.value.reden, fout.value.veld) == (reden, veld)


def test_an_overlap_is_refused_before_the_preference(db):
    dossier = _dossier(db)
    eerste = _plan(db, dossier)

    with pytest.raises(sp.SpreekuurFout) as fout:
        _plan(db, dossier, begin=BEGIN + timedelta(minutes=30), eind=EIND + timedelta(hours=1),
              vorm="telefonisch", telefoon="0612345678")  # fmt: skip

    assert fout.value.reden == "overlapt" and fout.value.afspraak.id == eerste.id


# --- the casemanager's page --------------------------------------------------------------


@pytest.fixture
def casemanager(client, db, monkeypatch):
    monkeypatch.setattr("portal.spreekuur.medewerker.utcnow", lambda: NU)
    medewerker = maak_medewerker(db, naam="Esther Mulder")
    db.commit()
    log_in(client, medewerker)
    return medewerker


def _formulier(**velden):
    return {
        "datum": "2027-03-16", "van": "10:00", "tot": "10:45", "vorm": "fysiek",
        "kantoor": "utrecht", "telefoon": "06 12345678", "rol": "verzekeringsarts",
        "meenemen": "Uw medicijnen", "tegen_voorkeur_reden": "", **velden,
    }  # fmt: skip


def _gekozen(html: str, naam: str) -> list[str]:
    """The values of the checked radio buttons or check boxes named ``naam``."""
    return re.findall(rf'<input[^>]*\bchecked\b[^>]*name="{naam}"[^>]*value="([^"]+)"', html)


def _fout_bij(html: str, veld: str) -> str:
    gevonden = re.search(rf'<p class="veld__fout" id="{veld}-fout">(.*?)</p>', html, re.S)
    assert gevonden, f"no error beside {veld}"
    return gevonden.group(1)


def test_the_page_shows_preference_support_and_offices_and_starts_as_preferred(
    client, db, casemanager
):
    dossier = _dossier(db)

    html = client.get(f"/medewerker/spreekuurplanning/{dossier.kenmerk}").get_data(as_text=True)

    assert "UWV Utrecht, Vliegend Hertlaan 79" in html  # the preference
    assert "Een tolk (Turks)" in html and "Brieven in grote letters" in html
    assert all(naam in html for naam in ("UWV Amsterdam", "UWV Zwolle", "Karspeldreef 14"))
    assert _gekozen(html, "vorm") == ["fysiek"] and _gekozen(html, "kantoor") == ["utrecht"]
    assert _tel(db, Verwerkingslog, Verwerkingslog.burger_id == dossier.burger_id) == 1


def test_against_the_preference_without_a_reason_the_error_names_it_and_the_input_stays(
    client, db, casemanager
):
    dossier = _dossier(db)
    pad = f"/medewerker/spreekuurplanning/{dossier.kenmerk}"
    velden = _formulier(vorm="telefonisch", meenemen="Uw medicijnlijst", van="11:15", tot="12:00")

    antwoord = client.post(pad, data={**velden, "csrf_token": csrf_token(client, pad)})

    assert antwoord.status_code == 400
    html = antwoord.get_data(as_text=True)
    assert "De klant wil liever op kantoor komen, bij UWV Utrecht." in _fout_bij(
        html, "tegen_voorkeur_reden"
    )
    assert 'value="11:15"' in html and "Uw medicijnlijst" in html
    assert _gekozen(html, "vorm") == ["telefonisch"]
    assert _tel(db, Spreekuur) == 0 and _tel(db, *NIEUWS) == 0


@pytest.mark.parametrize(
    ("velden", "veld", "tekst"),
    [
        ({"datum": "2027-02-26"}, "datum", "al voorbij"),
        ({"datum": "2027-03-20"}, "datum", "weekend"),
        ({"datum": "2027-04-27"}, "datum", "feestdag"),  # King's Day
        ({"van": "17:00", "tot": "17:45"}, "van", "tussen 8.00 en 17.00"),
        ({"tot": "17:30"}, "tot", "tussen 8.00 en 17.00"),
        ({"kantoor": "maastricht"}, "kantoor", "kennen wij niet"),
        ({"datum": "16-03-2027", "tot": ""}, "tot", "Vul de eindtijd in."),
        ({"vorm": "telefonisch", "telefoon": "12", "tegen_voorkeur_reden": REDEN}, "telefoon",
         "klopt niet"),
    ],
)  # fmt: skip
def test_bad_input_gets_its_error_beside_the_field_and_nothing_is_saved(
    client, db, casemanager, velden, veld, tekst
):
    dossier = _dossier(db)
    pad = f"/medewerker/spreekuurplanning/{dossier.kenmerk}"

    antwoord = client.post(
        pad, data={**_formulier(**velden), "csrf_token": csrf_token(client, pad)}
    )

    assert antwoord.status_code == 400
    assert tekst in _fout_bij(antwoord.get_data(as_text=True), veld)
    assert _tel(db, Spreekuur) == 0


def test_an_overlap_names_the_appointment_beside_the_time(client, db, casemanager):
    dossier = _dossier(db)
    _plan(db, dossier)
    pad = f"/medewerker/spreekuurplanning/{dossier.kenmerk}"

    antwoord = client.post(
        pad, data={**_formulier(van="10:30", tot="11:00"), "csrf_token": csrf_token(client, pad)}
    )

    assert "spreekuur op dinsdag 16 maart 2027" in _fout_bij(antwoord.get_data(as_text=True), "van")
    assert _tel(db, Spreekuur) == 1


def test_a_casemanager_plans_with_a_reason_moves_and_cancels(client, db, casemanager):
    dossier = _dossier(db)
    pad = f"/medewerker/spreekuurplanning/{dossier.kenmerk}"
    token = csrf_token(client, pad)

    antwoord = client.post(
        pad,
        data={**_formulier(vorm="telefonisch", tegen_voorkeur_reden=REDEN), "csrf_token": token},
    )
    assert antwoord.status_code == 303 and antwoord.headers["Location"].endswith(pad)
    spreekuur = db.scalar(select(Spreekuur))
    assert (spreekuur.vorm, spreekuur.telefoon, spreekuur.tegen_voorkeur_reden) == (
        "telefonisch", "+31612345678", REDEN,
    )  # fmt: skip
    html = client.get(pad).get_data(as_text=True)
    assert "Het spreekuur is gepland." in html and REDEN in html
    assert _tel(db, Verwerkingslog, Verwerkingslog.verwerkingsactiviteit == "spreekuur-plannen",
                Verwerkingslog.medewerker_id == casemanager.id) == 1  # fmt: skip

    verplaats = f"/medewerker/spreekuurplanning/spreekuren/{spreekuur.id}"
    html = client.get(verplaats).get_data(as_text=True)
    assert 'value="2027-03-16"' in html and 'value="10:00"' in html and REDEN in html
    antwoord = client.post(
        verplaats,
        data={"datum": "2027-03-17", "van": "14:00", "tot": "14:45", "vorm": "fysiek",
              "kantoor": "utrecht", "telefoon": "", "csrf_token": token},
    )  # fmt: skip
    assert antwoord.status_code == 303
    db.refresh(spreekuur)
    assert (spreekuur.vorm, spreekuur.volgnummer, spreekuur.tegen_voorkeur_reden) == (
        "fysiek", 1, None,
    )  # fmt: skip
    assert spreekuur.begin == lokaal(date(2027, 3, 17), time(14, 0))

    antwoord = client.post(f"{verplaats}/afzeggen", data={"csrf_token": token})
    assert antwoord.status_code == 303
    db.refresh(spreekuur)
    assert spreekuur.status == "geannuleerd"
    assert {n.status for n in db.scalars(select(Notificatie))} == {"geannuleerd"}
    assert "Het spreekuur gaat niet door." in client.get(pad).get_data(as_text=True)
    # A cancelled spreekuur cannot be moved or cancelled again.
    assert client.get(verplaats).status_code == 303
    client.post(f"{verplaats}/afzeggen", data={"csrf_token": token})
    assert "Dit spreekuur is al afgezegd." in client.get(pad).get_data(as_text=True)


def test_a_move_that_fails_keeps_the_old_moment(client, db, casemanager):
    spreekuur = _plan(db, _dossier(db))
    pad = f"/medewerker/spreekuurplanning/spreekuren/{spreekuur.id}"

    antwoord = client.post(
        pad,
        data={"datum": "2027-03-20", "van": "10:00", "tot": "10:45", "vorm": "fysiek",
              "kantoor": "utrecht", "csrf_token": csrf_token(client, pad)},
    )  # fmt: skip

    assert antwoord.status_code == 400
    assert "weekend" in _fout_bij(antwoord.get_data(as_text=True), "datum")
    db.refresh(spreekuur)
    assert (spreekuur.begin, spreekuur.volgnummer) == (BEGIN, 0)


def test_the_dossier_page_and_the_planning_overview_link_to_planning(client, db, casemanager):
    dossier = _dossier(db)
    doel = f"/medewerker/spreekuurplanning/{dossier.kenmerk}"

    assert f'href="{doel}"' in client.get(f"/medewerker/dossiers/{dossier.kenmerk}").get_data(
        as_text=True
    )
    assert f'href="{doel}"' in client.get("/medewerker/spreekuurplanning").get_data(as_text=True)
    assert client.get("/medewerker/spreekuurplanning/WIA-9999999").status_code == 404
    assert client.get("/medewerker/spreekuurplanning/spreekuren/999999").status_code == 404


# --- the person's pages ------------------------------------------------------------------


def test_the_person_reads_why_and_what_support_is_arranged(client, db, monkeypatch):
    monkeypatch.setattr("portal.spreekuur.gepland.utcnow", lambda: NU)
    dossier = _dossier(db)
    _plan(db, dossier, vorm="telefonisch", telefoon="0612345678", tegen_voorkeur_reden=REDEN)
    log_in(client, dossier.burger)

    html = client.get("/spreekuur/gepland").get_data(as_text=True)

    assert "Wij plannen dit gesprek telefonisch, hoewel u liever op kantoor komt." in html
    assert f"&ldquo;{REDEN}&rdquo;" in html
    assert "Wat wij voor u regelen" in html
    assert "Een tolk (Turks)" in html and "Een drempelvrije plek" in html


def test_a_spreekuur_as_preferred_explains_nothing(client, db, monkeypatch):
    monkeypatch.setattr("portal.spreekuur.gepland.utcnow", lambda: NU)
    dossier = _dossier(db, ondersteuning=False)
    _plan(db, dossier)
    log_in(client, dossier.burger)

    html = client.get("/spreekuur/gepland").get_data(as_text=True)

    assert "Wij plannen dit gesprek" not in html
    assert "U heeft niet doorgegeven dat u iets extra nodig heeft." in html


def test_the_person_sees_their_earlier_preferences_with_dates(client, db):
    dossier = _dossier(db)
    voorkeuren.zet_voorkeur(
        db, dossier.burger_id, vorm="telefonisch", kantoor=None, dagdelen=["middag"],
        toelichting="Liever niet reizen", nu=NU,
    )  # fmt: skip
    log_in(client, dossier.burger)

    html = client.get("/spreekuur/voorkeur").get_data(as_text=True)

    eerder = html[html.index("Uw eerdere voorkeuren") :]
    assert "Doorgegeven op 26 februari 2027" in eerder
    assert "<br>Op kantoor, bij de arts &middot; UWV Utrecht &middot; 's Ochtends</li>" in eerder
    assert "Liever niet reizen" not in eerder  # the current one is not history
