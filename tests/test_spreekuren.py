"""Planned spreekuren: the calendar file (stable UID, growing SEQUENCE, Amsterdam time across
DST, alarms, CANCEL), reminders 7 days and 1 day before (moved or cancelled ones never go
out), refused input, the person's own pages only, and the preparation checklist."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlalchemy import func, select

from notificaties import dispatcher, metingen
from notificaties.kanalen import Uitgaand
from portal.models import Bericht, Notificatie, Spreekuur, Voorbereiding
from portal.services import berichten, ics
from portal.services import spreekuren as sp
from tests.conftest import csrf_token, log_in
from tests.factories import maak_burger, maak_dossier, met_voorkeuren

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Monday 1 March 2027, 10.00 in Amsterdam (CET, UTC+1).
NU = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
# Tuesday 30 March 2027, 09.00 to 09.45 in Amsterdam: summer time since Sunday 28 March.
BEGIN, EIND = datetime(2027, 3, 30, 7, 0, tzinfo=UTC), datetime(2027, 3, 30, 7, 45, tzinfo=UTC)
ZONDER_STILTIJD = dispatcher.Instellingen(stiltijd=None)


def _utc(*delen: int) -> datetime:
    return datetime(*delen, tzinfo=UTC)


def _dossier(db, burger=None):
    burger = burger or met_voorkeuren(db, maak_burger(db))
    dossier = maak_dossier(db, burger=burger)
    db.commit()
    return dossier


def _plan(db, dossier=None, **velden):
    standaard = {
        "begin": BEGIN,
        "eind": EIND,
        "vorm": "fysiek",
        "kantoor": "utrecht",
        "telefoon": None,
        "rol": "verzekeringsarts",
        "meenemen": "Uw medicijnen",
        "nu": NU,
    }
    return sp.plan(db, dossier or _dossier(db), **{**standaard, **velden})


def _kalender(app, spreekuur):
    with app.test_request_context():
        return Calendar.from_ical(ics.kalender(spreekuur))


def _event(cal):
    (event,) = cal.walk("VEVENT")
    return event


def _herinneringen(db, spreekuur, status=None):
    db.expire_all()
    query = select(Notificatie).where(
        Notificatie.idempotentiesleutel.startswith(f"spreekuur:{spreekuur.id}:")
    )
    if status:
        query = query.where(Notificatie.status == status)
    return db.scalars(query.order_by(Notificatie.id)).all()


def _render(notificatie: Notificatie, taal: str) -> Uitgaand:
    return Uitgaand(notificatie.id, notificatie.kanaal, notificatie.adres, "Uw spreekuur.")


class Opname:
    def __init__(self) -> None:
        self.verzonden: list[int] = []

    def send(self, bericht: Uitgaand) -> str:
        self.verzonden.append(bericht.notificatie_id)
        return f"SM{bericht.notificatie_id:032d}"


# --- the calendar file ---------------------------------------------------------------------


def test_the_calendar_file_has_amsterdam_time_a_stable_uid_and_two_alarms(app, db):
    spreekuur = _plan(db)

    cal = _kalender(app, spreekuur)
    event = _event(cal)

    assert str(cal["version"]) == "2.0" and str(cal["method"]) == "PUBLISH"
    assert cal["prodid"]
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert str(event["uid"]) == spreekuur.uid and int(event["sequence"]) == 0
    start, einde = event.decoded("dtstart"), event.decoded("dtend")
    assert start.tzinfo is not None and str(event["dtstart"].params["TZID"]) == "Europe/Amsterdam"
    assert (start.hour, start.minute, einde.hour, einde.minute) == (9, 0, 9, 45)  # summer time
    assert start == BEGIN and einde == EIND
    assert str(event["summary"]) == "Spreekuur UWV" and str(event["status"]) == "CONFIRMED"
    assert "Vliegend Hertlaan 79" in str(event["location"])
    assert "verzekeringsarts" in str(event["description"])
    assert spreekuur.dossier.burger.bsn not in ics.kalender(spreekuur).decode()
    alarmen = event.walk("VALARM")
    assert sorted(a.decoded("trigger") for a in alarmen) == [
        -timedelta(days=1),
        -timedelta(hours=1),
    ]
    assert {str(a["action"]) for a in alarmen} == {"DISPLAY"}


def test_late_october_times_follow_the_switch_back_to_winter_time(app, db):
    dossier = _dossier(db)
    zomer = _plan(db, dossier, begin=_utc(2027, 10, 29, 7), eind=_utc(2027, 10, 29, 8))
    winter = _plan(db, dossier, begin=_utc(2027, 11, 1, 8), eind=_utc(2027, 11, 1, 9))

    for spreekuur in (zomer, winter):
        start = _event(_kalender(app, spreekuur)).decoded("dtstart")
        assert (start.hour, start.minute) == (9, 0)  # 09.00 on the wall clock both times
        assert start.astimezone(UTC) == spreekuur.begin
    assert zomer.uid != winter.uid


def test_moving_keeps_the_uid_and_raises_the_sequence_cancelling_sends_cancel(app, db):
    spreekuur = _plan(db)
    uid = spreekuur.uid

    sp.verplaats(
        db, spreekuur, begin=BEGIN + timedelta(days=1), eind=EIND + timedelta(days=1), nu=NU
    )
    event = _event(_kalender(app, spreekuur))
    assert str(event["uid"]) == uid and int(event["sequence"]) == 1
    assert event.decoded("dtstart").date().isoformat() == "2027-03-31"

    sp.annuleer(db, spreekuur, nu=NU)
    cal = _kalender(app, spreekuur)
    event = _event(cal)
    assert str(cal["method"]) == "CANCEL" and str(event["status"]) == "CANCELLED"
    assert str(event["uid"]) == uid and int(event["sequence"]) == 2


def test_a_telephone_spreekuur_is_located_telefonisch(app, db):
    spreekuur = _plan(db, vorm="telefonisch", kantoor=None, telefoon="06 12345678")

    event = _event(_kalender(app, spreekuur))

    assert spreekuur.telefoon == "+31612345678" and spreekuur.kantoor is None
    assert str(event["location"]) == "Telefonisch"


# --- reminders -----------------------------------------------------------------------------


def test_reminders_go_at_ten_seven_days_and_one_day_before(db):
    spreekuur = _plan(db)

    rijen = _herinneringen(db, spreekuur, "wachtend")

    assert len(rijen) == 4  # two moments, SMS and e-mail
    assert {r.soort for r in rijen} == {"spreekuur_herinnering"}
    assert sorted({r.volgende_poging_op for r in rijen}) == [
        _utc(2027, 3, 23, 9),  # 10.00 CET
        _utc(2027, 3, 29, 8),  # 10.00 CEST
    ]
    assert all(":0:" in r.idempotentiesleutel for r in rijen)
    assert set(rijen[0].gegevens) == {"begin", "eind"}


def test_a_reminder_whose_moment_passed_is_left_out(db):
    spreekuur = _plan(db, begin=_utc(2027, 3, 4, 9), eind=_utc(2027, 3, 4, 10))

    assert {r.idempotentiesleutel.split(":")[3] for r in _herinneringen(db, spreekuur)} == {"1d"}


def test_moving_cancels_the_old_reminders_and_plans_new_ones(db):
    spreekuur = _plan(db)
    buur = _plan(db, begin=_utc(2027, 3, 31, 7), eind=_utc(2027, 3, 31, 8))

    sp.verplaats(
        db, spreekuur, begin=BEGIN + timedelta(days=7), eind=EIND + timedelta(days=7), nu=NU
    )

    oud = _herinneringen(db, spreekuur, "geannuleerd")
    nieuw = _herinneringen(db, spreekuur, "wachtend")
    assert len(oud) == 4 and all(":0:" in r.idempotentiesleutel for r in oud)
    assert len(nieuw) == 4 and all(":1:" in r.idempotentiesleutel for r in nieuw)
    assert {r.status for r in _herinneringen(db, buur)} == {"wachtend"}
    soorten = db.scalars(select(Bericht.gegevens).where(Bericht.soort == "spreekuur")).all()
    assert sorted(g["gebeurtenis"] for g in soorten) == ["gepland", "gepland", "verplaatst"]


def test_a_cancelled_spreekuur_sends_no_reminder(app, db):
    geannuleerd, doorgaand = _plan(db), _plan(db)
    sp.annuleer(db, geannuleerd, nu=NU)

    kanaal = Opname()
    maker = app.extensions["portal.sessionmaker"]
    for moment in (_utc(2027, 3, 23, 10), _utc(2027, 3, 29, 9)):
        dispatcher.dispatch_partij(
            maker, {"sms": kanaal, "email": kanaal}, _render, moment, ZONDER_STILTIJD
        )

    assert set(kanaal.verzonden) == {r.id for r in _herinneringen(db, doorgaand)}
    assert len(kanaal.verzonden) == 4
    assert {r.status for r in _herinneringen(db, geannuleerd)} == {"geannuleerd"}
    bericht = db.scalar(
        select(Bericht).where(Bericht.gegevens["gebeurtenis"].as_string() == "geannuleerd")
    )
    with app.test_request_context():
        assert berichten.tekst(bericht).onderwerp == "Uw spreekuur gaat niet door"


def test_a_reminder_of_an_old_version_already_claimed_is_not_sent(app, db):
    spreekuur = _plan(db)
    maker = app.extensions["portal.sessionmaker"]
    with maker() as andere:
        geclaimd = dispatcher.claim(andere, _utc(2027, 3, 29, 9), 100)  # a dispatcher took them
    assert len(geclaimd) == 4
    sp.verplaats(
        db, spreekuur, begin=BEGIN + timedelta(days=2), eind=EIND + timedelta(days=2), nu=NU
    )
    kanaal = Opname()

    for notificatie_id in geclaimd:  # ...and sends them after the move
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


def test_the_sms_names_only_date_time_and_spreekuur(app):
    from notificaties import teksten

    with app.app_context():
        _, sms, _, _ = teksten.render(
            "spreekuur_herinnering",
            "sms",
            "nl",
            {"begin": BEGIN.isoformat(), "eind": EIND.isoformat()},
        )
    assert "di 30 maart" in sms and "09.00" in sms and "spreekuur" in sms
    assert len(sms) <= 160 and "http" not in sms


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("velden", "reden", "veld"),
    [
        ({"begin": _utc(2027, 2, 28, 9), "eind": _utc(2027, 2, 28, 10)}, "in_verleden", "begin"),
        ({"eind": BEGIN - timedelta(minutes=5)}, "eind_voor_begin", "eind"),
        ({"eind": BEGIN + timedelta(days=1)}, "niet_zelfde_dag", "eind"),
        ({"kantoor": "maastricht"}, "onbekend_kantoor", "kantoor"),
        ({"kantoor": None}, "geen_kantoor", "kantoor"),
        ({"vorm": "video", "kantoor": ""}, "geen_kantoor", "kantoor"),
        ({"vorm": "brief"}, "onbekende_vorm", "vorm"),
        ({"vorm": "telefonisch", "telefoon": "0612"}, "ongeldig_nummer", "telefoon"),
        ({"vorm": "telefonisch", "telefoon": ""}, "geen_nummer", "telefoon"),
        ({"rol": "tandarts"}, "onbekende_rol", "rol"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(db, velden, reden, veld):
    dossier = _dossier(db)

    with pytest.raises(sp.SpreekuurFout) as fout:
        _plan(db, dossier, **velden)

    assert (fout.value.reden, fout.value.veld) == (reden, veld)
    db.rollback()
    assert db.scalar(select(func.count()).select_from(Spreekuur)) == 0
    assert db.scalar(select(func.count()).select_from(Notificatie)) == 0


def test_a_move_into_the_past_changes_nothing(db):
    spreekuur = _plan(db)

    with pytest.raises(sp.SpreekuurFout):
        sp.verplaats(db, spreekuur, begin=_utc(2027, 2, 1, 9), eind=_utc(2027, 2, 1, 10), nu=NU)

    db.rollback()
    db.refresh(spreekuur)
    assert (spreekuur.begin, spreekuur.volgnummer) == (BEGIN, 0)
    assert len(_herinneringen(db, spreekuur, "wachtend")) == 4


# --- the pages -----------------------------------------------------------------------------


@pytest.fixture
def web_nu(monkeypatch):
    monkeypatch.setattr("portal.spreekuur.gepland.utcnow", lambda: NU)
    return NU


def test_the_person_sees_the_spreekuur_and_downloads_its_calendar_file(client, db, web_nu):
    spreekuur = _plan(db)
    log_in(client, spreekuur.dossier.burger)

    assert "/spreekuur/gepland" in client.get("/mijn-dossier").get_data(as_text=True)
    html = client.get("/spreekuur/gepland").get_data(as_text=True)
    assert "dinsdag 30 maart 2027" in html and "Van 09.00 tot 09.45 uur" in html
    assert "Vliegend Hertlaan 79" in html and "verzekeringsarts" in html
    assert "Uw medicijnen" in html and "/spreekuur/voorbereiden" in html
    antwoord = client.get(f"/spreekuur/gepland/{spreekuur.id}/agenda.ics")
    assert antwoord.status_code == 200 and antwoord.mimetype == "text/calendar"
    assert "attachment" in antwoord.headers["Content-Disposition"]
    assert str(_event(Calendar.from_ical(antwoord.data))["uid"]) == spreekuur.uid


def test_a_telephone_spreekuur_says_we_call_you_on_your_number(client, db, web_nu):
    spreekuur = _plan(db, vorm="telefonisch", kantoor=None, telefoon="06 12345678")
    log_in(client, spreekuur.dossier.burger)

    assert "Wij bellen u op 06" in client.get("/spreekuur/gepland").get_data(as_text=True)


def test_another_persons_spreekuur_and_calendar_file_answer_404(client, db, web_nu):
    eigen, vreemd = _plan(db), _plan(db)
    log_in(client, eigen.dossier.burger)

    assert client.get(f"/spreekuur/gepland/{eigen.id}/agenda.ics").status_code == 200
    assert client.get(f"/spreekuur/gepland/{vreemd.id}/agenda.ics").status_code == 404
    assert client.get("/spreekuur/gepland/999999/agenda.ics").status_code == 404
    assert vreemd.uid not in client.get("/spreekuur/gepland").get_data(as_text=True)


def test_planned_spreekuren_are_on_the_what_to_expect_page(client, db, web_nu, monkeypatch):
    monkeypatch.setattr("portal.services.verwachting.utcnow", lambda: NU)
    spreekuur = _plan(db)
    log_in(client, spreekuur.dossier.burger)

    html = client.get("/wat-kunt-u-verwachten").get_data(as_text=True)

    assert "Spreekuur op dinsdag 30 maart 2027 om 09.00 uur." in html


def test_the_checklist_ticks_round_trip_and_unknown_codes_are_ignored(client, db):
    burger = maak_burger(db)
    db.commit()
    log_in(client, burger)
    token = csrf_token(client, "/spreekuur/voorbereiden")

    antwoord = client.post(
        "/spreekuur/voorbereiden",
        data={"afgevinkt": ["medicijnen", "vragen", "bestaat_niet"], "csrf_token": token},
    )

    assert antwoord.status_code == 303
    db.expire_all()
    assert db.get(Voorbereiding, burger.id).afgevinkt == ["medicijnen", "vragen"]
    html = client.get("/spreekuur/voorbereiden").get_data(as_text=True)
    assert 'value="medicijnen" checked' in html and 'value="vragen" checked' in html
    assert 'value="agenda" checked' not in html
    assert "U heeft 2 van de 10 punten afgevinkt." in html

    client.post("/spreekuur/voorbereiden", data={"csrf_token": token})
    db.expire_all()
    assert db.get(Voorbereiding, burger.id).afgevinkt == []


def test_the_checklist_without_a_csrf_token_saves_nothing(client, db):
    burger = maak_burger(db)
    db.commit()
    log_in(client, burger)

    antwoord = client.post("/spreekuur/voorbereiden", data={"afgevinkt": ["medicijnen"]})

    assert antwoord.status_code == 400
    assert db.get(Voorbereiding, burger.id) is None


def test_the_demo_persona_waiting_for_a_spreekuur_gets_one(db):
    from datetime import date

    from tests.factories import maak_traject

    traject = maak_traject(db, soort="ewt", route=("wacht_op_beoordeling", "spreekuur_gepland"))
    db.commit()

    sp.seed_demo(db, date(2027, 3, 1))
    db.commit()

    (spreekuur,) = db.scalars(select(Spreekuur)).all()
    assert spreekuur.dossier_id == traject.dossier_id and spreekuur.kantoor == "utrecht"
    assert spreekuur.begin.astimezone(AMSTERDAM).hour == 10


def test_planning_never_verifies_an_address_or_switches_reminders_on(db):
    from portal.models import Notificatievoorkeur

    dossier = _dossier(db, burger=maak_burger(db))  # known address, never confirmed

    spreekuur = _plan(db, dossier)

    db.refresh(dossier.burger)
    assert dossier.burger.email_geverifieerd_op is None
    assert db.scalars(select(Notificatievoorkeur)).all() == []
    assert _herinneringen(db, spreekuur) == []
