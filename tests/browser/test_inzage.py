"""The inzage path in a real browser: a person asks to see how the dagloon was calculated,
a casemanager takes the request, uploads a PDF and answers, the person downloads it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import knop_voor_persoon
from tests.test_inzage import PDF

pytestmark = pytest.mark.browser

JAN = "Jan de Vries"
ESTHER = "Esther Mulder"


@pytest.fixture(autouse=True)
def _documentenmap(portaal, tmp_path):
    portaal.app.config["DOCUMENTEN_MAP"] = str(tmp_path / "documenten")


def test_a_person_requests_inzage_a_casemanager_answers_and_the_person_downloads(
    nieuwe_context, tmp_path
):
    page = nieuwe_context(persoon=JAN, taal="nl").new_page()
    page.goto("/mijn-dossier")
    page.get_by_role("link", name="Inzage in uw dossier").click()
    page.get_by_role("link", name="Vraag inzage aan").click()

    # Nothing chosen: the error stands beside the field.
    page.get_by_role("button", name="Verstuur mijn verzoek").click()
    expect(page.locator(".veld__fout").first).to_contain_text("Kies minstens één onderwerp.")
    page.get_by_label("Hoe mijn dagloon is berekend").check()
    page.get_by_role("button", name="Verstuur mijn verzoek").click()
    page.get_by_text("Wij hebben uw verzoek ontvangen.").wait_for()
    kenmerk = page.locator(".meta strong").inner_text()
    expect(page.locator(".samenvatting")).to_contain_text("UWV moet uiterlijk")
    expect(page.locator(".samenvatting")).to_contain_text("Nog ")
    verzoek_url = page.url

    medewerker = nieuwe_context().new_page()
    medewerker.goto("/demo/inloggen")
    knop_voor_persoon(medewerker, ESTHER).click()
    medewerker.goto("/medewerker/inzage?filter=niet_toegewezen")
    medewerker.get_by_role("link", name=kenmerk).click()
    medewerker.get_by_role("button", name="Wijs toe").click()
    medewerker.get_by_text("Het verzoek is toegewezen.").wait_for()
    pdf = tmp_path / "dagloonberekening.pdf"
    pdf.write_bytes(PDF)
    medewerker.get_by_label("Document (pdf)").set_input_files(str(pdf))
    medewerker.get_by_role("button", name="Voeg toe").click()
    medewerker.get_by_text("Het document is toegevoegd.").wait_for()
    medewerker.get_by_label("Verstrekt: de klant krijgt alles").check()
    medewerker.get_by_label("Bericht aan de klant").fill("Hier ziet u hoe wij rekenden.")
    medewerker.get_by_role("button", name="Rond af en stuur bericht").click()
    medewerker.get_by_text("Het verzoek is afgerond.").wait_for()

    page.goto(verzoek_url)
    expect(page.get_by_text("Esther Mulder")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download dagloonberekening.pdf").click()
    assert download.value.suggested_filename == "dagloonberekening.pdf"
    assert (tmp_path / "ontvangen.pdf").exists() is False
    download.value.save_as(tmp_path / "ontvangen.pdf")
    assert (tmp_path / "ontvangen.pdf").read_bytes() == PDF
