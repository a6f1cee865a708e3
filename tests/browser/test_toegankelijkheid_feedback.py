"""axe-core on Was dit duidelijk?: the question before and after answering, with an error,
under a message, and the overview for staff; in Dutch and English, at both widths."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.test_toegankelijkheid import (  # noqa: F401 (fixtures used by name)
    BREEDTES,
    TALEN,
    Pagina,
    _bericht,
    _ga_naar,
    _live_app,
    controleer,
    open_pagina,
)

pytestmark = pytest.mark.browser

JAN = "Jan de Vries"
BAS = "Bas Hendriks"
LIEKE = "Lieke Janssen"


def _beantwoord(page: Page, pad: str = "/mijn-dossier") -> None:
    _ga_naar(pad)(page)
    page.locator("#feedback button[name=duidelijk][value=nee]").click()
    page.locator("#feedback-opmerking").wait_for()


def _na_opmerking(page: Page) -> None:
    _beantwoord(page, "/wat-kunt-u-verwachten")
    page.locator("#feedback-opmerking").fill("Wat is een update? Mail mij: jan@example.nl")
    page.locator("#feedback form button[type=submit]").click()
    page.locator("#feedback .feedback__bedankt").wait_for()
    assert page.locator("#feedback-opmerking").count() == 0


def _opmerking_te_lang(page: Page) -> None:
    _beantwoord(page, "/berichten")
    page.locator("#feedback-opmerking").fill("Dit snap ik niet. " * 40)
    page.locator("#feedback form button[type=submit]").click()
    page.locator(".foutoverzicht").wait_for()
    assert page.locator("#feedback-opmerking").get_attribute("aria-invalid") == "true"


def _vraag_onder_bericht(page: Page) -> None:
    _bericht(page)
    assert page.locator("#feedback input[name=soort]").get_attribute("value") == "bericht"


PAGINAS = [
    Pagina("feedback-vraag", JAN, _ga_naar("/mijn-dossier")),
    Pagina("feedback-vraag-bericht", JAN, _vraag_onder_bericht),
    Pagina("feedback-beantwoord", JAN, _beantwoord),
    Pagina("feedback-bedankt", JAN, _na_opmerking),
    Pagina("feedback-opmerking-fout", JAN, _opmerking_te_lang),
    Pagina("feedback-overzicht", BAS, _ga_naar("/medewerker/feedback")),
    Pagina(
        "feedback-overzicht-filter",
        LIEKE,
        _ga_naar("/medewerker/feedback?taal=nl&onderwerp=dossier.mijn_dossier&pagina=1"),
    ),
    Pagina("feedback-overzicht-fout", BAS, _ga_naar("/medewerker/feedback?van=gisteren", 400)),
]


@pytest.mark.parametrize("breedte", list(BREEDTES), ids=list(BREEDTES))
@pytest.mark.parametrize("taal", TALEN)
@pytest.mark.parametrize("pagina", PAGINAS, ids=[p.naam for p in PAGINAS])
def test_feedback_page_has_no_axe_violations(open_pagina, pagina: Pagina, taal: str, breedte: str):  # noqa: F811
    controleer(open_pagina(pagina, taal, breedte), taal, breedte)
