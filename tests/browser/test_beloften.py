"""A promise passes unkept, in a real browser: the clock moves past the date, the person sees
that UWV is late, the casemanager gives a new date with a reason, the person sees the new
date and the old one with why, and the teamleider sees the share kept that week."""

from __future__ import annotations

from datetime import timedelta

import pytest
from babel.dates import format_date
from playwright.sync_api import expect

from portal import kalender
from portal.models import Burger, Dossier, Medewerker, Statuswijziging, Traject
from portal.models.base import utcnow, zet_klok_vooruit
from portal.services import toezeggingen
from portal.tijd import vandaag
from portal.werker import plan_alles
from tests.browser.conftest import Portaal, knop_voor_persoon

pytestmark = pytest.mark.browser

NAAM = "Romano Wesselink"
ESTHER = "Esther Mulder"
YVONNE = "Yvonne Smit"
REDEN = "Wij wachten op de loonstroken van uw werkgever."


def _persoon_met_een_belofte(portaal: Portaal, over: int) -> int:
    """A person whose outcome call was promised ``over`` days from now; Esther's dossier."""
    with portaal.app.app_context():
        session = portaal.app.extensions["portal.sessionmaker"]()
        esther = session.query(Medewerker).filter_by(naam=ESTHER).one()
        burger = Burger(
            bsn="999993210", voornamen="Romano", achternaam="Wesselink", telefoon=None, taal="nl"
        )
        dossier = Dossier(kenmerk="WIA-1900001", burger=burger, casemanager=esther)
        traject = Traject(
            dossier=dossier,
            soort="dagloon",
            status="onderzoek_afgerond",
            gestart_op=vandaag() - timedelta(days=200),
            status_sinds=utcnow(),
            volgende_update_op=vandaag() + timedelta(days=over),
        )
        session.add_all([burger, dossier, traject])
        session.add(Statuswijziging(traject=traject, naar_status="onderzoek_afgerond"))
        session.flush()
        toezeggingen.beloof_trajectdatum(
            session, traject, traject.volgende_update_op, bron="medewerker", nu=utcnow()
        )
        session.commit()
        traject_id = traject.id
        session.close()
    return traject_id


def _log_in(nieuwe_context, naam: str):
    """A fresh login through the persona picker (not the session's cached one)."""
    page = nieuwe_context(breedte=375 if naam == NAAM else 1280, hoogte=812).new_page()
    page.goto("/demo/inloggen")
    with page.expect_navigation():
        knop_voor_persoon(page, naam).click()
    return page


def test_a_late_promise_is_told_moved_with_a_reason_and_counted(
    portaal: Portaal, nieuwe_context, klok
):
    traject_id = _persoon_met_een_belofte(portaal, over=2)
    persoon = nieuwe_context(persoon=NAAM, taal="nl", breedte=375, hoogte=812).new_page()
    persoon.goto("/mijn-dossier")
    expect(persoon.locator(".antwoord")).to_contain_text("Uiterlijk")
    expect(persoon.get_by_text("Wij zijn te laat.")).to_have_count(0)

    # Four days later: the date passed without news, and the morning planner ran. Sessions
    # of four days ago have ended by then: everyone logs in afresh.
    zet_klok_vooruit(timedelta(days=4))
    plan_alles(portaal.app, utcnow())

    persoon = _log_in(nieuwe_context, NAAM)
    persoon.goto("/mijn-dossier")
    samenvatting = persoon.locator(".antwoord")
    expect(samenvatting).to_contain_text("Wij zijn te laat.")
    expect(samenvatting).to_contain_text("Het spijt ons.")
    expect(samenvatting.locator(".antwoord__wanneer")).to_have_count(0)
    persoon.goto("/berichten")
    expect(persoon.get_by_role("link", name="Wij zijn te laat")).to_be_visible()

    esther = _log_in(nieuwe_context, ESTHER)
    esther.goto("/medewerker/overzicht")
    beloften = esther.get_by_role("region", name="Beloften die te laat zijn")
    beloften.get_by_role("link", name="WIA-1900001").click()
    nieuwe_datum = vandaag() + timedelta(days=14)
    esther.get_by_label("Nieuwe datum", exact=True).fill(nieuwe_datum.isoformat())
    esther.get_by_role("button", name="Nieuwe datum opslaan").click()
    expect(esther.locator("#reden-fout")).to_contain_text("Schrijf op waarom")  # no reason
    esther.get_by_label("Waarom verandert de datum?").fill(REDEN)
    esther.get_by_role("button", name="Nieuwe datum opslaan").click()
    expect(esther.get_by_text("De nieuwe datum is opgeslagen.")).to_be_visible()

    persoon.goto("/mijn-dossier")
    traject = persoon.locator(f"#traject-{traject_id}").locator("xpath=..")
    expect(persoon.get_by_text("Wij zijn te laat.")).to_have_count(0)
    expect(traject).to_contain_text(f"Uiterlijk {nieuwe_datum.day}")
    expect(traject).to_contain_text("Die datum hebben wij niet gehaald.")
    expect(traject).to_contain_text(REDEN)

    yvonne = _log_in(nieuwe_context, YVONNE)
    yvonne.goto("/medewerker/toezeggingen")
    week = kalender.maandag(vandaag() - timedelta(days=2))  # the promised date's
    tabel = yvonne.get_by_role("table", name="Op tijd nagekomen, per week en soort")
    rij = tabel.get_by_role("row").filter(has_text=format_date(week, "medium", locale="nl"))
    expect(rij).to_contain_text("te laat")  # the broken promise counts in its week
    expect(yvonne.locator("svg title")).to_have_text(
        "Op tijd nagekomen per week, alle soorten samen"
    )
