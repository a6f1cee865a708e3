"""Someone acting for the person, in a real browser with a real DigiD code flow (the local
OIDC provider): a person invites a begeleider on a phone, the begeleider logs in with their
own DigiD and gets a code, the person confirms it, and the begeleider then sees the dossier
and may do only what was allowed; a login with DigiD Machtigen claims acts for the
represented person and every page says so."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select
from stdnum.nl import bsn as stdnum_bsn

from portal.models import Burger, Dossier, Notificatie, Traject, utcnow
from portal.tijd import vandaag
from tests.browser.conftest import Portaal, knop_voor_persoon
from tests.browser.test_toegankelijkheid import controleer
from tests.oidc import ACR_SUBSTANTIEEL, Provider

pytestmark = pytest.mark.browser

DIENST = "urn:nl:uwv:wia-clientportaal"


def _bsn(begin: int) -> str:
    getal = begin
    while not stdnum_bsn.is_valid(f"{getal:09d}"):
        getal += 1
    return f"{getal:09d}"


def _persoon(portaal: Portaal, bsn: str, voornaam: str, kenmerk: str) -> None:
    with portaal.app.app_context():
        session = portaal.app.extensions["portal.sessionmaker"]()
        burger = Burger(bsn=bsn, voornamen=voornaam, achternaam="Vermeulen", taal="nl")
        dossier = Dossier(kenmerk=kenmerk, burger=burger)
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


def _digid(page: Page, sub: str) -> None:
    """The provider's login form, as the browser shows it."""
    page.locator("input[name=sub]").fill(sub)
    with page.expect_navigation():
        page.get_by_role("button", name="Authorize").click()


def test_a_begeleider_is_invited_confirmed_and_sees_only_what_was_allowed(
    portaal: Portaal, nieuwe_context, oidc_provider: Provider
):
    _persoon(portaal, _bsn(999994100), "Noor", "WIA-1900410")
    hulp_bsn = _bsn(999994200)
    oidc_provider.zet_gebruiker("anna", {"bsn": hulp_bsn, "acr": ACR_SUBSTANTIEEL})

    persoon = nieuwe_context(breedte=375, hoogte=812).new_page()
    persoon.goto("/demo/inloggen")
    with persoon.expect_navigation():
        knop_voor_persoon(persoon, "Noor Vermeulen").click()
    persoon.goto("/begeleiders")
    persoon.get_by_role("button", name="Uitnodiging sturen").click()  # empty: refused
    expect(persoon.locator(".foutoverzicht")).to_contain_text("Vul de naam in")
    persoon.get_by_label("Naam van uw begeleider").fill("Anna Smit")
    persoon.get_by_label("E-mailadres van uw begeleider").fill("anna@example.nl")
    persoon.get_by_label("Vragen stellen en meldingen doen").check()
    persoon.get_by_role("button", name="Uitnodiging sturen").click()
    expect(persoon.locator(".melding--succes")).to_contain_text("uitnodiging gestuurd")

    with portaal.app.app_context():
        session = portaal.app.extensions["portal.sessionmaker"]()
        mail = session.scalar(
            select(Notificatie).where(
                Notificatie.soort == "begeleider_uitnodiging",
                Notificatie.adres == "anna@example.nl",
            )
        )
        code = mail.gegevens["code"]
        session.close()

    begeleider = nieuwe_context(breedte=375, hoogte=812).new_page()
    begeleider.goto("/begeleider")
    begeleider.get_by_label("Uitnodigingscode (alleen de eerste keer)").fill(code)
    with begeleider.expect_navigation():
        begeleider.get_by_role("button", name="Inloggen met DigiD").click()
    _digid(begeleider, "anna")
    expect(begeleider.get_by_role("heading", level=1)).to_have_text("Geef deze code door")
    bevestiging = begeleider.locator(".code").inner_text().strip()
    controleer(begeleider, "nl", "telefoon")
    expect(begeleider.locator("body")).not_to_contain_text("Noor Vermeulen")

    persoon.goto("/begeleiders")
    controleer(persoon, "nl", "telefoon")  # with the confirmation form
    persoon.get_by_label("Code van uw begeleider").fill(bevestiging)
    persoon.get_by_role("button", name="Bevestigen").click()
    expect(persoon.locator(".melding--succes")).to_contain_text("Anna Smit is nu uw begeleider")

    begeleider.goto("/begeleider")
    with begeleider.expect_navigation():
        begeleider.get_by_role("button", name="Inloggen met DigiD").click()
    _digid(begeleider, "anna")
    expect(begeleider).to_have_url(portaal("/mijn-dossier"))
    expect(begeleider.locator(".namensbalk")).to_contain_text("U handelt namens Noor Vermeulen.")
    controleer(begeleider, "nl", "telefoon")

    # Allowed: a question.
    begeleider.goto("/vragen/nieuw")
    expect(begeleider.locator(".namensbalk")).to_be_visible()
    begeleider.get_by_label("Uw vraag").fill("Wanneer hoort Noor meer over haar dagloon?")
    begeleider.get_by_role("button", name="Vraag versturen").click()
    expect(begeleider.locator(".melding--succes")).to_contain_text("Wij hebben uw vraag ontvangen")
    # Not allowed: where the messages go.
    begeleider.goto("/sms-en-e-mail")
    begeleider.locator("form[action$='/sms-en-e-mail/email'] input[type=email]").fill(
        "anna@example.nl"
    )
    begeleider.locator("form[action$='/sms-en-e-mail/email'] button[type=submit]").click()
    expect(begeleider.get_by_role("heading", level=1)).to_have_text("Dit mag u niet doen")
    controleer(begeleider, "nl", "telefoon")
    # Managing begeleiders is the person's alone.
    begeleider.goto("/begeleiders")
    expect(begeleider.get_by_role("heading", level=1)).to_have_text("Dit mag u niet doen")

    persoon.goto("/wie-heeft-mijn-dossier-bekeken")
    expect(persoon.locator("main")).to_contain_text("Uw begeleider Anna Smit heeft")
    expect(persoon.locator("main")).to_contain_text("geprobeerd iets te doen dat niet mocht")

    # The person ends it: the begeleider is out at the next click.
    persoon.goto("/begeleiders")
    persoon.get_by_role("button", name="Stoppen met Anna Smit").click()
    expect(persoon.locator(".melding--succes")).to_contain_text("geen begeleider meer")
    begeleider.goto("/mijn-dossier")
    expect(begeleider).to_have_url(portaal("/inloggen?terug=/mijn-dossier"))


def test_a_login_with_mandate_claims_acts_for_the_represented_person_on_every_page(
    portaal: Portaal, nieuwe_context, oidc_provider: Provider
):
    vertegenwoordigde = _bsn(999994300)
    _persoon(portaal, vertegenwoordigde, "Ruud", "WIA-1900430")
    oidc_provider.zet_gebruiker(
        "bewindvoerder",
        {
            "aanvrager.bsn": vertegenwoordigde,
            "gemachtigde.bsn": _bsn(999994400),
            "service_id": DIENST,
            "vertegenwoordiging": "bewindvoering",
            "acr": ACR_SUBSTANTIEEL,
        },
    )
    page = nieuwe_context(breedte=1280, hoogte=800).new_page()
    page.goto("/inloggen")
    with page.expect_navigation():
        page.get_by_role("link", name="Inloggen met DigiD").click()
    _digid(page, "bewindvoerder")
    expect(page).to_have_url(portaal("/mijn-dossier"))
    for pad in ("/mijn-dossier", "/berichten", "/vragen", "/brieven", "/sms-en-e-mail"):
        page.goto(pad)
        expect(page.locator(".namensbalk")).to_contain_text("U handelt namens Ruud Vermeulen.")
        expect(page.locator(".namensbalk")).to_contain_text("U bent bewindvoerder")
    expect(page.locator("header")).to_contain_text("Namens Ruud Vermeulen")
    controleer(page, "nl", "desktop")
