"""What is going on for a person: one query that lets Mijn dossier skip empty sections."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from portal.models import Bericht, Servicecall, Spreekuur, utcnow
from portal.services import lopend
from tests.factories import maak_burger, maak_dossier, maak_mislukte_sms, maak_terugbelverzoek

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
    db.commit()

    assert lopend.van_burger(db, burger.id) == lopend.Lopend(
        ongelezen=2,
        servicecalls=True,
        spreekuren=True,
        terugbelverzoeken=True,
        mislukte_notificaties=True,
    )
    assert lopend.van_burger(db, ander.id) == NIETS
