"""A pilot from start to results in a real browser: Lieke (pilot lead) makes a pilot with two
tasks, an anonymous participant joins with the code, finishes task 1 with the keyboard, gives
up task 2, fills in the SUS, and Lieke sees completion, time and the SUS on the results page.
With and without JavaScript: every step is a plain link or form."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

LIEKE = "Lieke Janssen"
JAN = "Jan de Vries"  # WIA-1000001


def _maak_pilot(page: Page, naam: str) -> str:
    page.goto("/medewerker/pilots")
    page.get_by_label("Naam van de pilot").fill(naam)
    page.get_by_label("Taken", exact=True).fill(
        "Open uw berichten.\nZoek wanneer u meer hoort over uw dagloon."
    )
    # No persona yet: the error stands beside the field and what was typed stays.
    page.get_by_role("button", name="Pilot aanmaken").click()
    expect(page.locator("#personas-fout")).to_contain_text("Kies ten minste 1 persona.")
    expect(page.get_by_label("Naam van de pilot")).to_have_value(naam)
    page.get_by_label(f"{JAN} (WIA-1000001)").check()
    page.get_by_role("button", name="Pilot aanmaken").click()
    page.get_by_text("De pilot is aangemaakt.").wait_for()
    expect(page.get_by_role("heading", level=1)).to_have_text(naam)
    return page.locator(".pilotcode span[aria-hidden=true]").inner_text()


def _tab_naar(page: Page, knop: str) -> None:
    """Reach a button with the Tab key alone, as a keyboard user would."""
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == knop:
            return
    pytest.fail(f"the button {knop!r} cannot be reached with Tab")


def _vul_sus_in(page: Page) -> None:
    # Nothing chosen: an error per statement, beside it and in the summary.
    page.get_by_role("button", name="Versturen").click()
    expect(page.locator(".foutoverzicht li")).to_have_count(10)
    expect(page.locator("#v3-fout")).to_contain_text("Kies een antwoord bij uitspraak 3.")
    for nummer in range(1, 11):
        # Agree with the positive statements, disagree with the negative ones: SUS 75.
        antwoord = "4" if nummer % 2 else "2"
        page.locator(f"#v{nummer} input[value='{antwoord}']").check()
    page.get_by_label("Wat zou u willen verbeteren?").fill("De knoppen mogen groter.")
    page.get_by_role("button", name="Versturen").click()
    page.get_by_role("heading", name="Dank u wel voor het meedoen").wait_for()


@pytest.mark.parametrize("javascript", [True, False], ids=["met-js", "zonder-js"])
def test_lead_makes_a_pilot_a_participant_does_it_and_the_lead_sees_the_results(
    nieuwe_context, javascript
):
    leider = nieuwe_context(persoon=LIEKE, taal="nl", javascript=javascript).new_page()
    naam = f"Pilot berichten {uuid.uuid4().hex[:6]}"
    code = _maak_pilot(leider, naam)

    deelnemer = nieuwe_context(javascript=javascript).new_page()
    deelnemer.goto("/pilot")
    deelnemer.get_by_label("Code van de pilot").fill(f" {code[:3].lower()} {code[3:]}")
    deelnemer.get_by_role("button", name="Meedoen").click()
    deelnemer.wait_for_url("**/mijn-dossier")
    balk = deelnemer.get_by_role("complementary", name="Pilot")
    expect(balk).to_contain_text("Taak 1 van 2: Open uw berichten.")
    expect(deelnemer.get_by_text(f"U bent nu {JAN}, een voorbeeldpersoon.")).to_be_visible()
    # The bar sits above the page in the flow: it covers nothing.
    onderkant = balk.bounding_box()
    assert onderkant["y"] + onderkant["height"] <= deelnemer.locator("main").bounding_box()["y"]

    deelnemer.get_by_role("navigation").get_by_role("link", name="Berichten").click()
    deelnemer.wait_for_url("**/berichten")
    _tab_naar(deelnemer, "Klaar")
    deelnemer.keyboard.press("Enter")
    expect(balk).to_contain_text("Taak 2 van 2: Zoek wanneer u meer hoort over uw dagloon.")
    assert deelnemer.url.endswith("/berichten")  # back on the same page

    balk.get_by_role("button", name="Ik geef het op").click()
    deelnemer.wait_for_url("**/pilot/vragenlijst")
    _vul_sus_in(deelnemer)
    deelnemer.goto("/mijn-dossier")
    assert "/inloggen" in deelnemer.url  # the persona's session ended with the pilot

    leider.reload()
    gelukt = leider.locator("table", has=leider.get_by_text("Begonnen, klaar en opgegeven"))
    expect(gelukt.locator("tbody tr").nth(0).locator("td")).to_have_text(["1", "1", "0", "100"])
    expect(gelukt.locator("tbody tr").nth(1).locator("td")).to_have_text(["1", "0", "1", "0"])
    tijd = leider.locator("table", has=leider.get_by_text("Tijd per taak (minuten:seconden)"))
    expect(tijd.locator("tbody tr").nth(0).locator("strong")).to_have_text(
        re.compile(r"^\d+:\d\d$")
    )
    expect(leider.locator(".pilot-gemiddelde")).to_contain_text("Gemiddelde SUS-score: 75, goed")
    expect(leider.get_by_text("De knoppen mogen groter.")).to_be_visible()
    expect(leider.locator("table", has=leider.get_by_text("Routes bij taak 1"))).to_contain_text(
        "/berichten"
    )
