"""Dates follow the day in Amsterdam: between midnight and 01:00 (02:00 in summer) UTC still
says yesterday, and a date taken from UTC would be a day behind."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from notificaties import kwartaalupdate
from portal.models import Bericht
from portal.services import statuswijziging
from tests.factories import maak_medewerker, maak_traject

# 00:30 on 26 November in Amsterdam; in UTC it is still the 25th.
NA_MIDDERNACHT = datetime(2026, 11, 25, 23, 30, tzinfo=UTC)


def test_a_traject_closed_just_after_midnight_is_closed_on_the_new_day(db):
    traject = maak_traject(db, route=("in_onderzoek", "onderzoek_afgerond", "geen_wijziging"))

    statuswijziging.wijzig_status(
        db,
        traject,
        statuswijziging.Wijziging("afgerond", None, None),
        verwacht_van="geen_wijziging",
        medewerker=maak_medewerker(db),
        trace_id="t" * 32,
        nu=NA_MIDDERNACHT,
    )

    db.refresh(traject)
    assert traject.afgerond_op == date(2026, 11, 26)


def test_a_quarterly_update_dates_a_change_made_just_after_midnight_on_the_new_day(db):
    traject = maak_traject(db, soort="dagloon", volgende_update_op=date(2026, 12, 1))
    for wijziging in traject.statuswijzigingen:
        wijziging.gewijzigd_op = NA_MIDDERNACHT
    db.commit()

    kwartaalupdate.plan_updates(db, date(2026, 12, 1), datetime(2026, 12, 1, 8, tzinfo=UTC))

    bericht = db.scalar(select(Bericht).where(Bericht.soort == "kwartaalupdate"))
    (wijziging,) = bericht.gegevens["wijzigingen"]
    assert wijziging["op"] == "2026-11-26"
