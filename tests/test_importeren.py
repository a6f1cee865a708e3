"""`flask import dossiers|statussen`: the back office's CSV files, checked row by row."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import Result
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal import statussen
from portal.demo import personas
from portal.models import (
    Base,
    Bericht,
    Burger,
    Dossier,
    Notificatie,
    Servicecall,
    Traject,
    Verwerkingslog,
)
from portal.services.statuswijziging import Wijziging, wijzig_status
from portal.tijd import vandaag
from tests.factories import maak_burger, maak_dossier, maak_traject, met_voorkeuren

# Valid BSNs of their own, apart from those the factories hand out (999000000 and up).
_bsns = personas.test_bsns(998_000_000)
BSN = [next(_bsns) for _ in range(8)]
ONGELDIG_BSN = "123456789"  # fails the 11-proef
KOP = "kenmerk,bsn,voornamen,tussenvoegsel,achternaam,taal,telefoon,email,soort,status"


def _bestand(tmp_path: Path, *regels: str, naam: str = "import.csv") -> Path:
    pad = tmp_path / naam
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return pad


def _importeer(app: Flask, soort: str, pad: Path, *opties: str) -> Result:
    return app.test_cli_runner().invoke(args=["import", soort, str(pad), *opties])


def _tel_alles(db: Session) -> dict[str, int]:
    db.expire_all()
    return {
        tabel.name: db.scalar(select(func.count()).select_from(tabel)) or 0
        for tabel in Base.metadata.sorted_tables
    }


def _goed_bestand(tmp_path: Path) -> Path:
    return _bestand(
        tmp_path,
        KOP,
        f"WIA-4000001,{BSN[0]},Marieke,van der,Linden,nl,06 12345678,marieke@example.nl,"
        "dagloon,in_onderzoek",
        f"WIA-4000001,{BSN[0]},Marieke,van der,Linden,nl,06 12345678,marieke@example.nl,indexatie,",
        f"WIA-4000002,{BSN[1]},Youssef,el,Amrani,en,,,ewt,wacht_op_beoordeling",
    )


# --- dossiers -----------------------------------------------------------------------------


def test_a_good_file_creates_people_dossiers_trajecten_history_and_log_rows(app, db, tmp_path):
    uitvoer = _importeer(app, "dossiers", _goed_bestand(tmp_path))

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
        assert traject.volgende_update_op == statussen.standaard_volgende_datum(
            traject.soort, traject.status, vandaag()
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
    pad = _goed_bestand(tmp_path)
    assert _importeer(app, "dossiers", pad).exit_code == 0
    voor = _tel_alles(db)

    tweede = _importeer(app, "dossiers", pad)

    assert tweede.exit_code == 0, tweede.output
    assert "gelezen: 3, nieuw: 0, bijgewerkt: 0, ongewijzigd: 3, afgewezen: 0" in tweede.output
    assert _tel_alles(db) == voor


def test_bad_rows_are_reported_with_line_and_reason_while_good_rows_are_applied(app, db, tmp_path):
    pad = _bestand(
        tmp_path,
        KOP,
        f"WIA-4000001,{BSN[0]},Marieke,,Linden,nl,,,dagloon,in_onderzoek",
        f"WIA-4000002,{ONGELDIG_BSN},Piet,,Smit,nl,,,dagloon,",
        f"WIA-4000003,{BSN[2]},Ans,,Kok,nl,,,dagloon,",
    )
    rapport = tmp_path / "rapport.csv"

    uitvoer = _importeer(app, "dossiers", pad, "--rapport", str(rapport))

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
    pad = _bestand(tmp_path, ",".join(rij), ",".join(rij.values()))

    uitvoer = _importeer(app, "dossiers", pad)

    assert uitvoer.exit_code == 1
    assert f"regel 2, veld {veld}: " in uitvoer.output
    assert reden in uitvoer.output
    assert _tel_alles(db)["dossier"] == 0


def test_rows_that_contradict_earlier_rows_of_the_file_are_refused(app, db, tmp_path):
    pad = _bestand(
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

    uitvoer = _importeer(app, "dossiers", pad)

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
    assert _tel_alles(db)["dossier"] == 1


def test_an_existing_dossier_is_updated_but_its_statuses_and_verified_details_are_kept(
    app, db, tmp_path
):
    burger = met_voorkeuren(db, maak_burger(db, bsn=BSN[0], telefoon="+31687654321"))
    dossier = maak_dossier(db, burger=burger)
    traject = maak_traject(db, dossier=dossier, route=("in_onderzoek", "onderzoek_afgerond"))
    db.commit()
    geschiedenis, eigen_email = len(traject.statuswijzigingen), burger.email
    pad = _bestand(
        tmp_path,
        KOP,
        f"{dossier.kenmerk},{BSN[0]},Marieke Johanna,de,Boer,en,0612345678,nieuw@example.nl,"
        "dagloon,niet_geinformeerd",
        f"{dossier.kenmerk},{BSN[0]},Marieke Johanna,de,Boer,en,0612345678,nieuw@example.nl,ewt,",
    )

    uitvoer = _importeer(app, "dossiers", pad)

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
    voor = _tel_alles(db)
    pad = _bestand(
        tmp_path,
        KOP,
        f"{eerste.kenmerk},{BSN[1]},Marieke,,Linden,nl,,,dagloon,",
        f"WIA-4000009,{BSN[0]},Marieke,,Linden,nl,,,dagloon,",
        f"WIA-4000009,{BSN[0]},Marieke,,Linden,nl,,,indexatie,",
    )

    uitvoer = _importeer(app, "dossiers", pad)

    assert uitvoer.exit_code == 1
    assert uitvoer.output.splitlines()[:3] == [
        "regel 2, veld bsn: Dit dossier hoort bij een ander burgerservicenummer.",
        "regel 3, veld bsn: Dit burgerservicenummer hoort al bij een ander dossier.",
        "regel 4, veld bsn: Dit burgerservicenummer hoort al bij een ander dossier.",
    ]
    assert _tel_alles(db) == voor
    assert tweede.burger.bsn == BSN[1]


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(app, db, tmp_path):
    bestaand = maak_dossier(db, burger=maak_burger(db, bsn=BSN[2]))
    db.commit()
    voor = _tel_alles(db)
    pad = _bestand(
        tmp_path,
        KOP,
        f"WIA-4000001,{BSN[0]},Marieke,,Linden,nl,,,dagloon,in_onderzoek",
        f"WIA-4000002,{ONGELDIG_BSN},Piet,,Smit,nl,,,dagloon,",
        f"{bestaand.kenmerk},{BSN[3]},Ans,,Kok,nl,,,dagloon,",  # found only in the database
    )

    uitvoer = _importeer(app, "dossiers", pad, "--dry-run")

    assert uitvoer.exit_code == 1
    assert "regel 3, veld bsn:" in uitvoer.output
    assert "regel 4, veld bsn: Dit dossier hoort bij een ander" in uitvoer.output
    assert "nieuw: 1, bijgewerkt: 0, ongewijzigd: 0, afgewezen: 2 (dry run" in uitvoer.output
    assert _tel_alles(db) == voor


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        (b"", "Het bestand is leeg."),
        (b"\xef\xbb\xbf\n  \n", "Het bestand is leeg."),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb5U0#\xf4", "geen CSV-tekst in UTF-8"),
        (
            "kenmerk,bsn,voornamen\n".encode("cp1252") + "WIA-4000001,x,Zoë\n".encode("cp1252"),
            "geen CSV-tekst in UTF-8",
        ),
        (
            b"kenmerk,bsn,voornamen,achternaam\nWIA-4000001,1,Jan,Smit\n",
            "Deze kolommen ontbreken in de kopregel: soort.",
        ),
        (f"{KOP},opmerking\n".encode(), "Deze kolommen kent de import niet: opmerking."),
        (f"{KOP},soort\n".encode(), "Deze kolommen staan twee keer in de kopregel: soort."),
        (b'{"kenmerk": "WIA-4000001"}\n', "Deze kolommen ontbreken in de kopregel"),
        (b"kenmerk\x00bsn\x00soort\n", "geen CSV-tekst in UTF-8"),
        (f'{KOP}\n"WIA-4000001,{BSN[0]}'.encode(), "geen geldig CSV-bestand (regel 2)"),
    ],
    ids=[
        "leeg",
        "alleen-bom",
        "zip",
        "cp1252",
        "ontbrekend",
        "onbekend",
        "dubbel",
        "json",
        "nul-tekens",
        "open-aanhalingsteken",
    ],
)
def test_a_file_that_cannot_be_imported_is_refused_before_anything_is_written(
    app, db, tmp_path, inhoud, melding
):
    pad = tmp_path / "import.csv"
    pad.write_bytes(inhoud + f"\nWIA-4000001,{BSN[0]},Jan,,Smit,nl,,,dagloon,\n".encode())
    if not inhoud.strip(b"\xef\xbb\xbf\n "):
        pad.write_bytes(inhoud)
    voor = _tel_alles(db)

    uitvoer = _importeer(app, "dossiers", pad)

    assert uitvoer.exit_code == 2
    assert melding in uitvoer.output
    assert "gelezen" not in uitvoer.output
    assert _tel_alles(db) == voor


def test_a_semicolon_file_from_excel_with_bom_and_crlf_is_accepted(app, db, tmp_path):
    pad = tmp_path / "excel.csv"
    regels = [
        "Kenmerk;BSN;Voornamen;Achternaam;Soort;Gestart_op",
        f"WIA-4000001;{BSN[0]};Zoë;Yılmaz;dagloon;2025-03-01",
        f'WIA-4000002;{BSN[1]};"Jan; Piet";Smit;ewt;2025-03-01',
        ";;;;;",  # rows of empty cells, as spreadsheets leave them
    ]
    pad.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(regels).encode("utf-8") + b"\r\n")

    uitvoer = _importeer(app, "dossiers", pad)

    assert uitvoer.exit_code == 0, uitvoer.output
    assert "gelezen: 2, nieuw: 2" in uitvoer.output
    assert set(db.scalars(select(Burger.voornamen))) == {"Zoë", "Jan; Piet"}
    assert set(db.scalars(select(Traject.gestart_op))) == {date(2025, 3, 1)}


def test_a_row_with_a_wrong_number_of_fields_is_refused_on_its_own_line(app, db, tmp_path):
    pad = _bestand(
        tmp_path,
        KOP,
        f"WIA-4000001,{BSN[0]},Marieke,,Linden,nl,,,dagloon",
        f"WIA-4000002,{BSN[1]},Piet,,Smit,nl,,,dagloon,",
    )

    uitvoer = _importeer(app, "dossiers", pad)

    assert uitvoer.exit_code == 1
    assert "regel 2: Deze regel heeft 9 velden; de kopregel heeft er 10." in uitvoer.output
    assert "gelezen: 2, nieuw: 1" in uitvoer.output


def test_dossiers_spread_over_several_batches_are_all_imported_once(app, db, tmp_path):
    regels = [KOP] + [
        f"WIA-40000{n:02d},{BSN[n]},Marieke,,Linden{n},nl,,,{soort},"
        for n in range(7)
        for soort in ("dagloon", "ewt")
    ]
    pad = _bestand(tmp_path, *regels)

    eerste = _importeer(app, "dossiers", pad, "--batch-size", "2")
    na_eerste = _tel_alles(db)
    tweede = _importeer(app, "dossiers", pad, "--batch-size", "3")

    assert eerste.exit_code == 0, eerste.output
    assert (na_eerste["dossier"], na_eerste["traject"], na_eerste["verwerkingslog"]) == (7, 14, 7)
    assert "ongewijzigd: 14" in tweede.output
    assert _tel_alles(db) == na_eerste


def test_the_output_and_report_never_show_a_bsn(app, db, tmp_path):
    pad = _bestand(
        tmp_path,
        KOP,
        f"WIA-4000001,{BSN[0]},Marieke,,Linden,nl,,,dagloon,",
        f"WIA-4000002,{BSN[0]},Marieke,,Linden,nl,,,dagloon,",
        f"WIA-4000003,{ONGELDIG_BSN},Piet,,Smit,nl,,,dagloon,",
        f"WIA-4000004,{BSN[1]},Piet,,Smit,nl,,,onbekend,",
    )
    rapport = tmp_path / "rapport.csv"

    uitvoer = _importeer(app, "dossiers", pad, "--rapport", str(rapport))

    assert uitvoer.exit_code == 1
    tekst = uitvoer.output + rapport.read_text(encoding="utf-8")
    for bsn in (BSN[0], BSN[1], ONGELDIG_BSN):
        assert bsn not in tekst
        assert bsn[-4:] + "," not in tekst


# --- statussen ----------------------------------------------------------------------------

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
    pad = _bestand(
        tmp_path, STATUSKOP, f"{via_import.dossier.kenmerk},dagloon,onderzoek_afgerond,,"
    )

    uitvoer = _importeer(app, "statussen", pad)
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
    pad = _bestand(
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

    uitvoer = _importeer(app, "statussen", pad)

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
    pad = _bestand(
        tmp_path,
        STATUSKOP,
        f"{traject.dossier.kenmerk},dagloon,onderzoek_afgerond,,",
        f"{traject.dossier.kenmerk},dagloon,onderzoek_afgerond,,",  # the same row twice
    )
    eerste = _importeer(app, "statussen", pad)
    voor = _tel_alles(db)

    tweede = _importeer(app, "statussen", pad)

    assert "gelezen: 2, toegepast: 1, ongewijzigd: 1, afgewezen: 0" in eerste.output
    assert tweede.exit_code == 0, tweede.output
    assert "gelezen: 2, toegepast: 0, ongewijzigd: 2, afgewezen: 0" in tweede.output
    assert _tel_alles(db) == voor


def test_two_different_changes_for_one_traject_in_a_file_refuse_the_later_one(app, db, tmp_path):
    traject = maak_traject(db, route=("in_onderzoek",))
    db.commit()
    pad = _bestand(
        tmp_path,
        STATUSKOP,
        f"{traject.dossier.kenmerk},dagloon,onderzoek_afgerond,,",
        f"{traject.dossier.kenmerk},dagloon,met_spoed,,",
    )

    uitvoer = _importeer(app, "statussen", pad)

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
    voor = _tel_alles(db)
    pad = _bestand(
        tmp_path,
        STATUSKOP,
        f"{traject.dossier.kenmerk},dagloon,onderzoek_afgerond,,",
        f"{ander.dossier.kenmerk},dagloon,afgerond,,",
    )

    uitvoer = _importeer(app, "statussen", pad, "--dry-run")

    assert uitvoer.exit_code == 1
    assert "regel 3, veld status: Deze status kan niet volgen" in uitvoer.output
    assert "toegepast: 1, ongewijzigd: 0, afgewezen: 1 (dry run" in uitvoer.output
    assert _tel_alles(db) == voor
    db.expire_all()
    assert traject.status == "in_onderzoek"


def test_a_status_file_with_dossier_columns_is_refused(app, db, tmp_path):
    uitvoer = _importeer(app, "statussen", _goed_bestand(tmp_path))

    assert uitvoer.exit_code == 2
    assert "Deze kolommen kent de import niet: bsn, voornamen" in uitvoer.output


def test_a_status_change_never_prints_who_it_concerns(app, db, tmp_path):
    traject = maak_traject(db, route=("in_onderzoek",))
    db.commit()
    pad = _bestand(tmp_path, STATUSKOP, f"{traject.dossier.kenmerk},dagloon,afgerond,,")

    uitvoer = _importeer(app, "statussen", pad)

    assert uitvoer.exit_code == 1
    assert traject.dossier.burger.bsn not in uitvoer.output
    assert traject.dossier.burger.achternaam not in uitvoer.output


def test_a_person_added_by_someone_else_during_the_import_is_used_not_doubled(
    app, db, tmp_path, monkeypatch
):
    from portal.importeren import bulk

    echte_plan = bulk.plan
    pogingen = []

    def plan_en_dan_de_api(verbinding, groepen):
        besluiten = echte_plan(verbinding, groepen)
        if not pogingen:
            # The API saves the same person after this batch was read, before it is written.
            with app.extensions["portal.sessionmaker"]() as ander:
                maak_burger(ander, bsn=BSN[0], voornamen="Marieke", achternaam="Linden")
                ander.commit()
        pogingen.append(len(groepen))
        return besluiten

    monkeypatch.setattr(bulk, "plan", plan_en_dan_de_api)
    pad = _bestand(tmp_path, KOP, f"WIA-4000001,{BSN[0]},Marieke,,Linden,nl,,,dagloon,")

    uitvoer = _importeer(app, "dossiers", pad)

    assert uitvoer.exit_code == 0, uitvoer.output
    assert pogingen == [1, 1]  # the batch was read and decided again
    assert db.scalar(select(func.count()).select_from(Burger)) == 1
    dossier = db.scalar(select(Dossier))
    assert dossier.burger.bsn == BSN[0]
    assert dossier.kenmerk == "WIA-4000001"


def test_a_file_with_only_a_header_imports_nothing_and_succeeds(app, db, tmp_path):
    uitvoer = _importeer(app, "dossiers", _bestand(tmp_path, KOP))

    assert uitvoer.exit_code == 0, uitvoer.output
    assert "gelezen: 0, nieuw: 0, bijgewerkt: 0, ongewijzigd: 0, afgewezen: 0" in uitvoer.output


def test_contact_details_the_person_has_not_verified_are_replaced(app, db, tmp_path):
    burger = maak_burger(db, bsn=BSN[0], telefoon="+31687654321", email="oud@example.nl")
    dossier = maak_dossier(db, burger=burger)
    db.commit()
    pad = _bestand(
        tmp_path,
        KOP,
        f"{dossier.kenmerk},{BSN[0]},Marieke,van der,{burger.achternaam},nl,0612345678,"
        "nieuw@example.nl,dagloon,",
    )

    uitvoer = _importeer(app, "dossiers", pad)

    assert uitvoer.exit_code == 0, uitvoer.output
    db.expire_all()
    assert (burger.telefoon, burger.email) == ("+31612345678", "nieuw@example.nl")


def test_a_known_person_without_a_dossier_gets_one_and_is_not_doubled(app, db, tmp_path):
    burger = maak_burger(db, bsn=BSN[0])
    db.commit()
    pad = _bestand(tmp_path, KOP, f"WIA-4000001,{BSN[0]},Marieke,,Linden,nl,,,dagloon,")

    uitvoer = _importeer(app, "dossiers", pad)

    assert uitvoer.exit_code == 0, uitvoer.output
    assert db.scalar(select(func.count()).select_from(Burger)) == 1
    assert db.scalar(select(Dossier.burger_id).where(Dossier.kenmerk == "WIA-4000001")) == burger.id
