"""Service-calls: the task after an investigation, planning with reminders at the right
moments, moving and cancelling (old reminders never go out), the belcode, belvoorkeuren and
the person's request for another time."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from notificaties import dispatcher, metingen
from notificaties.kanalen import Uitgaand
from portal.models import Bericht, Notificatie, Servicecall, Verwerkingslog
from portal.services import berichten, servicecallwachtrij
from portal.services import servicecalls as calls
from portal.services.belmomenten import ServicecallFout, herinneringsmomenten
from portal.services.statuswijziging import Wijziging, wijzig_status
from tests.conftest import csrf_token, log_in
from tests.factories import (
    maak_burger,
    maak_dossier,
    maak_medewerker,
    maak_traject,
    met_voorkeuren,
)

# Monday 23 November 2026, 10.00 in Amsterdam (CET, UTC+1).
NU = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
# Thursday 26 November 2026, 10.00 to 12.00 in Amsterdam.
VAN, TOT = datetime(2026, 11, 26, 9, 0, tzinfo=UTC), datetime(2026, 11, 26, 11, 0, tzinfo=UTC)
KCC = "088 - 898 92 94"
ZONDER_STILTIJD = dispatcher.Instellingen(stiltijd=None)
# For the pages, whose clock is the real one: Monday 1 March 2027, 10.00 in Amsterdam.
WEB_NU = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def _taak(db, burger=None, **dossier_velden):
    burger = burger or met_voorkeuren(db, maak_burger(db))
    dossier = maak_dossier(db, burger=burger, **dossier_velden)
    traject = maak_traject(db, dossier=dossier, route=("in_onderzoek", "onderzoek_afgerond"))
    taak = calls.maak_taak(db, traject, NU)
    db.commit()
    return taak


def _plan(db, taak, van=VAN, tot=TOT, nu=NU, medewerker=None, **extra):
    return calls.plan(
        db,
        taak,
        van=van,
        tot=tot,
        telefoon=extra.pop("telefoon", "020 123 4567"),
        belnummer=KCC,
        medewerker=medewerker or maak_medewerker(db),
        nu=nu,
        trace_id="t" * 32,
        **extra,
    )


def _herinneringen(db, taak, status=None):
    db.expire_all()
    query = select(Notificatie).where(
        Notificatie.idempotentiesleutel.startswith(f"servicecall:{taak.id}:")
    )
    if status:
        query = query.where(Notificatie.status == status)
    return db.scalars(query.order_by(Notificatie.id)).all()


def _tel(db, model, *voorwaarden):
    db.expire_all()
    return db.scalar(select(func.count()).select_from(model).where(*voorwaarden))


def _render(notificatie: Notificatie, taal: str) -> Uitgaand:
    return Uitgaand(notificatie.id, notificatie.kanaal, notificatie.adres, "UWV belt u.")


class Opname:
    def __init__(self) -> None:
        self.verzonden: list[int] = []

    def send(self, bericht: Uitgaand) -> str:
        self.verzonden.append(bericht.notificatie_id)
        return f"SM{bericht.notificatie_id:032d}"


# --- the task --------------------------------------------------------------------------------


def test_a_finished_investigation_gives_the_casemanager_one_call_to_plan(db):
    dossier = maak_dossier(db)
    dagloon = maak_traject(db, dossier=dossier, route=("in_onderzoek",))
    indexatie = maak_traject(db, dossier=dossier, soort="indexatie", route=("in_onderzoek",))
    medewerker = maak_medewerker(db)
    db.commit()
    for traject in (dagloon, indexatie):
        wijzig_status(
            db,
            traject,
            Wijziging(naar="onderzoek_afgerond", toelichting=None, volgende_update_op=None),
            verwacht_van="in_onderzoek",
            medewerker=medewerker,
            trace_id="t" * 32,
            nu=NU,
        )

    (taak,) = db.scalars(select(Servicecall)).all()
    assert (taak.dossier_id, taak.traject_id, taak.onderwerp, taak.status, taak.versie) == (
        dossier.id,
        dagloon.id,
        "uitkomst_onderzoek",
        "te_plannen",
        0,
    )
    # Herstelacties are handled together: the second traject shares the open call, and
    # asking again for either traject adds nothing.
    assert calls.maak_taak(db, dagloon, NU) is taak
    assert calls.maak_taak(db, indexatie, NU) is taak
    assert _tel(db, Servicecall) == 1


# --- reminder moments --------------------------------------------------------------------------


def _utc(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("van", "dag", "uur"),
    [
        # An ordinary week: Thursday 10.00 CET; Wednesday 10.00 and Thursday 9.00.
        (_utc(2026, 11, 26, 9), _utc(2026, 11, 25, 9), _utc(2026, 11, 26, 8)),
        # Tuesday after Easter 2027, 10.00 CEST. Good Friday and Easter Monday are holidays,
        # and summer time started on Easter Sunday: the day reminder goes on Thursday 25
        # March at 10.00 CET (09.00 UTC), the hour one at 09.00 CEST (07.00 UTC).
        (_utc(2027, 3, 30, 8), _utc(2027, 3, 25, 9), _utc(2027, 3, 30, 7)),
        # Monday 1 November 2027, 9.30 CET, the day after winter time began: the day
        # reminder on Friday 29 October at 10.00 CEST, the hour one at 8.30 CET.
        (_utc(2027, 11, 1, 8, 30), _utc(2027, 10, 29, 8), _utc(2027, 11, 1, 7, 30)),
        # Monday 1 November 2027, 8.30 CET: an hour before is 7.30, when no SMS may go. It
        # goes the evening before on which SMS may go: Saturday 30 October, 19.00 CEST.
        (_utc(2027, 11, 1, 7, 30), _utc(2027, 10, 29, 8), _utc(2027, 10, 30, 17)),
        # Wednesday 28 April 2027, after King's Day (Tuesday 27 April): Monday 26 April.
        (_utc(2027, 4, 28, 8), _utc(2027, 4, 26, 8), _utc(2027, 4, 28, 7)),
    ],
    ids=["gewone-week", "pasen-zomertijd", "wintertijd", "vroeg-avond-ervoor", "koningsdag"],
)
def test_reminders_go_one_working_day_and_one_hour_before(van, dag, uur):
    assert herinneringsmomenten(van, _utc(2026, 1, 5, 9)) == {"dag": dag, "uur": uur}


def test_a_call_planned_at_short_notice_is_announced_at_once():
    # Planned on Monday 14.00 for Tuesday 10.00: the day reminder's moment has passed.
    maandag = _utc(2026, 11, 23, 13)
    dinsdag = _utc(2026, 11, 24, 9)
    assert herinneringsmomenten(dinsdag, maandag) == {"dag": maandag, "uur": _utc(2026, 11, 24, 8)}
    # Planned at 9.30 for 10.00: one reminder, now.
    assert herinneringsmomenten(dinsdag, _utc(2026, 11, 24, 8, 30)) == {
        "uur": _utc(2026, 11, 24, 8, 30)
    }
    # Planned at 8.15 for 10.00: the hour reminder follows soon, so only that one.
    assert herinneringsmomenten(dinsdag, _utc(2026, 11, 24, 7, 15)) == {
        "uur": _utc(2026, 11, 24, 8)
    }


# --- planning ----------------------------------------------------------------------------------


def test_planning_writes_the_announcement_and_two_reminders_at_their_moments(app, db):
    taak = _taak(db)

    _plan(db, taak)

    assert (taak.status, taak.versie, taak.venster_van, taak.venster_tot) == (
        "gepland",
        1,
        VAN,
        TOT,
    )
    assert taak.belcode.isdigit() and len(taak.belcode) == 4
    assert (taak.telefoon, taak.belnummer) == ("+31201234567", KCC)
    rijen = _herinneringen(db, taak)
    assert {(r.idempotentiesleutel, r.volgende_poging_op) for r in rijen} == {
        (f"servicecall:{taak.id}:1:dag:sms", _utc(2026, 11, 25, 9)),
        (f"servicecall:{taak.id}:1:dag:email", _utc(2026, 11, 25, 9)),
        (f"servicecall:{taak.id}:1:uur:sms", _utc(2026, 11, 26, 8)),
        (f"servicecall:{taak.id}:1:uur:email", _utc(2026, 11, 26, 8)),
    }
    assert all(r.soort == "servicecall_herinnering" and r.status == "wachtend" for r in rijen)
    # Day, window and calling number; never the belcode.
    assert rijen[0].gegevens == {
        "van": VAN.isoformat(),
        "tot": TOT.isoformat(),
        "belnummer": KCC,
        "onderwerp": "uitkomst_onderzoek",
    }
    (bericht,) = db.scalars(select(Bericht).where(Bericht.soort == "servicecall")).all()
    with app.test_request_context():
        tekst = berichten.tekst(bericht)
    # The year is left out when it is this year's.
    assert tekst.onderwerp.startswith("UWV belt u op donderdag 26 november")
    assert "tussen 10.00 en 12.00 uur" in tekst.alineas[0]
    assert any("belcode" in alinea for alinea in tekst.alineas)
    assert taak.belcode not in " ".join(tekst.alineas)
    assert _tel(db, Verwerkingslog, Verwerkingslog.verwerkingsactiviteit == "servicecall-plannen")


def test_moving_a_call_cancels_its_old_reminders_and_writes_new_ones(db):
    taak = _taak(db)
    _plan(db, taak)
    # A key of another call whose id merely starts with the same digits is not touched.
    buur = Notificatie(
        idempotentiesleutel=f"servicecall:{taak.id}0:1:dag:sms",
        burger_id=taak.dossier.burger_id,
        kanaal="sms",
        soort="servicecall_herinnering",
        adres="+31612345678",
        status="wachtend",
    )
    db.add(buur)
    db.commit()
    oude_code = taak.belcode

    _plan(db, taak, van=VAN + timedelta(days=1), tot=TOT + timedelta(days=1), verwacht_versie=1)

    assert taak.versie == 2 and taak.belcode != oude_code
    assert {
        r.idempotentiesleutel.split(":")[2] for r in _herinneringen(db, taak, "geannuleerd")
    } == {"1"}
    nieuw = _herinneringen(db, taak, "wachtend")
    assert len(nieuw) == 4 and all(":2:" in r.idempotentiesleutel for r in nieuw)
    assert min(r.volgende_poging_op for r in nieuw) == _utc(2026, 11, 26, 9)  # Thursday 10.00
    db.refresh(buur)
    assert buur.status == "wachtend"
    assert _tel(db, Bericht, Bericht.soort == "servicecall") == 2


def test_a_cancelled_call_sends_no_reminder(app, db):
    geannuleerd, doorgaand = _taak(db), _taak(db)
    _plan(db, geannuleerd)
    _plan(db, doorgaand)

    calls.annuleer(
        db, geannuleerd, medewerker=maak_medewerker(db), nu=NU, trace_id="t" * 32, toelichting=None
    )

    kanaal = Opname()
    maker = app.extensions["portal.sessionmaker"]
    for moment in (_utc(2026, 11, 25, 9), _utc(2026, 11, 26, 8), TOT):
        dispatcher.dispatch_partij(
            maker, {"sms": kanaal, "email": kanaal}, _render, moment, ZONDER_STILTIJD
        )
    verzonden = {r.id for r in _herinneringen(db, doorgaand)}
    assert set(kanaal.verzonden) == verzonden and len(verzonden) == 4
    assert {r.status for r in _herinneringen(db, geannuleerd)} == {"geannuleerd"}
    assert geannuleerd.status == "geannuleerd"
    (bericht,) = db.scalars(
        select(Bericht).where(Bericht.gegevens["gebeurtenis"].as_string() == "geannuleerd")
    ).all()
    with app.test_request_context():
        assert berichten.tekst(bericht).onderwerp == "UWV belt u toch niet"


def test_an_outcome_stops_the_reminders_and_not_reached_may_be_planned_again(db):
    taak = _taak(db)
    _plan(db, taak)
    medewerker = maak_medewerker(db)
    with pytest.raises(ServicecallFout) as fout:
        calls.leg_uitkomst_vast(db, taak, "gebeld", medewerker=medewerker, nu=NU, trace_id="t" * 32)
    assert fout.value.reden == "nog_niet"  # the window has not begun

    calls.leg_uitkomst_vast(
        db, taak, "niet_bereikt", medewerker=medewerker, nu=VAN + timedelta(minutes=30),
        trace_id="t" * 32,
    )  # fmt: skip

    assert taak.status == "niet_bereikt"
    assert {r.status for r in _herinneringen(db, taak)} == {"geannuleerd"}
    later = VAN + timedelta(days=7)
    _plan(db, taak, van=later, tot=later + timedelta(hours=1), nu=VAN + timedelta(hours=3))
    assert (taak.status, taak.versie) == ("gepland", 2)
    calls.leg_uitkomst_vast(db, taak, "gebeld", medewerker=medewerker, nu=later, trace_id="t")
    with pytest.raises(ServicecallFout):
        _plan(db, taak, van=later + timedelta(days=1), tot=later + timedelta(days=1, hours=1))


# --- bad input: refused with a reason, nothing saved ------------------------------------------


@pytest.mark.parametrize(
    ("van", "tot", "reden", "veld"),
    [
        (_utc(2026, 11, 20, 9), _utc(2026, 11, 20, 10), "in_verleden", "datum"),
        (_utc(2026, 11, 23, 8), _utc(2026, 11, 23, 10), "in_verleden", "van"),  # this morning
        (VAN, VAN, "eind_voor_begin", "tot"),
        (TOT, VAN, "eind_voor_begin", "tot"),
        (_utc(2026, 11, 26, 6), _utc(2026, 11, 26, 8), "buiten_kantoortijd", "van"),  # 7.00
        (_utc(2026, 11, 26, 15), _utc(2026, 11, 26, 16, 30), "buiten_kantoortijd", "tot"),
        (_utc(2026, 11, 28, 9), _utc(2026, 11, 28, 10), "weekend", "datum"),
        (_utc(2026, 12, 25, 9), _utc(2026, 12, 25, 10), "feestdag", "datum"),
        (_utc(2026, 11, 26, 7), _utc(2026, 11, 26, 12), "te_lang", "tot"),  # 5 hours
        (_utc(2027, 11, 25, 9), _utc(2027, 11, 25, 10), "te_ver", "datum"),
    ],
)
def test_a_window_that_cannot_be_is_refused_and_nothing_is_saved(db, van, tot, reden, veld):
    taak = _taak(db)
    with pytest.raises(ServicecallFout) as fout:
        _plan(db, taak, van=van, tot=tot)
    assert (fout.value.reden, fout.value.veld) == (reden, veld)
    db.rollback()
    db.refresh(taak)
    assert (taak.status, taak.versie) == ("te_plannen", 0)
    assert _herinneringen(db, taak) == [] and _tel(db, Bericht) == 0


# --- the pages ---------------------------------------------------------------------------------


@pytest.fixture
def web_nu(monkeypatch):
    monkeypatch.setattr("portal.servicecalls.views.utcnow", lambda: WEB_NU)
    return WEB_NU


def _casemanager(client, db, **velden):
    medewerker = maak_medewerker(db, **velden)
    db.commit()
    log_in(client, medewerker)
    return medewerker


def _post_plan(client, taak, **velden):
    url = f"/medewerker/servicecalls/{taak.id}"
    data = {
        "versie": str(taak.versie),
        "datum": "2027-03-09",  # a Tuesday
        "van": "10:00",
        "tot": "12:00",
        "telefoon": "06 12345678",
        "csrf_token": csrf_token(client, url),
        **velden,
    }
    return client.post(f"{url}/plannen", data=data)


def test_the_casemanager_plans_a_call_and_every_look_is_logged(client, db, web_nu):
    taak = _taak(db)
    medewerker = _casemanager(client, db)

    wachtrij = client.get("/medewerker/servicecalls?alle=1").get_data(as_text=True)
    assert taak.dossier.kenmerk in wachtrij and "Te plannen" in wachtrij
    response = _post_plan(client, taak, van="10.00")  # as people write it

    assert response.status_code == 303
    db.refresh(taak)
    assert (taak.status, taak.venster_van) == ("gepland", _utc(2027, 3, 9, 9))
    assert taak.telefoon == "+31612345678" and taak.medewerker_id == medewerker.id
    assert len(_herinneringen(db, taak)) == 4
    pagina = client.get(response.headers["Location"]).get_data(as_text=True)
    assert taak.belcode in pagina and "dinsdag 9 maart 2027, tussen 10.00 en 12.00 uur" in pagina
    activiteiten = db.scalars(
        select(Verwerkingslog.verwerkingsactiviteit).where(
            Verwerkingslog.burger_id == taak.dossier.burger_id
        )
    ).all()
    assert activiteiten.count("servicecall-inzien") >= 2 and "servicecall-plannen" in activiteiten


@pytest.mark.parametrize(
    ("velden", "veld", "melding"),
    [
        ({"datum": "2027-02-26"}, "datum", "Dit moment is al voorbij"),
        ({"van": "12:00", "tot": "11:00"}, "tot", "De eindtijd moet later zijn"),
        ({"van": "07:00", "tot": "09:00"}, "van", "tussen 8.00 en 17.00 uur"),
        ({"van": "16:00", "tot": "18:00"}, "tot", "tussen 8.00 en 17.00 uur"),
        ({"datum": "2027-03-26"}, "datum", "feestdag"),  # Good Friday
        ({"datum": "2027-03-29"}, "datum", "feestdag"),  # Easter Monday
        ({"datum": "2027-03-13"}, "datum", "weekend"),
        ({"van": "08:00", "tot": "13:00"}, "tot", "hoogstens 4 uur"),
        ({"datum": "31-02-2027"}, "datum", "Vul een datum in zoals"),
        ({"van": "tien uur"}, "van", "Vul een tijd in zoals"),
        ({"telefoon": "12345"}, "telefoon", "Dit nummer klopt niet"),
    ],
)
def test_bad_input_gets_an_error_beside_the_field_and_nothing_is_saved(
    client, db, web_nu, velden, veld, melding
):
    taak = _taak(db)
    _casemanager(client, db)

    response = _post_plan(client, taak, **velden)
    html = response.get_data(as_text=True)

    assert response.status_code == 400
    assert f'id="{veld}-fout"' in html and melding in html
    for waarde in velden.values():
        assert f'value="{waarde}"' in html  # what was typed stays
    db.refresh(taak)
    assert (taak.status, taak.versie) == ("te_plannen", 0)
    assert _herinneringen(db, taak) == [] and _tel(db, Bericht) == 0


def test_a_plan_on_a_stale_form_does_not_overwrite_a_colleagues(client, db, web_nu):
    taak = _taak(db)
    _casemanager(client, db)
    assert _post_plan(client, taak).status_code == 303

    response = _post_plan(client, taak, versie="0", datum="2027-03-10")

    assert response.status_code == 400
    assert "Iemand anders heeft dit gesprek net gepland" in response.get_data(as_text=True)
    db.refresh(taak)
    assert (taak.versie, taak.venster_van) == (1, _utc(2027, 3, 9, 9))


def test_the_casemanager_records_the_outcome_and_cancels(client, db, web_nu):
    taak = _taak(db)
    _plan(db, taak, van=_utc(2027, 3, 1, 8), tot=_utc(2027, 3, 1, 10), nu=_utc(2027, 3, 1, 7))
    _casemanager(client, db)
    url = f"/medewerker/servicecalls/{taak.id}"

    leeg = client.post(f"{url}/uitkomst", data={"csrf_token": csrf_token(client, url)})
    assert leeg.status_code == 400 and 'id="uitkomst-fout"' in leeg.get_data(as_text=True)
    response = client.post(
        f"{url}/uitkomst",
        data={"uitkomst": "niet_bereikt", "toelichting": "", "csrf_token": csrf_token(client, url)},
    )
    assert response.status_code == 303
    db.refresh(taak)
    assert taak.status == "niet_bereikt"

    response = client.post(
        f"{url}/annuleren",
        data={"reden": "Brief is al besproken", "csrf_token": csrf_token(client, url)},
    )
    assert response.status_code == 303
    db.refresh(taak)
    assert (taak.status, taak.uitkomst_toelichting) == ("geannuleerd", "Brief is al besproken")
    html = client.get(url).get_data(as_text=True)
    assert 'action="/medewerker/servicecalls/' not in html  # nothing left to do


def test_the_person_sees_the_window_the_calling_number_and_the_belcode(client, db, web_nu):
    taak = _taak(db)
    _plan(db, taak, van=_utc(2027, 3, 9, 9), tot=_utc(2027, 3, 9, 11), nu=WEB_NU)
    log_in(client, taak.dossier.burger)

    dossier = client.get("/mijn-dossier").get_data(as_text=True)
    assert f"/gebeld-worden/{taak.id}" in dossier
    html = client.get(f"/gebeld-worden/{taak.id}").get_data(as_text=True)

    assert "dinsdag 9 maart 2027, tussen 10.00 en 12.00 uur" in html
    assert KCC in html and "020 123 4567" in html
    assert "Wij noemen aan de telefoon deze code:" in html and taak.belcode in html
    assert "Hang dan op en bel ons zelf" in html
    assert f"/gebeld-worden/{taak.id}/ander-moment" in html


def test_another_persons_call_answers_404(client, db, web_nu):
    eigen, vreemd = _taak(db), _taak(db)
    _plan(db, vreemd, van=_utc(2027, 3, 9, 9), tot=_utc(2027, 3, 9, 11), nu=WEB_NU)
    log_in(client, eigen.dossier.burger)
    token = csrf_token(client, "/gebeld-worden")

    assert client.get(f"/gebeld-worden/{eigen.id}").status_code == 200
    assert client.get(f"/gebeld-worden/{vreemd.id}").status_code == 404
    assert client.get(f"/gebeld-worden/{vreemd.id}/ander-moment").status_code == 404
    response = client.post(
        f"/gebeld-worden/{vreemd.id}/ander-moment",
        data={"dagdelen": ["middag"], "csrf_token": token},
    )
    assert response.status_code == 404
    assert client.get("/gebeld-worden/999999").status_code == 404
    db.refresh(vreemd)
    assert vreemd.status == "gepland"
    assert vreemd.belcode not in client.get("/gebeld-worden").get_data(as_text=True)


def test_a_casemanager_gets_404_for_an_unknown_call(client, db):
    _casemanager(client, db)
    assert client.get("/medewerker/servicecalls/999999").status_code == 404
    assert client.get("/medewerker/servicecalls?kenmerk=WIA-9999999").status_code == 404


def test_a_request_for_another_time_stops_the_reminders_and_reaches_the_casemanager(
    client, db, web_nu
):
    taak = _taak(db)
    _plan(db, taak, van=_utc(2027, 3, 9, 9), tot=_utc(2027, 3, 9, 11), nu=WEB_NU)
    log_in(client, taak.dossier.burger)
    url = f"/gebeld-worden/{taak.id}/ander-moment"

    leeg = client.post(url, data={"toelichting": "", "csrf_token": csrf_token(client, url)})
    assert leeg.status_code == 400 and 'id="dagdelen-fout"' in leeg.get_data(as_text=True)
    response = client.post(
        url,
        data={
            "dagdelen": ["middag"],
            "toelichting": "Dinsdag ben ik bij de fysiotherapeut.",
            "csrf_token": csrf_token(client, url),
        },
    )

    assert response.status_code == 303
    db.refresh(taak)
    assert (taak.status, taak.verzoek_dagdelen) == ("verzet_gevraagd", ["middag"])
    assert {r.status for r in _herinneringen(db, taak)} == {"geannuleerd"}
    assert "U vroeg op" in client.get(f"/gebeld-worden/{taak.id}").get_data(as_text=True)

    _casemanager(client, db)
    wachtrij = client.get("/medewerker/servicecalls?alle=1").get_data(as_text=True)
    te_plannen = wachtrij.split('id="plannen-titel"')[1].split('id="uitkomst-titel"')[0]
    assert taak.dossier.kenmerk in te_plannen and "Vraagt ander moment" in te_plannen
    assert "Dinsdag ben ik bij de fysiotherapeut." in te_plannen
    pagina = client.get(f"/medewerker/servicecalls/{taak.id}").get_data(as_text=True)
    assert "Dinsdag ben ik bij de fysiotherapeut." in pagina


def test_the_queue_puts_requests_first_and_shows_only_own_dossiers_by_default(client, db):
    medewerker = _casemanager(client, db)
    eigen = _taak(db, casemanager_id=medewerker.id)
    gepland = _taak(db, casemanager_id=medewerker.id)
    _plan(db, gepland, van=_utc(2030, 1, 8, 9), tot=_utc(2030, 1, 8, 10), nu=_utc(2030, 1, 1, 9))
    verzet = _taak(db, casemanager_id=medewerker.id)
    verzet.status = "verzet_gevraagd"
    ander = _taak(db)
    db.commit()

    wachtrij = servicecallwachtrij.wachtrij(db, NU, casemanager_id=medewerker.id)
    assert [s.id for s in wachtrij.te_plannen] == [verzet.id, eigen.id]
    assert [s.id for s in wachtrij.gepland] == [gepland.id]
    html = client.get("/medewerker/servicecalls").get_data(as_text=True)
    assert eigen.dossier.kenmerk in html and ander.dossier.kenmerk not in html
    assert ander.dossier.kenmerk in client.get("/medewerker/servicecalls?alle=1").get_data(
        as_text=True
    )


def test_belvoorkeuren_are_validated_and_saved(client, db):
    burger = maak_burger(db, telefoon="+31612345678")
    db.commit()
    log_in(client, burger)
    url = "/gebeld-worden/voorkeuren"

    formulier = client.get(url).get_data(as_text=True)
    assert 'value="06 12345678"' in formulier  # the known number, to start with
    geen = client.post(url, data={"telefoon": "0612345678", "csrf_token": csrf_token(client, url)})
    assert geen.status_code == 400 and "Kies ten minste één dagdeel." in geen.get_data(as_text=True)
    fout = client.post(
        url,
        data={"dagdelen": ["ochtend"], "telefoon": "020 12", "csrf_token": csrf_token(client, url)},
    )
    assert fout.status_code == 400
    assert 'id="telefoon-fout"' in fout.get_data(as_text=True)
    assert calls.belvoorkeur(db, burger.id) is None

    response = client.post(
        url,
        data={
            "dagdelen": ["middag", "ochtend"],
            "telefoon": "020 123 4567",  # a landline is fine for a call
            "csrf_token": csrf_token(client, url),
        },
    )

    assert response.status_code == 303
    db.expire_all()
    voorkeur = calls.belvoorkeur(db, burger.id)
    assert (voorkeur.dagdelen, voorkeur.telefoon) == (["ochtend", "middag"], "+31201234567")
    overzicht = client.get("/gebeld-worden").get_data(as_text=True)
    assert "020 123 4567" in overzicht


def test_the_plan_form_starts_with_the_persons_preferred_number(client, db):
    taak = _taak(db)
    calls.zet_belvoorkeur(db, taak.dossier.burger, ["middag"], "0301234567", NU)
    _casemanager(client, db)

    html = client.get(f"/medewerker/servicecalls/{taak.id}").get_data(as_text=True)

    assert 'value="030 123 4567"' in html and "Belvoorkeur" in html


def test_a_reminder_already_claimed_when_the_call_moves_is_not_sent(app, db):
    taak = _taak(db)
    _plan(db, taak)
    maker = app.extensions["portal.sessionmaker"]
    with maker() as andere:
        geclaimd = dispatcher.claim(andere, TOT, 100)  # a dispatcher took them, then...
    assert len(geclaimd) == 4
    _plan(db, taak, van=VAN + timedelta(days=1), tot=TOT + timedelta(days=1), verwacht_versie=1)
    kanaal = Opname()

    for notificatie_id in geclaimd:  # ...it sends them after the call moved
        dispatcher._verwerk_id(
            maker,
            notificatie_id,
            {"sms": kanaal, "email": kanaal},
            _render,
            NU,
            ZONDER_STILTIJD,
            metingen.Meter(),
        )

    assert kanaal.verzonden == []
    oud = [r for r in _herinneringen(db, taak) if r.idempotentiesleutel.split(":")[2] == "1"]
    assert {r.status for r in oud} == {"geannuleerd"}


def test_a_reminder_delayed_past_the_start_of_the_call_is_not_sent(app, db):
    taak = _taak(db)
    _plan(db, taak)
    kanaal = Opname()
    maker = app.extensions["portal.sessionmaker"]

    # The dispatchers were down until the call had begun.
    dispatcher.dispatch_partij(
        maker, {"sms": kanaal, "email": kanaal}, _render, VAN, ZONDER_STILTIJD
    )

    assert kanaal.verzonden == []
    assert {r.status for r in _herinneringen(db, taak)} == {"geannuleerd"}
