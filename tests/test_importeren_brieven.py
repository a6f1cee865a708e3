"""``flask import brieven``: a manifest and its PDFs; every refused row reported by line and
field, the others stored once, and a file outside the manifest's folder never read."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.models import Bericht, Brief
from portal.tijd import vandaag
from tests.factories import maak_burger, maak_dossier
from tests.importeren_hulp import bestand, importeer, tel_alles
from tests.pdf import maak_pdf

KOP = "kenmerk,extern_id,soort,datum,titel,bestand"


@pytest.fixture(autouse=True)
def _documentenmap(app, tmp_path):
    app.config["DOCUMENTEN_MAP"] = str(tmp_path / "opslag")


def _pdfs(map_):
    (map_ / "brieven").mkdir()
    (map_ / "brieven" / "goed.pdf").write_bytes(maak_pdf())
    (map_ / "brieven" / "beveiligd.pdf").write_bytes(maak_pdf(wachtwoord="geheim"))
    (map_ / "geheim.pdf").write_bytes(maak_pdf())  # beside the folder, not in it


def test_rows_are_stored_once_and_refused_rows_are_reported_by_line_and_field(app, db, tmp_path):
    dossier = maak_dossier(db, burger=maak_burger(db))
    db.commit()
    _pdfs(tmp_path)
    gisteren = (vandaag() - timedelta(days=1)).isoformat()
    morgen = (vandaag() + timedelta(days=1)).isoformat()
    k = dossier.kenmerk
    manifest = bestand(
        tmp_path / "brieven",
        KOP,
        f"{k},B-1,besluit,{gisteren},Besluit over uw dagloon,goed.pdf",
        f"WIA-9999999,B-2,besluit,{gisteren},Onbekend dossier,goed.pdf",
        f"{k},B-3,reclame,{gisteren},Verkeerde soort,goed.pdf",
        f"{k},B-4,besluit,{morgen},Morgen,goed.pdf",
        f"{k},B-5,besluit,{gisteren},Beveiligd,beveiligd.pdf",
        f"{k},B-6,besluit,{gisteren},Buiten de map,../geheim.pdf",
        naam="manifest.csv",
    )

    uitkomst = importeer(app, "brieven", manifest)

    assert uitkomst.exit_code == 1, uitkomst.output
    assert "regel 3, veld kenmerk" in uitkomst.output
    assert "regel 4, veld soort" in uitkomst.output
    assert "regel 5, veld datum" in uitkomst.output
    assert "regel 6, veld bestand" in uitkomst.output and "wachtwoord" in uitkomst.output
    assert "regel 7, veld bestand" in uitkomst.output
    assert "nieuw: 1" in uitkomst.output and "afgewezen: 5" in uitkomst.output
    db.expire_all()
    assert [b.sleutel for b in db.scalars(select(Brief))] == ["uwv:B-1"]
    assert db.scalar(select(Bericht).where(Bericht.soort == "brief")) is not None

    nog_eens = importeer(app, "brieven", manifest)
    assert "nieuw: 0, al_bezorgd: 1" in nog_eens.output
    db.expire_all()
    assert len(db.scalars(select(Brief)).all()) == 1


def test_a_dry_run_judges_the_files_and_writes_nothing(app, db, tmp_path):
    dossier = maak_dossier(db, burger=maak_burger(db))
    db.commit()
    _pdfs(tmp_path)
    gisteren = (vandaag() - timedelta(days=1)).isoformat()
    manifest = bestand(
        tmp_path / "brieven",
        KOP,
        f"{dossier.kenmerk},B-1,besluit,{gisteren},Goed,goed.pdf",
        f"{dossier.kenmerk},B-2,besluit,{gisteren},Beveiligd,beveiligd.pdf",
        naam="manifest.csv",
    )
    voor = tel_alles(db)

    uitkomst = importeer(app, "brieven", manifest, "--dry-run")

    assert "regel 3, veld bestand" in uitkomst.output and "nieuw: 1" in uitkomst.output
    assert tel_alles(db) == voor
    assert not (tmp_path / "opslag").exists()
