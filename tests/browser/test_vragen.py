"""A question in a real browser: the person asks it from Mijn dossier on a phone, sees the
day the answer is due and that it is not read yet; the casemanager finds it in the queue,
answers it; the person reads the answer, before its term, and sees when it was read."""

from __future__ import annotations

from datetime import timedelta

import pytest
from babel.dates import format_date
from playwright.sync_api import expect
from sqlalchemy import select

from portal.kalender import werkdagen_verder
from portal.models import Burger, Dossier, Medewerker, Toezegging, Traject, utcnow
from portal.tijd import vandaag
from tests.browser.conftest import Portaal, knop_voor_persoon

pytestmark = pytest.mark.browser

NAAM = "Sevda Aydın"
KENMERK = "WIA-1900301"
VRAAG = "Ik kreeg een brief over mijn dagloon. Moet ik iets doen?"
ANTWOORD = "Nee, u hoeft niets te doen. Wij laten u weten wat de uitkomst is."


def _persoon(portaal: Portaal) -> None:
    with portaal.app.app_context():
        session = portaal.app.extensions["portal.sessionmaker"]()
        esther = session.query(Medewerker).filter_by(naam="Esther Mulder").one()
        burger = Burger(bsn="999993301", voornamen="Sevda", achternaam="Aydın", taal="nl")
        dossier = Dossier(kenmerk=KENMERK, burger=burger, casemanager=esther)
        traject = Traject(
            dossier=dossier,
            soort="dagloon",
            status="in_onderzoek",
            gestart_op=vandaag() - timedelta(days=100),
            status_sinds=utcnow(),
        )
        session.add_all([burger, dossier, traject])
        session.commit()
        session.close()


def _log_in(nieuwe_context, naam: str, breedte: int):
    page = nieuwe_context(breedte=breedte, hoogte=812).new_page()
    page.goto("/demo/inloggen")
    with page.expect_navigation():
        knop_voor_persoon(page, naam).click()
    return page


def test_a_question_is_asked_read_and_answered_within_its_term(portaal: Portaal, nieuwe_context):
    _persoon(portaal)
    persoon = _log_in(nieuwe_context, NAAM, 375)
    persoon.goto("/mijn-dossier")
    persoon.get_by_role("link", name="Stel een vraag aan uw casemanager").click()
    persoon.get_by_role("button", name="Vraag versturen").click()  # empty: refused
    expect(persoon.locator(".foutoverzicht")).to_contain_text("Schrijf uw vraag op")
    persoon.get_by_label("Kwaliteit WIA-dagloon").check()
    persoon.get_by_label("Uw vraag").fill(VRAAG)
    persoon.get_by_role("button", name="Vraag versturen").click()

    expect(persoon.get_by_text("Wij hebben uw vraag ontvangen.")).to_be_visible()
    termijn = werkdagen_verder(vandaag(), 5)
    wanneer = persoon.locator("[data-antwoord=wanneer]")
    expect(wanneer).to_contain_text(
        f"U krijgt uiterlijk {format_date(termijn, 'long', locale='nl')} antwoord."
    )
    expect(wanneer).to_contain_text("Nog niet gelezen.")
    expect(wanneer).to_be_in_viewport()

    esther = _log_in(nieuwe_context, "Esther Mulder", 1280)
    esther.goto("/medewerker/vragen")
    esther.get_by_role("link", name=KENMERK).click()
    expect(esther.get_by_text(VRAAG)).to_be_visible()
    esther.get_by_label("Antwoord aan de klant").fill(ANTWOORD)
    esther.get_by_role("button", name="Antwoord versturen").click()
    expect(esther.get_by_text("Het antwoord is verstuurd.")).to_be_visible()
    expect(esther.get_by_role("link", name=KENMERK)).to_have_count(0)

    persoon.reload()
    expect(persoon.get_by_text(ANTWOORD)).to_be_visible()
    expect(persoon.locator("[data-antwoord=wanneer]")).to_contain_text("Beantwoord op")
    expect(persoon.locator("[data-antwoord=wanneer]")).to_contain_text("Gelezen op")
    persoon.goto("/berichten")
    expect(persoon.get_by_role("link", name="Er is antwoord op uw vraag")).to_be_visible()

    with portaal.app.app_context():
        session = portaal.app.extensions["portal.sessionmaker"]()
        belofte = session.scalar(
            select(Toezegging).where(Toezegging.soort == "vraag").order_by(Toezegging.id.desc())
        )
        assert belofte.status == "nagekomen"  # answered within its term
        session.close()
