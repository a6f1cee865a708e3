"""`flask import dossiers`: the back office's CSV of people and dossiers, checked row by row."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal import statussen
from portal.models import Bericht, Burger, Dossier, Traject, Verwerkingslog
from portal.tijd import vandaag
from tests.factories import maak_burger, maak_dossier, maak_traject, met_voorkeuren
from tests.importeren_hulp import (
    BSN,
    KOP,
    ONGELDIG_BSN,
    bestand,
    goed_bestand,
    importeer,
    tel_alles,
)


def test_a_good_file_creates_people_dossiers_trajecten_history_and_log_rows(app, db, tmp_path):
    uitvoer = importeer(app, "dossiers", goed_bestand(tmp_path))

    assert uitvoer.exit_code == 0, uitvoer.output
    assert "gelezen: 3, nieuw: 3, bijgewerkt: 0, ongewijzigd: 0, afgewezen: 0" in uitvoer.output
    marieke = db.scalar(select(Burger).where(Burger.bsn == BSN[0]))
    assert (marieke.voornamen, marieke.tussenvoegsel, marieke.achternaam) == (
        "Marieke",
        "van der",
        "Linden",
    )
    assert marieke.telefoon == "+31612345678"  # normalised as the API does
    assert marieke.telefoon_geverifieerd_op is None  # a back-office number is not proven
    dossier = marieke.dossier
    assert dossier.kenmerk == "WIA-4000001"
    assert {(t.soort, t.status) for t in dossier.trajecten} == {
        ("dagloon", "in_onderzoek"),
        ("indexatie", "niet_geinformeerd"),  # no status: the kind's first one
    }
    for traject in dossier.trajecten:
        assert [(s.van_status, s.naar_status) for s in traject.statuswijzigingen] == [
            (None, traject.status)
        ]
        # An investigation's first update is spread over the quarter by the kenmerk.
        assert traject.volgende_update_op == statussen.standaard_volgende_datum(
            traject.soort, traject.status, vandaag(), dossier.kenmerk
        )
    youssef = db.scalar(select(Burger).where(Burger.bsn == BSN[1]))
    assert youssef.taal == "en"
    assert youssef.telefoon is None
    logregels = db.scalars(select(Verwerkingslog).order_by(Verwerkingslog.id)).all()
    assert [(r.burger_id, r.object) for r in logregels] == [
        (marieke.id, f"dossier:{dossier.id}"),
        (youssef.id, f"dossier:{youssef.dossier.id}"),
    ]
    assert {(r.medewerker_id, r.handeling, r.verwerkingsactiviteit) for r in logregels} == {
        (None, "wijzigen", "dossier-importeren")
    }
    assert db.scalar(select(func.count()).select_from(Bericht)) == 0  # no news, only data


def test_running_the_same_file_twice_changes_nothing_the_second_time(app, db, tmp_path):
    pad = goed_bestand(tmp_path)
    assert importeer(app, "dossiers", pad).exit_code == 0
    voor = tel_alles(db)

    tweede = importeer(app, "dossiers", pad)

    assert tweede.exit_code == 0, tweede.output
    assert "gelezen: 3, nieuw: 0, bijgewerkt: 0, ongewijzigd: 3, afgewezen: 0" in tweede.output
    assert tel_alles(db) == voor


def test_bad_rows_are_reported_with_line_and_reason_while_good_rows_are_applied(app, db, tmp_path):
    pad = bestand(
        tmp_path,
        KOP,
        f"WIA-4000001,{BSN[0]},Marieke,,Linden,nl,,,dagloon,in_onderzoek",
        f"WIA-4000002,{ONGELDIG_BSN},Piet,,Smit,nl,,,dagloon,",
        f"WIA-4000003,{BSN[2]},Ans,,Kok,nl,,,dagloon,",
    )
    rapport = tmp_path / "rapport.csv"

    uitvoer = importeer(app, "dossiers", pad, "--rapport", str(rapport))

    assert uitvoer.exit_code == 1
    assert (
        "regel 3, veld bsn: Dit is geen geldig burgerservicenummer (de 11-proef klopt niet)."
        in uitvoer.output
    )
    assert "gelezen: 3, nieuw: 2, bijgewerkt: 0, ongewijzigd: 0, afgewezen: 1" in uitvoer.output
    assert set(db.scalars(select(Dossier.kenmerk))) == {"WIA-4000001", "WIA-4000003"}
    assert rapport.read_text(encoding="utf-8").splitlines() == [
        "regelnummer,veld,reden",
        "3,bsn,Dit is geen geldig burgerservicenummer (de 11-proef klopt niet).",
    ]


@pytest.mark.parametrize(
    ("kolommen", "waarden", "veld", "reden"),
    [
        ("bsn", ONGELDIG_BSN, "bsn", "11-proef"),
        ("kenmerk", "4000001", "kenmerk", "Een kenmerk ziet er zo uit"),
        ("soort", "dagloonn", "soort", "Deze soort traject bestaat niet."),
        ("status", "beslissing", "status", "Deze status bestaat niet voor deze soort"),
        ("gestart_op", "01-03-2025", "gestart_op", "Dit is geen geldige datum"),
        ("gestart_op", "2999-01-01", "gestart_op", "Deze datum ligt in de toekomst."),
        ("volgende_update_op", "2025-02-30", "volgende_update_op", "geen geldige datum"),
        ("telefoon", "0612", "telefoon", "Dit is geen geldig telefoonnummer."),
        ("email", "marieke@", "email", "Dit is geen geldig e-mailadres."),
        ("taal", "fr", "taal", "Deze taal kent het portaal niet."),
        ("voornamen", "", "voornamen", "Vul dit veld in."),
        ("achternaam", "<script>", "achternaam", "tekens in die niet in een naam horen"),
    ],
)
def test_a_row_the_api_would_refuse_is_refused_with_the_same_reason(
    app, db, tmp_path, kolommen, waarden, veld, reden
):
    rij = {
        "kenmerk": "WIA-4000001",
        "bsn": BSN[0],
        "voornamen": "Marieke",
        "achternaam": "Linden",
        "soort": "dagloon",
        "status": "in_onderzoek",
        "gestart_op": "2025-03-01",
        "volgende_update_op": "",
        "telefoon": "",
        "email": "",
        "taal": "nl",
        kolommen: waarden,
    }
    pad = bestand(tmp_path, ",".join(rij), ",".join(rij.values()))

    uitvoer = importeer(app, "dossiers", pad)

    assert uitvoer.exit_code == 1
    assert f"regel 2, veld {veld}: " in uitvoer.output
    assert reden in uitvoer.output
    assert tel_alles(db)["dossier"] == 0


def test_rows_that_contradict_earlier_rows_of_the_file_are_refused(app, db, tmp_path):
    pad = bestand(
        tmp_path,
        KOP,
        f"WIA-4000001,{BSN[0]},Marieke,,Linden,nl,,,dagloon,in_onderzoek",
        f"WIA-4000002,{BSN[0]},Marieke,,Linden,nl,,,dagloon,",  # same BSN, other kenmerk
        f"WIA-4000001,{BSN[1]},Marieke,,Linden,nl,,,indexatie,",  # same kenmerk, other BSN
        f"WIA-4000001,{BSN[0]},Maria,,Linden,nl,,,indexatie,",  # same kenmerk, other name
        f"WIA-4000001,{BSN[0]},Marieke,,Linden,nl,,,dagloon,met_spoed",  # traject again
        f"WIA-4000001,{BSN[0]},Marieke,,Linden,nl,,,dagloon,in_onderzoek",  # exact repeat
        f"WIA-4000001,{BSN[0]},Marieke,,Linden,,0612345678,,ao_pensioen,",  # fills in phone
    )

    uitvoer = importeer(app, "dossiers", pad)

    assert uitvoer.exit_code == 1
    regels = uitvoer.output.splitlines()
    assert regels[:4] == [
        "regel 3, veld bsn: Dit burgerservicenummer staat eerder in het bestand bij een "
        "ander kenmerk.",
        "regel 4, veld bsn: Dit kenmerk staat eerder in het bestand bij een ander "
        "burgerservicenummer.",
        "regel 5, veld voornamen: Dit kenmerk staat eerder in het bestand met andere gegevens.",
        "regel 6, veld soort: Dit traject staat eerder in het bestand met andere gegevens.",
    ]
    assert "gelezen: 7, nieuw: 2, bijgewerkt: 0, ongewijzigd: 1, afgewezen: 4" in uitvoer.output
    dossier = db.scalar(select(Dossier).where(Dossier.kenmerk == "WIA-4000001"))
    assert dossier.burger.bsn == BSN[0]
    assert dossier.burger.voornamen == "Marieke"
    assert dossier.burger.telefoon == "+31612345678"
    assert {(t.soort, t.status) for t in dossier.trajecten} == {
        ("dagloon", "in_onderzoek"),
        ("ao_pensioen", "niet_geinformeerd"),
    }
    assert tel_alles(db)["dossier"] == 1


def test_an_existing_dossier_is_updated_but_its_statuses_and_verified_details_are_kept(
    app, db, tmp_path
):
    burger = met_voorkeuren(db, maak_burger(db, bsn=BSN[0], telefoon="+31687654321"))
    dossier = maak_dossier(db, burger=burger)
    traject = maak_traject(db, dossier=dossier, route=("in_onderzoek", "onderzoek_afgerond"))
    db.commit()
    geschiedenis, eigen_email = len(traject.statuswijzigingen), burger.email
    pad = bestand(
        tmp_path,
        KOP,
        f"{dossier.kenmerk},{BSN[0]},Marieke Johanna,de,Boer,en,0612345678,nieuw@example.nl,"
        "dagloon,niet_geinformeerd",
        f"{dossier.kenmerk},{BSN[0]},Marieke Johanna,de,Boer,en,0612345678,nieuw@example.nl,ewt,",
    )

    uitvoer = importeer(app, "dossiers", pad)

    assert uitvoer.exit_code == 0, uitvoer.output
    assert "nieuw: 1, bijgewerkt: 1, ongewijzigd: 0" in uitvoer.output
    db.expire_all()
    assert (burger.voornamen, burger.tussenvoegsel, burger.achternaam, burger.taal) == (
        "Marieke Johanna",
        "de",
        "Boer",
        "en",
    )
    # The person proved their own number and address in the portal: those stay theirs.
    assert (burger.telefoon, burger.email) == ("+31687654321", eigen_email)
    assert traject.status == "onderzoek_afgerond"  # statuses change through `import statussen`
    assert len(traject.statuswijzigingen) == geschiedenis
    ewt = db.scalar(select(Traject).where(Traject.dossier_id == dossier.id, Traject.soort == "ewt"))
    assert [(s.van_status, s.naar_status) for s in ewt.statuswijzigingen] == [
        (None, "aanvraag_ontvangen")
    ]
    log = db.scalars(select(Verwerkingslog)).all()
    assert [(r.burger_id, r.object) for r in log] == [(burger.id, f"dossier:{dossier.id}")]


def test_a_bsn_or_kenmerk_that_belongs_to_another_dossier_is_refused(app, db, tmp_path):
    eerste = maak_dossier(db, burger=maak_burger(db, bsn=BSN[0]))
    tweede = maak_dossier(db, burger=maak_burger(db, bsn=BSN[1]))
    db.commit()
    voor = tel_alles(db)
    pad = bestand(
        tmp_path,
        KOP,
        f"{eerste.kenmerk},{BSN[1]},Marieke,,Linden,nl,,,dagloon,",
        f"WIA-4000009,{BSN[0]},Marieke,,Linden,nl,,,dagloon,",
        f"WIA-4000009,{BSN[0]},Marieke,,Linden,nl,,,indexatie,",
    )

    uitvoer = importeer(app, "dossiers", pad)

    assert uitvoer.exit_code == 1
    assert uitvoer.output.splitlines()[:3] == [
        "regel 2, veld bsn: Dit dossier hoort bij een ander burgerservicenummer.",
        "regel 3, veld bsn: Dit burgerservicenummer hoort al bij een ander dossier.",
        "regel 4, veld bsn: Dit burgerservicenummer hoort al bij een ander dossier.",
    ]
    assert tel_alles(db) == voor
    assert tweede.burger.bsn == BSN[1]


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(app, db, tmp_path):
    bestaand = maak_dossier(db, burger=maak_burger(db, bsn=BSN[2]))
    db.commit()
    voor = tel_alles(db)
    pad = bestand(
        tmp_path,
        KOP,
        f"WIA-4000001,{BSN[0]},Marieke,,Linden,nl,,,dagloon,in_onderzoek",
        f"WIA-4000002,{ONGELDIG_BSN},Piet,,Smit,nl,,,dagloon,",
        f"{bestaand.kenmerk},{BSN[3]},Ans,,Kok,nl,,,dagloon,",  # found only in the database
    )

    uitvoer = importeer(app, "dossiers", pad, "--dry-run")

    assert uitvoer.exit_code == 1
    assert "regel 3, veld bsn:" in uitvoer.output
    assert "regel 4, veld bsn: Dit dossier hoort bij een ander" in uitvoer.output
    assert "nieuw: 1, bijgewerkt: 0, ongewijzigd: 0, afgewezen: 2 (dry run" in uitvoer.output
    assert tel_alles(db) == voor


def test_a_person_added_by_someone_else_during_the_import_is_used_not_doubled(
    app, db, tmp_path, monkeypatch
):
    from portal.importeren import bulk

    echt_besluit = bulk.besluit
    pogingen = []

    def besluit_en_dan_de_api(verbinding, groepen):
        besluiten = echt_besluit(verbinding, groepen)
        if not pogingen:
            # The API saves the same person after this batch was read, before it is written.
            with app.extensions["portal.sessionmaker"]() as ander:
                maak_burger(ander, bsn=BSN[0], voornamen="Marieke", achternaam="Linden")
                ander.commit()
        pogingen.append(len(groepen))
        return besluiten

    monkeypatch.setattr(bulk, "besluit", besluit_en_dan_de_api)
    pad = bestand(tmp_path, KOP, f"WIA-4000001,{BSN[0]},Marieke,,Linden,nl,,,dagloon,")

    uitvoer = importeer(app, "dossiers", pad)

    assert uitvoer.exit_code == 0, uitvoer.output
    assert pogingen == [1, 1]  # the batch was read and decided again
    assert db.scalar(select(func.count()).select_from(Burger)) == 1
    dossier = db.scalar(select(Dossier))
    assert dossier.burger.bsn == BSN[0]
    assert dossier.kenmerk == "WIA-4000001"


def test_contact_details_the_person_has_not_verified_are_replaced(app, db, tmp_path):
    burger = maak_burger(db, bsn=BSN[0], telefoon="+31687654321", email="oud@example.nl")
    dossier = maak_dossier(db, burger=burger)
    db.commit()
    pad = bestand(
        tmp_path,
        KOP,
        f"{dossier.kenmerk},{BSN[0]},Marieke,van der,{burger.achternaam},nl,0612345678,"
        "nieuw@example.nl,dagloon,",
    )

    uitvoer = importeer(app, "dossiers", pad)

    assert uitvoer.exit_code == 0, uitvoer.output
    db.expire_all()
    assert (burger.telefoon, burger.email) == ("+31612345678", "nieuw@example.nl")


def test_a_known_person_without_a_dossier_gets_one_and_is_not_doubled(app, db, tmp_path):
    burger = maak_burger(db, bsn=BSN[0])
    db.commit()
    pad = bestand(tmp_path, KOP, f"WIA-4000001,{BSN[0]},Marieke,,Linden,nl,,,dagloon,")

    uitvoer = importeer(app, "dossiers", pad)

    assert uitvoer.exit_code == 0, uitvoer.output
    assert db.scalar(select(func.count()).select_from(Burger)) == 1
    assert db.scalar(select(Dossier.burger_id).where(Dossier.kenmerk == "WIA-4000001")) == burger.id
