"""DigiD Machtigen through the real OIDC provider: a login with the broker's mandate claims
acts for the represented person, scoped to them, says so on every page and is logged; a
mandate for another service, or for someone without a dossier, is refused."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from portal.models import Sessie, Vertegenwoordiging, Verwerkingslog
from tests import oidc
from tests.conftest import csrf_token, log_in
from tests.factories import maak_burger, maak_dossier, maak_medewerker, maak_traject
from tests.oidc import ACR_BASIS, ACR_SUBSTANTIEEL, log_in_via_provider

oidc_provider = oidc.oidc_provider
maak_oidc_app = oidc.maak_oidc_app
oidc_app = oidc.oidc_app

DIENST = "urn:nl:uwv:wia-clientportaal"


@pytest.fixture
def mensen(db):
    casemanager = maak_medewerker(db, rollen="casemanager")
    burger = maak_burger(db, voornamen="Jan", tussenvoegsel="", achternaam="Jansen")
    dossier = maak_dossier(db, burger=burger, casemanager=casemanager)
    maak_traject(db, dossier=dossier, soort="dagloon")
    ander = maak_burger(db)
    maak_dossier(db, burger=ander)
    gemachtigde = maak_burger(db)  # a BSN without a dossier of their own
    db.commit()
    return burger, ander, gemachtigde, casemanager


def _claims(voor: str, door: str, **extra: object) -> dict[str, object]:
    return {
        "aanvrager.bsn": voor,
        "gemachtigde.bsn": door,
        "service_id": DIENST,
        "acr": ACR_SUBSTANTIEEL,
        **extra,
    }


def test_a_mandate_login_acts_for_the_represented_person_and_every_page_says_so(
    oidc_app, oidc_provider, db, mensen
):
    burger, ander, gemachtigde, casemanager = mensen
    oidc_provider.zet_gebruiker("machtiging", _claims(burger.bsn, gemachtigde.bsn))
    client = oidc_app.test_client()
    poging = log_in_via_provider(client, oidc_provider, start="/inloggen/digid", sub="machtiging")
    assert poging.antwoord.headers["Location"] == "/mijn-dossier"
    sessie = db.scalar(select(Sessie))
    assert sessie.burger_id == burger.id and sessie.vertegenwoordiging_id is not None
    rij = db.get(Vertegenwoordiging, sessie.vertegenwoordiging_id)
    assert (rij.soort, rij.status, rij.dienst) == ("machtiging", "actief", DIENST)
    assert rij.vertegenwoordiger_bsn == gemachtigde.bsn
    for pad in ("/mijn-dossier", "/berichten", "/vragen", "/brieven", "/sms-en-e-mail"):
        pagina = client.get(pad).get_data(as_text=True)
        assert "U handelt namens Jan Jansen." in pagina, pad
        assert "machtiging via DigiD Machtigen" in pagina, pad
    # Scoped to the represented person: another person's question is not found.
    assert ander.naam not in client.get("/mijn-dossier").get_data(as_text=True)
    # The log holds every page, "namens", for the person to read.
    regels = db.scalars(
        select(Verwerkingslog).where(Verwerkingslog.vertegenwoordiging_id == rij.id)
    ).all()
    assert len(regels) >= 5 and {r.burger_id for r in regels} == {burger.id}
    persoon = oidc_app.test_client()
    log_in(persoon, burger)
    bekeken = persoon.get("/wie-heeft-mijn-dossier-bekeken").get_data(as_text=True)
    assert "Iemand met een machtiging van u heeft" in bekeken
    begeleiders = persoon.get("/begeleiders").get_data(as_text=True)
    assert "Iemand met een machtiging" in begeleiders
    # And the casemanager sees it.
    staf = oidc_app.test_client()
    log_in(staf, casemanager)
    stafpagina = staf.get(f"/medewerker/dossiers/{burger.dossier.kenmerk}").get_data(as_text=True)
    assert "Gemachtigde (DigiD Machtigen)" in stafpagina


def test_a_bewindvoerder_with_nested_claims_is_named_as_such(oidc_app, oidc_provider, db, mensen):
    burger, _, gemachtigde, _ = mensen
    oidc_provider.zet_gebruiker(
        "bewind",
        {
            "aanvrager": {"bsn": burger.bsn},
            "gemachtigde": {"bsn": gemachtigde.bsn},
            "service_id": DIENST,
            "vertegenwoordiging": "bewindvoering",
            "acr": ACR_SUBSTANTIEEL,
        },
    )
    client = oidc_app.test_client()
    log_in_via_provider(client, oidc_provider, start="/inloggen/digid", sub="bewind")
    pagina = client.get("/mijn-dossier").get_data(as_text=True)
    assert "U handelt namens Jan Jansen." in pagina and "U bent bewindvoerder" in pagina
    assert db.scalar(select(Vertegenwoordiging.soort)) == "bewindvoering"


@pytest.mark.parametrize(
    ("claims", "reden", "uitleg"),
    [
        ({"service_id": "urn:nl:belastingdienst:aangifte"}, "andere_dienst", "andere dienst"),
        ({"service_id": None}, "andere_dienst", "andere dienst"),
        ({"acr": ACR_BASIS}, "niveau_te_laag", "Substantieel"),
        ({"gemachtigde.bsn": "123456789"}, "bsn_ongeldig", "burgerservicenummer dat niet klopt"),
        ({"gemachtigde.bsn": None}, "gegevens_ontbreken", "niet alle gegevens"),
    ],
)
def test_a_mandate_we_cannot_accept_is_refused_and_opens_nothing(
    oidc_app, oidc_provider, db, mensen, claims, reden, uitleg
):
    burger, _, gemachtigde, _ = mensen
    volledig = {k: v for k, v in {**_claims(burger.bsn, gemachtigde.bsn), **claims}.items() if v}
    oidc_provider.zet_gebruiker(f"m-{reden}", volledig)
    client = oidc_app.test_client()
    poging = log_in_via_provider(client, oidc_provider, start="/inloggen/digid", sub=f"m-{reden}")
    assert poging.antwoord.status_code in (400, 403)
    assert uitleg in poging.antwoord.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(Sessie)) == 0
    assert db.scalar(select(func.count()).select_from(Vertegenwoordiging)) == 0
    assert client.get("/mijn-dossier").status_code == 302


def test_a_mandate_for_someone_without_a_dossier_is_refused(oidc_app, oidc_provider, db, mensen):
    _, _, gemachtigde, _ = mensen
    zonder = maak_burger(db)
    db.commit()
    oidc_provider.zet_gebruiker("m-leeg", _claims(zonder.bsn, gemachtigde.bsn))
    client = oidc_app.test_client()
    poging = log_in_via_provider(client, oidc_provider, start="/inloggen/digid", sub="m-leeg")
    assert poging.antwoord.status_code == 403
    assert "bij de persoon voor wie u wilt inloggen" in poging.antwoord.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(Sessie)) == 0


def test_a_gemachtigde_may_act_but_not_invite_begeleiders(oidc_app, oidc_provider, db, mensen):
    burger, _, gemachtigde, _ = mensen
    oidc_provider.zet_gebruiker("machtiging", _claims(burger.bsn, gemachtigde.bsn))
    client = oidc_app.test_client()
    log_in_via_provider(client, oidc_provider, start="/inloggen/digid", sub="machtiging")
    token = csrf_token(client, "/vragen/nieuw")
    antwoord = client.post(
        "/vragen/nieuw",
        data={"csrf_token": token, "onderwerp": "algemeen", "tekst": "Wanneer hoor ik meer?"},
    )
    assert antwoord.status_code == 303
    antwoord = client.post(
        "/begeleiders/uitnodigen",
        data={"csrf_token": token, "naam": "X", "email": "x@example.nl"},
    )
    assert antwoord.status_code == 403
    assert "Alleen Jan Jansen zelf kan dit zien en regelen" in antwoord.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(Vertegenwoordiging)) == 1
