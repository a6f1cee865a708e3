"""Berichten en herinneringen: proving a number or address, the switches, and what they send."""

import hashlib
import re
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import func, select

import notificaties
from notificaties import dispatcher, teksten
from notificaties.kanalen import Uitgaand
from notificaties.outbox import vraag_aan
from portal.models import Burger, Notificatie, Notificatievoorkeur, Verificatie, utcnow
from portal.services import voorkeuren
from portal.services.statuswijziging import Wijziging, wijzig_status
from portal.services.voorkeuren import NotificatievoorkeurFout
from tests.conftest import csrf_token, log_in
from tests.factories import (
    maak_burger,
    maak_dossier,
    maak_medewerker,
    maak_traject,
    met_voorkeuren,
)

PAD = "/sms-en-e-mail"
# A Tuesday afternoon in Amsterdam, for the service calls where time matters.
NU = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
ZONDER_STILTIJD = dispatcher.Instellingen(stiltijd=None)


def _ingelogd(client, db, **velden):
    burger = maak_burger(db, **velden)
    db.commit()
    log_in(client, burger)
    return burger


def _rijen(db, **filter_):
    db.expire_all()
    return db.scalars(select(Notificatie).filter_by(**filter_).order_by(Notificatie.id)).all()


def _tel(db, model, *voorwaarden):
    db.expire_all()
    return db.scalar(select(func.count()).select_from(model).where(*voorwaarden))


def _geheim(app):
    return app.config["SECRET_KEY"]


def _vraag_code(client, nummer):
    return client.post(
        f"{PAD}/telefoon",
        data={"nieuw-telefoon": nummer, "csrf_token": csrf_token(client, PAD)},
    )


def _typ_code(client, code):
    return client.post(
        f"{PAD}/telefoon/code",
        data={"code": code, "csrf_token": csrf_token(client, f"{PAD}/telefoon/code")},
    )


def _laatste_code(db, burger):
    (rij,) = _rijen(db, burger_id=burger.id, soort="verificatiecode")[-1:]
    return rij.gegevens["code"]


def _zet(client, sms=(), email=()):
    data = {"keuze-sms": list(sms), "keuze-email": list(email)}
    return client.post(f"{PAD}/keuzes", data={**data, "csrf_token": csrf_token(client, PAD)})


def _voorkeuren(db, burger):
    db.expire_all()
    return set(
        db.execute(
            select(Notificatievoorkeur.kanaal, Notificatievoorkeur.soort).where(
                Notificatievoorkeur.burger_id == burger.id
            )
        ).all()
    )


def _aangevinkt(html):
    """The (kanaal, soort) of every ticked box on the preferences page."""
    vakjes = re.findall(r"<input [^>]*type=\"checkbox\"[^>]*>", html)
    return {
        (re.search(r'name="keuze-(\w+)"', v).group(1), re.search(r'value="(\w+)"', v).group(1))
        for v in vakjes
        if re.search(r"\bchecked\b", v)
    }


def _pagina(client, pad):
    response = client.get(pad)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _verse(db, burger):
    db.expire_all()
    return db.get(Burger, burger.id)


# --- the mobile number ----------------------------------------------------------------------


def test_a_mobile_number_gets_a_code_and_typing_it_verifies_the_number(client, db):
    burger = _ingelogd(client, db, telefoon=None)

    response = _vraag_code(client, "06 12345678")

    assert response.status_code == 303
    assert response.headers["Location"] == f"{PAD}/telefoon/code"
    (rij,) = _rijen(db, burger_id=burger.id)
    assert (rij.soort, rij.kanaal, rij.adres, rij.status) == (
        "verificatiecode",
        "sms",
        "+31612345678",
        "wachtend",
    )
    pagina = client.get(f"{PAD}/telefoon/code")
    assert pagina.status_code == 200
    assert "06 12345678" in pagina.get_data(as_text=True)
    assert _verse(db, burger).telefoon_geverifieerd_op is None  # not before the code

    response = _typ_code(client, rij.gegevens["code"])

    assert response.status_code == 303
    assert response.headers["Location"] == f"{PAD}#keuzes"
    burger = _verse(db, burger)
    assert burger.telefoon == "+31612345678"
    assert burger.telefoon_geverifieerd_op is not None
    overzicht = client.get(PAD)
    assert overzicht.status_code == 200
    assert "Uw mobiele nummer is bevestigd" in overzicht.get_data(as_text=True)


def test_the_code_is_kept_only_as_a_keyed_hash(app, db):
    burger = maak_burger(db)
    db.commit()

    voorkeuren.vraag_sms_code(db, burger, "06 12345678", geheim=_geheim(app), nu=NU)

    code = _laatste_code(db, burger)
    verificatie = db.scalar(select(Verificatie).where(Verificatie.burger_id == burger.id))
    opgeslagen = [str(getattr(verificatie, kolom.key)) for kolom in Verificatie.__table__.c]
    assert not any(code in waarde for waarde in opgeslagen)
    assert verificatie.code_hash != hashlib.sha256(code.encode()).hexdigest()


@pytest.mark.parametrize(
    ("invoer", "melding"),
    [
        ("020 123 4567", "Dit is een vast nummer. Een sms kan alleen naar een mobiel nummer."),
        ("06 1234", "Dit nummer klopt niet."),
        ("bel me maar", "Dit nummer klopt niet."),
    ],
)
def test_a_landline_or_garbage_number_is_refused_beside_the_field_and_nothing_sent(
    client, db, invoer, melding
):
    _ingelogd(client, db, telefoon=None)

    response = _vraag_code(client, invoer)
    html = response.get_data(as_text=True)

    assert response.status_code == 400
    assert melding in html
    assert 'id="nieuw-telefoon-fout"' in html
    assert f'value="{invoer}"' in html
    assert 'aria-invalid="true"' in html
    assert _tel(db, Notificatie) == 0
    assert _tel(db, Verificatie) == 0


def test_a_wrong_code_says_how_many_tries_are_left(client, db):
    burger = _ingelogd(client, db, telefoon=None)
    _vraag_code(client, "06 12345678")
    goed = _laatste_code(db, burger)
    fout = "000000" if goed != "000000" else "111111"

    response = _typ_code(client, fout)
    html = response.get_data(as_text=True)

    assert response.status_code == 400
    assert "De code klopt niet. U kunt het nog 4 keer proberen." in html
    assert 'aria-invalid="true"' in html
    assert _verse(db, burger).telefoon_geverifieerd_op is None


def test_after_five_wrong_tries_even_the_right_code_is_refused(client, db):
    burger = _ingelogd(client, db, telefoon=None)
    _vraag_code(client, "06 12345678")
    goed = _laatste_code(db, burger)
    fout = "000000" if goed != "000000" else "111111"

    for _ in range(4):
        _typ_code(client, fout)
    vijfde = _typ_code(client, fout).get_data(as_text=True)
    response = _typ_code(client, goed)

    assert "te vaak verkeerd ingevuld" in vijfde
    assert response.status_code == 400
    assert "U heeft de code te vaak verkeerd ingevuld. Vraag een nieuwe code aan." in (
        response.get_data(as_text=True)
    )
    assert _verse(db, burger).telefoon_geverifieerd_op is None


def test_a_code_older_than_ten_minutes_is_refused(app, db):
    burger = maak_burger(db, telefoon=None)
    db.commit()
    voorkeuren.vraag_sms_code(db, burger, "06 12345678", geheim=_geheim(app), nu=NU)
    code = _laatste_code(db, burger)

    with pytest.raises(NotificatievoorkeurFout) as fout:
        voorkeuren.controleer_sms_code(
            db, burger, code, geheim=_geheim(app), nu=NU + timedelta(minutes=11)
        )

    assert fout.value.reden == "verlopen"
    assert _verse(db, burger).telefoon_geverifieerd_op is None


def test_a_code_within_ten_minutes_works(app, db):
    burger = maak_burger(db, telefoon=None)
    db.commit()
    voorkeuren.vraag_sms_code(db, burger, "06 12345678", geheim=_geheim(app), nu=NU)

    voorkeuren.controleer_sms_code(
        db, burger, _laatste_code(db, burger), geheim=_geheim(app), nu=NU + timedelta(minutes=9)
    )

    assert _verse(db, burger).telefoon_geverifieerd_op == NU + timedelta(minutes=9)


def test_a_fourth_code_within_the_hour_is_refused_and_after_an_hour_it_works(client, app, db):
    burger = _ingelogd(client, db, telefoon=None)
    for _ in range(3):
        assert _vraag_code(client, "06 12345678").status_code == 303

    response = _vraag_code(client, "06 12345678")

    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "U heeft al 3 keer een code gevraagd. Probeer het over een uur opnieuw." in html
    assert 'value="06 12345678"' in html
    assert _tel(db, Notificatie) == 3
    voorkeuren.vraag_sms_code(
        db,
        _verse(db, burger),
        "06 12345678",
        geheim=_geheim(app),
        nu=utcnow() + timedelta(hours=1, seconds=1),
    )
    assert _tel(db, Notificatie) == 4


def test_a_new_number_tells_the_old_one_only_after_it_is_verified(client, db):
    burger = _ingelogd(client, db, telefoon="+31687654321", telefoon_geverifieerd_op=NU)

    _vraag_code(client, "06 12345678")

    assert _rijen(db, soort="adres_gewijzigd") == []
    assert _verse(db, burger).telefoon == "+31687654321"  # still the old one until proven

    _typ_code(client, _laatste_code(db, burger))

    (melding,) = _rijen(db, soort="adres_gewijzigd")
    assert (melding.kanaal, melding.adres, melding.burger_id) == ("sms", "+31687654321", burger.id)
    assert _verse(db, burger).telefoon == "+31612345678"


def test_another_persons_open_code_does_not_count_for_me(client, app, db):
    ander = maak_burger(db, telefoon=None)
    burger = _ingelogd(client, db, telefoon=None)
    voorkeuren.vraag_sms_code(db, ander, "06 11112222", geheim=_geheim(app))
    code_van_ander = _laatste_code(db, ander)

    # The other person's code neither verifies my number nor shows on my code page.
    pagina = _pagina(client, f"{PAD}/telefoon/code")
    assert "Er is geen code die nog werkt" in pagina
    assert "06 11112222" not in pagina
    assert "06 11112222" not in _pagina(client, PAD)
    assert _typ_code(client, code_van_ander).status_code == 400

    _vraag_code(client, "06 12345678")
    mijn_code = _laatste_code(db, burger)
    if mijn_code != code_van_ander:
        assert "De code klopt niet" in _typ_code(client, code_van_ander).get_data(as_text=True)
    assert _typ_code(client, mijn_code).status_code == 303

    assert _verse(db, burger).telefoon == "+31612345678"
    ander = _verse(db, ander)
    assert (ander.telefoon, ander.telefoon_geverifieerd_op) == (None, None)
    assert db.scalar(select(Verificatie.pogingen).where(Verificatie.burger_id == ander.id)) == 0


# --- the e-mail address ---------------------------------------------------------------------


def _vraag_email(client, adres):
    return client.post(
        f"{PAD}/email", data={"nieuw-email": adres, "csrf_token": csrf_token(client, PAD)}
    )


def _token(db, burger):
    (rij,) = _rijen(db, burger_id=burger.id, soort="email_bevestigen")[-1:]
    return rij.gegevens["token"]


def test_a_malformed_address_is_refused_beside_the_field(client, db):
    _ingelogd(client, db, email=None)

    response = _vraag_email(client, "marieke@@example")
    html = response.get_data(as_text=True)

    assert response.status_code == 400
    assert "Dit e-mailadres klopt niet." in html
    assert 'id="nieuw-email-fout"' in html
    assert 'value="marieke@@example"' in html
    assert 'aria-invalid="true"' in html
    assert _tel(db, Notificatie) == 0


def test_the_link_from_the_email_verifies_the_address_even_when_logged_out(client, app, db):
    burger = _ingelogd(client, db, email=None)

    assert _vraag_email(client, "Marieke.de.Vries@Example.nl").status_code == 303
    (rij,) = _rijen(db, burger_id=burger.id)
    assert (rij.soort, rij.kanaal, rij.adres, rij.status) == (
        "email_bevestigen",
        "email",
        "Marieke.de.Vries@example.nl",
        "wachtend",
    )
    assert _verse(db, burger).email_geverifieerd_op is None

    uitgelogd = app.test_client()
    response = uitgelogd.get(f"/e-mail-bevestigen/{rij.gegevens['token']}")

    assert response.status_code == 200
    assert "Uw e-mailadres is bevestigd." in response.get_data(as_text=True)
    burger = _verse(db, burger)
    assert burger.email == "Marieke.de.Vries@example.nl"
    assert burger.email_geverifieerd_op is not None


def test_opening_the_link_twice_is_fine(client, db):
    burger = _ingelogd(client, db, email=None)
    _vraag_email(client, "jan.jansen@example.nl")
    token = _token(db, burger)

    eerste = client.get(f"/e-mail-bevestigen/{token}")
    verificatie_op = _verse(db, burger).email_geverifieerd_op
    tweede = client.get(f"/e-mail-bevestigen/{token}")

    assert (eerste.status_code, tweede.status_code) == (200, 200)
    assert "Uw e-mailadres is bevestigd." in tweede.get_data(as_text=True)
    assert _verse(db, burger).email_geverifieerd_op == verificatie_op


def test_a_tampered_link_answers_400_with_an_error(client, db):
    burger = _ingelogd(client, db, email=None)
    _vraag_email(client, "jan.jansen@example.nl")
    token = _token(db, burger)
    vervalst = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")

    for pad in (f"/e-mail-bevestigen/{vervalst}", "/e-mail-bevestigen/zomaar-iets"):
        response = client.get(pad)
        assert response.status_code == 400
        assert "Deze link werkt niet (meer). Vraag een nieuwe e-mail aan." in (
            response.get_data(as_text=True)
        )
    assert _verse(db, burger).email_geverifieerd_op is None


def test_a_link_older_than_24_hours_is_refused(app, db):
    burger = maak_burger(db, email=None)
    db.commit()
    voorkeuren.vraag_email_bevestiging(
        db, burger, "jan.jansen@example.nl", geheim=_geheim(app), nu=NU
    )

    with pytest.raises(NotificatievoorkeurFout) as fout:
        voorkeuren.bevestig_email(
            db, _token(db, burger), geheim=_geheim(app), nu=NU + timedelta(hours=25)
        )

    assert fout.value.reden == "verlopen"
    assert _verse(db, burger).email_geverifieerd_op is None


def test_an_expired_signature_on_the_link_shows_a_clear_error(client, db, monkeypatch):
    burger = _ingelogd(client, db, email=None)
    _vraag_email(client, "jan.jansen@example.nl")
    token = _token(db, burger)
    later = int(utcnow().timestamp()) + 25 * 3600
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: later)

    response = client.get(f"/e-mail-bevestigen/{token}")

    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Deze link werkt niet (meer). Vraag een nieuwe e-mail aan." in html
    assert "De code is verlopen" not in html  # it is a link, not an SMS code
    assert _verse(db, burger).email_geverifieerd_op is None


# --- the switches ---------------------------------------------------------------------------


def test_sms_cannot_be_switched_on_before_the_number_is_verified(client, db):
    burger = _ingelogd(client, db, email_geverifieerd_op=NU)

    response = _zet(client, sms=["kwartaalupdate"], email=["inzage"])

    assert response.status_code == 400
    assert "Bevestig eerst uw mobiele nummer." in response.get_data(as_text=True)
    assert _voorkeuren(db, burger) == set()


def test_switching_on_saves_the_switches_and_switching_off_deletes_them(client, db):
    burger = _ingelogd(client, db, telefoon_geverifieerd_op=NU, email_geverifieerd_op=NU)

    response = _zet(client, sms=["kwartaalupdate", "servicecall"], email=["inzage"])

    assert response.status_code == 303
    assert _voorkeuren(db, burger) == {
        ("sms", "kwartaalupdate"),
        ("sms", "servicecall"),
        ("email", "inzage"),
    }
    html = _pagina(client, PAD)
    assert "Uw keuzes zijn opgeslagen." in html
    assert _aangevinkt(html) == {
        ("sms", "kwartaalupdate"),
        ("sms", "servicecall"),
        ("email", "inzage"),
    }

    assert _zet(client, sms=["servicecall"]).status_code == 303
    assert _voorkeuren(db, burger) == {("sms", "servicecall")}


def test_a_tampered_kind_does_not_crash_and_saves_nothing_unknown(client, db):
    burger = _ingelogd(client, db, telefoon_geverifieerd_op=NU, email_geverifieerd_op=NU)

    response = _zet(client, sms=["kwartaalupdate", "<script>"], email=["spam", "inzage"])

    assert response.status_code == 303
    assert _voorkeuren(db, burger) == {("sms", "kwartaalupdate"), ("email", "inzage")}


def test_switching_sms_on_in_the_portal_undoes_an_earlier_stop(client, db):
    burger = _ingelogd(client, db, telefoon_geverifieerd_op=NU, sms_gestopt_op=NU)
    assert "U heeft STOP gestuurd" in _pagina(client, PAD)

    _zet(client, sms=["kwartaalupdate"])

    assert _verse(db, burger).sms_gestopt_op is None


def test_after_stop_the_sms_switches_show_off_so_saving_email_keeps_the_stop(client, db):
    burger = _ingelogd(client, db, sms_gestopt_op=NU)
    met_voorkeuren(db, burger, soorten=("kwartaalupdate",))
    db.commit()

    html = _pagina(client, PAD)
    assert 'name="keuze-sms"' in html
    assert _aangevinkt(html) == {("email", "kwartaalupdate")}

    # The person saves the form as shown, with only an e-mail switch on.
    _zet(client, email=["kwartaalupdate"])

    assert _verse(db, burger).sms_gestopt_op is not None
    assert _voorkeuren(db, burger) == {("email", "kwartaalupdate")}


def test_a_tampered_sms_value_does_not_undo_a_stop(app, db):
    burger = maak_burger(db, telefoon_geverifieerd_op=NU, sms_gestopt_op=NU)
    db.commit()

    voorkeuren.zet_keuzes(db, burger, {"sms": {"onzin"}, "email": set()}, nu=NU)

    assert _verse(db, burger).sms_gestopt_op is not None


def test_removing_a_number_switches_its_sms_off(client, db):
    burger = _ingelogd(client, db)
    met_voorkeuren(db, burger)
    db.commit()

    response = client.post(f"{PAD}/sms/verwijderen", data={"csrf_token": csrf_token(client, PAD)})

    assert response.status_code == 303
    assert {kanaal for kanaal, _ in _voorkeuren(db, burger)} == {"email"}
    assert _verse(db, burger).telefoon_geverifieerd_op is None


# --- what a status change sends -------------------------------------------------------------


def _status_naar_onderzoek_afgerond(db, traject, nu=NU):
    return wijzig_status(
        db,
        traject,
        Wijziging(naar="onderzoek_afgerond", toelichting=None, volgende_update_op=None),
        verwacht_van=traject.status,
        medewerker=maak_medewerker(db),
        trace_id="test",
        nu=nu,
    )


def test_a_status_change_asks_one_message_per_switched_on_verified_channel(db):
    burger = met_voorkeuren(db, maak_burger(db), soorten=("kwartaalupdate",))
    traject = maak_traject(db, dossier=maak_dossier(db, burger=burger))
    db.commit()

    rij = _status_naar_onderzoek_afgerond(db, traject)

    rijen = _rijen(db, burger_id=burger.id)
    assert {(r.kanaal, r.adres, r.soort, r.status) for r in rijen} == {
        ("sms", burger.telefoon, "statuswijziging", "wachtend"),
        ("email", burger.email, "statuswijziging", "wachtend"),
    }
    assert all(r.gegevens == {} for r in rijen)  # the content lives in the portal only

    # Asking again for the same event adds nothing.
    notificaties.meld(db, burger, soort="statuswijziging", sleutel=f"statuswijziging:{rij.id}")
    db.commit()
    assert len(_rijen(db, burger_id=burger.id)) == 2


@pytest.mark.parametrize(
    "toestand",
    [
        {"telefoon_geverifieerd_op": None, "email_geverifieerd_op": None},
        {"sms_gestopt_op": NU, "email_geverifieerd_op": None},
        {"telefoon": None, "email": None},
    ],
    ids=["niet-geverifieerd", "stop-gestuurd", "geen-adres"],
)
def test_a_status_change_sends_nothing_to_unverified_or_stopped_channels(db, toestand):
    burger = met_voorkeuren(db, maak_burger(db))
    for naam, waarde in toestand.items():
        setattr(burger, naam, waarde)
    traject = maak_traject(db, dossier=maak_dossier(db, burger=burger))
    db.commit()

    _status_naar_onderzoek_afgerond(db, traject)

    assert _rijen(db, burger_id=burger.id) == []


def test_a_status_change_sends_nothing_when_only_other_kinds_are_on(db):
    burger = met_voorkeuren(db, maak_burger(db), soorten=("servicecall", "spreekuur"))
    traject = maak_traject(db, dossier=maak_dossier(db, burger=burger))
    db.commit()

    _status_naar_onderzoek_afgerond(db, traject)

    assert _rijen(db, burger_id=burger.id) == []


def test_a_status_change_through_the_casemanager_page_notifies_only_that_person(client, db):
    burger = met_voorkeuren(db, maak_burger(db), kanalen=("email",))
    buurman = met_voorkeuren(db, maak_burger(db))
    traject = maak_traject(db, dossier=maak_dossier(db, burger=burger))
    maak_traject(db, dossier=maak_dossier(db, burger=buurman))
    medewerker = maak_medewerker(db)
    db.commit()
    log_in(client, medewerker)
    url = f"/medewerker/dossiers/{traject.dossier.kenmerk}/trajecten/{traject.id}/status"
    data = {
        "van_status": "in_onderzoek",
        "nieuwe_status": "onderzoek_afgerond",
        "volgende_update_op": "",
        "toelichting": "",
        "actie": "opslaan",
        "csrf_token": csrf_token(client, url),
    }

    assert client.post(url, data=data).status_code == 303
    assert client.post(url, data=data).status_code != 303  # the second try is stale

    (rij,) = _rijen(db)
    assert (rij.burger_id, rij.kanaal, rij.adres) == (burger.id, "email", burger.email)


# --- checked again just before sending ------------------------------------------------------


class Opname:
    """A channel that records what it was asked to send."""

    def __init__(self) -> None:
        self.verzonden: list[int] = []

    def send(self, bericht: Uitgaand) -> str:
        self.verzonden.append(bericht.notificatie_id)
        return f"SM{bericht.notificatie_id:032d}"


def _render(notificatie: Notificatie, taal: str) -> Uitgaand:
    return Uitgaand(
        notificatie_id=notificatie.id,
        kanaal=notificatie.kanaal,
        adres=notificatie.adres,
        tekst="U heeft een nieuw bericht in het portaal.",
    )


def _verstuur(app):
    kanalen = {"sms": Opname(), "email": Opname()}
    uitkomst = dispatcher.dispatch_partij(
        app.extensions["portal.sessionmaker"], kanalen, _render, NU, ZONDER_STILTIJD
    )
    return uitkomst, kanalen


def _gemeld(db, **velden):
    burger = met_voorkeuren(db, maak_burger(db, **velden), soorten=("kwartaalupdate",))
    db.commit()
    notificaties.meld(db, burger, soort="kwartaalupdate", sleutel="kwartaalupdate:1", nu=NU)
    db.commit()
    return burger


def test_a_message_still_wanted_is_sent(app, db):
    _gemeld(db)

    uitkomst, kanalen = _verstuur(app)

    assert uitkomst == Counter(verzonden=2)
    assert (len(kanalen["sms"].verzonden), len(kanalen["email"].verzonden)) == (1, 1)
    assert {r.status for r in _rijen(db)} == {"verzonden"}


def test_a_message_switched_off_after_it_was_asked_for_is_cancelled(app, db):
    burger = _gemeld(db)
    voorkeuren.zet_keuzes(db, burger, {"sms": set(), "email": {"kwartaalupdate"}}, nu=NU)

    uitkomst, kanalen = _verstuur(app)

    assert uitkomst == Counter(verzonden=1, geannuleerd=1)
    assert {(r.kanaal, r.status) for r in _rijen(db)} == {
        ("sms", "geannuleerd"),
        ("email", "verzonden"),
    }
    assert kanalen["sms"].verzonden == []


def test_a_message_after_stop_is_cancelled(app, db):
    burger = _gemeld(db)
    burger.sms_gestopt_op = NU
    db.commit()

    _verstuur(app)

    assert {(r.kanaal, r.status) for r in _rijen(db)} == {
        ("sms", "geannuleerd"),
        ("email", "verzonden"),
    }


def test_a_message_to_an_address_since_changed_is_cancelled(app, db):
    burger = _gemeld(db, email="oud@example.nl")
    voorkeuren.vraag_email_bevestiging(db, burger, "nieuw@example.nl", geheim=_geheim(app), nu=NU)
    voorkeuren.bevestig_email(db, _token(db, burger), geheim=_geheim(app), nu=NU)

    _verstuur(app)

    statussen = {(r.soort, r.adres, r.status) for r in _rijen(db, kanaal="email")}
    assert ("kwartaalupdate", "oud@example.nl", "geannuleerd") in statussen
    # The notices about the channel itself still go: the link, and the warning to the old one.
    assert ("email_bevestigen", "nieuw@example.nl", "verzonden") in statussen
    assert ("adres_gewijzigd", "oud@example.nl", "verzonden") in statussen


def test_a_message_after_the_unsubscribe_link_is_cancelled(app, db):
    burger = _gemeld(db)
    voorkeuren.meld_af_email(db, burger.id)

    _verstuur(app)

    assert {(r.kanaal, r.status) for r in _rijen(db)} == {
        ("sms", "verzonden"),
        ("email", "geannuleerd"),
    }


# --- one-click unsubscribe ------------------------------------------------------------------


def _afmeldtoken(app, burger):
    with app.app_context():
        return teksten.afmeldtoken(burger.id)


def test_one_click_unsubscribe_without_csrf_removes_all_email_switches(app, db):
    burger = met_voorkeuren(db, maak_burger(db))
    db.commit()
    mailprogramma = app.test_client()

    response = mailprogramma.post(
        f"/afmelden/{_afmeldtoken(app, burger)}", data={"List-Unsubscribe": "One-Click"}
    )

    assert response.status_code == 200
    assert "U bent afgemeld." in response.get_data(as_text=True)
    assert {kanaal for kanaal, _ in _voorkeuren(db, burger)} == {"sms"}


def test_opening_the_unsubscribe_link_only_shows_a_button(app, db):
    burger = met_voorkeuren(db, maak_burger(db))
    db.commit()
    token = _afmeldtoken(app, burger)

    response = app.test_client().get(f"/afmelden/{token}")

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Ja, meld mij af" in html
    assert f'action="/afmelden/{token}"' in html
    assert len(_voorkeuren(db, burger)) == 8


def test_a_forged_unsubscribe_link_answers_404(app, db):
    burger = met_voorkeuren(db, maak_burger(db))
    db.commit()
    token = _afmeldtoken(app, burger)
    anders = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    mailprogramma = app.test_client()

    for pad in (f"/afmelden/{anders}", f"/afmelden/{burger.id}"):
        for methode in (mailprogramma.get, mailprogramma.post):
            response = methode(pad)
            assert response.status_code == 404
            assert "Deze link werkt niet." in response.get_data(as_text=True)
    assert len(_voorkeuren(db, burger)) == 8


# --- failed messages ------------------------------------------------------------------------


def _bericht(db, burger, status, nummer, kanaal="sms"):
    rij = vraag_aan(
        db,
        sleutel=f"kwartaalupdate:{burger.id}:{nummer}:{kanaal}",
        burger_id=burger.id,
        kanaal=kanaal,
        soort="kwartaalupdate",
        adres=burger.telefoon if kanaal == "sms" else burger.email,
        nu=NU,
    )
    rij.status = status
    if status == "mislukt":
        rij.laatste_fout = "30003 Unreachable destination handset"
    db.commit()


def test_a_failed_sms_shows_on_the_preferences_page_and_mijn_dossier(client, db):
    traject = maak_traject(db)
    burger = met_voorkeuren(db, traject.dossier.burger)
    _bericht(db, burger, "verzonden", 1)
    _bericht(db, burger, "mislukt", 2)
    _bericht(db, burger, "verzonden", 3, kanaal="email")
    log_in(client, burger)

    voorkeurpagina = _pagina(client, PAD)
    dossierpagina = _pagina(client, "/mijn-dossier")

    for html in (voorkeurpagina, dossierpagina):
        assert "Wij konden u geen sms sturen" in html
        assert "Wij konden u geen e-mail sturen" not in html


def test_a_later_successful_sms_clears_the_failure(client, db):
    traject = maak_traject(db)
    burger = met_voorkeuren(db, traject.dossier.burger)
    _bericht(db, burger, "mislukt", 1)
    _bericht(db, burger, "afgeleverd", 2)
    _bericht(db, burger, "wachtend", 3)
    log_in(client, burger)

    assert "Wij konden u geen sms sturen" not in _pagina(client, PAD)
    assert "Wij konden u geen sms sturen" not in _pagina(client, "/mijn-dossier")


def test_the_casemanager_sees_that_the_last_sms_failed(client, db):
    traject = maak_traject(db)
    burger = met_voorkeuren(db, traject.dossier.burger)
    _bericht(db, burger, "mislukt", 1)
    medewerker = maak_medewerker(db)
    db.commit()
    log_in(client, medewerker)

    html = _pagina(client, f"/medewerker/dossiers/{traject.dossier.kenmerk}")

    assert "De laatste sms aan deze klant is mislukt" in html
    assert "30003 Unreachable destination handset" in html


def test_another_persons_failed_sms_does_not_show_on_my_pages(client, db):
    ander = met_voorkeuren(db, maak_burger(db))
    _bericht(db, ander, "mislukt", 1)
    traject = maak_traject(db)
    db.commit()
    log_in(client, traject.dossier.burger)

    assert "Wij konden u geen sms sturen" not in _pagina(client, PAD)
    assert "Wij konden u geen sms sturen" not in _pagina(client, "/mijn-dossier")


def test_the_preferences_page_needs_a_login(client):
    response = client.get(PAD)
    assert response.status_code == 302
    assert "/inloggen" in response.headers["Location"]


def test_the_old_address_of_the_sms_and_email_page_leads_to_the_new_one(client):
    antwoord = client.get("/berichten-en-herinneringen")

    assert antwoord.status_code == 301
    assert antwoord.headers["Location"] == "/sms-en-e-mail"
