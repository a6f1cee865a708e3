"""What is going on for a person: one query that lets Mijn dossier skip empty sections."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from sqlalchemy.orm import Session

from portal.auth import sessies
from portal.models import Bericht, Brief, Servicecall, Spreekuur, utcnow
from portal.services import lopend
from tests.conftest import log_in
from tests.factories import (
    maak_burger,
    maak_dossier,
    maak_medewerker,
    maak_mislukte_sms,
    maak_terugbelverzoek,
)

UUR = timedelta(hours=1)

NIETS = lopend.Lopend(
    ongelezen=0,
    servicecalls=False,
    spreekuren=False,
    terugbelverzoeken=False,
    mislukte_notificaties=False,
)


def test_a_person_with_only_a_dossier_has_nothing_going_on(db: Session) -> None:
    burger = maak_burger(db)
    maak_dossier(db, burger=burger)
    db.commit()
    assert lopend.van_burger(db, burger.id) == NIETS


def test_each_kind_is_seen_for_its_own_person_only(db: Session) -> None:
    """Another person's rows never switch a section on: every flag is per person."""
    burger, ander = maak_burger(db), maak_burger(db)
    dossier = maak_dossier(db, burger=burger)
    maak_dossier(db, burger=ander)
    morgen = utcnow().replace(microsecond=0) + timedelta(days=1)
    db.add_all(
        [
            Bericht(burger_id=burger.id, soort="statuswijziging", gegevens={}),
            Bericht(burger_id=burger.id, soort="statuswijziging", gegevens={}),
            Bericht(burger_id=burger.id, soort="statuswijziging", gegevens={}, gelezen_op=morgen),
            Servicecall(
                dossier_id=dossier.id,
                onderwerp="uitslag",
                status="gepland",
                venster_van=morgen,
                venster_tot=morgen + timedelta(hours=2),
                belnummer="088 - 898 92 94",
                telefoon="+31612345678",
                belcode="K0001",
            ),
            Spreekuur(
                dossier_id=dossier.id,
                uid=f"spreekuur-{dossier.id}@uwv.example",
                begin=morgen,
                eind=morgen + timedelta(minutes=45),
                vorm="kantoor",
                kantoor="amsterdam",
            ),
        ]
    )
    maak_terugbelverzoek(db, dossier, morgen)
    maak_mislukte_sms(db, burger)
    vandaag_ = morgen.date() - timedelta(days=1)
    db.add_all(
        [
            Brief(burger_id=burger.id, herkomst="uwv", soort="besluit", datum=vandaag_),
            Brief(burger_id=burger.id, herkomst="uwv", soort="informatie", geopend_op=morgen),
        ]
    )
    db.commit()

    assert lopend.van_burger(db, burger.id) == lopend.Lopend(
        ongelezen=2,
        servicecalls=True,
        spreekuren=True,
        terugbelverzoeken=True,
        mislukte_notificaties=True,
        brieven_nieuw=1,
        geld_of_bezwaar=True,  # the decision letter: its objection period may run
    )
    assert lopend.van_burger(db, ander.id) == NIETS

    # Read with the login session (one statement per request): the same answer.
    for wie in (burger, ander):
        token = sessies.start(db, burger_id=wie.id)
        gevonden = sessies.geldig_met_lopend(db, token, idle=UUR, maximaal=UUR)
        assert gevonden is not None and gevonden[1] == lopend.van_burger(db, wie.id)
    medewerker_token = sessies.start(db, medewerker_id=maak_medewerker(db).id)
    gevonden = sessies.geldig_met_lopend(db, medewerker_token, idle=UUR, maximaal=UUR)
    assert gevonden is not None and gevonden[1] is None  # staff have no such things


def test_the_unread_count_read_with_the_session_follows_a_message_opened_in_the_request(
    app: Flask, db: Session
) -> None:
    """Opening a message marks it read and shows it in one request: the menu's count, read
    with the login session at the start, is read again after that change."""
    burger = maak_burger(db)
    maak_dossier(db, burger=burger)
    gegevens = {"soort": "dagloon", "status": "in_onderzoek", "volgende_update_op": None}
    berichten = [
        Bericht(burger_id=burger.id, soort="statuswijziging", gegevens=gegevens) for _ in "ab"
    ]
    db.add_all(berichten)
    db.commit()
    client = app.test_client()
    log_in(client, burger)
    assert ">2<span" in client.get("/berichten").get_data(as_text=True)
    html = client.get(f"/berichten/{berichten[0].id}").get_data(as_text=True)
    assert ">1<span" in html and ">2<span" not in html
