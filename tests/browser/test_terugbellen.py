"""Bel mij terug in a real browser: Jan asks to be called back (a mistake first, then right),
Esther finds the request in her queue and records the call, and Jan sees that it happened.
With and without JavaScript: every step is a plain link or form."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

JAN = "Jan de Vries"
ESTHER = "Esther Mulder"


# One day each, in the afternoon: the accessibility test asks for mornings on the same days.
@pytest.mark.parametrize(
    ("javascript", "keuze"), [(True, -1), (False, -2)], ids=["met-js", "zonder-js"]
)
def test_jan_asks_to_be_called_back_esther_calls_and_jan_sees_it(nieuwe_context, javascript, keuze):
    dagdeel = "middag"
    onderwerp = f"Ik begrijp mijn brief niet ({'met' if javascript else 'zonder'} JavaScript)."
    page = nieuwe_context(persoon=JAN, taal="nl", javascript=javascript).new_page()
    page.goto("/mijn-dossier")
    expect(page.get_by_role("heading", name="Liever gebeld worden?")).to_be_visible()
    page.get_by_role("link", name="Bel mij terug").click()
    expect(page.get_by_text("Wij bellen u binnen 24 uur op werkdagen.")).to_be_visible()
    expect(page.get_by_label("Op welk nummer kunnen wij u bellen?")).to_have_value("06 12340001")

    # One of the last days offered, with a wrong number: the error stands beside the field
    # and everything Jan chose and typed stays.
    dagen = page.locator("input[name=dag]")
    expect(dagen).to_have_count(5)
    dag = dagen.nth(5 + keuze).get_attribute("value")
    dagen.nth(5 + keuze).check()
    page.locator(f"input[name=dagdeel][value={dagdeel}]").check()
    page.get_by_label("Op welk nummer kunnen wij u bellen?").fill("12345")
    page.get_by_label("Waarover wilt u praten?").fill(onderwerp)
    page.get_by_role("button", name="Bel mij terug").click()
    expect(page.locator("#telefoon-fout")).to_contain_text("Dit nummer klopt niet.")
    expect(page.locator(".foutoverzicht")).to_be_visible()
    expect(page.locator(f"input[name=dag][value='{dag}']")).to_be_checked()
    expect(page.locator(f"input[name=dagdeel][value={dagdeel}]")).to_be_checked()
    expect(page.get_by_label("Waarover wilt u praten?")).to_have_value(onderwerp)

    page.get_by_label("Op welk nummer kunnen wij u bellen?").fill("06 12340001")
    page.get_by_role("button", name="Bel mij terug").click()
    page.get_by_text("Wij hebben uw vraag ontvangen.").wait_for()
    expect(page.get_by_role("heading", name="Wij bellen u nog")).to_be_visible()
    expect(page.locator(".samenvatting__datum")).to_contain_text("Wij bellen u op ")
    # The fourth or fifth working day is after the 24-hour promise: that day part is it.
    expect(page.get_by_text("Lukt het ons dan niet?")).to_have_count(0)
    verzoek_url = page.url
    verzoek_id = re.search(r"/bel-mij-terug/(\d+)$", verzoek_url).group(1)

    medewerker = nieuwe_context(persoon=ESTHER, taal="nl", javascript=javascript).new_page()
    medewerker.goto("/medewerker/overzicht")
    expect(
        medewerker.get_by_role("heading", name=re.compile(r"^Terugbelverzoeken \d+"))
    ).to_be_visible()
    medewerker.get_by_role("link", name="Naar alle terugbelverzoeken").click()
    rij = medewerker.locator("tr", has=medewerker.locator(f"a[href$='/{verzoek_id}']"))
    expect(rij).to_contain_text("Jan de Vries")
    expect(rij).to_contain_text("WIA-1000001")
    expect(rij).to_contain_text(onderwerp)
    expect(rij.locator("a[href='tel:+31612340001']")).to_have_text("06 12340001")
    rij.get_by_role("link", name=re.compile("^Uitkomst vastleggen")).click()
    medewerker.get_by_role("button", name="Uitkomst opslaan").click()  # nothing chosen
    expect(medewerker.locator("#uitkomst-fout")).to_contain_text("Kies hoe het ging.")
    medewerker.get_by_label("Gebeld: ik heb de klant gesproken").check()
    medewerker.get_by_label("Notitie (alleen voor UWV").fill("Brief uitgelegd.")
    medewerker.get_by_role("button", name="Uitkomst opslaan").click()
    medewerker.get_by_text("De uitkomst is vastgelegd.").wait_for()
    expect(medewerker.locator(f"a[href$='/terugbelverzoeken/{verzoek_id}']")).to_have_count(0)

    page.goto(verzoek_url)
    expect(page.get_by_role("heading", name="Wij hebben u gebeld")).to_be_visible()
    expect(page.get_by_text("Brief uitgelegd.")).to_have_count(0)  # the note is for UWV
    expect(page.get_by_role("button", name="Trek mijn vraag in")).to_have_count(0)
    page.goto("/mijn-dossier")
    expect(page.locator(".terugbellen-link")).to_contain_text("Wij hebben u gebeld")
