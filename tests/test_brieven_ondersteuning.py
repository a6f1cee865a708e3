"""The print file for the letter street says who needs large print and in which language an
interpreter speaks, per letter; still no BSN and no address."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from portal.models import Brief
from portal.services import spreekuurvoorkeur as voorkeuren
from tests.conftest import csrf_token, log_in
from tests.factories import maak_dossier, maak_medewerker

NU = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def _brief(db, dossier) -> None:
    db.add(Brief(burger_id=dossier.burger_id, soort="kwartaalupdate", aangemaakt_op=NU,
                 gegevens={"volgende_update_op": "2027-06-01"}))  # fmt: skip


def test_the_print_file_carries_large_print_and_the_interpreters_language(client, db):
    groot, gewoon, zonder_tolk = maak_dossier(db), maak_dossier(db), maak_dossier(db)
    for dossier in (groot, gewoon, zonder_tolk):
        _brief(db, dossier)
    beheerder = maak_medewerker(db, rollen="beheerder")
    db.commit()
    voorkeuren.zet_ondersteuning(db, groot.burger_id, behoeften=["grote_letters"],
                                 tolk_taal="=Turks", toelichting=None, nu=NU)  # fmt: skip
    voorkeuren.zet_ondersteuning(db, zonder_tolk.burger_id, behoeften=["drempelvrij"],
                                 tolk_taal=None, toelichting=None, nu=NU)  # fmt: skip
    log_in(client, beheerder)
    client.post(
        "/medewerker/brieven", data={"csrf_token": csrf_token(client, "/medewerker/brieven")}
    )
    (batch,) = {brief.batch for brief in db.query(Brief)}

    inhoud = client.get(f"/medewerker/brieven/{batch}.csv").get_data(as_text=True)

    rijen = {rij["kenmerk"]: rij for rij in csv.DictReader(io.StringIO(inhoud))}
    assert list(next(csv.reader(io.StringIO(inhoud)))) == [
        "kenmerk", "naam", "taal", "soort", "aangemaakt_op", "volgende_update_op", "reden",
        "grote_letters", "tolk_taal", "eenvoudige_taal", "bestand",
    ]  # fmt: skip
    assert (rijen[groot.kenmerk]["grote_letters"], rijen[groot.kenmerk]["tolk_taal"]) == (
        "ja", "'=Turks",  # typed by the person: never a formula in a spreadsheet
    )  # fmt: skip
    for dossier in (gewoon, zonder_tolk):
        assert (rijen[dossier.kenmerk]["grote_letters"], rijen[dossier.kenmerk]["tolk_taal"]) == (
            "nee", "",
        )  # fmt: skip
    assert all(dossier.burger.bsn not in inhoud for dossier in (groot, gewoon, zonder_tolk))
