"""A task in a real browser: the casemanager asks for wage slips from the dossier page; the
person sees it first under "Wat moet u doen?" on Mijn dossier on a phone, with its date,
sends a PDF and reads the receipt with a copy of what was sent; the casemanager accepts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from babel.dates import format_date
from playwright.sync_api import expect
from sqlalchemy import select

from portal.models import Burger, Dossier, Medewerker, Taak, Taakbestand, Traject, utcnow
from portal.tijd import vandaag
from tests.browser.conftest import Portaal, knop_voor_persoon
from tests.pdf import maak_pdf

pytestmark = pytest.mark.browser

NAAM = "Ilse Koster"
KENMERK = "WIA-1900401"
TITEL = "Stuur uw loonstroken over 2019"


def _persoon(portaal: Portaal) -> None:
    with portaal.app.app_context():
        session = portaal.app.extensions["portal.sessionmaker"]()
        esther = session.query(Medewerker).filter_by(naam="Esther Mulder").one()
        burger = Burger(bsn="999994401", voornamen="Ilse", achternaam="Koster", taal="nl")
        dossier = Dossier(kenmerk=KENMERK, burger=burger, casemanager=esther)
        traject = Traject(
            dossier=dossier,
            soort="loonloze_tijdvakken",
            status="in_onderzoek",
            gestart_op=vandaag() - timedelta(days=100),
            status_sinds=utcnow(),
        )
        session.add_all([burger, dossier, traject])
        session.commit()
        session.close()


def _log_in(nieuwe_context, naam: str, breedte: int):
    page = nieuwe_context(breedte=breedte, hoogte=812 if breedte < 800 else 800).new_page()
    page.goto("/demo/inloggen")
    with page.expect_navigation():
        knop_voor_persoon(page, naam).click()
    return page


def test_wage_slips_are_asked_sent_with_a_receipt_and_accepted(portaal: Portaal, nieuwe_context):
    _persoon(portaal)
    uiterlijk = vandaag() + timedelta(days=10)

    esther = _log_in(nieuwe_context, "Esther Mulder", 1280)
    esther.goto(f"/medewerker/dossiers/{KENMERK}")
    esther.get_by_label("Wat vraagt u van de klant?").fill(TITEL)
    esther.get_by_label("Toelichting voor de klant (niet verplicht)").fill(
        "Van januari tot en met december. Een foto is goed."
    )
    esther.get_by_label("Uiterlijk").fill(uiterlijk.isoformat())
    esther.get_by_role("button", name="Taak klaarzetten voor de klant").click()
    expect(esther.get_by_text("De taak staat klaar voor de klant.")).to_be_visible()

    persoon = _log_in(nieuwe_context, NAAM, 375)
    persoon.goto("/mijn-dossier")
    te_doen = persoon.locator(".te-doen")
    expect(te_doen).to_contain_text(TITEL)
    datum = format_date(uiterlijk, "long", locale="nl")
    expect(te_doen).to_contain_text(f"Stuur dit uiterlijk {datum}.")
    knop = te_doen.get_by_role("link", name="Bestanden sturen")
    expect(knop).to_be_in_viewport()  # on a phone, without scrolling
    knop.click()

    persoon.get_by_role("button", name="Bestanden sturen").click()  # no file: refused
    expect(persoon.locator(".foutoverzicht")).to_contain_text("Kies een of meer bestanden")
    persoon.get_by_label("Kies uw bestanden").set_input_files(
        {"name": "loonstroken-2019.pdf", "mimeType": "application/pdf", "buffer": maak_pdf()}
    )
    persoon.get_by_role("button", name="Bestanden sturen").click()
    expect(persoon.get_by_role("heading", name="Bevestiging van ontvangst")).to_be_visible()
    expect(persoon.get_by_role("heading", name="Kopie van wat u stuurde")).to_be_visible()
    expect(persoon.locator("article")).to_contain_text("loonstroken-2019.pdf")
    expect(persoon.locator("article")).to_contain_text(TITEL)
    expect(persoon.get_by_role("link", name="Download deze bevestiging (pdf)")).to_be_visible()

    esther.goto("/medewerker/taken")
    esther.get_by_role("link", name=KENMERK).click()
    expect(esther.get_by_role("link", name="loonstroken-2019.pdf")).to_be_visible()
    esther.get_by_role("button", name="Goedkeuren").click()
    expect(esther.get_by_text("Goedgekeurd. De klant krijgt een bericht.")).to_be_visible()

    persoon.goto("/mijn-dossier")
    expect(persoon.get_by_text(TITEL)).to_have_count(0)
    with portaal.app.app_context():
        session = portaal.app.extensions["portal.sessionmaker"]()
        dossier = session.scalar(select(Dossier).where(Dossier.kenmerk == KENMERK))
        taak = session.scalar(select(Taak).where(Taak.dossier_id == dossier.id))
        assert taak.status == "geaccepteerd"
        assert session.scalar(select(Taakbestand.soort).where(Taakbestand.taak_id == taak.id)) == (
            "pdf"
        )
        session.close()
