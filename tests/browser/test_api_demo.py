"""The README's API example, end to end: a case system pushes a status change with the
script in scripts/, and the person sees the new status and its message in a real browser."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from portal.models import Burger, Dossier
from portal.services import apiclients

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "statuswijziging_via_api.py"
FATIMA = "Fatima el Amrani"
TOELICHTING = "Wij hebben uw dossier over het dagloon gesloten."


def test_a_status_change_pushed_through_the_api_reaches_the_person_in_the_portal(
    nieuwe_context, portaal
):
    with portaal.app.app_context():
        session = portaal.app.extensions["portal.sessionmaker"]()
        kenmerk = session.scalar(
            select(Dossier.kenmerk).join(Burger).where(Burger.voornamen == "Fatima")
        )
        _, token = apiclients.maak(
            session, "readme-voorbeeld", ["dossiers:lezen", "statussen:schrijven"]
        )
        session.close()

    uitvoer = subprocess.run(  # noqa: S603  (our own script with our own interpreter)
        [sys.executable, str(SCRIPT), kenmerk, "afgerond", "--toelichting", TOELICHTING],
        env={**os.environ, "PORTAL_API_TOKEN": token, "PORTAL_URL": portaal.url},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert uitvoer.returncode == 0, uitvoer.stdout + uitvoer.stderr
    assert uitvoer.stdout.startswith("201"), uitvoer.stdout

    page = nieuwe_context(persoon=FATIMA, taal="nl").new_page()
    page.goto("/berichten")
    page.get_by_role("link", name="Afgerond").first.click()
    page.get_by_text(TOELICHTING).wait_for()

    page.goto("/mijn-dossier")
    traject = page.locator("section, article", has_text="Kwaliteit WIA-dagloon").first
    assert "Afgerond" in traject.inner_text()
