"""A person sets up SMS and e-mail in a real browser, and a casemanager's status change
reaches both: the demo's "done when", with the dev inbox standing in for the providers."""

from __future__ import annotations

import dataclasses
import re

from playwright.sync_api import Page

from notificaties.verzending import Verzender
from tests.browser.conftest import knop_voor_persoon

KEES = "Kees van Dijk"
ESTHER = "Esther Mulder"


def _verstuur(portaal) -> None:
    """What the notificaties worker does every few seconds; quiet hours are tested elsewhere,
    and must not make this test depend on the time of day."""
    verzender = Verzender(portaal.app)
    verzender.instellingen = dataclasses.replace(verzender.instellingen, stiltijd=None)
    verzender.dispatch()


def _laatste_in_dev_inbox(page: Page, kanaal_label: str) -> str:
    page.goto("/demo/verzonden")
    item = page.locator(".berichtenlijst__item", has_text=kanaal_label).first
    return item.locator("pre").inner_text()


def test_a_person_verifies_number_and_address_opts_in_and_hears_of_a_status_change(
    nieuwe_context, portaal
):
    page = nieuwe_context(persoon=KEES, taal="nl").new_page()

    # The number the portal knows is filled in; the person asks for a code.
    page.goto("/sms-en-e-mail")
    page.get_by_role("button", name="Stuur mij een code").click()
    page.wait_for_url("**/telefoon/code")
    _verstuur(portaal)
    sms = _laatste_in_dev_inbox(page, "Sms")
    code = re.search(r"\b(\d{6})\b", sms).group(1)
    assert "http" not in sms
    page.goto("/sms-en-e-mail/telefoon/code")
    page.get_by_label("Code uit de sms").fill(code)
    page.get_by_role("button", name="Bevestigen").click()
    page.get_by_text("Uw mobiele nummer is bevestigd.").wait_for()

    # The e-mail address is confirmed through the link in the e-mail.
    page.get_by_role("button", name="Stuur mij een e-mail om te bevestigen").click()
    page.get_by_text("Wij hebben een e-mail gestuurd.").wait_for()
    _verstuur(portaal)
    email = _laatste_in_dev_inbox(page, "E-mail")
    link = re.search(r"(http\S+/e-mail-bevestigen/\S+)", email).group(1)
    page.goto(link)
    page.get_by_text("Uw e-mailadres is bevestigd.").wait_for()

    # The person switches on news about the dossier, by SMS and by e-mail.
    page.goto("/sms-en-e-mail")
    nieuws = "Nieuws over uw dossier, zoals de update elke drie maanden"
    page.get_by_role("group", name="Per sms").get_by_label(nieuws).check()
    page.get_by_role("group", name="Per e-mail").get_by_label(nieuws).check()
    page.get_by_role("button", name="Keuzes opslaan").click()
    page.get_by_text("Uw keuzes zijn opgeslagen.").wait_for()

    # A casemanager changes the status of Kees's traject.
    medewerker = nieuwe_context().new_page()
    medewerker.goto("/demo/inloggen")
    knop_voor_persoon(medewerker, ESTHER).click()
    medewerker.goto("/medewerker/dossiers/WIA-1000007")
    medewerker.locator("a[href$='/status']").first.click()
    medewerker.locator("input[name=nieuwe_status]").first.check()
    medewerker.locator("button[name=actie][value=opslaan]").click()
    medewerker.get_by_text("De status is gewijzigd.").wait_for()

    _verstuur(portaal)
    page.goto("/demo/verzonden")
    nieuwste = page.locator(".berichtenlijst__item").first
    tweede = page.locator(".berichtenlijst__item").nth(1)
    teksten = nieuwste.inner_text() + tweede.inner_text()
    assert "WIA-portaal" in teksten and "Wij sturen nooit links per sms" in teksten
    assert "Nieuw bericht over uw WIA-uitkering" in teksten  # the e-mail's subject
