"""axe-core on the Bel mij terug pages, in Dutch and English, at phone and desktop width:
the form (also from a message, and with errors), the person's page in two states, and the
casemanager's queue, request page and outcome form with an error. No violations."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Page
from sqlalchemy import select

from portal.models import Burger, Medewerker, Terugbelverzoek, utcnow
from portal.services import terugbellen
from tests.browser.test_toegankelijkheid import (  # noqa: F401 (fixtures used by name)
    BREEDTES,
    ESTHER,
    JAN,
    TALEN,
    Pagina,
    _bericht,
    _ga_naar,
    _live_app,
    _met_app,
    controleer,
    open_pagina,
)

pytestmark = pytest.mark.browser


def _verzoek_van_jan(app: Flask, status: str = "open") -> int:
    """A request of Jan's in ``status`` (made once), as the form and the queue would make it.

    Open: the last day offered, in the morning (the end-to-end test uses the afternoon).
    Not reached: the day before, in the morning.
    """
    session = app.extensions["portal.sessionmaker"]()
    try:
        burger = session.scalar(select(Burger).where(Burger.achternaam == "Vries"))
        bestaand = session.scalar(
            select(Terugbelverzoek.id)
            .where(Terugbelverzoek.burger_id == burger.id, Terugbelverzoek.status == status)
            .order_by(Terugbelverzoek.id)
            .limit(1)
        )
        if bestaand is not None:
            return bestaand
        nu = utcnow()
        dagen = terugbellen.aangeboden_dagen(nu)
        verzoek = terugbellen.vraag_aan(
            session,
            burger,
            burger.dossier,
            dag=dagen[-1] if status == "open" else dagen[-2],
            dagdeel="ochtend",
            telefoon=burger.telefoon,
            onderwerp="Ik begrijp de brief over mijn dagloon niet.",
            bericht_id=None,
            nu=nu,
            binnen_uren=app.config["TERUGBELLEN_BINNEN_UREN"],
        )
        if status != "open":
            esther = session.scalar(select(Medewerker).where(Medewerker.naam == ESTHER))
            terugbellen.leg_uitkomst_vast(
                session,
                verzoek,
                status,
                toelichting=None,
                medewerker=esther,
                nu=nu,
                trace_id="c" * 32,
            )
        return verzoek.id
    finally:
        session.close()


def _formulier_met_fouten(page: Page) -> None:
    _ga_naar("/bel-mij-terug")(page)
    page.locator("#telefoon").fill("12345")
    page.locator("#onderwerp").fill("x" * 501)
    page.locator("form.formulier button[type=submit]").click()  # no day, no day part either
    page.locator(".foutoverzicht").wait_for()
    assert page.locator("#telefoon").get_attribute("aria-invalid") == "true"


def _formulier_bij_bericht(page: Page) -> None:
    _bericht(page)
    page.locator(".terugbellen-link a[href*='bericht=']").click()
    page.wait_for_url("**/bel-mij-terug?bericht=*")


def _uitkomst_met_fout(page: Page) -> None:
    _met_app(lambda app: f"/medewerker/terugbelverzoeken/{_verzoek_van_jan(app)}")(page)
    page.locator("form[action$='/uitkomst'] button[type=submit]").click()  # nothing chosen
    page.locator(".foutoverzicht").wait_for()


def _wachtrij(app: Flask) -> str:
    _verzoek_van_jan(app)  # so the table has a row
    return "/medewerker/terugbelverzoeken"


PAGINAS = [
    Pagina("terugbellen-formulier", JAN, _ga_naar("/bel-mij-terug")),
    Pagina("terugbellen-formulier-fout", JAN, _formulier_met_fouten),
    Pagina("terugbellen-formulier-bericht", JAN, _formulier_bij_bericht),
    Pagina(
        "terugbellen-verzoek", JAN, _met_app(lambda app: f"/bel-mij-terug/{_verzoek_van_jan(app)}")
    ),
    Pagina(
        "terugbellen-verzoek-niet-bereikt",
        JAN,
        _met_app(lambda app: f"/bel-mij-terug/{_verzoek_van_jan(app, 'niet_bereikt')}"),
    ),
    Pagina("terugbellen-mijn-dossier", JAN, _ga_naar("/mijn-dossier")),
    Pagina("terugbellen-wachtrij", ESTHER, _met_app(_wachtrij)),
    Pagina(
        "terugbellen-behandelen",
        ESTHER,
        _met_app(lambda app: f"/medewerker/terugbelverzoeken/{_verzoek_van_jan(app)}"),
    ),
    Pagina("terugbellen-uitkomst-fout", ESTHER, _uitkomst_met_fout),
    Pagina(
        "terugbellen-digest",
        ESTHER,
        _met_app(lambda app: _wachtrij(app) and "/medewerker/overzicht"),
    ),
]


@pytest.mark.parametrize("breedte", list(BREEDTES), ids=list(BREEDTES))
@pytest.mark.parametrize("taal", TALEN)
@pytest.mark.parametrize("pagina", PAGINAS, ids=[p.naam for p in PAGINAS])
def test_callback_page_has_no_axe_violations(
    open_pagina,  # noqa: F811 (the shared fixture, imported above)
    pagina: Pagina,
    taal: str,
    breedte: str,
):
    controleer(open_pagina(pagina, taal, breedte), taal, breedte)
