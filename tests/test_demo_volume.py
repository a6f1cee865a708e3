"""Bulk demo data: valid, unique, legal for the status machine, and safe to add twice."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date, timedelta
from itertools import pairwise

import phonenumbers
import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from stdnum.nl import bsn as stdnum_bsn

from portal import statussen
from portal.demo import personas, volume
from portal.models import Bericht, Burger, Dossier, Statuswijziging, Traject
from portal.services import berichten

VANDAAG = date(2026, 3, 16)


def voeg_toe(app: Flask, aantal: int, **opties: object) -> None:
    volume.voeg_toe(app.extensions["portal.engine"], aantal, VANDAAG, **opties)


def test_bsns_pass_the_11_proef_and_stay_below_the_test_range():
    reeks = volume.bsns(123_456_781)
    nummers = [next(reeks) for _ in range(2_000)]
    assert all(stdnum_bsn.is_valid(n) for n in nummers)
    assert nummers == sorted(set(nummers))
    assert nummers[0] > "123456781"
    with pytest.raises(ValueError, match="no room"):
        next(volume.bsns(999_989_999))


def test_dossiers_are_realistic_and_legal(app: Flask, db: Session):
    voeg_toe(app, 500, due_vandaag=40)

    burgers = db.scalars(select(Burger)).all()
    assert len(burgers) == 500
    bsns = [b.bsn for b in burgers]
    assert len(set(bsns)) == 500
    assert all(stdnum_bsn.is_valid(n) and n < "999990000" for n in bsns)
    for burger in burgers:
        if burger.telefoon is not None:
            nummer = phonenumbers.parse(burger.telefoon)
            assert phonenumbers.is_valid_number(nummer), burger.telefoon
            assert phonenumbers.number_type(nummer) == phonenumbers.PhoneNumberType.MOBILE
            assert burger.telefoon == phonenumbers.format_number(
                nummer, phonenumbers.PhoneNumberFormat.E164
            )
        assert burger.email is None or re.fullmatch(
            r"[a-z0-9.]+@example\.(nl|com|org)", burger.email
        )
        assert burger.taal in {"nl", "en"}
    assert any(b.tussenvoegsel for b in burgers)
    assert Counter(b.taal for b in burgers).most_common(1)[0][0] == "nl"

    kenmerken = db.scalars(select(Dossier.kenmerk)).all()
    assert len(set(kenmerken)) == 500
    assert all(re.fullmatch(r"WIA-\d{7}", k) and k >= "WIA-3000000" for k in kenmerken)

    trajecten = db.scalars(select(Traject)).all()
    per_dossier = defaultdict(list)
    for traject in trajecten:
        per_dossier[traject.dossier_id].append(traject.soort)
        assert traject.status in statussen.STATUSSEN[statussen.groep(traject.soort)]
        assert (traject.afgerond_op is not None) == (traject.status == "afgerond")
        assert traject.gestart_op <= traject.status_sinds.date() < VANDAAG
    assert len(per_dossier) == 500
    assert all(1 <= len(s) <= 3 and len(set(s)) == len(s) for s in per_dossier.values())

    statussen_geteld = Counter(t.status for t in trajecten)
    assert statussen_geteld.most_common(1)[0][0] == "in_onderzoek"
    assert len(statussen_geteld) >= 10, "statuses should be spread over the machine"
    in_onderzoek = [t for t in trajecten if t.status == "in_onderzoek"]
    assert sum(t.volgende_update_op == VANDAAG for t in in_onderzoek) == 40
    assert sum(t.volgende_update_op == VANDAAG for t in trajecten) == 40
    assert all(
        VANDAAG <= t.volgende_update_op <= VANDAAG + timedelta(days=92) for t in in_onderzoek
    )


def test_every_traject_has_a_legal_history_ending_in_its_status(app: Flask, db: Session):
    voeg_toe(app, 200)
    historie = defaultdict(list)
    for wijziging in db.scalars(select(Statuswijziging).order_by(Statuswijziging.id)):
        historie[wijziging.traject_id].append(wijziging)
    trajecten = db.scalars(select(Traject)).all()
    for traject in trajecten:
        keten = historie[traject.id]
        assert keten, f"traject {traject.id} has no history"
        assert keten[0].van_status is None
        assert keten[0].naar_status == statussen.BEGINSTATUS[statussen.groep(traject.soort)]
        for vorige, wijziging in pairwise(keten):
            assert wijziging.van_status == vorige.naar_status
            statussen.controleer_overgang(traject.soort, vorige.naar_status, wijziging.naar_status)
            assert vorige.gewijzigd_op < wijziging.gewijzigd_op
        assert keten[-1].naar_status == traject.status
        assert keten[-1].gewijzigd_op == traject.status_sinds

    # Every change after the first is in the person's inbox, and renders as a message.
    aantal_berichten = db.scalar(select(func.count()).select_from(Bericht))
    assert aantal_berichten == sum(len(k) - 1 for k in historie.values())
    with app.test_request_context():
        for bericht in db.scalars(select(Bericht).limit(50)):
            assert berichten.tekst(bericht).onderwerp


def test_adding_twice_does_not_collide_and_new_rows_still_get_ids(app: Flask, db: Session):
    voeg_toe(app, 120)
    voeg_toe(app, 80, due_vandaag=80)
    assert db.scalar(select(func.count()).select_from(Dossier)) == 200
    assert db.scalar(select(func.count(func.distinct(Burger.bsn)))) == 200
    assert db.scalar(select(func.count(func.distinct(Dossier.kenmerk)))) == 200
    vervallen = select(func.count()).where(Traject.volgende_update_op == VANDAAG)
    assert db.scalar(vervallen) == 80

    # The id sequences moved past the explicit ids, so ordinary inserts keep working.
    burger = Burger(bsn="999999990", voornamen="Ans", tussenvoegsel="", achternaam="Kok", taal="nl")
    db.add(burger)
    db.flush()
    db.add(Dossier(kenmerk="WIA-2999999", burger_id=burger.id))
    db.commit()
    assert burger.id > 200


def test_due_vandaag_cannot_exceed_the_number_of_dossiers(app: Flask):
    with pytest.raises(ValueError, match="due_vandaag"):
        voeg_toe(app, 5, due_vandaag=6)


def test_cli_seeds_personas_and_volume(app: Flask, db: Session):
    resultaat = app.test_cli_runner().invoke(args=["demo", "seed", "--volume", "50"])
    assert resultaat.exit_code == 0, resultaat.output
    assert "Added 50 dossiers" in resultaat.output
    totaal = db.scalar(select(func.count()).select_from(Dossier))
    assert totaal == 50 + len(personas.PERSONAS)
    # Bulk dossiers are spread over the demo casemanagers (or have none yet).
    casemanagers = db.scalars(
        select(Dossier.casemanager_id).where(Dossier.kenmerk >= "WIA-3000000")
    ).all()
    assert {c for c in casemanagers if c is not None} <= set(
        db.scalars(select(Dossier.casemanager_id).where(Dossier.kenmerk < "WIA-2000000"))
    )
