"""A decision from the API to the person, in a real browser: the back office delivers the
decision letter, the payment and later the objection over HTTP; the person sees the letter
marked new, the payment with its specification and what it means for toeslagen, and the
objection period counting down. Then the clock moves past UWV's legal term for the
objection: the person sees that UWV is late, the route of Awb 4:17 and a model letter
filled in with their kenmerk and dates, as a page and as a PDF."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta

import pytest
import requests
from babel.dates import format_date
from playwright.sync_api import expect
from pypdf import PdfReader

from portal import termijnen
from portal.models import Burger, Dossier, Medewerker, Statuswijziging, Traject
from portal.models.base import utcnow, zet_klok_vooruit
from portal.tijd import vandaag
from portal.werker import plan_alles
from tests.api_hulp import maak_systeem
from tests.browser.conftest import Portaal, knop_voor_persoon
from tests.pdf import maak_pdf

pytestmark = pytest.mark.browser

NAAM = "Henk Brouwer"
KENMERK = "WIA-1900201"


def _persoon(portaal: Portaal) -> None:
    """A person whose dagloon turned out too low: a payment and a decision letter follow."""
    with portaal.app.app_context():
        session = portaal.app.extensions["portal.sessionmaker"]()
        esther = session.query(Medewerker).filter_by(naam="Esther Mulder").one()
        burger = Burger(bsn="999993258", voornamen="Henk", achternaam="Brouwer", taal="nl")
        dossier = Dossier(kenmerk=KENMERK, burger=burger, casemanager=esther)
        traject = Traject(
            dossier=dossier,
            soort="dagloon",
            status="dagloon_te_laag",
            gestart_op=vandaag() - timedelta(days=300),
            status_sinds=utcnow(),
        )
        session.add_all([burger, dossier, traject])
        session.add(Statuswijziging(traject=traject, naar_status="dagloon_te_laag"))
        session.commit()
        session.close()


def _api(portaal: Portaal, token: str, pad: str, **opties: object) -> requests.Response:
    response = requests.post(
        f"{portaal.url}/api/v1/dossiers/{KENMERK}{pad}",
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex},
        timeout=30,
        **opties,
    )
    assert response.status_code == 201, response.text
    return response


def _log_in(nieuwe_context, taal_breedte=375):
    page = nieuwe_context(breedte=taal_breedte, hoogte=812).new_page()
    page.goto("/demo/inloggen")
    with page.expect_navigation():
        knop_voor_persoon(page, NAAM).click()
    return page


def test_a_decision_reaches_the_person_and_a_late_objection_shows_the_default_route(
    portaal: Portaal, nieuwe_context, klok
):
    _persoon(portaal)
    token = maak_systeem(portaal.app).token
    besluit_op = vandaag() - timedelta(days=3)
    _api(
        portaal,
        token,
        "/brieven",
        data={
            "extern_id": "E2E-BESLUIT",
            "soort": "besluit",
            "datum": besluit_op.isoformat(),
            "titel": "Besluit: wij betalen u geld terug",
            "traject_soort": "dagloon",
        },
        files={"bestand": ("besluit.pdf", maak_pdf(), "application/pdf")},
    )
    jaar = vandaag().year - 2
    _api(
        portaal,
        token,
        "/betalingen",
        json={
            "extern_id": "E2E-NB",
            "traject_soort": "dagloon",
            "besluit_op": besluit_op.isoformat(),
            "nabetaling": "2400.00",
            "compensatie": "75.50",
            "verwacht_op": (vandaag() + timedelta(days=20)).isoformat(),
            "perioden": [
                {
                    "van": f"{jaar}-01-01",
                    "tot": f"{jaar}-12-31",
                    "dagloon_oud": "90.00",
                    "dagloon_nieuw": "99.20",
                    "bedrag": "2400.00",
                }
            ],
        },
    )

    persoon = _log_in(nieuwe_context)
    persoon.goto("/brieven")
    brief = persoon.get_by_role("link", name="Besluit: wij betalen u geld terug")
    expect(brief).to_contain_text("Nieuw")
    brief.click()
    tot = termijnen.bezwaar_tot(besluit_op)
    dagen = (tot - vandaag()).days
    opmerking = persoon.locator("[data-bezwaartermijn]")
    expect(opmerking).to_contain_text(
        f"Bezwaar maken kan tot en met {format_date(tot, 'long', locale='nl')}"
    )
    expect(opmerking).to_contain_text(f"U heeft nog {dagen} dagen.")
    persoon.goto("/brieven")
    expect(
        persoon.get_by_role("link", name="Besluit: wij betalen u geld terug")
    ).not_to_contain_text("Nieuw")

    persoon.goto("/uw-geld")
    antwoord = persoon.locator("[data-antwoord=geld]")
    expect(antwoord).to_contain_text("2.475,50 terug, uiterlijk op")
    expect(antwoord).to_be_in_viewport()  # the answer first, on a phone too
    tabel = persoon.get_by_role("table", name="Zo hebben wij het bedrag berekend")
    expect(tabel).to_contain_text("99,20")
    expect(
        persoon.get_by_role("heading", name="Wat betekent dit voor uw toeslagen en belasting?")
    ).to_be_visible()

    # The person objected; the back office registers it.
    _api(
        portaal,
        token,
        "/zaken",
        json={
            "extern_id": "E2E-BZ",
            "soort": "bezwaar",
            "besluit_op": besluit_op.isoformat(),
            "ontvangen_op": vandaag().isoformat(),
        },
    )
    termijn = termijnen.beslissen_op_bezwaar_tot(besluit_op, adviescommissie=False)
    persoon.goto("/bezwaar")
    expect(
        persoon.get_by_text(f"Wij beslissen uiterlijk {format_date(termijn, 'long', locale='nl')}.")
    ).to_be_visible()

    # The clock moves past UWV's term; the morning planner runs. Everyone logs in afresh.
    zet_klok_vooruit(timedelta(days=(termijn - vandaag()).days + 1))
    plan_alles(portaal.app, utcnow())

    persoon = _log_in(nieuwe_context)
    persoon.goto("/mijn-dossier")
    expect(persoon.locator(".antwoord")).to_contain_text("beslissen op uw bezwaar")
    persoon.goto("/bezwaar")
    persoon.get_by_role("link", name="Wat kunt u doen als wij te laat zijn?").click()
    voorbeeld = persoon.locator(".voorbeeldbrief")
    expect(voorbeeld).to_contain_text(KENMERK)
    expect(voorbeeld).to_contain_text(NAAM)
    expect(voorbeeld).to_contain_text(format_date(termijn, "long", locale="nl"))
    expect(persoon.get_by_role("table")).to_contain_text("1.442,00")
    with persoon.expect_download() as download:
        persoon.get_by_role("link", name="Download de voorbeeldbrief (pdf)").click()
    pdf = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    tekst = " ".join(pagina.extract_text() for pagina in pdf.pages)
    assert KENMERK in tekst and "ingebrekestelling" in tekst and "4:17" in tekst
