"""Planning, figures and inzage through the API: spreekuren with their reminders, service-calls
in office hours, dagloon figures, and PDFs for inzage requests.

The API uses the real clock, so every moment here is counted from today."""

import io
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from portal.kalender import is_werkdag
from portal.models import Bericht, Notificatie, Servicecall, Spreekuur, Verwerkingslog
from portal.models.inzage import Inzagedocument
from portal.services import dagloon
from portal.services import inzage as inzageservice
from portal.tijd import AMSTERDAM, vandaag
from tests.api_hulp import PDF, get, maak_systeem, post, probleem, tel, velden
from tests.factories import maak_burger, maak_dossier, maak_medewerker, met_voorkeuren


@pytest.fixture
def systeem(app):
    return maak_systeem(app)


@pytest.fixture(autouse=True)
def _documentenmap(app, tmp_path):
    app.config["DOCUMENTEN_MAP"] = str(tmp_path / "documenten")


def _dossier(db, *, voorkeuren=True):
    burger = maak_burger(db)
    if voorkeuren:
        met_voorkeuren(db, burger)
    dossier = maak_dossier(db, burger=burger)
    db.commit()
    return dossier


def _werkdag(over: int):
    """The first working day at least ``over`` days from today."""
    dag = vandaag() + timedelta(days=over)
    while not is_werkdag(dag):
        dag += timedelta(days=1)
    return dag


def _om(dag, uur: int, minuut: int = 0) -> str:
    return datetime.combine(dag, time(uur, minuut), AMSTERDAM).isoformat()


def _spreekuur_json(dag=None, **velden):
    dag = dag or _werkdag(10)
    return {
        "begin": _om(dag, 10),
        "eind": _om(dag, 10, 45),
        "vorm": "fysiek",
        "kantoor": "utrecht",
        "meenemen": "Uw medicijnen",
        **velden,
    }


def _plan(client, systeem, dossier, **velden):
    return post(
        client, f"/dossiers/{dossier.kenmerk}/spreekuren", systeem.token, _spreekuur_json(**velden)
    )


def _herinneringen(db, spreekuur_id, volgnummer=None):
    db.expire_all()
    begin = f"spreekuur:{spreekuur_id}:" + ("" if volgnummer is None else f"{volgnummer}:")
    rijen = db.scalars(select(Notificatie).where(Notificatie.idempotentiesleutel.startswith(begin)))
    return sorted(r.status for r in rijen)


# --- spreekuren -------------------------------------------------------------------------------


def test_planning_a_spreekuur_sends_a_message_and_plans_reminders(client, db, systeem):
    dossier = _dossier(db)

    response = _plan(client, systeem, dossier)

    assert response.status_code == 201, response.get_data(as_text=True)
    assert response.headers["Location"].endswith(f"/api/v1/dossiers/{dossier.kenmerk}")
    lichaam = response.get_json()
    assert (lichaam["status"], lichaam["volgnummer"], lichaam["kantoor"]) == (
        "gepland",
        0,
        "utrecht",
    )
    spreekuur = db.get(Spreekuur, lichaam["id"])
    assert spreekuur.dossier_id == dossier.id
    assert spreekuur.begin.astimezone(AMSTERDAM).time() == time(10, 0)
    bericht = db.scalar(select(Bericht))
    assert (bericht.soort, bericht.burger_id) == ("spreekuur", dossier.burger_id)
    assert bericht.gegevens["gebeurtenis"] == "gepland"
    # 7 days and 1 day before, by SMS and by e-mail, held back until their moment.
    assert _herinneringen(db, spreekuur.id, 0) == ["wachtend"] * 4
    assert all(n.volgende_poging_op > n.aangemaakt_op for n in db.scalars(select(Notificatie)))


def test_without_opting_in_a_spreekuur_gets_a_message_but_no_reminders(client, db, systeem):
    dossier = _dossier(db, voorkeuren=False)

    assert _plan(client, systeem, dossier).status_code == 201

    assert tel(db, Bericht) == 1
    assert tel(db, Notificatie) == 0


def test_moving_a_spreekuur_raises_its_volgnummer_and_replaces_the_reminders(client, db, systeem):
    dossier = _dossier(db)
    eerste = _plan(client, systeem, dossier).get_json()
    dag = _werkdag(20)

    response = post(
        client,
        f"/spreekuren/{eerste['id']}/verplaatsing",
        systeem.token,
        {"begin": _om(dag, 14), "eind": _om(dag, 14, 30), "vorm": "video"},
    )

    assert response.status_code == 200, response.get_data(as_text=True)
    lichaam = response.get_json()
    assert (lichaam["volgnummer"], lichaam["uid"], lichaam["vorm"]) == (1, eerste["uid"], "video")
    assert lichaam["kantoor"] == "utrecht"  # kept when not given
    assert _herinneringen(db, eerste["id"], 0) == ["geannuleerd"] * 4
    assert _herinneringen(db, eerste["id"], 1) == ["wachtend"] * 4
    gebeurtenissen = [b.gegevens["gebeurtenis"] for b in db.scalars(select(Bericht))]
    assert sorted(gebeurtenissen) == ["gepland", "verplaatst"]


def test_cancelling_a_spreekuur_cancels_its_reminders_and_cannot_happen_twice(client, db, systeem):
    dossier = _dossier(db)
    spreekuur_id = _plan(client, systeem, dossier).get_json()["id"]
    pad = f"/spreekuren/{spreekuur_id}/annulering"

    eerste = post(client, pad, systeem.token)
    tweede = post(client, pad, systeem.token)

    assert eerste.status_code == 200, eerste.get_data(as_text=True)
    assert eerste.get_json()["status"] == "geannuleerd"
    assert _herinneringen(db, spreekuur_id) == ["geannuleerd"] * 4
    probleem(tweede, 409, "conflict")
    dag = _werkdag(12)
    verplaatsen = post(
        client,
        f"/spreekuren/{spreekuur_id}/verplaatsing",
        systeem.token,
        {"begin": _om(dag, 10), "eind": _om(dag, 11)},
    )
    probleem(verplaatsen, 409, "conflict")
    assert tel(db, Bericht) == 2  # planned, cancelled


@pytest.mark.parametrize(
    ("velden", "veld", "code"),
    [
        ({"dag": vandaag() - timedelta(days=1)}, "begin", "in_verleden"),
        ({"kantoor": None}, "kantoor", "geen_kantoor"),
        ({"vorm": "telefonisch", "kantoor": None, "telefoon": "12"}, "telefoon", "ongeldig_nummer"),
        ({"eind": "2020-01-01T10:00:00+01:00"}, "eind", "eind_voor_begin"),
        ({"begin": "2030-01-07T10:00:00"}, "begin", "timezone_aware"),
    ],
)
def test_a_spreekuur_that_cannot_be_is_refused_naming_the_field(
    client, db, systeem, velden, veld, code
):
    dossier = _dossier(db)

    response = _plan(client, systeem, dossier, **velden)

    fout = probleem(response, 422, "ongeldige-invoer")["fouten"][0]
    assert (fout["veld"], fout["code"]) == (veld, code)
    assert tel(db, Spreekuur) == 0 and tel(db, Notificatie) == 0


def test_a_spreekuur_for_an_unknown_dossier_answers_404(client, systeem):
    response = post(client, "/dossiers/WIA-9999999/spreekuren", systeem.token, _spreekuur_json())

    probleem(response, 404, "niet-gevonden")


# --- service-calls ----------------------------------------------------------------------------


def _call_json(dag=None, van=10, tot=12, **velden):
    dag = dag or _werkdag(3)
    return {
        "van": _om(dag, van),
        "tot": _om(dag, tot),
        "telefoon": "020 123 4567",
        "belnummer": "088 - 898 92 94",
        "medewerker": "h.deboer@uwv.nl",
        **velden,
    }


def _plan_call(client, systeem, dossier, **velden):
    return post(
        client, f"/dossiers/{dossier.kenmerk}/servicecalls", systeem.token, _call_json(**velden)
    )


def test_a_service_call_is_planned_with_the_casemanager_named_by_e_mail(client, db, systeem):
    dossier = _dossier(db)
    medewerker = maak_medewerker(db, email="H.deBoer@uwv.nl")
    db.commit()

    response = _plan_call(client, systeem, dossier)

    assert response.status_code == 201, response.get_data(as_text=True)
    lichaam = response.get_json()
    assert (lichaam["status"], lichaam["onderwerp"]) == ("gepland", "uitkomst_onderzoek")
    call = db.get(Servicecall, lichaam["id"])
    assert (call.dossier_id, call.medewerker_id, call.telefoon) == (
        dossier.id,
        medewerker.id,
        "+31201234567",
    )
    assert call.belcode and len(call.belcode) == 4 and call.belcode.isdigit()
    assert call.belcode not in response.get_data(as_text=True)
    assert tel(db, Notificatie, Notificatie.soort == "servicecall_herinnering") > 0
    regel = db.scalar(
        select(Verwerkingslog).where(Verwerkingslog.verwerkingsactiviteit == "servicecall-plannen")
    )
    assert (regel.api_client_id, regel.medewerker_id) == (systeem.id, None)


def test_planning_again_moves_the_open_call_with_a_new_belcode(client, db, systeem):
    dossier = _dossier(db)
    maak_medewerker(db, email="h.deboer@uwv.nl")
    db.commit()
    eerste = _plan_call(client, systeem, dossier).get_json()
    code = db.get(Servicecall, eerste["id"]).belcode

    tweede = _plan_call(client, systeem, dossier, van=14, tot=16)

    assert tweede.status_code == 201, tweede.get_data(as_text=True)
    assert tweede.get_json()["id"] == eerste["id"]
    assert tweede.get_json()["versie"] == eerste["versie"] + 1
    assert tel(db, Servicecall) == 1
    assert db.get(Servicecall, eerste["id"]).belcode != code


@pytest.mark.parametrize("rollen", [None, "pilotleider"])
def test_a_call_by_someone_who_is_not_a_known_casemanager_is_refused(client, db, systeem, rollen):
    dossier = _dossier(db)
    if rollen:
        maak_medewerker(db, email="h.deboer@uwv.nl", rollen=rollen)
        db.commit()

    response = _plan_call(client, systeem, dossier)

    assert velden(probleem(response, 422, "ongeldige-invoer")) == ["medewerker"]
    assert tel(db, Servicecall) == 0


@pytest.mark.parametrize(("van", "tot", "veld"), [(18, 19, "van"), (7, 9, "van"), (15, 18, "tot")])
def test_a_call_outside_office_hours_is_refused(client, db, systeem, van, tot, veld):
    dossier = _dossier(db)
    maak_medewerker(db, email="h.deboer@uwv.nl")
    db.commit()

    response = _plan_call(client, systeem, dossier, van=van, tot=tot)

    fout = probleem(response, 422, "ongeldige-invoer")["fouten"][0]
    assert (fout["veld"], fout["code"]) == (veld, "buiten_kantoortijd")
    assert tel(db, Servicecall) == 0 and tel(db, Bericht) == 0


# --- dagloon ----------------------------------------------------------------------------------


def _dagloon_json(**velden):
    return {
        "referteperiode_van": "2025-01-01",
        "referteperiode_tot": "2025-12-31",
        "maanden": [
            {"maand": "2025-02", "loon": "3100.50"},
            {"maand": "2025-01", "loon": "3000.00"},
        ],
        "dagen": 261,
        "maximum_dagloon": "290.67",
        "dagloon": "23.37",
        **velden,
    }


def test_valid_dagloon_figures_are_stored_and_read_back(client, db, systeem):
    dossier = _dossier(db)

    response = post(
        client, f"/dossiers/{dossier.kenmerk}/dagloonberekeningen", systeem.token, _dagloon_json()
    )

    assert response.status_code == 201, response.get_data(as_text=True)
    assert response.get_json()["dagloon"] == "23.37"
    berekening = dagloon.laatste_voor(db, dossier.id)
    assert berekening.id == response.get_json()["id"]
    assert (berekening.dagen, berekening.dagloon, berekening.maximum_dagloon) == (
        261,
        Decimal("23.37"),
        Decimal("290.67"),
    )
    assert berekening.maanden == [
        {"maand": "2025-01", "loon": "3000.00"},
        {"maand": "2025-02", "loon": "3100.50"},
    ]
    gelezen = get(client, f"/dossiers/{dossier.kenmerk}", systeem.token).get_json()
    assert gelezen["dagloonberekening"]["id"] == berekening.id


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({"maanden": [{"maand": "2026-03", "loon": "3000.00"}]}, "maanden"),
        ({"referteperiode_van": "2026-01-01"}, "referteperiode"),
        ({"dagloon": 23.37}, "dagloon"),
        ({"dagen": 0}, "dagen"),
    ],
)
def test_dagloon_figures_that_cannot_be_explained_are_refused(client, db, systeem, wijziging, veld):
    dossier = _dossier(db)

    response = post(
        client,
        f"/dossiers/{dossier.kenmerk}/dagloonberekeningen",
        systeem.token,
        _dagloon_json(**wijziging),
    )

    assert veld in velden(probleem(response, 422, "ongeldige-invoer"))
    assert dagloon.laatste_voor(db, dossier.id) is None


# --- inzage -----------------------------------------------------------------------------------


def _verzoek(db):
    dossier = _dossier(db)
    return inzageservice.vraag_aan(
        db,
        dossier.burger,
        dossier,
        onderwerpen=["dagloon"],
        anders=None,
        levering="portaal",
        toelichting=None,
    )


def _upload(client, systeem, verzoek, data=PDF, naam="inzage.pdf"):
    return post(
        client,
        f"/inzageverzoeken/{verzoek.id}/documenten",
        systeem.token,
        data={"bestand": (io.BytesIO(data), naam)},
        content_type="multipart/form-data",
    )


def test_the_list_of_inzage_requests_shows_open_ones_unless_all_are_asked(client, db, systeem):
    open_verzoek, ingetrokken = _verzoek(db), _verzoek(db)
    inzageservice.trek_in(db, ingetrokken, trace_id="t" * 32)

    open_lijst = get(client, "/inzageverzoeken", systeem.token)
    alle = get(client, "/inzageverzoeken", systeem.token, query_string={"status": "alle"})

    assert open_lijst.status_code == 200
    assert [v["id"] for v in open_lijst.get_json()["verzoeken"]] == [open_verzoek.id]
    eerste = open_lijst.get_json()["verzoeken"][0]
    assert (eerste["kenmerk"], eerste["dossier"], eerste["status"]) == (
        open_verzoek.kenmerk,
        open_verzoek.dossier.kenmerk,
        "ontvangen",
    )
    assert [v["id"] for v in alle.get_json()["verzoeken"]] == [open_verzoek.id, ingetrokken.id]
    assert open_lijst.get_json()["volgende"] is None


def test_a_pdf_is_added_to_an_open_request_by_the_system(client, db, systeem):
    verzoek = _verzoek(db)

    response = _upload(client, systeem, verzoek)

    assert response.status_code == 201, response.get_data(as_text=True)
    lichaam = response.get_json()
    assert (lichaam["verzoek"], lichaam["grootte"]) == (verzoek.kenmerk, len(PDF))
    document = db.scalar(select(Inzagedocument))
    assert (document.verzoek_id, document.medewerker_id, document.id) == (
        verzoek.id,
        None,
        lichaam["id"],
    )
    regel = db.scalar(
        select(Verwerkingslog).where(
            Verwerkingslog.verwerkingsactiviteit == "inzagedocument-toevoegen"
        )
    )
    assert (regel.api_client_id, regel.medewerker_id, regel.burger_id) == (
        systeem.id,
        None,
        verzoek.burger_id,
    )


@pytest.mark.parametrize(
    ("data", "naam"), [(b"Dit is geen PDF", "inzage.pdf"), (b"%PDF-1.4\nkapot", "kapot.pdf")]
)
def test_a_file_that_is_not_a_pdf_is_refused(client, db, systeem, data, naam):
    verzoek = _verzoek(db)

    response = _upload(client, systeem, verzoek, data=data, naam=naam)

    assert velden(probleem(response, 422, "ongeldige-invoer")) == ["bestand"]
    assert tel(db, Inzagedocument) == 0


def test_a_pdf_for_a_closed_request_answers_409(client, db, systeem):
    verzoek = _verzoek(db)
    inzageservice.trek_in(db, verzoek, trace_id="t" * 32)

    response = _upload(client, systeem, verzoek)

    probleem(response, 409, "conflict")
    assert tel(db, Inzagedocument) == 0


def test_an_upload_without_the_file_field_or_as_json_is_refused(client, db, systeem):
    verzoek = _verzoek(db)
    pad = f"/inzageverzoeken/{verzoek.id}/documenten"

    zonder = post(
        client, pad, systeem.token, data={"ander": "x"}, content_type="multipart/form-data"
    )
    als_json = post(client, pad, systeem.token, {"bestand": "JVBERi0="})

    assert velden(probleem(zonder, 422, "ongeldige-invoer")) == ["bestand"]
    probleem(als_json, 415, "verkeerd-mediatype")
    assert tel(db, Inzagedocument) == 0


def test_a_call_outside_the_persons_day_parts_needs_a_reason_in_negeer_voorkeur(
    client, db, systeem
):
    from portal.models import utcnow
    from portal.services import servicecalls

    dossier = _dossier(db)
    servicecalls.zet_belvoorkeur(db, dossier.burger, ["middag"], "0612345678", utcnow())
    maak_medewerker(db, email="h.deboer@uwv.nl")
    db.commit()

    geweigerd = _plan_call(client, systeem, dossier)  # a morning window
    probleem(geweigerd, 409, "tegen-voorkeur")
    assert tel(db, Servicecall, Servicecall.status == "gepland") == 0

    pad = f"/dossiers/{dossier.kenmerk}/servicecalls?negeer_voorkeur=Alleen%20dan%20kan%20het."
    gepland = post(client, pad, systeem.token, _call_json())
    assert gepland.status_code == 201, gepland.get_data(as_text=True)
    call = db.get(Servicecall, gepland.get_json()["id"])
    assert call.buiten_voorkeur_reden == "Alleen dan kan het."
