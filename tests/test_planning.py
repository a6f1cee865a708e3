"""The worker keeps the promises by itself: kwartaalupdates, one active planner, digests.

Time is set per test: nothing here depends on the day the suite runs.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from notificaties import kwartaalupdate, lease
from portal.models import Bericht, Brief, Notificatie, Traject
from portal.services import berichten, ochtendoverzicht
from portal.tijd import AMSTERDAM
from portal.werker import Werker, plan_alles
from tests.conftest import log_in
from tests.factories import (
    maak_dossier,
    maak_medewerker,
    maak_traject,
    met_voorkeuren,
)

DINSDAG = datetime(2026, 11, 24, 7, 0, tzinfo=AMSTERDAM)  # a working day, 07:00


def _tel(db, model) -> int:
    return db.scalar(select(func.count()).select_from(model)) or 0


@pytest.mark.parametrize(
    ("gepland", "verwacht"),
    [
        (date(2027, 1, 31), date(2027, 4, 30)),  # the end of the month stays the end
        (date(2027, 4, 30), date(2027, 7, 31)),
        (date(2027, 11, 30), date(2028, 2, 29)),  # leap year
        (date(2026, 11, 30), date(2027, 2, 28)),
        (date(2027, 1, 15), date(2027, 4, 15)),
        (date(2027, 12, 31), date(2028, 3, 31)),
    ],
)
def test_the_next_update_is_three_months_on_and_month_ends_stay_month_ends(gepland, verwacht):
    assert kwartaalupdate.volgende_datum(gepland) == verwacht


def _persoon_in_onderzoek(db, *, vandaag: date, digitaal: bool = True):
    dossier = maak_dossier(db)
    if digitaal:
        met_voorkeuren(db, dossier.burger)
    dagloon = maak_traject(db, dossier=dossier, soort="dagloon", volgende_update_op=vandaag)
    indexatie = maak_traject(
        db, dossier=dossier, soort="indexatie", volgende_update_op=vandaag + timedelta(days=20)
    )
    # Their history is older than the last quarter: this update has nothing new to tell.
    for traject in (dagloon, indexatie):
        for wijziging in traject.statuswijzigingen:
            wijziging.gewijzigd_op = datetime(2026, 6, 1, tzinfo=UTC)
    db.commit()
    return dossier, dagloon, indexatie


def test_one_update_per_person_covers_all_herstelacties_and_names_the_next_date(app, db):
    vandaag = DINSDAG.date()
    dossier, dagloon, indexatie = _persoon_in_onderzoek(db, vandaag=vandaag)

    assert kwartaalupdate.plan_updates(db, vandaag, DINSDAG) == 1

    db.expire_all()
    (bericht,) = db.scalars(select(Bericht).where(Bericht.burger_id == dossier.burger_id)).all()
    assert bericht.soort == "kwartaalupdate"
    assert sorted(bericht.gegevens["trajecten"]) == ["dagloon", "indexatie"]
    nieuw = date(2027, 2, 24)
    assert {db.get(Traject, t.id).volgende_update_op for t in (dagloon, indexatie)} == {nieuw}
    with app.test_request_context():
        tekst = berichten.tekst(bericht)
    assert "24 februari 2027" in tekst.alineas[-1]
    assert "niets veranderd" in " ".join(tekst.alineas)
    sleutels = set(db.scalars(select(Notificatie.idempotentiesleutel)))
    assert sleutels == {
        f"kwartaalupdate:{dossier.burger_id}:{vandaag}:sms",
        f"kwartaalupdate:{dossier.burger_id}:{vandaag}:email",
    }
    assert _tel(db, Brief) == 0


def test_planning_twice_the_same_day_creates_nothing_new(app, db):
    vandaag = DINSDAG.date()
    _persoon_in_onderzoek(db, vandaag=vandaag)
    kwartaalupdate.plan_updates(db, vandaag, DINSDAG)
    aantallen = (_tel(db, Bericht), _tel(db, Notificatie))

    assert kwartaalupdate.plan_updates(db, vandaag, DINSDAG + timedelta(hours=3)) == 0
    assert (_tel(db, Bericht), _tel(db, Notificatie)) == aantallen


def test_someone_without_a_verified_channel_gets_a_paper_letter(app, db):
    vandaag = DINSDAG.date()
    dossier, *_ = _persoon_in_onderzoek(db, vandaag=vandaag, digitaal=False)

    kwartaalupdate.plan_updates(db, vandaag, DINSDAG)

    (brief,) = db.scalars(select(Brief)).all()
    assert brief.burger_id == dossier.burger_id and brief.batch is None
    assert _tel(db, Notificatie) == 0


def test_an_update_tells_what_changed_since_the_last_one(app, db):
    vandaag = DINSDAG.date()
    dossier = maak_dossier(db)
    traject = maak_traject(db, dossier=dossier, soort="dagloon", volgende_update_op=vandaag)
    for wijziging in traject.statuswijzigingen:
        wijziging.gewijzigd_op = datetime(2026, 10, 1, tzinfo=UTC)  # within the quarter
    db.commit()

    kwartaalupdate.plan_updates(db, vandaag, DINSDAG)

    bericht = db.scalar(select(Bericht))
    (wijziging,) = bericht.gegevens["wijzigingen"]  # the factory's move into onderzoek
    assert (wijziging["soort"], wijziging["status"]) == ("dagloon", "in_onderzoek")
    with app.test_request_context():
        assert "Kwaliteit WIA-dagloon" in berichten.tekst(bericht).alineas[1]


def test_nothing_is_planned_before_the_date_or_outside_onderzoek(app, db):
    vandaag = DINSDAG.date()
    maak_traject(db, volgende_update_op=vandaag + timedelta(days=1))
    maak_traject(db, route=("in_onderzoek", "onderzoek_afgerond"), volgende_update_op=vandaag)
    maak_traject(db, soort="ewt", route=("wacht_op_beoordeling",), volgende_update_op=vandaag)
    db.commit()

    assert kwartaalupdate.plan_updates(db, vandaag, DINSDAG) == 0


def test_the_day_is_amsterdams_also_on_the_night_the_clocks_change(app, db):
    # 28 March 2027, 00:30 in Amsterdam is still 27 March in UTC.
    nacht = datetime(2027, 3, 28, 0, 30, tzinfo=AMSTERDAM)
    _persoon_in_onderzoek(db, vandaag=date(2027, 3, 28))

    assert plan_alles(app, nacht.astimezone(UTC))["kwartaalupdates"] == 1


def test_only_the_worker_holding_the_lease_plans_and_the_other_takes_over(app, db):
    vandaag = DINSDAG.date()
    _persoon_in_onderzoek(db, vandaag=vandaag)
    eerste, tweede = Werker(app, houder="eerste"), Werker(app, houder="tweede")

    assert eerste.plan(DINSDAG) == {
        "kwartaalupdates": 1,
        "digests": 0,
        "api_sleutels_opgeruimd": 0,
        "herinneringen_ongelezen": 0,
        "herinneringen_taken": 0,
    }
    assert tweede.plan(DINSDAG + timedelta(seconds=5)) is None  # waits
    assert eerste.leider(DINSDAG + timedelta(seconds=30))  # renewing keeps it
    # The first dies: it stops renewing, the lease runs out, the second takes over.
    na_de_lease = DINSDAG + timedelta(seconds=30) + lease.DUUR + timedelta(seconds=1)
    assert tweede.plan(na_de_lease) is not None
    assert not eerste.leider(na_de_lease + timedelta(seconds=1))
    assert _tel(db, Bericht) == 1  # and nothing was planned twice


def test_a_clean_stop_hands_the_lease_over_at_once(app, db):
    eerste, tweede = Werker(app, houder="eerste"), Werker(app, houder="tweede")
    assert eerste.leider(DINSDAG)
    eerste.stop()
    assert tweede.leider(DINSDAG + timedelta(seconds=1))


def test_a_restart_after_a_missed_run_plans_once(app, db):
    """The worker was down at 07:00; it starts at 11:00 and catches up, once."""
    vandaag = DINSDAG.date()
    _persoon_in_onderzoek(db, vandaag=vandaag)
    herstart = DINSDAG + timedelta(hours=4)

    assert Werker(app, houder="na-herstart").plan(herstart)["kwartaalupdates"] == 1
    later = Werker(app, houder="na-herstart").plan(herstart + timedelta(hours=1))
    assert later["kwartaalupdates"] == 0 and _tel(db, Bericht) == 1


def _casemanager_met_mislukte_sms(db):
    casemanager = maak_medewerker(db, email="esther.mulder@uwv.example")
    dossier = maak_dossier(db, casemanager=casemanager)
    db.add(
        Notificatie(
            idempotentiesleutel="x",
            burger_id=dossier.burger_id,
            kanaal="sms",
            soort="kwartaalupdate",
            adres="+31612345678",
            gegevens={},
            status="mislukt",
            aangemaakt_op=DINSDAG - timedelta(days=1),
        )
    )
    db.commit()
    return casemanager


def test_each_casemanager_gets_one_digest_on_a_working_day_morning(app, db):
    casemanager = _casemanager_met_mislukte_sms(db)

    assert ochtendoverzicht.plan_emails(db, DINSDAG - timedelta(minutes=1)) == 0  # before seven
    assert ochtendoverzicht.plan_emails(db, DINSDAG) == 1
    assert ochtendoverzicht.plan_emails(db, DINSDAG + timedelta(hours=2)) == 0  # once a day

    rij = db.scalar(select(Notificatie).where(Notificatie.soort == "digest"))
    assert (rij.medewerker_id, rij.burger_id, rij.adres) == (
        casemanager.id,
        None,
        casemanager.email,
    )
    assert rij.gegevens == {"vandaag_bellen": 0, "te_plannen": 0, "mislukt": 1, "inzage": 0}


@pytest.mark.parametrize(
    "dag",
    [
        datetime(2026, 11, 29, 8, 0, tzinfo=AMSTERDAM),  # Sunday
        datetime(2027, 4, 27, 8, 0, tzinfo=AMSTERDAM),  # Koningsdag
        datetime(2026, 12, 25, 8, 0, tzinfo=AMSTERDAM),  # Christmas
    ],
)
def test_no_digest_on_weekends_and_public_holidays(app, db, dag):
    _casemanager_met_mislukte_sms(db)
    assert ochtendoverzicht.plan_emails(db, dag) == 0


def test_the_digest_page_shows_what_the_casemanager_must_do(client, db):
    casemanager = _casemanager_met_mislukte_sms(db)
    log_in(client, casemanager)

    pagina = client.get("/medewerker/overzicht")

    assert pagina.status_code == 200
    assert "Mislukte sms" in pagina.get_data(as_text=True)


def test_the_person_sees_what_to_expect(client, db):
    dossier, *_ = _persoon_in_onderzoek(db, vandaag=date(2027, 2, 24))
    log_in(client, dossier.burger)

    pagina = client.get("/wat-kunt-u-verwachten").get_data(as_text=True)

    assert "24 februari 2027" in pagina
    assert "elke drie maanden een update" in pagina


def test_an_operator_can_run_the_planner_for_another_moment(app, db):
    _persoon_in_onderzoek(db, vandaag=date(2027, 3, 2))
    runner = app.test_cli_runner()
    uitvoer = runner.invoke(args=["notificaties", "run-once", "plan", "--nu", "2027-03-02T09:00"])
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "kwartaalupdates: 1" in uitvoer.output
    fout = runner.invoke(args=["notificaties", "run-once", "plan", "--nu", "gisteren"])
    assert fout.exit_code != 0 and "2027-03-02T09:00" in fout.output


def test_a_beheerder_downloads_a_print_batch_without_bsn_and_it_is_logged(client, db):
    from portal.models import Verwerkingslog
    from tests.conftest import csrf_token

    dossier, *_ = _persoon_in_onderzoek(db, vandaag=DINSDAG.date(), digitaal=False)
    kwartaalupdate.plan_updates(db, DINSDAG.date(), DINSDAG)
    beheerder = maak_medewerker(db, rollen="beheerder")
    db.commit()
    log_in(client, beheerder)

    assert "Er is 1 brief om af te drukken." in client.get("/medewerker/brieven").get_data(
        as_text=True
    )
    token = csrf_token(client, "/medewerker/brieven")
    assert client.post("/medewerker/brieven", data={"csrf_token": token}).status_code == 303
    (batch,) = db.scalars(select(Brief.batch)).all()
    bestand = client.get(f"/medewerker/brieven/{batch}.csv")

    assert bestand.mimetype == "text/csv"
    inhoud = bestand.get_data(as_text=True)
    assert dossier.kenmerk in inhoud and dossier.burger.naam in inhoud
    assert dossier.burger.bsn not in inhoud
    assert "2027-02-24" in inhoud  # the next update date, for the letter's text
    db.expire_all()
    assert (
        db.scalar(
            select(func.count()).where(
                Verwerkingslog.verwerkingsactiviteit == "papieren-brief-afdrukken"
            )
        )
        == 1
    )
    assert client.get("/medewerker/brieven/bestaat-niet.csv").status_code == 404


def test_casemanagers_cannot_download_print_batches(client, db):
    casemanager = maak_medewerker(db)
    db.commit()
    log_in(client, casemanager)
    assert client.get("/medewerker/brieven").status_code == 403


def test_the_digest_counts_inzage_requests_due_soon_or_overdue_of_own_dossiers(app, db):
    from portal.services import inzage

    casemanager = maak_medewerker(db, email="rob.de.graaf@uwv.example")
    collega = maak_medewerker(db)
    eigen, ander = maak_dossier(db, casemanager=casemanager), maak_dossier(db, casemanager=collega)
    db.commit()
    # Received on 30 October: due 30 November, within 5 working days of Tuesday 24 November.
    for dossier in (eigen, ander):
        inzage.vraag_aan(
            db,
            dossier.burger,
            dossier,
            onderwerpen=["dagloon"],
            anders=None,
            levering="portaal",
            toelichting=None,
            nu=datetime(2026, 10, 30, 9, 0, tzinfo=UTC),
        )
    inzage.vraag_aan(  # received yesterday: due in a month, not urgent
        db, eigen.burger, eigen, onderwerpen=["dossier"], anders=None, levering="post",
        toelichting=None, nu=DINSDAG - timedelta(days=1),
    )  # fmt: skip

    overzicht = ochtendoverzicht.overzicht(db, casemanager.id, DINSDAG)

    assert [v.dossier_id for v in overzicht.inzage] == [eigen.id]
    assert overzicht.aantallen["inzage"] == 1
