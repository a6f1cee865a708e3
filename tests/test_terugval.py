"""No message lost: retries counted from when a message became due, the same news over the
other channel or on paper when one fails for good, a letter for everyone under investigation
who does not get the update digitally, and one nudge for an unread important message.

Sent through the real twilio client to the fake Twilio and over SMTP to aiosmtpd.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from notificaties import kwartaalupdate, ongelezen
from notificaties.verzending import Verzender
from portal.models import Bericht, Brief, Burger, Notificatie
from portal.services import servicecalls as calls
from portal.services.statuswijziging import Wijziging, wijzig_status
from tests.conftest import met_providers
from tests.factories import (
    maak_burger,
    maak_dossier,
    maak_medewerker,
    maak_traject,
    met_voorkeuren,
    statusnieuws,
)
from tests.nep_twilio import Antwoord

# Tuesday 2 March 2027, 10.00 in Amsterdam: a working day, inside the SMS window.
NU = datetime(2027, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def verzendapp(maak_app, nep_twilio, smtp_server):
    return maak_app(**met_providers(nep_twilio, smtp_server, NOTIFICATIE_OPNIEUW_UREN=4))


@pytest.fixture
def vdb(verzendapp):
    session = verzendapp.extensions["portal.sessionmaker"]()
    yield session
    session.close()


def _rijen(db, *waar):
    db.expire_all()
    return db.scalars(select(Notificatie).where(*waar).order_by(Notificatie.id)).all()


def _statusnieuws(db, burger, nu=NU):
    statusnieuws(db, burger, nu)


# --- the retry window ----------------------------------------------------------------------------


def test_a_reminder_planned_weeks_ahead_survives_a_temporary_error_on_its_day(
    verzendapp, vdb, nep_twilio
):
    burger = met_voorkeuren(vdb, maak_burger(vdb), kanalen=("sms",))
    traject = maak_traject(
        vdb, dossier=maak_dossier(vdb, burger=burger), route=("in_onderzoek", "onderzoek_afgerond")
    )
    taak = calls.maak_taak(vdb, traject, NU)
    vdb.commit()
    drie_weken = NU + timedelta(days=21)  # Tuesday 23 March, a working day
    calls.plan(
        vdb, taak, van=drie_weken + timedelta(hours=1), tot=drie_weken + timedelta(hours=3),
        telefoon="06 12345678", belnummer="088 - 898 92 94", medewerker=maak_medewerker(vdb),
        nu=NU, trace_id="t" * 32,
    )  # fmt: skip
    (dag,) = _rijen(vdb, Notificatie.idempotentiesleutel.like(f"servicecall:{taak.id}:1:dag:%"))
    nep_twilio.antwoord(Antwoord.serverfout())

    Verzender(verzendapp).dispatch(dag.volgende_poging_op)

    (dag,) = _rijen(vdb, Notificatie.id == dag.id)
    assert (dag.status, dag.pogingen) == ("wachtend", 1)  # retried, not failed for good
    Verzender(verzendapp).dispatch(dag.volgende_poging_op)
    assert _rijen(vdb, Notificatie.id == dag.id)[0].status == "verzonden"


def test_an_sms_held_back_by_the_night_gets_its_window_from_the_morning(
    verzendapp, vdb, nep_twilio
):
    burger = met_voorkeuren(vdb, maak_burger(vdb), kanalen=("sms",))
    avond = datetime(2027, 3, 1, 22, 0, tzinfo=UTC)  # Monday 23.00 in Amsterdam
    _statusnieuws(vdb, burger, nu=avond)

    Verzender(verzendapp).dispatch(avond)  # quiet hours: it waits for the morning

    (sms,) = _rijen(vdb)
    assert sms.status == "wachtend" and sms.verschuldigd_op == sms.volgende_poging_op
    assert sms.verschuldigd_op > avond + timedelta(hours=8)
    nep_twilio.antwoord(Antwoord.serverfout())
    Verzender(verzendapp).dispatch(sms.volgende_poging_op)
    assert _rijen(vdb, Notificatie.id == sms.id)[0].status == "wachtend"


# --- the fallback --------------------------------------------------------------------------------


def test_an_sms_that_fails_for_good_goes_out_by_e_mail_once(
    verzendapp, vdb, nep_twilio, smtp_server
):
    burger = met_voorkeuren(vdb, maak_burger(vdb), kanalen=("sms",))
    burger.email_geverifieerd_op = NU  # proven, but not switched on for this news
    _statusnieuws(vdb, burger)
    nep_twilio.antwoord(Antwoord.twilio_fout(21211))  # not a valid mobile number

    Verzender(verzendapp).dispatch(NU)

    sms, email = _rijen(vdb)
    assert (sms.kanaal, sms.status, sms.gegevens["opgevangen_met"]) == ("sms", "mislukt", "email")
    assert (email.kanaal, email.status, email.gegevens["terugval_van"]) == (
        "email",
        "verzonden",
        sms.id,
    )
    (mail,) = smtp_server.ontvangen
    assert mail.ontvangers == [burger.email]
    assert vdb.scalar(select(func.count()).select_from(Brief)) == 0
    Verzender(verzendapp).dispatch(NU + timedelta(hours=1))  # nothing more, nothing twice
    assert len(_rijen(vdb)) == 2 and len(smtp_server.ontvangen) == 1


def test_an_e_mail_that_fails_for_good_without_a_proven_number_becomes_a_letter_once(
    verzendapp, vdb, smtp_server
):
    burger = met_voorkeuren(vdb, maak_burger(vdb), kanalen=("email",))
    _statusnieuws(vdb, burger)
    smtp_server.weiger_volgende("RCPT", "550 5.1.1 Deze mailbox bestaat niet")

    Verzender(verzendapp).dispatch(NU)

    (email,) = _rijen(vdb)
    assert (email.status, email.gegevens["opgevangen_met"]) == ("mislukt", "brief")
    (brief,) = vdb.scalars(select(Brief)).all()
    assert brief.burger_id == burger.id and brief.soort == "statuswijziging"
    assert "e-mail kwam niet aan" in brief.reden and "550" in brief.reden
    Verzender(verzendapp).dispatch(NU + timedelta(hours=1))
    assert vdb.scalar(select(func.count()).select_from(Brief)) == 1


def test_a_reminder_whose_call_has_passed_is_cancelled_with_a_reason_not_sent(verzendapp, vdb):
    burger = met_voorkeuren(vdb, maak_burger(vdb), kanalen=("sms",))
    traject = maak_traject(
        vdb, dossier=maak_dossier(vdb, burger=burger), route=("in_onderzoek", "onderzoek_afgerond")
    )
    taak = calls.maak_taak(vdb, traject, NU)
    vdb.commit()
    calls.plan(
        vdb, taak, van=NU + timedelta(days=1), tot=NU + timedelta(days=1, hours=2),
        telefoon="06 12345678", belnummer="088 - 898 92 94", medewerker=maak_medewerker(vdb),
        nu=NU, trace_id="t" * 32,
    )  # fmt: skip

    # An outage held everything back until after the call.
    Verzender(verzendapp).dispatch(NU + timedelta(days=1, hours=3))

    rijen = _rijen(vdb, Notificatie.soort == "servicecall_herinnering")
    assert rijen and all(r.status == "geannuleerd" for r in rijen)
    assert all("voorbij" in r.laatste_fout for r in rijen)
    assert vdb.scalar(select(func.count()).select_from(Brief)) == 0


# --- the update reaches everyone -----------------------------------------------------------------


@pytest.mark.parametrize("hoe", ["uitgezet", "stop"])
def test_someone_without_digital_updates_gets_the_update_by_letter(db, hoe):
    burger = met_voorkeuren(db, maak_burger(db), kanalen=("sms",), soorten=("spreekuur",))
    if hoe == "stop":
        met_voorkeuren(db, burger, kanalen=("sms",), soorten=("kwartaalupdate",))
        burger.sms_gestopt_op = NU
    maak_traject(db, dossier=maak_dossier(db, burger=burger), volgende_update_op=NU.date())
    db.commit()

    assert kwartaalupdate.plan_updates(db, NU.date(), NU) == 1

    (brief,) = db.scalars(select(Brief)).all()
    assert brief.burger_id == burger.id and brief.soort == "kwartaalupdate"
    assert db.scalar(select(func.count()).select_from(Notificatie)) == 0


def test_the_update_sms_says_when_the_next_update_comes(app, db):
    burger = met_voorkeuren(db, maak_burger(db), kanalen=("sms",))
    maak_traject(db, dossier=maak_dossier(db, burger=burger), volgende_update_op=date(2027, 3, 2))
    db.commit()
    kwartaalupdate.plan_updates(db, NU.date(), NU)
    (sms,) = _rijen(db)

    from notificaties import teksten

    with app.app_context():
        _, tekst, _, _ = teksten.render(sms.soort, "sms", "nl", sms.gegevens)

    assert "uiterlijk 2 juni 2027" in tekst and len(tekst) <= 160


# --- unread important messages -------------------------------------------------------------------


def _beslissing(db, burger, dagen_geleden: int) -> Bericht:
    traject = maak_traject(
        db, dossier=maak_dossier(db, burger=burger), route=("in_onderzoek", "onderzoek_afgerond")
    )
    db.commit()
    wijzig_status(
        db,
        traject,
        Wijziging("dagloon_te_laag", None, None),
        verwacht_van="onderzoek_afgerond",
        medewerker=None,
        trace_id="t" * 32,
        nu=NU - timedelta(days=dagen_geleden),
    )
    return db.scalars(select(Bericht).where(Bericht.traject_id == traject.id)).one()


def test_an_unread_decision_gets_one_nudge_after_a_week_never_two(db):
    burger = met_voorkeuren(db, maak_burger(db), kanalen=("email",))
    bericht = _beslissing(db, burger, dagen_geleden=8)
    assert bericht.belangrijk
    _rijen(db)  # the news itself went out at the time
    voor = {r.id for r in _rijen(db)}

    assert ongelezen.plan_herinneringen(db, NU, dagen=7) == 1
    assert ongelezen.plan_herinneringen(db, NU + timedelta(days=1), dagen=7) == 0

    (nudge,) = [r for r in _rijen(db) if r.id not in voor]
    assert (nudge.soort, nudge.kanaal, nudge.adres) == (
        "herinnering_ongelezen",
        "email",
        burger.email,
    )
    db.refresh(bericht)
    assert bericht.herinnerd_op == NU


def test_a_read_or_recent_decision_is_not_nudged_and_no_channel_means_a_letter(db):
    gelezen = maak_burger(db)
    _beslissing(db, gelezen, dagen_geleden=10).gelezen_op = NU - timedelta(days=9)
    _beslissing(db, maak_burger(db), dagen_geleden=3)  # not a week yet
    zonder_kanaal = db.get(Burger, maak_burger(db).id)
    _beslissing(db, zonder_kanaal, dagen_geleden=8)
    db.commit()

    assert ongelezen.plan_herinneringen(db, NU, dagen=7) == 1

    (brief,) = db.scalars(select(Brief)).all()
    assert (brief.burger_id, brief.soort) == (zonder_kanaal.id, "herinnering_ongelezen")
