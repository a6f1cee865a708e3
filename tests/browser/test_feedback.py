"""Was dit duidelijk? in a real browser, without JavaScript: Jan says a page was not clear and
explains why, with his phone number in it; Bas sees the comment with the number removed."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

JAN = "Jan de Vries"
BAS = "Bas Hendriks"
OPMERKING = "Wat betekent 'onderzoek afgerond'? Bel mij op 06 12345678."


def test_jan_answers_nee_with_a_comment_and_bas_sees_it_masked(nieuwe_context):
    jan = nieuwe_context(persoon=JAN, taal="nl", javascript=False).new_page()
    jan.goto("/mijn-dossier")
    vraag = jan.locator("#feedback")
    expect(vraag.get_by_role("heading", name="Was dit duidelijk?")).to_be_visible()

    vraag.get_by_role("button", name=re.compile(r"^Nee")).click()
    jan.wait_for_url(re.compile(r"/mijn-dossier#feedback$"))
    expect(vraag.get_by_role("status")).to_have_text("Dank u voor uw antwoord.")
    expect(
        vraag.get_by_text("U kunt ten hoogste 500 tekens gebruiken.", exact=False)
    ).to_be_visible()
    vraag.get_by_label("Wat kunnen wij beter uitleggen?").fill(OPMERKING)
    vraag.get_by_role("button", name="Verstuur opmerking").click()
    jan.wait_for_url(re.compile(r"/mijn-dossier#feedback$"))
    expect(vraag).to_contain_text("Wij gebruiken het om onze uitleg beter te maken.")
    expect(vraag.get_by_role("button")).to_have_count(0)

    bas = nieuwe_context(persoon=BAS, taal="nl").new_page()
    bas.goto("/medewerker/feedback?onderwerp=dossier.mijn_dossier")
    rij = bas.locator("tr", has_text="Wat betekent 'onderzoek afgerond'?")
    expect(rij).to_have_count(1)
    expect(rij).to_contain_text("Bel mij op [verwijderd].")
    expect(rij).to_contain_text("Mijn dossier")
    expect(rij).to_contain_text("Nee")
    assert "12345678" not in bas.content()
    kop = bas.locator("th", has_text="Mijn dossier")
    expect(kop.first).to_be_visible()
