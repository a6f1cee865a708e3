"""`flask import`: the file as a whole: formats Excel writes, broken files, batches, output."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from portal.models import Burger, Traject
from tests.importeren_hulp import (
    BSN,
    KOP,
    ONGELDIG_BSN,
    bestand,
    importeer,
    tel_alles,
)


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
    voor = tel_alles(db)

    uitvoer = importeer(app, "dossiers", pad)

    assert uitvoer.exit_code == 2
    assert melding in uitvoer.output
    assert "gelezen" not in uitvoer.output
    assert tel_alles(db) == voor


def test_a_semicolon_file_from_excel_with_bom_and_crlf_is_accepted(app, db, tmp_path):
    pad = tmp_path / "excel.csv"
    regels = [
        "Kenmerk;BSN;Voornamen;Achternaam;Soort;Gestart_op",
        f"WIA-4000001;{BSN[0]};Zoë;Yılmaz;dagloon;2025-03-01",
        f'WIA-4000002;{BSN[1]};"Jan; Piet";Smit;ewt;2025-03-01',
        ";;;;;",  # rows of empty cells, as spreadsheets leave them
    ]
    pad.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(regels).encode("utf-8") + b"\r\n")

    uitvoer = importeer(app, "dossiers", pad)

    assert uitvoer.exit_code == 0, uitvoer.output
    assert "gelezen: 2, nieuw: 2" in uitvoer.output
    assert set(db.scalars(select(Burger.voornamen))) == {"Zoë", "Jan; Piet"}
    assert set(db.scalars(select(Traject.gestart_op))) == {date(2025, 3, 1)}


def test_a_row_with_a_wrong_number_of_fields_is_refused_on_its_own_line(app, db, tmp_path):
    pad = bestand(
        tmp_path,
        KOP,
        f"WIA-4000001,{BSN[0]},Marieke,,Linden,nl,,,dagloon",
        f"WIA-4000002,{BSN[1]},Piet,,Smit,nl,,,dagloon,",
    )

    uitvoer = importeer(app, "dossiers", pad)

    assert uitvoer.exit_code == 1
    assert "regel 2: Deze regel heeft 9 velden; de kopregel heeft er 10." in uitvoer.output
    assert "gelezen: 2, nieuw: 1" in uitvoer.output


def test_dossiers_spread_over_several_batches_are_all_imported_once(app, db, tmp_path):
    regels = [KOP] + [
        f"WIA-40000{n:02d},{BSN[n]},Marieke,,Linden{n},nl,,,{soort},"
        for n in range(7)
        for soort in ("dagloon", "ewt")
    ]
    pad = bestand(tmp_path, *regels)

    eerste = importeer(app, "dossiers", pad, "--batch-size", "2")
    na_eerste = tel_alles(db)
    tweede = importeer(app, "dossiers", pad, "--batch-size", "3")

    assert eerste.exit_code == 0, eerste.output
    assert (na_eerste["dossier"], na_eerste["traject"], na_eerste["verwerkingslog"]) == (7, 14, 7)
    assert "ongewijzigd: 14" in tweede.output
    assert tel_alles(db) == na_eerste


def test_the_output_and_report_never_show_a_bsn(app, db, tmp_path):
    pad = bestand(
        tmp_path,
        KOP,
        f"WIA-4000001,{BSN[0]},Marieke,,Linden,nl,,,dagloon,",
        f"WIA-4000002,{BSN[0]},Marieke,,Linden,nl,,,dagloon,",
        f"WIA-4000003,{ONGELDIG_BSN},Piet,,Smit,nl,,,dagloon,",
        f"WIA-4000004,{BSN[1]},Piet,,Smit,nl,,,onbekend,",
    )
    rapport = tmp_path / "rapport.csv"

    uitvoer = importeer(app, "dossiers", pad, "--rapport", str(rapport))

    assert uitvoer.exit_code == 1
    tekst = uitvoer.output + rapport.read_text(encoding="utf-8")
    for bsn in (BSN[0], BSN[1], ONGELDIG_BSN):
        assert bsn not in tekst
        assert bsn[-4:] + "," not in tekst


def test_a_file_with_only_a_header_imports_nothing_and_succeeds(app, db, tmp_path):
    uitvoer = importeer(app, "dossiers", bestand(tmp_path, KOP))

    assert uitvoer.exit_code == 0, uitvoer.output
    assert "gelezen: 0, nieuw: 0, bijgewerkt: 0, ongewijzigd: 0, afgewezen: 0" in uitvoer.output
