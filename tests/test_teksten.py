"""Every SMS and e-mail text, in every language: no links in SMS, no personal content,
one GSM-7 segment; and the whole way from a status change to the fake providers."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from notificaties import teksten
from notificaties.verzending import Verzender
from portal import talen
from portal.models import DevNotificatie, Notificatie
from portal.services import statuswijziging as wijzigen
from tests.conftest import met_providers
from tests.factories import maak_dossier, maak_medewerker, maak_traject, met_voorkeuren
from tests.nep_twilio import MESSAGING_SERVICE_SID

TALEN = tuple(talen.TALEN)
# GSM 03.38 basic character set: a text with only these fits 160 characters in one segment.
GSM7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
LINK = re.compile(r"https?://|www\.|\b[\w-]+\.(nl|com|org|net|eu|info)\b", re.IGNORECASE)
# Whatever a careless template might pick up from the data: none of it may ever show.
PERSOONLIJK = {
    "bsn": "999990019",
    "naam": "Jan de Vries",
    "bedrag": "€ 1.234,56",
    "diagnose": "burn-out",
    "kenmerk": "WIA-1000001",
}
VERBODEN = [*PERSOONLIJK.values(), "€", "dagloon", "diagnose", "ziekte", "medisch"]
NU = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)  # a Tuesday afternoon: SMS may go


def _gegevens(soort: str) -> dict[str, str]:
    return {**PERSOONLIJK, **teksten.VOORBEELDGEGEVENS.get(soort, {})}


@pytest.mark.parametrize("taal", TALEN)
@pytest.mark.parametrize("soort", teksten.SOORTEN)
def test_every_sms_fits_its_languages_limit_without_links_or_personal_content(app, soort, taal):
    with app.app_context():
        _, sms, html, _ = teksten.render(soort, "sms", taal, _gegevens(soort))
    assert html is None
    assert len(sms) <= talen.sms_max(taal), f"{len(sms)} characters: {sms}"
    if taal in talen.SMS_GSM7:  # one GSM-7 segment; the others are UCS-2 anyway
        assert set(sms) <= GSM7, f"not GSM-7: {set(sms) - GSM7}"
    assert not LINK.search(sms), sms
    for woord in VERBODEN:
        assert woord.lower() not in sms.lower(), f"{woord!r} in {sms!r}"


@pytest.mark.parametrize("taal", TALEN)
@pytest.mark.parametrize("soort", teksten.SOORTEN)
def test_every_email_has_no_personal_content_and_only_its_own_links(app, soort, taal):
    with app.app_context():
        onderwerp, tekst, html, _ = teksten.render(soort, "email", taal, _gegevens(soort))
    for deel in (onderwerp, tekst, html):
        for woord in VERBODEN:
            assert woord.lower() not in deel.lower(), f"{woord!r} in {soort}/{taal}"
    links = set(re.findall(r"https?://[^\s\"<>]+", tekst + html))
    toegestaan = ("/afmelden/", "/e-mail-bevestigen/")
    assert all(any(pad in link for pad in toegestaan) for link in links), links
    assert f'<html lang="{taal}" dir="{talen.richting(taal)}">' in html


@pytest.mark.parametrize("soort", [s for s in teksten.SOORTEN if s not in teksten.ZONDER_AFMELDEN])
def test_every_news_email_carries_one_click_unsubscribe(app, soort):
    with app.app_context():
        _, tekst, html, kopteksten = teksten.render(soort, "email", "nl", {}, burger_id=7)
    assert kopteksten["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = kopteksten["List-Unsubscribe"].strip("<>")
    assert link in tekst and link in html
    with app.app_context():
        assert teksten.burger_van_afmeldtoken(link.rsplit("/", 1)[1]) == 7


def test_the_texts_follow_the_language(app):
    with app.app_context():
        _, nl, _, _ = teksten.render("kwartaalupdate", "sms", "nl", {})
        _, en, _, _ = teksten.render("kwartaalupdate", "sms", "en", {})
    assert nl.startswith("UWV:") and en.startswith("UWV:") and nl != en


def test_casemanagers_preview_every_template_in_every_language(client, db):
    from tests.conftest import log_in

    medewerker = maak_medewerker(db)
    db.commit()
    log_in(client, medewerker)
    for taal in TALEN:
        pagina = client.get(f"/medewerker/berichtsjablonen?taal={taal}").get_data(as_text=True)
        for soort in teksten.SOORTEN:
            assert f'id="sjabloon-{soort}"' in pagina
        html = client.get(f"/medewerker/berichtsjablonen/kwartaalupdate/email.html?taal={taal}")
        assert html.status_code == 200 and f'lang="{taal}"' in html.get_data(as_text=True)
    assert client.get("/medewerker/berichtsjablonen/bestaat-niet/email.html").status_code == 404


def _wijzig_status(db, burger_taal="nl"):
    dossier = maak_dossier(db)
    dossier.burger.taal = burger_taal
    met_voorkeuren(db, dossier.burger)
    traject = maak_traject(db, dossier=dossier, route=("in_onderzoek",))
    medewerker = maak_medewerker(db)
    db.commit()
    wijzigen.wijzig_status(
        db,
        traject,
        wijzigen.Wijziging(naar="onderzoek_afgerond", toelichting=None, volgende_update_op=None),
        verwacht_van="in_onderzoek",
        medewerker=medewerker,
        trace_id="t" * 32,
        nu=NU,
    )
    return dossier.burger


def test_a_status_change_reaches_the_dev_inbox_in_demo(maak_app):
    app = maak_app(DEV_KANAAL=True)
    db = app.extensions["portal.sessionmaker"]()
    burger = _wijzig_status(db)

    uitkomsten = Verzender(app).dispatch(NU)

    assert uitkomsten == {"verzonden": 2}
    ontvangen = {b.kanaal: b for b in db.scalars(select(DevNotificatie))}
    assert ontvangen["sms"].adres == burger.telefoon
    assert ontvangen["email"].adres == burger.email
    assert "WIA-portaal" in ontvangen["sms"].tekst
    db.close()


def test_a_status_change_goes_out_through_twilio_and_smtp_in_the_persons_language(
    maak_app, nep_twilio, smtp_server
):
    app = maak_app(**met_providers(nep_twilio, smtp_server))
    db = app.extensions["portal.sessionmaker"]()
    burger = _wijzig_status(db, burger_taal="en")

    assert Verzender(app).dispatch(NU) == {"verzonden": 2}

    (sms,) = nep_twilio.berichten
    assert (sms.to, sms.messaging_service_sid) == (burger.telefoon, MESSAGING_SERVICE_SID)
    assert sms.status_callback == "https://portaal.uwv.test/webhooks/twilio/status"
    assert sms.body.startswith("UWV:") and "nieuws" not in sms.body  # English
    (mail,) = smtp_server.ontvangen
    assert mail.ontvangers == [burger.email]
    assert mail.bericht["List-Unsubscribe"].startswith("<https://portaal.uwv.test/afmelden/")
    rijen = db.scalars(select(Notificatie).order_by(Notificatie.kanaal)).all()
    assert [r.provider_id for r in rijen] == [mail.bericht["Message-ID"].strip("<>"), sms.sid]
    # Sent once: a second run finds nothing due.
    assert Verzender(app).dispatch(NU) == {}
    db.close()


def test_without_configured_providers_a_test_send_fails_instead_of_going_out(maak_app):
    app = maak_app(DEV_KANAAL=False)
    db = app.extensions["portal.sessionmaker"]()
    _wijzig_status(db)

    assert Verzender(app).dispatch(NU) == {"mislukt": 2}
    db.close()
