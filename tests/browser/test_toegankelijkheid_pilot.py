"""axe-core on the pilot pages, in Dutch and English, at phone and desktop width: the pilot
lead's list, the new-pilot form with errors, the results (with and without participants),
joining (with an error), the task bar on a burger's page, and the SUS with errors."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from playwright.sync_api import Page
from sqlalchemy import select

from portal.models import Burger, Deelnemer, Taakpoging, utcnow
from portal.services import pilots
from portal.tijd import vandaag
from tests.browser.test_toegankelijkheid import (  # noqa: F401  (fixtures used by name)
    BREEDTES,
    TALEN,
    Pagina,
    _ga_naar,
    _live_app,
    _met_app,
    controleer,
    open_pagina,
)

pytestmark = pytest.mark.browser

LIEKE = "Lieke Janssen"  # pilotleider
_PILOTS: dict[str, tuple[int, str]] = {}  # made once in the live database: (id, code)


def _pilot(app: Flask, soort: str) -> tuple[int, str]:
    """A running pilot with two tasks on Jan's dossier; 'resultaten' also gets three
    participants with attempts, errors, routes and questionnaires."""
    if soort in _PILOTS:
        return _PILOTS[soort]
    session = app.extensions["portal.sessionmaker"]()
    try:
        jan = session.scalar(select(Burger).where(Burger.achternaam == "Vries"))
        pilot = pilots.maak_pilot(
            session,
            naam=f"Pilot {soort}",
            begint_op=vandaag(),
            eindigt_op=vandaag() + timedelta(days=7),
            taken=["Open uw nieuwste bericht.", "Zoek wanneer u meer hoort over uw dagloon."],
            personas=[jan.id],
            open_vraag=pilots.STANDAARD_OPEN_VRAAG,
            medewerker_id=None,
            vandaag=vandaag(),
        )
        if soort == "resultaten":
            begin = utcnow() - timedelta(hours=1)
            for nummer, (seconden, antwoorden) in enumerate(
                [(45, [4, 2] * 5), (130, [3] * 10), (400, [5, 1] * 5)]
            ):
                deelnemer = Deelnemer(
                    pilot_id=pilot.id,
                    token_hash=f"{pilot.id:032d}{nummer:032d}",
                    burger_id=jan.id,
                    taal="nl",
                    begonnen_op=begin,
                )
                session.add(deelnemer)
                session.flush()
                for taak, uitkomst in zip(pilot.taken, ("klaar", "opgegeven"), strict=True):
                    session.add(
                        Taakpoging(
                            deelnemer_id=deelnemer.id,
                            taak_id=taak.id,
                            begonnen_op=begin,
                            geeindigd_op=begin + timedelta(seconds=seconden),
                            uitkomst=uitkomst if nummer else "klaar",
                            paginas=["/mijn-dossier", "/berichten", f"/berichten/{nummer + 1}"],
                            fouten=nummer,
                        )
                    )
                session.commit()
                pilots.sla_sus_op(
                    session, deelnemer.id, antwoorden, "Grotere knoppen.", nu=utcnow()
                )
        _PILOTS[soort] = (pilot.id, pilot.code)
        return _PILOTS[soort]
    finally:
        session.close()


def _resultaten(soort: str):
    return _met_app(lambda app: f"/medewerker/pilots/{_pilot(app, soort)[0]}")


def _nieuwe_pilot_met_fout(page: Page) -> None:
    _ga_naar("/medewerker/pilots")(page)
    page.locator("#taken").fill("\n".join(f"Taak {n}" for n in range(12)))
    page.locator("form.formulier button[type=submit]").click()
    page.locator(".foutoverzicht").wait_for()
    assert page.locator("#naam").get_attribute("aria-invalid") == "true"


def _meedoen_met_fout(page: Page) -> None:
    _ga_naar("/pilot")(page)
    page.locator("#code").fill("ZZZ ZZZ")
    page.locator("form.formulier button[type=submit]").click()
    page.locator(".foutoverzicht").wait_for()


def _app() -> Flask:
    from tests.browser.test_toegankelijkheid import _LIVE

    return _LIVE["app"]


def _meedoen(page: Page) -> None:
    """A new, anonymous participant (each language has its own browser context) joins."""
    code = _pilot(_app(), "meedoen")[1]
    _ga_naar("/pilot")(page)
    page.locator("#code").fill(code.lower())
    page.locator("form.formulier button[type=submit]").click()
    page.wait_for_url("**/mijn-dossier")
    page.locator("aside.taakbalk").wait_for()


def _vragenlijst_met_fout(page: Page) -> None:
    _meedoen(page)
    for _taak in range(2):
        with page.expect_navigation():
            page.locator("aside.taakbalk button[value=klaar]").click()
    assert page.url.endswith("/pilot/vragenlijst")
    page.locator("form.formulier button[type=submit]").click()
    page.locator(".foutoverzicht").wait_for()


PAGINAS = [
    Pagina("pilots", LIEKE, _ga_naar("/medewerker/pilots")),
    Pagina("pilot-nieuw-fout", LIEKE, _nieuwe_pilot_met_fout),
    Pagina("pilot-resultaten", LIEKE, _resultaten("resultaten")),
    Pagina("pilot-resultaten-leeg", LIEKE, _resultaten("leeg")),
    Pagina("pilot-meedoen", None, _ga_naar("/pilot")),
    Pagina("pilot-meedoen-fout", None, _meedoen_met_fout),
    Pagina("pilot-taakbalk", None, _meedoen),
    Pagina("pilot-vragenlijst-fout", None, _vragenlijst_met_fout),
    Pagina("pilot-bedankt", None, _ga_naar("/pilot/bedankt")),
]


@pytest.mark.parametrize("breedte", list(BREEDTES), ids=list(BREEDTES))
@pytest.mark.parametrize("taal", TALEN)
@pytest.mark.parametrize("pagina", PAGINAS, ids=[p.naam for p in PAGINAS])
def test_pilot_page_has_no_axe_violations(open_pagina, pagina: Pagina, taal: str, breedte: str):  # noqa: F811
    controleer(open_pagina(pagina, taal, breedte), taal, breedte)
