"""Dossiers through the API: create or update (and refuse, leaving nothing half-saved), move
a status exactly as a casemanager would, read a dossier with its history, page through
changes."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.models import (
    Bericht,
    Burger,
    Dossier,
    Notificatie,
    Servicecall,
    Statuswijziging,
    Traject,
    Verwerkingslog,
)
from portal.services import statuswijziging
from portal.tijd import vandaag
from tests.api_hulp import (
    dossier_json,
    get,
    maak_systeem,
    nieuw_bsn,
    post,
    probleem,
    tel,
    velden,
)
from tests.conftest import log_in
from tests.factories import (
    maak_burger,
    maak_dossier,
    maak_medewerker,
    maak_traject,
    met_voorkeuren,
)


@pytest.fixture
def systeem(app):
    return maak_systeem(app)


def _traject(db, *, voorkeuren=True, **velden):
    burger = maak_burger(db)
    if voorkeuren:
        met_voorkeuren(db, burger)
    traject = maak_traject(db, dossier=maak_dossier(db, burger=burger), **velden)
    db.commit()
    return traject


def _wijzig(client, systeem, traject, **lichaam):
    return post(client, f"/trajecten/{traject.id}/statuswijzigingen", systeem.token, lichaam)


def _aantallen(db):
    return [tel(db, model) for model in (Burger, Dossier, Traject, Statuswijziging)]


# --- create or update -------------------------------------------------------------------------


def test_a_new_dossier_creates_burger_dossier_and_traject_without_returning_the_bsn(
    client, db, systeem
):
    gegevens = dossier_json(telefoon="06 12345678", email="Fatima@Example.nl")

    response = post(client, "/dossiers", systeem.token, gegevens)

    assert response.status_code == 201, response.get_data(as_text=True)
    assert response.headers["Location"].endswith(f"/api/v1/dossiers/{gegevens['kenmerk']}")
    assert gegevens["bsn"] not in response.get_data(as_text=True)
    assert gegevens["bsn"] not in response.headers["Location"]
    lichaam = response.get_json()
    assert (lichaam["kenmerk"], lichaam["naam"]) == (gegevens["kenmerk"], "Fatima El Amrani")
    (traject,) = lichaam["trajecten"]
    assert (traject["soort"], traject["status"]) == ("dagloon", "in_onderzoek")
    assert [h["bron"] for h in traject["historie"]] == ["api"]
    burger = db.scalar(select(Burger).where(Burger.bsn == gegevens["bsn"]))
    assert (burger.telefoon, burger.email) == ("+31612345678", "Fatima@example.nl")
    assert burger.dossier.kenmerk == gegevens["kenmerk"]
    assert [t.status for t in burger.dossier.trajecten] == ["in_onderzoek"]
    rij = db.scalar(select(Statuswijziging))
    assert (rij.api_client_id, rij.medewerker_id) == (systeem.id, None)
    regel = db.scalar(select(Verwerkingslog).where(Verwerkingslog.burger_id == burger.id))
    assert (regel.verwerkingsactiviteit, regel.api_client_id) == ("dossier-aanmaken", systeem.id)


def test_posting_the_dossier_again_with_another_name_updates_it(client, db, systeem):
    gegevens = dossier_json()
    assert post(client, "/dossiers", systeem.token, gegevens).status_code == 201

    response = post(client, "/dossiers", systeem.token, {**gegevens, "achternaam": "Bakker"})

    assert response.status_code == 200
    assert response.get_json()["naam"] == "Fatima Bakker"
    assert _aantallen(db) == [1, 1, 1, 1]
    assert db.scalar(select(Burger.achternaam)) == "Bakker"


def test_an_update_does_not_overwrite_contact_details_the_person_verified(client, db, systeem):
    burger = met_voorkeuren(db, maak_burger(db, email="eigen@example.nl"))
    dossier = maak_dossier(db, burger=burger)
    db.commit()
    gegevens = dossier_json(kenmerk=dossier.kenmerk, bsn=burger.bsn, email="oud@example.nl")

    assert post(client, "/dossiers", systeem.token, gegevens).status_code == 200

    db.expire_all()
    assert db.get(Burger, burger.id).email == "eigen@example.nl"


def test_an_invalid_bsn_is_refused_naming_the_field(client, db, systeem):
    response = post(client, "/dossiers", systeem.token, dossier_json(bsn="123456788"))

    lichaam = probleem(response, 422, "ongeldige-invoer")
    assert lichaam["fouten"][0]["veld"] == "bsn"
    assert lichaam["fouten"][0]["code"] == "ongeldig_bsn"
    assert "123456788" not in response.get_data(as_text=True)


def test_an_unknown_field_is_refused_naming_it(client, systeem):
    response = post(client, "/dossiers", systeem.token, dossier_json(geboortedatum="1970-01-01"))

    lichaam = probleem(response, 422, "ongeldige-invoer")
    assert velden(lichaam) == ["geboortedatum"]
    assert lichaam["fouten"][0]["code"] == "extra_forbidden"


def test_malformed_json_answers_400_and_another_content_type_415(client, systeem):
    kapot = post(
        client, "/dossiers", systeem.token, data='{"kenmerk": ', content_type="application/json"
    )
    tekst = post(client, "/dossiers", systeem.token, data="kenmerk=x", content_type="text/plain")

    probleem(kapot, 400, "ongeldige-json")
    probleem(tekst, 415, "verkeerd-mediatype")


def test_a_bsn_of_another_dossier_is_refused_and_nothing_is_saved(client, db, systeem):
    ander = maak_dossier(db)
    db.commit()
    voor = _aantallen(db)

    response = post(client, "/dossiers", systeem.token, dossier_json(bsn=ander.burger.bsn))

    lichaam = probleem(response, 422, "ongeldige-invoer")
    assert lichaam["fouten"][0]["veld"] == "bsn"
    assert lichaam["fouten"][0]["code"] == "bsn_hoort_bij_ander_dossier"
    assert ander.burger.bsn not in response.get_data(as_text=True)
    assert _aantallen(db) == voor


@pytest.mark.parametrize(
    ("wijziging", "veld", "code"),
    [
        ({"bsn": "123456788"}, "bsn", "ongeldig_bsn"),
        ({"voornamen": "Fa<script>"}, "voornamen", "ongeldige_tekens"),
        ({"voornamen": 12}, "voornamen", "string_type"),
        ({"telefoon": "12"}, "telefoon", "ongeldig_nummer"),
        ({"kenmerk": "WIA-12"}, "kenmerk", "string_pattern_mismatch"),
        ({"trajecten": [{"soort": "dagloon", "status": "beslissing"}]}, "trajecten/0/status",
         "onbekende_status"),
        ({"trajecten": [{"soort": "ewt"}, {"soort": "ewt"}]}, "trajecten/1/soort",
         "dubbele_soort"),
        ({"trajecten": [{"soort": "dagloon", "gestart_op": "2999-01-01"}]},
         "trajecten/0/gestart_op", "in_toekomst"),
    ],
)  # fmt: skip
def test_a_refused_dossier_leaves_nothing_half_saved(client, db, systeem, wijziging, veld, code):
    bestaand = maak_traject(db)
    db.commit()
    voor = _aantallen(db)

    response = post(client, "/dossiers", systeem.token, dossier_json(**wijziging))

    fouten = probleem(response, 422, "ongeldige-invoer")["fouten"]
    assert {"veld": veld, "code": code} in [{"veld": f["veld"], "code": f["code"]} for f in fouten]
    assert all(f["melding"] for f in fouten)
    assert _aantallen(db) == voor
    assert tel(db, Bericht) == 0
    db.expire_all()
    assert db.get(Traject, bestaand.id).status == "in_onderzoek"


def test_dates_in_json_spelling_are_accepted_for_a_new_traject(client, db, systeem):
    volgende = vandaag() + timedelta(days=30)
    gegevens = dossier_json(
        trajecten=[
            {
                "soort": "ewt",
                "status": "aanvraag_ontvangen",
                "gestart_op": "2025-01-06",
                "volgende_update_op": volgende.isoformat(),
            }
        ]
    )

    response = post(client, "/dossiers", systeem.token, gegevens)

    assert response.status_code == 201, response.get_data(as_text=True)
    traject = db.scalar(select(Traject))
    assert (traject.soort, traject.gestart_op, traject.volgende_update_op) == (
        "ewt",
        date(2025, 1, 6),
        volgende,
    )


def test_an_existing_kenmerk_with_another_bsn_is_refused_and_changes_nothing(client, db, systeem):
    gegevens = dossier_json()
    assert post(client, "/dossiers", systeem.token, gegevens).status_code == 201

    response = post(
        client, "/dossiers", systeem.token, {**gegevens, "bsn": nieuw_bsn(), "voornamen": "Kees"}
    )

    assert probleem(response, 422)["fouten"][0]["code"] == "bsn_past_niet_bij_dossier"
    assert _aantallen(db) == [1, 1, 1, 1]
    assert db.scalar(select(Burger.voornamen)) == "Fatima"


# --- status changes ---------------------------------------------------------------------------


def test_a_legal_status_change_moves_the_traject_and_tells_the_person(client, db, systeem):
    traject = _traject(db, route=("in_onderzoek",))

    response = _wijzig(client, systeem, traject, naar="met_spoed", toelichting="Met voorrang.")

    assert response.status_code == 201, response.get_data(as_text=True)
    lichaam = response.get_json()
    assert (lichaam["van"], lichaam["naar"], lichaam["traject_id"]) == (
        "in_onderzoek",
        "met_spoed",
        traject.id,
    )
    db.expire_all()
    opgeslagen = db.get(Traject, traject.id)
    assert opgeslagen.status == "met_spoed"
    assert lichaam["volgende_update_op"] == opgeslagen.volgende_update_op.isoformat()
    assert opgeslagen.volgende_update_op > vandaag()
    bericht = db.scalar(select(Bericht))
    assert (bericht.soort, bericht.burger_id, bericht.toelichting) == (
        "statuswijziging",
        traject.dossier.burger_id,
        "Met voorrang.",
    )
    notificaties = db.scalars(select(Notificatie)).all()
    assert {(n.kanaal, n.soort) for n in notificaties} == {
        ("sms", "statuswijziging"),
        ("email", "statuswijziging"),
    }
    (regel,) = db.scalars(select(Verwerkingslog)).all()
    assert (regel.api_client_id, regel.medewerker_id, regel.burger_id) == (
        systeem.id,
        None,
        traject.dossier.burger_id,
    )
    assert regel.verwerkingsactiviteit == "traject-status-wijzigen"


def test_without_a_verified_channel_there_is_a_message_but_no_sms_or_email(client, db, systeem):
    traject = _traject(db, voorkeuren=False)

    assert _wijzig(client, systeem, traject, naar="met_spoed").status_code == 201

    assert tel(db, Bericht) == 1
    assert tel(db, Notificatie) == 0


def test_an_illegal_transition_is_refused_and_changes_nothing(client, db, systeem):
    traject = _traject(db, route=("in_onderzoek",))
    voor = tel(db, Statuswijziging)

    response = _wijzig(client, systeem, traject, naar="nabetaling")

    lichaam = probleem(response, 422)
    assert lichaam["type"].endswith("ongeldige-overgang")
    assert velden(lichaam) == ["naar"]
    assert "onderzoek_afgerond" in lichaam["detail"]  # what would be possible
    db.expire_all()
    assert db.get(Traject, traject.id).status == "in_onderzoek"
    assert tel(db, Statuswijziging) == voor
    assert tel(db, Bericht) == 0 and tel(db, Notificatie) == 0
    regel = db.scalar(select(Verwerkingslog))
    assert (regel.resultaat, regel.api_client_id) == ("geweigerd", systeem.id)


def test_a_change_based_on_another_status_than_the_current_one_answers_409(client, db, systeem):
    traject = _traject(db, route=("in_onderzoek", "onderzoek_afgerond"))

    response = _wijzig(
        client, systeem, traject, naar="dagloon_te_laag", verwacht_van="in_onderzoek"
    )

    assert "onderzoek_afgerond" in probleem(response, 409, "conflict")["detail"]
    db.expire_all()
    assert db.get(Traject, traject.id).status == "onderzoek_afgerond"
    assert tel(db, Bericht) == 0
    matching = _wijzig(
        client, systeem, traject, naar="dagloon_te_laag", verwacht_van="onderzoek_afgerond"
    )
    assert matching.status_code == 201


def test_a_chosen_next_update_date_is_kept_and_one_in_the_past_refused(client, db, systeem):
    traject = _traject(db)
    gisteren = (vandaag() - timedelta(days=1)).isoformat()
    later = vandaag() + timedelta(days=45)

    geweigerd = _wijzig(client, systeem, traject, naar="met_spoed", volgende_update_op=gisteren)
    gelukt = _wijzig(
        client, systeem, traject, naar="met_spoed", volgende_update_op=later.isoformat()
    )

    fout = probleem(geweigerd, 422, "ongeldige-invoer")["fouten"][0]
    assert (fout["veld"], fout["code"]) == ("volgende_update_op", "in_verleden")
    assert gelukt.status_code == 201, gelukt.get_data(as_text=True)
    db.expire_all()
    assert db.get(Traject, traject.id).volgende_update_op == later
    assert tel(db, Bericht) == 1


def test_reaching_onderzoek_afgerond_creates_the_service_call_task(client, db, systeem):
    traject = _traject(db, route=("in_onderzoek",))

    assert _wijzig(client, systeem, traject, naar="onderzoek_afgerond").status_code == 201

    taak = db.scalar(select(Servicecall))
    assert (taak.dossier_id, taak.status, taak.onderwerp) == (
        traject.dossier_id,
        "te_plannen",
        "uitkomst_onderzoek",
    )


def test_the_person_sees_the_new_status_on_mijn_dossier(client, db, systeem):
    traject = _traject(db, route=("in_onderzoek",))
    burger = traject.dossier.burger
    log_in(client, burger)
    assert "Wij zijn klaar met het onderzoek" not in client.get("/mijn-dossier").get_data(
        as_text=True
    )

    assert _wijzig(client, systeem, traject, naar="onderzoek_afgerond").status_code == 201

    html = client.get("/mijn-dossier").get_data(as_text=True)
    assert "Onderzoek klaar" in html
    assert "Wij zijn klaar met het onderzoek" in html


# --- reading ----------------------------------------------------------------------------------


def test_reading_a_dossier_shows_the_history_with_its_sources_and_is_logged(client, db, systeem):
    traject = _traject(db, route=("in_onderzoek",))
    statuswijziging.wijzig_status(
        db,
        traject,
        statuswijziging.Wijziging("met_spoed", None, None),
        verwacht_van="in_onderzoek",
        medewerker=maak_medewerker(db),
        trace_id="t" * 32,
    )
    assert _wijzig(client, systeem, traject, naar="onderzoek_afgerond").status_code == 201
    kenmerk = traject.dossier.kenmerk

    response = get(client, f"/dossiers/{kenmerk}", systeem.token)

    assert response.status_code == 200
    lichaam = response.get_json()
    assert lichaam["kenmerk"] == kenmerk
    assert traject.dossier.burger.bsn not in response.get_data(as_text=True)
    (gelezen,) = lichaam["trajecten"]
    assert gelezen["status"] == "onderzoek_afgerond"
    assert gelezen["volgende_statussen"] == ["geen_wijziging", "dagloon_te_hoog", "dagloon_te_laag"]
    assert [(h["naar"], h["bron"]) for h in gelezen["historie"]] == [
        ("niet_geinformeerd", "systeem"),
        ("in_onderzoek", "systeem"),
        ("met_spoed", "medewerker"),
        ("onderzoek_afgerond", "api"),
    ]
    assert lichaam["servicecalls"][0]["status"] == "te_plannen"
    regel = db.scalar(
        select(Verwerkingslog).where(Verwerkingslog.verwerkingsactiviteit == "api-dossier-lezen")
    )
    assert (regel.burger_id, regel.api_client_id, regel.medewerker_id) == (
        traject.dossier.burger_id,
        systeem.id,
        None,
    )
    assert (regel.handeling, regel.resultaat) == ("inzien", "gelukt")


def test_an_unknown_kenmerk_answers_a_404_problem(client, db, systeem):
    response = get(client, "/dossiers/WIA-9999999", systeem.token)

    probleem(response, 404, "niet-gevonden")
    regel = db.scalar(select(Verwerkingslog))
    assert (regel.resultaat, regel.burger_id) == ("geweigerd", None)


def test_changes_can_be_read_page_by_page_from_every_source(client, db, systeem):
    for _ in range(3):
        _traject(db, route=("in_onderzoek",))  # two history rows each
    alle = db.scalars(select(Statuswijziging.id).order_by(Statuswijziging.id)).all()

    gezien, na, paginas = [], 0, 0
    while na is not None:
        response = get(client, "/wijzigingen", systeem.token, query_string={"na": na, "limiet": 4})
        assert response.status_code == 200
        lichaam = response.get_json()
        assert len(lichaam["wijzigingen"]) <= 4
        gezien += [w["id"] for w in lichaam["wijzigingen"]]
        na, paginas = lichaam["volgende"], paginas + 1

    assert gezien == alle and len(alle) == 6
    assert paginas == 2
    eerste = get(client, "/wijzigingen", systeem.token).get_json()["wijzigingen"][0]
    assert (eerste["van"], eerste["naar"], eerste["bron"]) == (None, "niet_geinformeerd", "systeem")
    assert eerste["kenmerk"].startswith("WIA-")


@pytest.mark.parametrize("query", [{"limiet": 0}, {"limiet": 501}, {"na": -1}, {"na": "x"}])
def test_a_page_outside_the_limits_is_refused(client, systeem, query):
    response = get(client, "/wijzigingen", systeem.token, query_string=query)

    assert velden(probleem(response, 422, "ongeldige-invoer")) == list(query)
