"""Every date a person is told is a promise in the ledger: kept by the event that keeps it,
marked once when it passes unkept, and never shown as still ahead once it has passed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from notificaties import toezeggingen as planner
from portal.models import Bericht, Notificatie, Toezegging
from portal.services import inzage, spreekuren, terugbellen, toezeggingen
from portal.services.statuswijziging import Wijziging, wijzig_status
from portal.tijd import AMSTERDAM, vandaag
from portal.werker import plan_alles
from tests.conftest import log_in
from tests.factories import maak_burger, maak_dossier, maak_medewerker, maak_traject, met_voorkeuren

NU = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)  # Monday 1 March 2027, 10.00 in Amsterdam


def _tel(db, model, *waar) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(model).where(*waar)) or 0


def _belofte(db, onderwerp: str) -> Toezegging:
    db.expire_all()
    gevonden = toezeggingen.laatste(db, onderwerp)
    assert gevonden is not None
    return gevonden


def test_a_status_change_keeps_the_promise_and_makes_the_next_one(db):
    traject = maak_traject(db, volgende_update_op=date(2027, 4, 1))
    db.commit()
    eerste = _belofte(db, f"traject:{traject.id}")
    assert (eerste.soort, eerste.datum, eerste.status) == (
        "kwartaalupdate",
        date(2027, 4, 1),
        "open",
    )

    wijzig_status(
        db,
        traject,
        Wijziging("onderzoek_afgerond", None, date(2027, 3, 15)),
        verwacht_van="in_onderzoek",
        medewerker=maak_medewerker(db),
        trace_id="t" * 32,
        nu=NU,
    )

    db.refresh(eerste)
    assert (eerste.status, eerste.nagekomen_op) == ("nagekomen", NU)
    nieuw = _belofte(db, f"traject:{traject.id}")
    assert (nieuw.soort, nieuw.datum, nieuw.status, nieuw.bron) == (
        "beslistermijn",
        date(2027, 3, 15),
        "open",
        "medewerker",
    )


def test_news_after_the_date_counts_as_late_even_when_it_comes(db):
    traject = maak_traject(db, volgende_update_op=date(2027, 2, 20))
    db.commit()

    wijzig_status(
        db,
        traject,
        Wijziging("onderzoek_afgerond", None, None),
        verwacht_van="in_onderzoek",
        medewerker=None,
        trace_id="t" * 32,
        nu=NU,
    )

    oud = db.scalars(
        select(Toezegging).where(Toezegging.onderwerp == f"traject:{traject.id}")
    ).one()
    assert (oud.status, oud.nagekomen_op) == ("verlopen", NU)


def test_the_planner_marks_a_passed_promise_once_and_tells_the_person_once(db):
    burger = met_voorkeuren(db, maak_burger(db))
    traject = maak_traject(
        db, dossier=maak_dossier(db, burger=burger), route=("in_onderzoek", "onderzoek_afgerond")
    )
    toezeggingen.beloof_trajectdatum(db, traject, date(2027, 2, 26), bron="api", nu=NU)
    db.commit()

    eerste = planner.verloop(db, NU)
    tweede = planner.verloop(db, NU + timedelta(hours=1))

    assert eerste["verlopen"] == 1 and not +tweede
    assert _belofte(db, f"traject:{traject.id}").status == "verlopen"
    (bericht,) = db.scalars(select(Bericht).where(Bericht.soort == "toezegging")).all()
    assert bericht.gegevens["datum"] == "2027-02-26"
    meldingen = db.scalars(select(Notificatie).where(Notificatie.soort == "toezegging")).all()
    assert sorted(m.kanaal for m in meldingen) == ["email", "sms"]
    assert all(m.gegevens == {} for m in meldingen)  # no date, no reason in an SMS or e-mail


def test_a_spreekuur_still_planned_when_it_ends_was_kept(db):
    dossier = maak_dossier(db)
    db.commit()
    begin = NU - timedelta(days=3)  # Friday 26 February: a spreekuur is on a working day
    spreekuur = spreekuren.plan(
        db, dossier, begin=begin, eind=begin + timedelta(minutes=45), vorm="fysiek",
        kantoor="utrecht", nu=NU - timedelta(days=10),
    )  # fmt: skip

    assert planner.verloop(db, NU)["nagekomen"] == 1
    belofte = _belofte(db, f"spreekuur:{spreekuur.id}")
    assert (belofte.status, belofte.nagekomen_op) == ("nagekomen", begin + timedelta(minutes=45))
    assert _tel(db, Bericht, Bericht.soort == "toezegging") == 0


def test_an_answered_inzage_request_keeps_its_legal_term_and_a_withdrawn_one_lapses(db):
    dossier = maak_dossier(db)
    medewerker = maak_medewerker(db)
    db.commit()
    beantwoord = inzage.vraag_aan(
        db, dossier.burger, dossier, onderwerpen=["dossier"], anders=None, levering="post",
        toelichting=None, nu=NU,
    )  # fmt: skip
    ingetrokken = inzage.vraag_aan(
        db, dossier.burger, dossier, onderwerpen=["dagloon"], anders=None, levering="post",
        toelichting=None, nu=NU,
    )  # fmt: skip
    belofte = _belofte(db, f"inzageverzoek:{beantwoord.id}")
    assert (belofte.datum, belofte.wettelijke_grens) == (date(2027, 4, 1), date(2027, 4, 1))

    inzage.per_post_verzonden(db, beantwoord, medewerker=medewerker, trace_id="t" * 32, nu=NU)
    inzage.rond_af(
        db, beantwoord, naar="verstrekt", bericht=None, medewerker=medewerker, trace_id="t" * 32,
        nu=NU + timedelta(days=3),
    )  # fmt: skip
    inzage.trek_in(db, ingetrokken, trace_id="t" * 32, nu=NU + timedelta(days=1))

    assert _belofte(db, f"inzageverzoek:{beantwoord.id}").status == "nagekomen"
    assert _belofte(db, f"inzageverzoek:{ingetrokken.id}").status == "vervallen"


def test_a_callback_is_kept_by_the_recorded_call(db):
    burger = maak_burger(db)
    dossier = maak_dossier(db, burger=burger)
    db.commit()
    verzoek = terugbellen.vraag_aan(
        db, burger, dossier, dag=date(2027, 3, 2), dagdeel="ochtend", telefoon="06 12345678",
        onderwerp=None, bericht_id=None, nu=NU, binnen_uren=24,
    )  # fmt: skip
    belofte = _belofte(db, f"terugbelverzoek:{verzoek.id}")
    assert (belofte.soort, belofte.tot) == ("terugbellen", verzoek.beloofd_voor)

    terugbellen.leg_uitkomst_vast(
        db, verzoek, "niet_bereikt", toelichting=None, medewerker=maak_medewerker(db),
        nu=NU + timedelta(hours=20), trace_id="t" * 32,
    )  # fmt: skip

    assert _belofte(db, f"terugbelverzoek:{verzoek.id}").status == "nagekomen"


# --- what the person sees ------------------------------------------------------------------------


def test_a_passed_date_is_never_shown_as_still_ahead(client, db):
    """The planner has not run yet: the page itself sees that the date passed."""
    burger = maak_burger(db)
    dossier = maak_dossier(db, burger=burger)
    gisteren = vandaag() - timedelta(days=1)
    maak_traject(db, dossier=dossier, route=("in_onderzoek", "onderzoek_afgerond"),
                 volgende_update_op=gisteren)  # fmt: skip
    db.commit()
    log_in(client, burger)

    html = client.get("/mijn-dossier").get_data(as_text=True)

    assert "Wij zijn te laat." in html and "Het spijt ons." in html
    assert f"Uiterlijk {gisteren.day}" not in html
    assert "Uiterlijk" not in html.split("Wij zijn te laat.")[0].split("wanneer-titel")[-1]


def test_a_moved_date_shows_the_new_one_and_the_old_one_and_why(client, db):
    burger = maak_burger(db)
    traject = maak_traject(
        db, dossier=maak_dossier(db, burger=burger), route=("in_onderzoek", "onderzoek_afgerond"),
        volgende_update_op=vandaag() - timedelta(days=3),
    )  # fmt: skip
    db.commit()
    planner.verloop(db, datetime.now(UTC))
    oud = _belofte(db, f"traject:{traject.id}")
    nieuw_op = vandaag() + timedelta(days=10)

    toezeggingen.verschuif(
        db,
        oud,
        toezeggingen.Verschuiving(nieuw_op, "Wij wachten op uw werkgever.", oud.versie),
        nu=datetime.now(UTC),
        medewerker_id=maak_medewerker(db).id,
    )
    db.commit()
    log_in(client, burger)
    html = client.get("/mijn-dossier").get_data(as_text=True)

    assert "Wij zijn te laat." not in html
    assert f"Uiterlijk {nieuw_op.day}" in html
    assert "Die datum hebben wij niet gehaald." in html
    assert "Wij wachten op uw werkgever." in html
    berichten = db.scalars(select(Bericht).where(Bericht.soort == "toezegging")).all()
    assert [b.gegevens["gebeurtenis"] for b in berichten] == ["verlopen", "verschoven"]
    assert berichten[-1].toelichting == "Wij wachten op uw werkgever."


def test_an_old_message_says_when_its_date_was_not_kept(client, db):
    burger = maak_burger(db)
    traject = maak_traject(db, dossier=maak_dossier(db, burger=burger))
    db.commit()
    wijzig_status(
        db,
        traject,
        Wijziging("onderzoek_afgerond", None, vandaag() - timedelta(days=2)),
        verwacht_van="in_onderzoek",
        medewerker=None,
        trace_id="t" * 32,
        nu=datetime.now(UTC) - timedelta(days=20),
    )
    bericht = db.scalars(select(Bericht).where(Bericht.soort == "statuswijziging")).one()
    log_in(client, burger)

    html = client.get(f"/berichten/{bericht.id}").get_data(as_text=True)

    assert "de datum in dit bericht hebben wij niet gehaald" in html


def test_the_worker_marks_passed_promises_in_its_daily_run(app, db):
    traject = maak_traject(db, route=("in_onderzoek", "onderzoek_afgerond"))
    toezeggingen.beloof_trajectdatum(db, traject, date(2027, 2, 26), bron="api", nu=NU)
    db.commit()

    uitkomst = plan_alles(app, datetime(2027, 3, 1, 7, 0, tzinfo=AMSTERDAM))

    assert uitkomst["toezeggingen_verlopen"] == 1
