"""The API follows the person's spreekuur preference: another form or office is a 409
``tegen-voorkeur`` naming the preference, unless ``?negeer_voorkeur=<reason>`` is sent; the
dossier answer carries the preference and the support needs; the OpenAPI document says so.

The API uses the real clock, so every moment here is counted from today."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from urllib.parse import quote

import pytest

from portal.api import openapi
from portal.kalender import is_werkdag
from portal.models import Bericht, Notificatie, Spreekuur, utcnow
from portal.services import spreekuurvoorkeur as voorkeuren
from portal.tijd import AMSTERDAM, vandaag
from tests.api_hulp import get, maak_systeem, post, probleem, tel
from tests.factories import maak_burger, maak_dossier, met_voorkeuren

REDEN = "De arts houdt deze maand alleen telefonisch spreekuur."


@pytest.fixture
def systeem(app):
    return maak_systeem(app)


def _werkdag(over: int):
    dag = vandaag() + timedelta(days=over)
    while not is_werkdag(dag):
        dag += timedelta(days=1)
    return dag


def _om(dag, uur: int, minuut: int = 0) -> str:
    return datetime.combine(dag, time(uur, minuut), AMSTERDAM).isoformat()


def _dossier(db, *, voorkeur=True, ondersteuning=True):
    burger = met_voorkeuren(db, maak_burger(db))
    dossier = maak_dossier(db, burger=burger)
    db.commit()
    if voorkeur:
        voorkeuren.zet_voorkeur(
            db, burger.id, vorm="fysiek", kantoor="utrecht", dagdelen=["ochtend", "middag"],
            toelichting="Niet op woensdag", nu=utcnow() - timedelta(days=2),
        )  # fmt: skip
    if ondersteuning:
        voorkeuren.zet_ondersteuning(
            db, burger.id, behoeften=["grote_letters", "begeleider"], tolk_taal="Pools",
            toelichting=None, nu=utcnow() - timedelta(days=2),
        )  # fmt: skip
    return dossier


def _telefonisch(dag=None, **velden):
    dag = dag or _werkdag(10)
    return {"begin": _om(dag, 10), "eind": _om(dag, 10, 45), "vorm": "telefonisch",
            "telefoon": "06 12345678", **velden}  # fmt: skip


def test_a_spreekuur_against_the_preference_is_a_409_naming_it_and_changes_nothing(
    client, db, systeem
):
    dossier = _dossier(db)

    antwoord = post(client, f"/dossiers/{dossier.kenmerk}/spreekuren", systeem.token,
                    _telefonisch())  # fmt: skip

    lichaam = probleem(antwoord, 409, "tegen-voorkeur")
    assert lichaam["title"] == "Dit spreekuur past niet bij de voorkeur van de klant."
    assert "De klant wil liever op kantoor komen, bij UWV Utrecht." in lichaam["detail"]
    assert "negeer_voorkeur" in lichaam["detail"]
    voorkeur = lichaam["voorkeur"]
    assert (voorkeur["vorm"], voorkeur["kantoor"], voorkeur["dagdelen"]) == (
        "fysiek", "utrecht", ["ochtend", "middag"],
    )  # fmt: skip
    assert datetime.fromisoformat(voorkeur["gewijzigd_op"]) < utcnow()
    assert lichaam["afwijkingen"] == ["vorm"]
    assert [(f["veld"], f["code"]) for f in lichaam["fouten"]] == [("vorm", "tegen_voorkeur")]
    geen_ontvangst = Bericht.soort != "ontvangst"  # the preference's receipt is not news
    assert tel(db, Spreekuur) == 0 and tel(db, Bericht, geen_ontvangst) == 0
    assert tel(db, Notificatie) == 0


def test_negeer_voorkeur_plans_it_with_the_reason_and_the_same_key_may_be_retried(
    client, db, systeem
):
    dossier = _dossier(db)
    pad = f"/dossiers/{dossier.kenmerk}/spreekuren"
    probleem(post(client, pad, systeem.token, _telefonisch(), sleutel="sleutel-1"), 409)

    antwoord = post(client, f"{pad}?negeer_voorkeur={quote(REDEN)}", systeem.token,
                    _telefonisch(), sleutel="sleutel-1")  # fmt: skip

    assert antwoord.status_code == 201, antwoord.get_data(as_text=True)
    assert antwoord.get_json()["tegen_voorkeur_reden"] == REDEN
    spreekuur = db.get(Spreekuur, antwoord.get_json()["id"])
    assert spreekuur.tegen_voorkeur_reden == REDEN
    assert spreekuur.tegen_voorkeur_id == voorkeuren.huidige_voorkeur(db, dossier.burger_id).id
    herhaald = post(client, pad, systeem.token, _telefonisch(), sleutel="sleutel-1")
    assert herhaald.headers.get("Idempotent-Replayed") == "true"
    assert tel(db, Spreekuur) == 1


def test_a_spreekuur_as_preferred_needs_no_reason_and_an_empty_one_is_no_reason(
    client, db, systeem
):
    dossier = _dossier(db)
    pad = f"/dossiers/{dossier.kenmerk}/spreekuren"
    dag = _werkdag(10)

    volgens = post(client, pad, systeem.token, {"begin": _om(dag, 9), "eind": _om(dag, 9, 45),
                   "vorm": "fysiek", "kantoor": "utrecht"})  # fmt: skip
    leeg = post(client, f"{pad}?negeer_voorkeur=%20", systeem.token, _telefonisch(dag))

    assert volgens.status_code == 201 and volgens.get_json()["tegen_voorkeur_reden"] is None
    probleem(leeg, 409, "tegen-voorkeur")


def test_moving_to_another_office_is_refused_until_a_reason_is_given(client, db, systeem):
    dossier = _dossier(db)
    dag = _werkdag(10)
    eerste = post(client, f"/dossiers/{dossier.kenmerk}/spreekuren", systeem.token,
                  {"begin": _om(dag, 10), "eind": _om(dag, 10, 45), "vorm": "fysiek",
                   "kantoor": "utrecht"}).get_json()  # fmt: skip
    pad = f"/spreekuren/{eerste['id']}/verplaatsing"
    lichaam = {"begin": _om(dag, 14), "eind": _om(dag, 14, 45), "kantoor": "amsterdam"}

    geweigerd = probleem(post(client, pad, systeem.token, lichaam), 409, "tegen-voorkeur")
    assert geweigerd["afwijkingen"] == ["kantoor"]
    reden = "In Utrecht is op die dag geen arts."
    antwoord = post(client, f"{pad}?negeer_voorkeur={quote(reden)}", systeem.token, lichaam)

    assert antwoord.status_code == 200, antwoord.get_data(as_text=True)
    assert (antwoord.get_json()["kantoor"], antwoord.get_json()["volgnummer"]) == ("amsterdam", 1)
    assert antwoord.get_json()["tegen_voorkeur_reden"] == reden


def test_a_reason_that_is_too_long_is_refused(client, db, systeem):
    dossier = _dossier(db)
    pad = f"/dossiers/{dossier.kenmerk}/spreekuren?negeer_voorkeur=" + "x" * 501

    fout = probleem(post(client, pad, systeem.token, _telefonisch()), 422)["fouten"][0]

    assert (fout["veld"], fout["code"]) == ("negeer_voorkeur", "string_too_long")
    assert tel(db, Spreekuur) == 0


def test_a_spreekuur_in_the_weekend_or_after_office_hours_is_refused(client, db, systeem):
    dossier = _dossier(db, voorkeur=False)
    zaterdag = vandaag() + timedelta(days=(5 - vandaag().weekday()) % 7 or 7)
    pad = f"/dossiers/{dossier.kenmerk}/spreekuren"

    weekend = post(client, pad, systeem.token, _telefonisch(zaterdag))
    laat = post(client, pad, systeem.token,
                {**_telefonisch(), "begin": _om(_werkdag(10), 16, 30),
                 "eind": _om(_werkdag(10), 17, 15)})  # fmt: skip

    fout = probleem(weekend, 422, "ongeldige-invoer")["fouten"][0]
    assert (fout["veld"], fout["code"]) == ("begin", "weekend")
    fout = probleem(laat, 422, "ongeldige-invoer")["fouten"][0]
    assert (fout["veld"], fout["code"]) == ("eind", "buiten_kantoortijd")


def test_the_dossier_answer_carries_the_preference_and_the_support_needs(client, db, systeem):
    met = _dossier(db)
    zonder = _dossier(db, voorkeur=False, ondersteuning=False)

    lichaam = get(client, f"/dossiers/{met.kenmerk}", systeem.token).get_json()
    leeg = get(client, f"/dossiers/{zonder.kenmerk}", systeem.token).get_json()

    voorkeur = lichaam["spreekuurvoorkeur"]
    assert (voorkeur["vorm"], voorkeur["kantoor"], voorkeur["toelichting"]) == (
        "fysiek", "utrecht", "Niet op woensdag",
    )  # fmt: skip
    assert voorkeur["dagdelen"] == ["ochtend", "middag"] and voorkeur["gewijzigd_op"]
    steun = lichaam["ondersteuning"]
    assert (steun["grote_letters"], steun["begeleider"], steun["tolk"]) == (True, True, True)
    assert (steun["tolk_taal"], steun["drempelvrij"]) == ("Pools", False)
    assert (leeg["spreekuurvoorkeur"], leeg["ondersteuning"]) == (None, None)


def test_the_openapi_document_describes_the_override_and_the_refusal(app):
    document = openapi.document()
    for pad in ("/dossiers/{kenmerk}/spreekuren", "/spreekuren/{spreekuur_id}/verplaatsing"):
        operatie = document["paths"][pad]["post"]
        (parameter,) = [p for p in operatie["parameters"] if p["name"] == "negeer_voorkeur"]
        assert parameter["in"] == "query" and parameter["schema"]["maxLength"] == 500
        assert "tegen-voorkeur" in operatie["responses"]["409"]["description"]
        assert "buiten_kantoortijd" in operatie["responses"]["422"]["description"]
    probleemschema = document["components"]["schemas"]["Probleem"]["properties"]
    assert {"voorkeur", "afwijkingen"} <= set(probleemschema)
    dossier = document["components"]["schemas"]["DossierUit"]["properties"]
    assert {"spreekuurvoorkeur", "ondersteuning"} <= set(dossier)
    annulering = document["paths"]["/spreekuren/{spreekuur_id}/annulering"]["post"]
    assert "tegen-voorkeur" not in annulering["responses"]["409"]["description"]
