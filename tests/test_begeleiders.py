"""Someone the person trusts: invited by e-mail with a code, logged in with their own DigiD
(through the real OIDC provider), confirmed by the person with a second code; they see the
dossier, may do only what they were given, every step is logged "namens" and shown to the
person, and the person can end it at any time."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select, update

from portal.models import (
    Bericht,
    Burger,
    Notificatie,
    Sessie,
    Vertegenwoordiging,
    Verwerkingslog,
    Vraag,
    utcnow,
)
from portal.services import vertegenwoordiging as service
from tests import oidc
from tests.conftest import csrf_token, log_in
from tests.factories import maak_burger, maak_dossier, maak_medewerker, maak_traject
from tests.oidc import ACR_SUBSTANTIEEL, Provider, log_in_via_provider

oidc_provider = oidc.oidc_provider
maak_oidc_app = oidc.maak_oidc_app
oidc_app = oidc.oidc_app

BALK = "U handelt namens"


@pytest.fixture
def mensen(db):
    casemanager = maak_medewerker(db, rollen="casemanager")
    burger = maak_burger(db, voornamen="Pieter", tussenvoegsel="", achternaam="Bakker")
    dossier = maak_dossier(db, burger=burger, casemanager=casemanager)
    maak_traject(db, dossier=dossier, soort="dagloon")
    # The begeleider has a DigiD (a BSN) but no benefit: no dossier of their own.
    hulp = maak_burger(db, voornamen="Anna", tussenvoegsel="", achternaam="Smit")
    db.commit()
    return burger, hulp, casemanager


def _nodig_uit(client: FlaskClient, rechten=("vragen",), **velden) -> tuple[int, str]:
    token = csrf_token(client, "/begeleiders")
    data = {
        "csrf_token": token,
        "naam": "Anna Smit",
        "email": "anna@example.nl",
        "rechten": list(rechten),
        **velden,
    }
    return client.post("/begeleiders/uitnodigen", data=data).status_code, token


def _code_uit_mail(db) -> str:
    rij = db.scalar(select(Notificatie).where(Notificatie.soort == "begeleider_uitnodiging"))
    assert rij is not None and rij.adres == "anna@example.nl" and rij.kanaal == "email"
    return str(rij.gegevens["code"])


def _digid(client: FlaskClient, provider: Provider, sub: str, bsn: str):
    provider.zet_gebruiker(sub, {"bsn": bsn, "acr": ACR_SUBSTANTIEEL})
    return log_in_via_provider(client, provider, start="/inloggen/digid", sub=sub)


def _als_begeleider(client: FlaskClient, provider: Provider, bsn: str, code: str = ""):
    token = csrf_token(client, "/begeleider")
    antwoord = client.post("/begeleider", data={"csrf_token": token, "code": code})
    assert antwoord.status_code == 303 and antwoord.headers["Location"] == "/inloggen/digid"
    return _digid(client, provider, "hulp", bsn)


def _actief(oidc_app, db, oidc_provider, burger, hulp, rechten=("vragen",)) -> FlaskClient:
    """Invite, accept, confirm: a begeleider's client, logged in for ``burger``."""
    persoon = oidc_app.test_client()
    log_in(persoon, burger)
    assert _nodig_uit(persoon, rechten)[0] == 303
    begeleider = oidc_app.test_client()
    poging = _als_begeleider(begeleider, oidc_provider, hulp.bsn, _code_uit_mail(db))
    bevestiging = re.search(r'class="code"[^>]*>(\d{6})<', poging.antwoord.get_data(as_text=True))
    assert bevestiging, poging.antwoord.get_data(as_text=True)
    uitnodiging = db.scalar(select(Vertegenwoordiging))
    token = csrf_token(persoon, "/begeleiders")
    antwoord = persoon.post(
        f"/begeleiders/{uitnodiging.id}/bevestigen",
        data={"csrf_token": token, "code": bevestiging.group(1)},
    )
    assert antwoord.status_code == 303
    poging = _als_begeleider(begeleider, oidc_provider, hulp.bsn)
    assert poging.antwoord.headers["Location"] == "/mijn-dossier"
    return begeleider


def test_an_invited_begeleider_logs_in_with_own_digid_and_sees_the_dossier_after_confirmation(
    oidc_app, db, oidc_provider, mensen
):
    burger, hulp, casemanager = mensen
    persoon = oidc_app.test_client()
    log_in(persoon, burger)
    assert _nodig_uit(persoon)[0] == 303
    code = _code_uit_mail(db)
    mail = db.scalar(select(Notificatie).where(Notificatie.soort == "begeleider_uitnodiging"))
    assert burger.naam not in str(mail.gegevens)  # the invitee's mail names nobody

    begeleider = oidc_app.test_client()
    poging = _als_begeleider(begeleider, oidc_provider, hulp.bsn, code)
    pagina = poging.antwoord.get_data(as_text=True)
    assert poging.antwoord.status_code == 200 and "Geef deze code door" in pagina
    # Not in yet: no session, and the dossier asks for a login.
    assert db.scalar(select(func.count()).select_from(Sessie)) == 1  # the person's own
    assert begeleider.get("/mijn-dossier").status_code == 302
    assert burger.naam not in pagina  # an invitation alone shows nothing of the person

    bevestiging = re.search(r'class="code"[^>]*>(\d{6})<', pagina).group(1)
    uitnodiging = db.scalar(select(Vertegenwoordiging))
    token = csrf_token(persoon, "/begeleiders")
    persoon.post(
        f"/begeleiders/{uitnodiging.id}/bevestigen",
        data={"csrf_token": token, "code": bevestiging},
    )
    db.expire_all()
    assert db.get(Vertegenwoordiging, uitnodiging.id).status == "actief"

    poging = _als_begeleider(begeleider, oidc_provider, hulp.bsn)
    assert poging.antwoord.headers["Location"] == "/mijn-dossier"
    dossierpagina = begeleider.get("/mijn-dossier").get_data(as_text=True)
    assert BALK in dossierpagina and "Pieter Bakker" in dossierpagina
    # Every page says for whom the begeleider acts.
    for pad in ("/berichten", "/vragen", "/brieven", "/wat-kunt-u-verwachten", "/sms-en-e-mail"):
        antwoord = begeleider.get(pad)
        assert antwoord.status_code == 200, pad
        assert BALK in antwoord.get_data(as_text=True), pad

    # The casemanager sees who acts for the person, and how.
    staf = oidc_app.test_client()
    log_in(staf, casemanager)
    kenmerk = burger.dossier.kenmerk
    stafpagina = staf.get(f"/medewerker/dossiers/{kenmerk}").get_data(as_text=True)
    assert "Begeleider Anna Smit" in stafpagina and "Vragen stellen en meldingen doen" in stafpagina


def test_a_begeleider_may_do_only_what_the_person_allowed_and_a_refusal_is_logged(
    oidc_app, db, oidc_provider, mensen
):
    burger, hulp, _ = mensen
    begeleider = _actief(oidc_app, db, oidc_provider, burger, hulp, rechten=())
    token = csrf_token(begeleider, "/vragen/nieuw")
    antwoord = begeleider.post(
        "/vragen/nieuw",
        data={"csrf_token": token, "onderwerp": "algemeen", "tekst": "Wanneer hoor ik meer?"},
    )
    assert antwoord.status_code == 403
    assert "U mag dit niet namens die persoon doen" in antwoord.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(Vraag)) == 0
    geweigerd = db.scalars(
        select(Verwerkingslog).where(Verwerkingslog.resultaat == "geweigerd")
    ).all()
    assert [(r.burger_id, r.verwerkingsactiviteit) for r in geweigerd] == [
        (burger.id, "namens-geweigerd")
    ]
    # Managing begeleiders is the person's alone, even to look at.
    assert begeleider.get("/begeleiders").status_code == 403
    # Changing where messages go is not a begeleider's to do: it needs a mandate.
    token = csrf_token(begeleider, "/sms-en-e-mail")
    antwoord = begeleider.post(
        "/sms-en-e-mail/email", data={"csrf_token": token, "email": "anna@example.nl"}
    )
    assert antwoord.status_code == 403
    db.expire_all()
    assert db.get(type(burger), burger.id).email == burger.email
    assert (
        db.scalar(
            select(func.count())
            .select_from(Notificatie)
            .where(
                Notificatie.adres == "anna@example.nl",
                Notificatie.soort != "begeleider_uitnodiging",
            )
        )
        == 0
    )


def test_a_begeleider_with_the_right_to_ask_asks_a_question_logged_as_namens(
    oidc_app, db, oidc_provider, mensen
):
    burger, hulp, _ = mensen
    begeleider = _actief(oidc_app, db, oidc_provider, burger, hulp, rechten=("vragen",))
    token = csrf_token(begeleider, "/vragen/nieuw")
    antwoord = begeleider.post(
        "/vragen/nieuw",
        data={"csrf_token": token, "onderwerp": "algemeen", "tekst": "Wanneer hoor ik meer?"},
    )
    assert antwoord.status_code == 303
    vraag = db.scalar(select(Vraag))
    assert vraag is not None and vraag.burger_id == burger.id
    gedaan = db.scalars(
        select(Verwerkingslog).where(Verwerkingslog.verwerkingsactiviteit == "namens-doen")
    ).all()
    assert [(r.burger_id, r.object) for r in gedaan] == [(burger.id, "vragen.nieuw")]
    assert all(r.vertegenwoordiging_id is not None for r in gedaan)
    # The service's own row of the question is the begeleider's too, not the person's.
    gesteld = db.scalar(
        select(Verwerkingslog).where(Verwerkingslog.verwerkingsactiviteit == "vraag-stellen")
    )
    assert gesteld.vertegenwoordiging_id == gedaan[0].vertegenwoordiging_id
    # Its receipt is news for the person: they did not send it themselves.
    ontvangst = db.scalar(select(Bericht).where(Bericht.soort == "ontvangst"))
    assert ontvangst is not None and ontvangst.gelezen_op is None

    # The person reads it in "Wie heeft mijn dossier bekeken".
    persoon = oidc_app.test_client()
    log_in(persoon, burger)
    pagina = persoon.get("/wie-heeft-mijn-dossier-bekeken").get_data(as_text=True)
    assert "Uw begeleider Anna Smit heeft" in pagina
    assert "namens u iets ingestuurd" in pagina


def test_the_person_ends_a_begeleider_and_their_session_ends_at_once(
    oidc_app, db, oidc_provider, mensen
):
    burger, hulp, _ = mensen
    begeleider = _actief(oidc_app, db, oidc_provider, burger, hulp)
    assert begeleider.get("/mijn-dossier").status_code == 200
    persoon = oidc_app.test_client()
    log_in(persoon, burger)
    rij = db.scalar(select(Vertegenwoordiging))
    token = csrf_token(persoon, "/begeleiders")
    assert (
        persoon.post(f"/begeleiders/{rij.id}/stoppen", data={"csrf_token": token}).status_code
        == 303
    )
    assert begeleider.get("/mijn-dossier").status_code == 302
    # And DigiD alone no longer opens anything.
    poging = _als_begeleider(begeleider, oidc_provider, hulp.bsn)
    assert poging.antwoord.status_code == 403
    assert "nog voor niemand begeleider" in poging.antwoord.get_data(as_text=True)


@pytest.mark.parametrize(
    ("velden", "melding"),
    [
        ({"naam": ""}, "Vul de naam in"),
        ({"naam": "x" * 101}, "te lang"),
        ({"email": "geen-adres"}, "geldig e-mailadres"),
        ({"email": "x" * 250 + "@example.nl"}, "geldig e-mailadres"),
        ({"rechten": ["alles"]}, "Kies alleen uit de keuzes"),
    ],
)
def test_a_bad_invitation_is_refused_next_to_its_field_and_nothing_is_sent(
    client, db, mensen, velden, melding
):
    burger, _, _ = mensen
    log_in(client, burger)
    token = csrf_token(client, "/begeleiders")
    data = {"csrf_token": token, "naam": "Anna", "email": "anna@example.nl", **velden}
    antwoord = client.post("/begeleiders/uitnodigen", data=data)
    assert antwoord.status_code == 400
    assert melding in antwoord.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(Vertegenwoordiging)) == 0
    assert db.scalar(select(func.count()).select_from(Notificatie)) == 0


def test_an_invitation_to_the_persons_own_address_is_refused(client, db, mensen):
    burger, _, _ = mensen
    log_in(client, burger)
    token = csrf_token(client, "/begeleiders")
    antwoord = client.post(
        "/begeleiders/uitnodigen",
        data={"csrf_token": token, "naam": "Ik", "email": burger.email.upper()},
    )
    assert antwoord.status_code == 400
    assert "Dit is uw eigen e-mailadres" in antwoord.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(Vertegenwoordiging)) == 0


def test_an_expired_reused_or_unknown_invitation_code_is_refused(
    oidc_app, db, oidc_provider, mensen
):
    burger, hulp, _ = mensen
    persoon = oidc_app.test_client()
    log_in(persoon, burger)
    _nodig_uit(persoon)
    code = _code_uit_mail(db)

    onbekend = _als_begeleider(oidc_app.test_client(), oidc_provider, hulp.bsn, "AAAA-BBBB-CCCC")
    assert onbekend.antwoord.status_code == 400
    assert "Deze code kennen wij niet" in onbekend.antwoord.get_data(as_text=True)

    # The person cannot be their own begeleider.
    zelf = _als_begeleider(oidc_app.test_client(), oidc_provider, burger.bsn, code)
    assert "niet uw eigen begeleider" in zelf.antwoord.get_data(as_text=True)

    # Someone else who got hold of an invitation already used: refused.
    _als_begeleider(oidc_app.test_client(), oidc_provider, hulp.bsn, code)
    ander = maak_burger(db)
    db.commit()
    tweede = _als_begeleider(oidc_app.test_client(), oidc_provider, ander.bsn, code)
    assert "al gebruikt" in tweede.antwoord.get_data(as_text=True)

    db.execute(update(Vertegenwoordiging).values(uitnodiging_verloopt_op=utcnow() - timedelta(1)))
    db.commit()
    verlopen = _als_begeleider(oidc_app.test_client(), oidc_provider, hulp.bsn, code)
    assert "verlopen" in verlopen.antwoord.get_data(as_text=True)
    assert (
        db.scalar(
            select(func.count())
            .select_from(Sessie)
            .where(Sessie.vertegenwoordiging_id.is_not(None))
        )
        == 0
    )


def test_five_wrong_confirmation_codes_end_the_invitation(db, mensen):
    burger, hulp, _ = mensen
    nu = utcnow()
    uitnodiging = service.nodig_uit(
        db, burger, naam="Anna", email="anna@example.nl", rechten=[], nu=nu
    )
    code = _code_uit_mail(db)
    _rij, goed = service.neem_aan(db, code=code, bsn=hulp.bsn, nu=nu)
    fout = "000000" if goed != "000000" else "111111"
    for _ in range(service.MAX_POGINGEN - 1):
        with pytest.raises(service.BegeleiderFout, match="bevestiging_fout"):
            service.bevestig(db, burger.id, uitnodiging.id, fout, nu)
    with pytest.raises(service.BegeleiderFout, match="bevestiging_op"):
        service.bevestig(db, burger.id, uitnodiging.id, fout, nu)
    assert uitnodiging.status == "beeindigd"
    # Even the right code does nothing now.
    with pytest.raises(service.BegeleiderFout, match="niet_te_bevestigen"):
        service.bevestig(db, burger.id, uitnodiging.id, goed, nu)


def test_another_persons_begeleider_cannot_be_confirmed_or_ended(client, db, mensen):
    burger, _, _ = mensen
    uitnodiging = service.nodig_uit(
        db, burger, naam="Anna", email="anna@example.nl", rechten=[], nu=utcnow()
    )
    ander = maak_burger(db)
    maak_dossier(db, burger=ander)
    db.commit()
    log_in(client, ander)
    token = csrf_token(client, "/begeleiders")
    for actie in ("bevestigen", "stoppen"):
        antwoord = client.post(
            f"/begeleiders/{uitnodiging.id}/{actie}", data={"csrf_token": token, "code": "1"}
        )
        assert antwoord.status_code == 404, actie
    db.expire_all()
    assert db.get(Vertegenwoordiging, uitnodiging.id).status == "uitgenodigd"


def test_a_begeleider_reading_a_message_leaves_it_new_for_the_person(
    oidc_app, db, oidc_provider, mensen
):
    from portal.models import Bericht, Traject
    from portal.services.statuswijziging import Wijziging, wijzig_status

    burger, hulp, _ = mensen
    traject = db.scalar(select(Traject).where(Traject.dossier_id == burger.dossier.id))
    wijzig_status(
        db,
        traject,
        Wijziging("onderzoek_afgerond", None, None),
        verwacht_van="in_onderzoek",
        medewerker=None,
        trace_id="t" * 32,
        nu=utcnow(),
    )
    db.commit()
    bericht = db.scalar(select(Bericht).where(Bericht.burger_id == burger.id))
    begeleider = _actief(oidc_app, db, oidc_provider, burger, hulp)
    assert begeleider.get(f"/berichten/{bericht.id}").status_code == 200
    db.expire_all()
    assert db.get(Bericht, bericht.id).gelezen_op is None
    gezien = db.scalars(
        select(Verwerkingslog.object).where(Verwerkingslog.vertegenwoordiging_id.is_not(None))
    ).all()
    assert f"berichten.bericht:{bericht.id}" in gezien


def test_a_begeleider_chooses_the_language_of_their_own_session_only(
    oidc_app, db, oidc_provider, mensen
):
    burger, hulp, _ = mensen
    begeleider = _actief(oidc_app, db, oidc_provider, burger, hulp)
    token = csrf_token(begeleider, "/mijn-dossier")
    antwoord = begeleider.post("/taal", data={"csrf_token": token, "taal": "ar"})
    assert antwoord.status_code == 303
    assert 'lang="ar"' in begeleider.get("/mijn-dossier").get_data(as_text=True)
    db.expire_all()
    assert db.get(Burger, burger.id).taal == "nl"  # the person's messages stay in Dutch
    # Logging in and out or the language are not the person's data: not in their log.
    objecten = db.scalars(
        select(Verwerkingslog.object).where(Verwerkingslog.vertegenwoordiging_id.is_not(None))
    ).all()
    assert not [o for o in objecten if o.startswith(("taal.", "auth."))]


def test_a_begeleider_cannot_rate_a_contact_or_read_who_looked_at_the_dossier(
    oidc_app, db, oidc_provider, mensen
):
    burger, hulp, _ = mensen
    begeleider = _actief(oidc_app, db, oidc_provider, burger, hulp, rechten=("vragen", "uploaden"))
    token = csrf_token(begeleider, "/mijn-dossier")
    antwoord = begeleider.post("/feedback/gesprek", data={"csrf_token": token})
    assert antwoord.status_code == 403
    antwoord = begeleider.get("/wie-heeft-mijn-dossier-bekeken")
    assert antwoord.status_code == 403
    assert "Alleen Pieter Bakker zelf kan dit zien en regelen" in antwoord.get_data(as_text=True)


def test_the_choice_between_people_lasts_minutes_not_a_cookies_lifetime(oidc_app, db, mensen):
    burger, hulp, _ = mensen
    rij = Vertegenwoordiging(
        burger_id=burger.id,
        soort="begeleider",
        status="actief",
        naam="Anna",
        vertegenwoordiger_bsn=hulp.bsn,
        rechten=[],
        bevestiging_pogingen=0,
    )
    db.add(rij)
    db.commit()
    client = oidc_app.test_client()
    for tot, verwacht in ((utcnow() + timedelta(minutes=4), 200), (utcnow() - timedelta(1), 303)):
        with client.session_transaction() as flask_sessie:
            flask_sessie["begeleider_keuzes"] = {"ids": [rij.id], "tot": tot.isoformat()}
        assert client.get("/begeleider/kies").status_code == verwacht
    # A bare list (or anything else) opens nothing.
    with client.session_transaction() as flask_sessie:
        flask_sessie["begeleider_keuzes"] = [rij.id]
    assert client.get("/begeleider/kies").status_code == 303


def test_an_expired_invitation_cannot_be_confirmed_and_does_not_count(db, mensen):
    burger, hulp, _ = mensen
    nu = utcnow()
    uitnodiging = service.nodig_uit(
        db, burger, naam="Anna", email="anna@example.nl", rechten=[], nu=nu
    )
    _rij, goed = service.neem_aan(db, code=_code_uit_mail(db), bsn=hulp.bsn, nu=nu)
    later = nu + service.UITNODIGING_GELDIG + timedelta(minutes=1)
    with pytest.raises(service.BegeleiderFout, match="code_verlopen"):
        service.bevestig(db, burger.id, uitnodiging.id, goed, later)
    for nummer in range(service.MAX_BEGELEIDERS):  # the expired one leaves room for five
        service.nodig_uit(
            db, burger, naam=f"B{nummer}", email=f"b{nummer}@example.nl", rechten=[], nu=later
        )
    with pytest.raises(service.BegeleiderFout, match="te_veel"):
        service.nodig_uit(db, burger, naam="Z", email="z@example.nl", rechten=[], nu=later)
