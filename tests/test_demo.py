from sqlalchemy import select
from stdnum.nl import bsn

from portal import statussen
from portal.demo import personas
from portal.models import Burger, Medewerker, Traject
from portal.tijd import vandaag


def test_demo_personas_cover_every_kind_and_every_status(db):
    assert personas.seed(db, vandaag())

    trajecten = db.scalars(select(Traject)).all()
    gezien = {(statussen.groep(t.soort), t.status) for t in trajecten}
    alle = {(groep, code) for groep, tabel in statussen.STATUSSEN.items() for code in tabel}
    assert gezien == alle
    assert {t.soort for t in trajecten} == set(statussen.SOORTEN)


def test_demo_personas_are_realistic_and_valid(db):
    personas.seed(db, vandaag())
    burgers = db.scalars(select(Burger)).all()
    assert 10 <= len(burgers) <= 12
    assert all(bsn.is_valid(b.bsn) for b in burgers)
    assert any(b.tussenvoegsel for b in burgers)
    assert all(b.telefoon.startswith("+316") for b in burgers)
    rollen = {rol for m in db.scalars(select(Medewerker)) for rol in m.rollenlijst}
    assert rollen == {"casemanager", "teamleider", "beheerder", "pilotleider"}


def test_seeding_twice_adds_nothing_the_second_time(db):
    assert personas.seed(db, vandaag())
    assert not personas.seed(db, vandaag())
    assert len(db.scalars(select(Burger)).all()) == len(personas.PERSONAS)


def test_every_open_persona_traject_has_a_date_to_hear_more(db):
    personas.seed(db, vandaag())
    for traject in db.scalars(select(Traject).where(Traject.status.in_(["in_onderzoek"]))):
        assert traject.volgende_update_op >= vandaag()
