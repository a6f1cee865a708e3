"""A casemanager plans a call outside the day parts the person prefers: the form stops her and
asks why; the person then reads the reason on the call's page. The call itself is started from
the dossier, about a letter that is coming."""

from __future__ import annotations

from datetime import timedelta

from portal.kalender import is_werkdag
from portal.tijd import vandaag

KEES = "Kees van Dijk"
ESTHER = "Esther Mulder"
REDEN = "De arts die het gesprek voert, kan alleen in de ochtend."


def _werkdag_over(dagen: int) -> str:
    dag = vandaag() + timedelta(days=dagen)
    while not is_werkdag(dag):
        dag += timedelta(days=1)
    return dag.isoformat()


def test_a_call_outside_the_persons_day_parts_needs_a_reason_the_person_reads(nieuwe_context):
    persoon = nieuwe_context(persoon=KEES, taal="nl").new_page()
    persoon.goto("/gebeld-worden/voorkeuren")
    persoon.get_by_label("'s Middags (12.00 tot 17.00 uur)").check()
    persoon.get_by_label("Op welk nummer kunnen wij u bellen?").fill("06 12345678")
    persoon.get_by_role("button", name="Belvoorkeuren opslaan").click()
    persoon.wait_for_load_state()

    casemanager = nieuwe_context(persoon=ESTHER, taal="nl").new_page()
    casemanager.goto("/medewerker/dossiers/WIA-1000007")
    casemanager.get_by_label("Waar gaat het gesprek over?").select_option("brief_beslissing")
    casemanager.get_by_role("button", name="Gesprek aanmaken en plannen").click()
    casemanager.wait_for_url("**/medewerker/servicecalls/*")

    casemanager.get_by_label("Datum", exact=True).fill(_werkdag_over(3))
    casemanager.get_by_label("Van", exact=True).fill("10:00")
    casemanager.get_by_label("Tot", exact=True).fill("11:00")
    casemanager.get_by_label("Nummer van de klant").fill("06 12345678")
    casemanager.get_by_role("button", name="Moment opslaan").click()
    fout = casemanager.locator("#buiten_voorkeur_reden-fout")
    fout.wait_for()
    assert "De klant wil op een ander dagdeel gebeld worden" in fout.inner_text()
    assert casemanager.get_by_label("Van", exact=True).input_value() == "10:00"  # the input stays

    casemanager.get_by_label("Waarom buiten de tijden die de klant wil?").fill(REDEN)
    casemanager.get_by_role("button", name="Moment opslaan").click()
    casemanager.get_by_text("Het gesprek is gepland.").wait_for()

    persoon.goto("/gebeld-worden")
    persoon.get_by_role("link", name="Bekijk dit gesprek en de belcode").first.click()
    persoon.get_by_text("Uw casemanager schreef waarom het zo is gepland").wait_for()
    assert REDEN in persoon.content()
    assert "Een brief met een beslissing over uw uitkering" in persoon.content()
