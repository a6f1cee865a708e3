"""A casemanager plans a spreekuur for a person who prefers the office: a phone spreekuur is
stopped by the preference, the one on location goes through. The person then sees it with
the support that will be arranged, downloads the calendar file, and finds the reminders
under "Wat kunt u verwachten". With and without JavaScript."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from babel.dates import format_date
from playwright.sync_api import Page

from portal.kalender import is_werkdag
from portal.tijd import vandaag

# Anneke van der Meer waits for her medical assessment, has a spreekuur planned ten days on,
# and confirmed her e-mail address for spreekuur reminders (portal.demo.personas).
ANNEKE = "Anneke van der Meer"
KENMERK = "WIA-1000004"
ESTHER = "Esther Mulder"
GROTE_LETTERS = "Brieven in grote letters"


def _werkdag(over: int):
    dag = vandaag() + timedelta(days=over)
    while not is_werkdag(dag):
        dag += timedelta(days=1)
    return dag


def _kort(dag) -> str:
    return format_date(dag, "d MMMM", locale="nl")


def _zet_voorkeur_en_ondersteuning(page: Page) -> None:
    """Through the person's own pages: the office in Utrecht, in the morning; large print."""
    page.goto("/spreekuur/voorkeur?wijzig=1")
    page.get_by_label("Op kantoor, bij de arts").check()
    page.get_by_label("UWV Utrecht", exact=True).check()
    page.get_by_label("'s Ochtends").check()
    page.get_by_role("button", name="Voorkeur opslaan").click()
    page.get_by_text("Uw voorkeur voor het spreekuur is opgeslagen.").wait_for()
    page.goto("/spreekuur/ondersteuning")
    page.get_by_role("checkbox", name=GROTE_LETTERS).check()
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Wat u nodig heeft, is opgeslagen.").wait_for()


def _plan(planner: Page, dag) -> None:
    planner.goto(f"/medewerker/dossiers/{KENMERK}")
    planner.get_by_role("link", name="Spreekuur plannen, verplaatsen of afzeggen").click()
    planner.get_by_role("heading", name=f"Spreekuur plannen voor {ANNEKE}").wait_for()
    # The form starts as Anneke would like it: at the office in Utrecht.
    assert planner.get_by_label("Op een UWV-kantoor", exact=True).is_checked()
    assert planner.get_by_label("UWV Utrecht", exact=True).is_checked()
    planner.get_by_label("Datum").fill(dag.isoformat())
    planner.get_by_label("Van", exact=True).fill("09:00")
    planner.get_by_label("Tot", exact=True).fill("09:45")

    # By phone, without a reason: the preference stops it, beside the reason's field.
    planner.get_by_label("Telefonisch", exact=True).check()
    planner.get_by_role("button", name="Spreekuur plannen").click()
    fout = planner.locator("#tegen_voorkeur_reden-fout")
    fout.wait_for()
    assert "De klant wil liever op kantoor komen, bij UWV Utrecht." in fout.inner_text()
    assert planner.get_by_label("Datum").input_value() == dag.isoformat()
    assert planner.get_by_label("Telefonisch", exact=True).is_checked()

    # On location, as she prefers: planned.
    planner.get_by_label("Op een UWV-kantoor", exact=True).check()
    planner.get_by_role("button", name="Spreekuur plannen").click()
    planner.get_by_text("Het spreekuur is gepland.").wait_for()
    assert planner.locator("#gepland-titel ~ article", has_text=_kort(dag)).count() == 1


@pytest.mark.parametrize(
    ("javascript", "over"), [(True, 17), (False, 24)], ids=["met-js", "zonder-js"]
)
def test_a_casemanager_plans_against_then_as_preferred_and_the_person_sees_it(
    nieuwe_context, javascript, over
):
    dag = _werkdag(over)
    page = nieuwe_context(persoon=ANNEKE, taal="nl", javascript=javascript).new_page()
    _zet_voorkeur_en_ondersteuning(page)

    planner = nieuwe_context(persoon=ESTHER, taal="nl", javascript=javascript).new_page()
    _plan(planner, dag)

    # Anneke sees it, with what will be arranged for her, and no excuse (it is as she wished).
    page.goto("/mijn-dossier")
    page.locator("a[href$='/spreekuur/gepland']").first.click()
    spreekuur = page.locator("article", has_text=_kort(dag))
    assert "Van 09.00 tot 09.45 uur" in spreekuur.inner_text()
    assert "UWV Utrecht" in spreekuur.inner_text()
    assert "Wat wij voor u regelen" in spreekuur.inner_text()
    assert GROTE_LETTERS in spreekuur.inner_text()
    assert "Waarom zo?" not in spreekuur.inner_text()

    with page.expect_download() as download:
        spreekuur.get_by_role("link", name="Zet dit spreekuur in uw agenda").click()
    agenda = download.value
    assert agenda.suggested_filename == "spreekuur-uwv.ics"
    inhoud = Path(agenda.path()).read_text(encoding="utf-8")
    assert "BEGIN:VCALENDAR" in inhoud
    assert f"DTSTART;TZID=Europe/Amsterdam:{dag:%Y%m%d}T090000" in inhoud

    # The reminders that spreekuren.plan wrote, a week and a day before, at 10.00.
    page.goto("/wat-kunt-u-verwachten")
    spreekuren = page.locator("section", has=page.get_by_role("heading", name="Spreekuren"))
    assert f"Spreekuur op {format_date(dag, 'EEEE d MMMM', locale='nl')}" in spreekuren.inner_text()
    herinneringen = page.locator(
        "section", has=page.get_by_role("heading", name="Sms'jes en e-mails")
    ).inner_text()
    for dagen in (7, 1):
        moment = dag - timedelta(days=dagen)
        assert f"Een e-mail op {format_date(moment, 'EEEE d MMMM', locale='nl')}" in herinneringen
