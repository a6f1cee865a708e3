"""axe-core on planning a spreekuur: the casemanager's page (also with errors) and the page
to move or cancel one; the person's page with a spreekuur planned against their preference
(why, and the support arranged) and their earlier preferences. Dutch, English and Arabic,
at phone and desktop width. No violations."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from flask import Flask
from playwright.sync_api import Page
from sqlalchemy import select

from portal.kalender import is_werkdag
from portal.models import Burger, Spreekuur, utcnow
from portal.services import spreekuren
from portal.services import spreekuurvoorkeur as voorkeuren
from portal.services.belmomenten import lokaal
from portal.tijd import vandaag
from tests.browser.test_toegankelijkheid import (  # noqa: F401 (fixtures used by name)
    _LIVE,
    BREEDTES,
    ESTHER,
    TALEN,
    Pagina,
    _ga_naar,
    _live_app,
    controleer,
    open_pagina,
)

pytestmark = pytest.mark.browser

JOOST = "Joost van 't Hof"  # WIA-1000010; no other browser test uses him


def _joost_tegen_voorkeur(app: Flask) -> None:
    """Joost preferred the phone, then the office in Zwolle; he needs an interpreter and large
    print. A phone spreekuur planned for him with a reason (made once)."""
    session = app.extensions["portal.sessionmaker"]()
    try:
        burger = session.scalar(select(Burger).where(Burger.achternaam == "Hof"))
        bestaand = session.scalar(
            select(Spreekuur.id).where(Spreekuur.tegen_voorkeur_reden.is_not(None))
        )
        if bestaand is None:
            nu = utcnow()
            for vorm, kantoor in (("telefonisch", None), ("fysiek", "zwolle")):
                voorkeuren.zet_voorkeur(
                    session, burger.id, vorm=vorm, kantoor=kantoor, dagdelen=["ochtend"],
                    toelichting=None, nu=nu,
                )  # fmt: skip
            voorkeuren.zet_ondersteuning(
                session, burger.id, behoeften=["grote_letters"], tolk_taal="Turks",
                toelichting="Ik kan niet lang stilzitten.", nu=nu,
            )  # fmt: skip
            dag = vandaag() + timedelta(days=12)
            while not is_werkdag(dag):
                dag += timedelta(days=1)
            spreekuren.plan(
                session, burger.dossier, begin=lokaal(dag, time(11)),
                eind=lokaal(dag, time(11, 45)), vorm="telefonisch", telefoon=burger.telefoon, nu=nu,
                tegen_voorkeur_reden="De arts in Zwolle is die weken met verlof.",
            )  # fmt: skip
    finally:
        session.close()


def _na_opzet(pad: str):
    """Go to ``pad`` once Joost's preferences and spreekuur are there."""

    def ga(page: Page) -> None:
        _joost_tegen_voorkeur(_LIVE["app"])
        _ga_naar(pad)(page)

    return ga


def _plannen_met_fouten(page: Page) -> None:
    _na_opzet("/medewerker/spreekuurplanning/WIA-1000010")(page)
    page.locator("#datum").fill("")
    page.locator("#vorm-1").check()  # by phone: against Joost's preference, without a reason
    page.locator("form.formulier button[type=submit]").click()
    page.locator(".foutoverzicht").wait_for()
    assert page.locator("#datum").get_attribute("aria-invalid") == "true"


def _verplaatsen(page: Page) -> None:
    _na_opzet("/medewerker/spreekuurplanning/WIA-1000010")(page)
    page.locator("a[href*='/medewerker/spreekuurplanning/spreekuren/']").first.click()
    page.locator("#verplaatsen-titel").wait_for()


PAGINAS = [
    Pagina("spreekuur-gepland-anders", JOOST, _na_opzet("/spreekuur/gepland")),
    Pagina("spreekuurvoorkeur-eerder", JOOST, _na_opzet("/spreekuur/voorkeur")),
    Pagina("spreekuur-plannen", ESTHER, _na_opzet("/medewerker/spreekuurplanning/WIA-1000010")),
    Pagina("spreekuur-plannen-fout", ESTHER, _plannen_met_fouten),
    Pagina("spreekuur-verplaatsen", ESTHER, _verplaatsen),
]


@pytest.mark.parametrize("breedte", list(BREEDTES), ids=list(BREEDTES))
@pytest.mark.parametrize("taal", TALEN)
@pytest.mark.parametrize("pagina", PAGINAS, ids=[p.naam for p in PAGINAS])
def test_spreekuurplanning_page_has_no_axe_violations(
    open_pagina,  # noqa: F811
    pagina: Pagina,
    taal: str,
    breedte: str,
):
    controleer(open_pagina(pagina, taal, breedte), taal, breedte)
