"""A person with a medical assessment sets their spreekuurvoorkeur and what they need, with
and without JavaScript, and a planner (Esther) sees both in the planner view."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

# Ingrid Bakker has a medical assessment running: only then does Mijn dossier ask about the
# spreekuur (someone without one, like Jan de Vries, is not asked).
INGRID = "Ingrid Bakker"
ESTHER = "Esther Mulder"


def _zet_voorkeur(page: Page, kantoor: str, dagdeel: str, tekst: str) -> None:
    page.goto("/mijn-dossier")
    page.get_by_role("link", name="Uw voorkeur voor het spreekuur").click()
    wijzig = page.get_by_role("link", name="Wijzig uw voorkeur")
    if wijzig.count():
        wijzig.click()
    # First without a day part: the error stands beside the field and the input stays.
    page.get_by_label("Op kantoor, bij de arts").check()
    page.get_by_label(kantoor).check()
    for optie in page.locator("input[name=dagdelen]").all():
        optie.uncheck()
    page.get_by_label("Wilt u nog iets zeggen?").fill(tekst)
    page.get_by_role("button", name="Voorkeur opslaan").click()
    page.locator("#dagdelen-fout").wait_for()
    assert page.get_by_label("Wilt u nog iets zeggen?").input_value() == tekst
    assert page.get_by_label(kantoor).is_checked()

    page.get_by_label(dagdeel).check()
    page.get_by_role("button", name="Voorkeur opslaan").click()
    page.get_by_text("Uw voorkeur voor het spreekuur is opgeslagen.").wait_for()
    assert page.get_by_text(tekst).is_visible()


def _zet_ondersteuning(page: Page, taal: str) -> None:
    page.goto("/mijn-dossier")
    page.get_by_role("link", name="Wat heeft u nodig bij een gesprek?").click()
    page.get_by_role("checkbox", name="Een tolk", exact=True).check()
    page.get_by_role("checkbox", name="Een drempelvrije plek").check()
    page.get_by_label("Welke taal spreekt de tolk?").fill(taal)
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Wat u nodig heeft, is opgeslagen.").wait_for()
    page.get_by_text(f"Een tolk ({taal})").wait_for()


@pytest.mark.parametrize("javascript", [True, False], ids=["met-js", "zonder-js"])
def test_a_person_being_assessed_sets_preference_and_support_and_the_planner_sees_them(
    nieuwe_context, javascript
):
    kantoor, dagdeel, taal = (
        ("UWV Zwolle", "'s Middags", "Nederlandse Gebarentaal")
        if javascript
        else ("UWV Groningen", "'s Ochtends", "Turks")
    )
    tekst = f"Liever niet op woensdag ({'met' if javascript else 'zonder'} JavaScript)"
    page = nieuwe_context(persoon=INGRID, taal="nl", javascript=javascript).new_page()
    _zet_voorkeur(page, kantoor, dagdeel, tekst)
    _zet_ondersteuning(page, taal)

    planner = nieuwe_context(persoon=ESTHER, taal="nl", javascript=javascript).new_page()
    planner.goto("/medewerker/")
    planner.get_by_role("link", name="Spreekuurplanning").click()
    planner.get_by_label("Alleen klanten die ondersteuning nodig hebben").check()
    planner.get_by_role("button", name="Filteren").click()
    planner.wait_for_url("**ondersteuning=1**")
    sectie = planner.locator("section", has=planner.get_by_role("heading", name=kantoor))
    rij = sectie.locator("tr", has_text=INGRID)
    assert tekst in rij.inner_text()
    assert f"Een tolk ({taal})" in rij.inner_text()
