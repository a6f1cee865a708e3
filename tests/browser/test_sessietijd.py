"""The session-timeout warning in a real browser (WCAG 2.2.1 Timing Adjustable).

The page's clock is Playwright's (``page.clock``), so half an hour passes in a moment; the
server's clock moves with it (``zet_klok_vooruit``), so the session really gets older there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from portal.models.base import utcnow, zet_klok_vooruit
from portal.tijd import AMSTERDAM
from tests.browser.conftest import knop_voor_persoon
from tests.browser.test_toegankelijkheid import controleer

pytestmark = pytest.mark.browser

FATIMA = "Fatima el Amrani"
ROB = "Rob de Graaf"
TITEL = "Wilt u ingelogd blijven?"
NIET_ACTIEF = "U was een tijd niet actief. Log opnieuw in om verder te gaan."


def _log_in(nieuwe_context: Callable[..., BrowserContext], naam: str, **opties: object) -> Page:
    """A fresh session of its own (not the shared cached one), on a page clock we control."""
    context = nieuwe_context(**opties)
    if opties.get("javascript", True):
        context.clock.install()  # before any page script runs, in every page of the context
    page = context.new_page()
    page.goto("/demo/inloggen")
    with page.expect_navigation():
        knop_voor_persoon(page, naam).click()
    return page


def _dialoog(page: Page):
    return page.get_by_role("dialog", name=TITEL)


def _einde_over_30_minuten(sinds: datetime) -> re.Pattern[str]:
    """The end the page names: 30 minutes after the server saw the request, somewhere between
    ``sinds`` (taken before the request) and now, so a minute that turns in between is fine."""
    minuten = {
        f"{(moment + timedelta(minutes=30)).astimezone(AMSTERDAM):%H.%M}"
        for moment in (sinds, utcnow())
    }
    keuze = "|".join(re.escape(m) for m in sorted(minuten))
    return re.compile(rf"^U wordt om ({keuze}) uur uitgelogd als u niets doet\.$")


def test_the_warning_comes_two_minutes_before_and_staying_keeps_the_person_logged_in(
    nieuwe_context, klok
):
    page = _log_in(nieuwe_context, FATIMA)
    geladen = utcnow()
    page.goto("/berichten")
    dialoog = _dialoog(page)
    expect(page.locator(".sessietijd__tekst")).to_have_text(_einde_over_30_minuten(geladen))

    page.clock.fast_forward("27:00")
    expect(dialoog).to_be_hidden()
    page.clock.fast_forward("01:30")
    expect(dialoog).to_be_visible()
    expect(dialoog).to_contain_text("uitgelogd als u niets doet.")
    expect(dialoog.get_by_role("button", name="Blijf ingelogd")).to_be_focused()
    controleer(page, "nl", "desktop")  # axe with the dialog open

    zet_klok_vooruit(timedelta(minutes=28, seconds=30))  # the server is as far as the page
    gebleven = utcnow()
    with page.expect_response("**/sessie/blijf-ingelogd") as antwoord:
        page.keyboard.press("Enter")
    assert antwoord.value.status == 200
    expect(dialoog).to_be_hidden()
    expect(page.locator(".sessietijd__tekst")).to_have_text(_einde_over_30_minuten(gebleven))

    # The time started again: no warning in the next 27 minutes.
    page.clock.fast_forward("27:00")
    expect(dialoog).to_be_hidden()

    # 55 minutes after the page was loaded, 26.5 after staying: still logged in.
    zet_klok_vooruit(timedelta(minutes=55))
    page.goto("/berichten")
    expect(page).to_have_url(re.compile(r"/berichten$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Berichten")


def test_escape_closes_the_warning_and_counts_as_staying(nieuwe_context, klok):
    page = _log_in(nieuwe_context, FATIMA)
    page.goto("/mijn-dossier")
    berichten = page.get_by_role("navigation").get_by_role("link", name=re.compile("^Berichten"))
    berichten.focus()

    page.clock.fast_forward("28:30")
    expect(_dialoog(page)).to_be_visible()
    with page.expect_response("**/sessie/blijf-ingelogd") as antwoord:
        page.keyboard.press("Escape")

    assert antwoord.value.status == 200
    expect(_dialoog(page)).to_be_hidden()
    expect(berichten).to_be_focused()  # back where the person was


def test_when_the_time_is_up_the_page_goes_to_the_login_and_says_why(nieuwe_context, klok):
    page = _log_in(nieuwe_context, FATIMA)
    page.goto("/berichten")

    zet_klok_vooruit(timedelta(minutes=31))
    page.clock.fast_forward("31:00")

    page.wait_for_url(re.compile(r"/inloggen\?terug=/berichten$"))
    expect(page.get_by_text(NIET_ACTIEF)).to_be_visible()
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)


def test_staff_can_log_out_from_the_warning(nieuwe_context, klok):
    page = _log_in(nieuwe_context, ROB)
    page.goto("/medewerker/")

    page.clock.fast_forward("28:30")
    dialoog = _dialoog(page)
    expect(dialoog).to_be_visible()
    page.keyboard.press("Tab")
    uitloggen = dialoog.get_by_role("button", name="Uitloggen")
    expect(uitloggen).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/medewerker/inloggen$"))
    page.goto("/medewerker/")
    expect(page).to_have_url(re.compile(r"/medewerker/inloggen\?terug="))


def test_work_in_another_tab_keeps_the_warning_away(nieuwe_context, klok):
    page = _log_in(nieuwe_context, FATIMA)
    page.goto("/mijn-dossier")
    ander = page.context.new_page()
    ander.goto("/berichten")

    # Twenty minutes later the person opens a page in the other tab.
    zet_klok_vooruit(timedelta(minutes=20))
    page.clock.fast_forward("20:00")
    geopend = utcnow()
    ander.goto("/mijn-dossier")

    page.clock.fast_forward("09:00")  # 29 minutes after the first tab's page
    expect(_dialoog(page)).to_be_hidden()
    expect(page.locator(".sessietijd__tekst")).to_have_text(_einde_over_30_minuten(geopend))


def test_without_javascript_the_page_says_the_time_and_the_form_works(nieuwe_context):
    page = _log_in(nieuwe_context, FATIMA, javascript=False)
    page.goto("/berichten")
    tijd = page.locator(".sessietijd__tekst").filter(
        has_text=re.compile(r"^U wordt om \d\d\.\d\d uur")
    )
    expect(tijd).to_be_visible()

    with page.expect_navigation():
        page.get_by_role("button", name="Blijf ingelogd").click()

    expect(page).to_have_url(re.compile(r"/berichten$"))
    expect(page.get_by_text("U blijft ingelogd.")).to_be_visible()
