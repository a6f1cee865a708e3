"""Staff and the back office keep the ledger honest: a late promise at the top of the
casemanager's overview, a new date only with a reason and within the law, the teamleider's
share kept per week, and the same rules through the API."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from notificaties import toezeggingen as planner
from portal.models import Bericht, Dossier, Notificatie, Toezegging, Verwerkingslog
from portal.services import inzage, ochtendoverzicht, toezeggingen
from portal.tijd import vandaag
from tests.api_hulp import get, maak_systeem, post, probleem, velden
from tests.conftest import csrf_token, log_in
from tests.factories import maak_burger, maak_dossier, maak_medewerker, maak_traject, met_voorkeuren


def _te_laat(db, casemanager=None, dagen: int = 3) -> Toezegging:
    """A person whose next step was promised ``dagen`` days ago, and did not come."""
    burger = met_voorkeuren(db, maak_burger(db))
    dossier = maak_dossier(db, burger=burger, casemanager=casemanager)
    traject = maak_traject(
        db, dossier=dossier, route=("in_onderzoek", "onderzoek_afgerond"),
        volgende_update_op=vandaag() - timedelta(days=dagen),
    )  # fmt: skip
    db.commit()
    planner.verloop(db, datetime.now(UTC))
    belofte = toezeggingen.laatste(db, f"traject:{traject.id}")
    assert belofte is not None and belofte.status == "verlopen"
    return belofte


def _post(client, belofte, **velden_):
    url = f"/medewerker/toezeggingen/{belofte.id}"
    data = {
        "versie": str(belofte.versie),
        "datum": (vandaag() + timedelta(days=14)).isoformat(),
        "reden": "Wij wachten nog op gegevens van uw werkgever.",
        "csrf_token": csrf_token(client, url),
        **velden_,
    }
    return client.post(url, data=data)


def test_late_promises_stand_at_the_top_of_the_casemanagers_overview_and_in_the_digest(client, db):
    esther = maak_medewerker(db, email="esther@uwv.example")
    belofte = _te_laat(db, casemanager=esther)
    _te_laat(db, casemanager=maak_medewerker(db))  # a colleague's: not on her list
    log_in(client, esther)

    html = client.get("/medewerker/overzicht").get_data(as_text=True)

    boven = html.split("Vandaag bellen")[0]
    assert "Beloften die te laat zijn" in boven
    assert f"/medewerker/toezeggingen/{belofte.id}" in boven
    assert boven.count("/medewerker/toezeggingen/") == 1
    aantallen = ochtendoverzicht.overzicht(db, esther.id, datetime.now(UTC)).aantallen
    assert aantallen["toezeggingen_te_laat"] == 1


def test_a_new_date_with_a_reason_is_told_to_the_person_and_logged(client, db):
    esther = maak_medewerker(db)
    belofte = _te_laat(db, casemanager=esther)
    log_in(client, esther)

    antwoord = _post(client, belofte)

    assert antwoord.status_code == 303
    nieuw = toezeggingen.laatste(db, belofte.onderwerp)
    assert (nieuw.datum, nieuw.reden, nieuw.vorige_id) == (
        vandaag() + timedelta(days=14),
        "Wij wachten nog op gegevens van uw werkgever.",
        belofte.id,
    )
    db.refresh(belofte)
    assert belofte.status == "verlopen"  # late stays late
    bericht = db.scalars(
        select(Bericht).where(Bericht.gegevens["gebeurtenis"].as_string() == "verschoven")
    ).one()
    assert bericht.toelichting == nieuw.reden
    sms = db.scalars(
        select(Notificatie).where(
            Notificatie.idempotentiesleutel.like(f"toezegging:{nieuw.id}:%"),
            Notificatie.kanaal == "sms",
        )
    ).one()
    assert sms.gegevens == {}
    activiteiten = set(db.scalars(select(Verwerkingslog.verwerkingsactiviteit)))
    assert {"toezegging-inzien", "toezegging-verschuiven"} <= activiteiten


@pytest.mark.parametrize(
    ("wijziging", "veld", "melding"),
    [
        ({"datum": "2020-01-01"}, "datum", "al voorbij"),
        ({"datum": ""}, "datum", "Vul de nieuwe datum in"),
        ({"datum": "31-02-2027"}, "datum", "Vul een datum in zoals"),
        ({"reden": ""}, "reden", "Schrijf op waarom"),
        ({"reden": "   "}, "reden", "Schrijf op waarom"),
        ({"reden": "x" * 1001}, "reden", "ten hoogste 1000 tekens"),
        ({"versie": "7"}, "datum", "Iemand anders heeft deze datum net aangepast"),
    ],
)
def test_a_new_date_that_cannot_be_is_refused_beside_its_field_and_nothing_changes(
    client, db, wijziging, veld, melding
):
    esther = maak_medewerker(db)
    belofte = _te_laat(db, casemanager=esther)
    log_in(client, esther)
    voor = db.scalar(select(func.count()).select_from(Toezegging))

    antwoord = _post(client, belofte, **wijziging)

    html = antwoord.get_data(as_text=True)
    assert antwoord.status_code == 400
    assert f'id="{veld}-fout"' in html and melding in html
    if veld == "reden" and wijziging["reden"].strip():
        assert wijziging["reden"] in html  # what was typed stays
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(Toezegging)) == voor
    assert toezeggingen.laatste(db, belofte.onderwerp).id == belofte.id


def test_an_inzage_term_cannot_be_moved_past_the_law(client, db):
    esther = maak_medewerker(db)
    dossier = maak_dossier(db, casemanager=esther)
    db.commit()
    verzoek = inzage.vraag_aan(
        db, dossier.burger, dossier, onderwerpen=["dossier"], anders=None, levering="post",
        toelichting=None, nu=datetime.now(UTC) - timedelta(days=40),
    )  # fmt: skip
    planner.verloop(db, datetime.now(UTC))
    belofte = toezeggingen.laatste(db, f"inzageverzoek:{verzoek.id}")
    assert belofte.status == "verlopen"
    log_in(client, esther)

    antwoord = _post(client, belofte)

    html = antwoord.get_data(as_text=True)
    assert antwoord.status_code == 400
    assert 'id="datum-fout"' in html and "de wet staat uiterlijk" in html
    assert toezeggingen.laatste(db, belofte.onderwerp).id == belofte.id


def test_the_teamleider_sees_the_share_kept_per_kind_and_week_and_the_late_ones(client, db):
    yvonne = maak_medewerker(db, rollen="teamleider")
    belofte = _te_laat(db)
    gehouden = maak_traject(db, volgende_update_op=vandaag())
    db.commit()
    toezeggingen.kom_na(db, f"traject:{gehouden.id}", datetime.now(UTC))
    db.commit()
    log_in(client, yvonne)

    html = client.get("/medewerker/toezeggingen").get_data(as_text=True)
    cijfers = client.get("/medewerker/toezeggingen/cijfers.csv")

    assert "<svg" in html and f"/medewerker/toezeggingen/{belofte.id}" in html
    rijen = list(csv.DictReader(io.StringIO(cijfers.get_data(as_text=True))))
    assert len({r["week"] for r in rijen}) == 12
    totaal = {
        (soort, kolom): sum(int(r[kolom]) for r in rijen if r["soort"] == soort)
        for soort in ("beslistermijn", "kwartaalupdate", "alle")
        for kolom in ("nagekomen", "verlopen")
    }
    assert totaal[("beslistermijn", "verlopen")] == 1
    assert totaal[("kwartaalupdate", "nagekomen")] == 1
    assert (totaal[("alle", "nagekomen")], totaal[("alle", "verlopen")]) == (1, 1)


def test_a_casemanager_cannot_open_the_teamleiders_figures(client, db):
    esther = maak_medewerker(db, rollen="casemanager")
    db.commit()
    log_in(client, esther)
    assert client.get("/medewerker/toezeggingen").status_code == 403


# --- the API ---------------------------------------------------------------------------------


def test_the_dossier_answer_names_every_promise_with_its_state(client, db):
    belofte = _te_laat(db)
    systeem = maak_systeem(client.application)
    kenmerk = db.get(Dossier, belofte.dossier_id).kenmerk

    antwoord = get(client, f"/dossiers/{kenmerk}", systeem.token)

    (uit,) = antwoord.get_json()["toezeggingen"]
    assert (uit["id"], uit["status"], uit["te_laat"]) == (belofte.id, "verlopen", True)


def test_the_back_office_moves_a_promise_under_the_same_rules(client, db):
    belofte = _te_laat(db)
    systeem = maak_systeem(client.application)
    pad = f"/toezeggingen/{belofte.id}/verschuiving"
    datum = (vandaag() + timedelta(days=7)).isoformat()

    zonder_reden = post(client, pad, systeem.token, {"datum": datum, "reden": ""})
    verleden = post(client, pad, systeem.token, {"datum": "2020-01-01", "reden": "x"})
    verouderd = post(
        client, pad, systeem.token, {"datum": datum, "reden": "Nieuw", "verwacht_versie": 9}
    )
    goed = post(client, pad, systeem.token, {"datum": datum, "reden": "Werkgever is laat."})

    assert velden(probleem(zonder_reden, 422, "ongeldige-invoer")) == ["reden"]
    assert velden(probleem(verleden, 422, "ongeldige-invoer")) == ["datum"]
    probleem(verouderd, 409, "conflict")
    assert goed.status_code == 200, goed.get_data(as_text=True)
    assert (goed.get_json()["datum"], goed.get_json()["vorige_id"]) == (datum, belofte.id)
    nogmaals = post(client, pad, systeem.token, {"datum": datum, "reden": "Nog eens."})
    probleem(nogmaals, 409, "conflict")  # the old promise was replaced meanwhile
