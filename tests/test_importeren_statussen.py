"""`flask import statussen`: status changes from a CSV, through the status machine."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from portal import statussen
from portal.models import Bericht, Notificatie, Servicecall, Traject, Verwerkingslog
from portal.services.statuswijziging import Wijziging, wijzig_status
from portal.tijd import vandaag
from tests.factories import maak_burger, maak_dossier, maak_traject, met_voorkeuren
from tests.importeren_hulp import (
    bestand,
    goed_bestand,
    importeer,
    tel_alles,
)

STATUSKOP = "kenmerk,soort,status,volgende_update_op,toelichting"


def test_an_imported_status_change_tells_the_person_exactly_as_a_casemanager_change_does(
    app, db, tmp_path
):
    via_import = maak_traject(
        db, dossier=maak_dossier(db, burger=met_voorkeuren(db, maak_burger(db)))
    )
    via_scherm = maak_traject(
        db, dossier=maak_dossier(db, burger=met_voorkeuren(db, maak_burger(db)))
    )
    db.commit()
    pad = bestand(tmp_path, STATUSKOP, f"{via_import.dossier.kenmerk},dagloon,onderzoek_afgerond,,")

    uitvoer = importeer(app, "statussen", pad)
    wijzig_status(
        db,
        via_scherm,
        Wijziging(
            "onderzoek_afgerond",
            None,
            statussen.standaard_volgende_datum("dagloon", "onderzoek_afgerond", vandaag()),
        ),
        verwacht_van="in_onderzoek",
        medewerker=None,
        trace_id="scherm",
    )

    assert uitvoer.exit_code == 0, uitvoer.output
    assert "gelezen: 1, toegepast: 1, ongewijzigd: 0, afgewezen: 0" in uitvoer.output
    db.expire_all()

    def gevolgen(traject: Traject) -> dict[str, object]:
        burger_id = traject.dossier.burger_id
        laatste = traject.statuswijzigingen[-1]
        return {
            "status": traject.status,
            "volgende_update_op": traject.volgende_update_op,
            "historie": (laatste.van_status, laatste.naar_status, laatste.medewerker_id),
            "berichten": [
                (b.soort, b.gegevens, b.toelichting, b.traject_id == traject.id)
                for b in db.scalars(select(Bericht).where(Bericht.burger_id == burger_id))
            ],
            "notificaties": sorted(
                (n.kanaal, n.soort, n.status, n.idempotentiesleutel.split(":")[0])
                for n in db.scalars(select(Notificatie).where(Notificatie.burger_id == burger_id))
            ),
            "belafspraken": db.scalar(
                select(func.count())
                .select_from(Servicecall)
                .where(Servicecall.traject_id == traject.id)
            ),
            "log": [
                (r.handeling, r.verwerkingsactiviteit, r.object == f"traject:{traject.id}")
                for r in db.scalars(
                    select(Verwerkingslog).where(Verwerkingslog.burger_id == burger_id)
                )
            ],
        }

    assert gevolgen(via_import) == gevolgen(via_scherm)
    assert gevolgen(via_import)["notificaties"] == [
        ("email", "statuswijziging", "wachtend", "statuswijziging"),
        ("sms", "statuswijziging", "wachtend", "statuswijziging"),
    ]
    assert gevolgen(via_import)["status"] == "onderzoek_afgerond"


def test_status_rows_are_checked_against_the_status_machine_and_the_database(app, db, tmp_path):
    traject = maak_traject(db, route=("in_onderzoek",))
    beoordeling = maak_traject(db, dossier=traject.dossier, soort="ewt", route=())
    db.commit()
    kenmerk = traject.dossier.kenmerk
    morgen = (vandaag() + timedelta(days=1)).isoformat()
    gisteren = (vandaag() - timedelta(days=1)).isoformat()
    pad = bestand(
        tmp_path,
        STATUSKOP,
        f"{kenmerk},dagloon,nabetaling,,",  # not from in_onderzoek
        f"{kenmerk},ewt,in_onderzoek,,",  # a status of the other group
        "WIA-4999999,dagloon,onderzoek_afgerond,,",  # no such dossier
        f"{kenmerk},indexatie,in_onderzoek,,",  # no such traject
        f"{kenmerk},herbeoordeling,,,",
        f"{kenmerk},aba,wacht_op_beoordeling,{gisteren},",
        f"WIA-1,ewt,wacht_op_beoordeling,{morgen},",
        f"{kenmerk},ewt,wacht_op_beoordeling,31-12-2030,",
        f"{kenmerk},ewt,wacht_op_beoordeling,{morgen},Uw aanvraag is compleet.",
    )

    uitvoer = importeer(app, "statussen", pad)

    assert uitvoer.exit_code == 1
    assert uitvoer.output.splitlines()[:8] == [
        "regel 2, veld status: Deze status kan niet volgen op de huidige status "
        "(Uw uitkering wordt onderzocht).",
        "regel 3, veld status: Deze status bestaat niet voor deze soort traject.",
        "regel 4, veld kenmerk: Er is geen dossier met dit kenmerk.",
        "regel 5, veld soort: Dit dossier heeft geen traject van deze soort.",
        "regel 6, veld status: Vul dit veld in.",
        "regel 7, veld volgende_update_op: Kies een datum vandaag of later.",
        "regel 8, veld kenmerk: Een kenmerk ziet er zo uit: WIA-1234567.",
        "regel 9, veld volgende_update_op: Dit is geen geldige datum (JJJJ-MM-DD).",
    ]
    assert "gelezen: 9, toegepast: 1, ongewijzigd: 0, afgewezen: 8" in uitvoer.output
    db.expire_all()
    assert traject.status == "in_onderzoek"
    assert beoordeling.status == "wacht_op_beoordeling"
    assert beoordeling.volgende_update_op == date.fromisoformat(morgen)
    assert db.scalar(select(Bericht.toelichting)) == "Uw aanvraag is compleet."


def test_running_a_status_file_again_changes_nothing(app, db, tmp_path):
    traject = maak_traject(db, route=("in_onderzoek",))
    db.commit()
    pad = bestand(
        tmp_path,
        STATUSKOP,
        f"{traject.dossier.kenmerk},dagloon,onderzoek_afgerond,,",
        f"{traject.dossier.kenmerk},dagloon,onderzoek_afgerond,,",  # the same row twice
    )
    eerste = importeer(app, "statussen", pad)
    voor = tel_alles(db)

    tweede = importeer(app, "statussen", pad)

    assert "gelezen: 2, toegepast: 1, ongewijzigd: 1, afgewezen: 0" in eerste.output
    assert tweede.exit_code == 0, tweede.output
    assert "gelezen: 2, toegepast: 0, ongewijzigd: 2, afgewezen: 0" in tweede.output
    assert tel_alles(db) == voor


def test_two_different_changes_for_one_traject_in_a_file_refuse_the_later_one(app, db, tmp_path):
    traject = maak_traject(db, route=("in_onderzoek",))
    db.commit()
    pad = bestand(
        tmp_path,
        STATUSKOP,
        f"{traject.dossier.kenmerk},dagloon,onderzoek_afgerond,,",
        f"{traject.dossier.kenmerk},dagloon,met_spoed,,",
    )

    uitvoer = importeer(app, "statussen", pad)

    assert uitvoer.exit_code == 1
    assert (
        "regel 3, veld soort: Dit traject staat eerder in het bestand met andere gegevens."
        in uitvoer.output
    )
    db.expire_all()
    assert traject.status == "onderzoek_afgerond"


def test_a_status_dry_run_checks_the_transitions_and_writes_nothing(app, db, tmp_path):
    traject = maak_traject(db, route=("in_onderzoek",))
    ander = maak_traject(db, route=("in_onderzoek",))
    db.commit()
    voor = tel_alles(db)
    pad = bestand(
        tmp_path,
        STATUSKOP,
        f"{traject.dossier.kenmerk},dagloon,onderzoek_afgerond,,",
        f"{ander.dossier.kenmerk},dagloon,afgerond,,",
    )

    uitvoer = importeer(app, "statussen", pad, "--dry-run")

    assert uitvoer.exit_code == 1
    assert "regel 3, veld status: Deze status kan niet volgen" in uitvoer.output
    assert "toegepast: 1, ongewijzigd: 0, afgewezen: 1 (dry run" in uitvoer.output
    assert tel_alles(db) == voor
    db.expire_all()
    assert traject.status == "in_onderzoek"


def test_a_status_file_with_dossier_columns_is_refused(app, db, tmp_path):
    uitvoer = importeer(app, "statussen", goed_bestand(tmp_path))

    assert uitvoer.exit_code == 2
    assert "Deze kolommen kent de import niet: bsn, voornamen" in uitvoer.output


def test_a_status_change_never_prints_who_it_concerns(app, db, tmp_path):
    traject = maak_traject(db, route=("in_onderzoek",))
    db.commit()
    pad = bestand(tmp_path, STATUSKOP, f"{traject.dossier.kenmerk},dagloon,afgerond,,")

    uitvoer = importeer(app, "statussen", pad)

    assert uitvoer.exit_code == 1
    assert traject.dossier.burger.bsn not in uitvoer.output
    assert traject.dossier.burger.achternaam not in uitvoer.output
