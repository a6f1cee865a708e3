"""Ontvangstbevestiging (Wmebv) for the other submissions: a callback request, a spreekuur
preference and what the person needs there, belvoorkeuren, and a request for another moment
for a planned call. Each gets exactly one receipt in its own transaction, with a copy in the
words of the form and what happens next (with its date where there is one); a refused
submission gets none; a preference saved again without a change gets no second one; the
receipt and its PDF are for their owner only."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from portal.models import Bericht, Toezegging
from portal.services import berichten, spreekuren
from portal.services import servicecalls as calls
from tests.conftest import csrf_token, log_in
from tests.factories import maak_burger, maak_dossier, maak_medewerker, maak_traject

# Monday 26 April 2027, 10.00 in Amsterdam (summer time, UTC+2). Tuesday is Koningsdag.
WEB_NU = datetime(2027, 4, 26, 8, 0, tzinfo=UTC)
# A call planned for Wednesday 28 April 2027, 10.00 to 12.00 in Amsterdam.
CALL_VAN, CALL_TOT = (
    datetime(2027, 4, 28, 8, 0, tzinfo=UTC),
    datetime(2027, 4, 28, 10, 0, tzinfo=UTC),
)
# A spreekuur planned for Tuesday 11 May 2027, 10.00 to 10.45 in Amsterdam.
SPREEKUUR_BEGIN = datetime(2027, 5, 11, 8, 0, tzinfo=UTC)
SPREEKUUR_EIND = datetime(2027, 5, 11, 8, 45, tzinfo=UTC)
OPMERKING = "Op dinsdag ben ik bij de fysiotherapeut."


@pytest.fixture(autouse=True)
def web_nu(monkeypatch):
    for view in ("terugbellen.views", "spreekuur.voorkeur", "servicecalls.views"):
        monkeypatch.setattr(f"portal.{view}.utcnow", lambda: WEB_NU)


def _persoon(db):
    dossier = maak_dossier(db, burger=maak_burger(db), casemanager=maak_medewerker(db))
    db.commit()
    return dossier


def _call(db, dossier):
    """A call planned for Wednesday morning, as a casemanager plans it."""
    traject = maak_traject(db, dossier=dossier, route=("in_onderzoek", "onderzoek_afgerond"))
    taak = calls.maak_taak(db, traject, WEB_NU)
    db.commit()
    return calls.plan(
        db,
        taak,
        van=CALL_VAN,
        tot=CALL_TOT,
        telefoon="020 123 4567",
        belnummer="088 - 898 92 94",
        medewerker=maak_medewerker(db),
        nu=WEB_NU,
        trace_id="t" * 32,
    )


def _spreekuur(db, dossier):
    return spreekuren.plan(
        db,
        dossier,
        begin=SPREEKUUR_BEGIN,
        eind=SPREEKUUR_EIND,
        vorm="fysiek",
        kantoor="utrecht",
        nu=WEB_NU,
    )


def _post(client, url, **velden):
    return client.post(url, data={"csrf_token": csrf_token(client, url), **velden})


def _ontvangsten(db, burger):
    db.expire_all()
    return db.scalars(
        select(Bericht)
        .where(Bericht.burger_id == burger.id, Bericht.soort == "ontvangst")
        .order_by(Bericht.id)
    ).all()


def _bevestiging(app, db, burger):
    """The one receipt of this person, and how it reads."""
    (bevestiging,) = _ontvangsten(db, burger)
    with app.test_request_context():
        return bevestiging, berichten.tekst(bevestiging)


# Each submission with good input: its form, and what the person sends.
INZENDINGEN = {
    "terugbellen": (
        "/bel-mij-terug",
        {
            "dag": "2027-04-26",
            "dagdeel": "middag",
            "telefoon": "06 12345678",
            "onderwerp": OPMERKING,
        },
    ),
    "spreekuurvoorkeur": (
        "/spreekuur/voorkeur",
        {"vorm": "fysiek", "kantoor": "utrecht", "dagdelen": ["ochtend"], "toelichting": OPMERKING},
    ),
    "ondersteuning": (
        "/spreekuur/ondersteuning",
        {"behoeften": ["tolk", "extra_tijd"], "tolk_taal": "Turks", "toelichting": OPMERKING},
    ),
    "belvoorkeur": (
        "/gebeld-worden/voorkeuren",
        {"dagdelen": ["middag"], "telefoon": "020 123 4567"},
    ),
    "ander_moment": (
        "/gebeld-worden/{call}/ander-moment",
        {"dagdelen": ["middag"], "toelichting": OPMERKING},
    ),
}


def _stuur(client, db, dossier, soort):
    url, velden = INZENDINGEN[soort]
    if soort == "ander_moment":
        url = url.format(call=_call(db, dossier).id)
    log_in(client, dossier.burger)
    antwoord = _post(client, url, **velden)
    assert antwoord.status_code == 303
    return antwoord


# --- a callback request -------------------------------------------------------------------


def test_a_callback_request_gets_one_receipt_with_the_chosen_window_and_the_promised_day(
    app, client, db
):
    dossier = _persoon(db)
    _stuur(client, db, dossier, "terugbellen")

    bevestiging, tekst = _bevestiging(app, db, dossier.burger)
    # Asked on Monday for Monday afternoon: 24 working hours, past Koningsdag, end Thursday.
    assert bevestiging.gegevens["volgende_op"] == "2027-04-29"
    belofte = db.scalar(select(Toezegging).where(Toezegging.soort == "terugbellen"))
    assert belofte.datum == date(2027, 4, 29)
    assert tekst.alineas[:3] == [
        "Wij hebben uw vraag om terugbellen ontvangen op 26 april 2027, 10.00.",
        "Wat er nu gebeurt: wij bellen u op maandag 26 april 2027, tussen 13.00 en 17.00 uur.",
        "Lukt het ons dan niet? Dan bellen wij u uiterlijk 29 april 2027.",
    ]
    assert dict(tekst.kopie) == {
        "Op welke dag wilt u gebeld worden?": "maandag 26 april 2027",
        "Hoe laat op die dag?": "'s Middags, tussen 13.00 en 17.00 uur",
        "Op welk nummer kunnen wij u bellen?": "06 12345678",
        "Waarover wilt u praten? (mag leeg blijven)": OPMERKING,
    }


def test_a_callback_for_a_later_day_names_that_day_only(app, client, db):
    dossier = _persoon(db)
    log_in(client, dossier.burger)
    velden = {"dag": "2027-05-03", "dagdeel": "ochtend", "telefoon": "06 12345678"}
    assert _post(client, "/bel-mij-terug", **velden).status_code == 303

    bevestiging, tekst = _bevestiging(app, db, dossier.burger)
    assert bevestiging.gegevens["volgende_op"] == "2027-05-03"
    assert "wij bellen u op maandag 3 mei 2027, tussen 09.00 en 12.00 uur." in tekst.alineas[1]
    assert not any("Lukt het ons dan niet?" in alinea for alinea in tekst.alineas)
    assert [vraag for vraag, _ in tekst.kopie] == [
        "Op welke dag wilt u gebeld worden?",
        "Hoe laat op die dag?",
        "Op welk nummer kunnen wij u bellen?",
    ]  # nothing written about the subject: no line for it


# --- a spreekuur preference and what the person needs -------------------------------------


def test_a_spreekuur_preference_gets_a_receipt_in_the_words_of_the_form(app, client, db):
    dossier = _persoon(db)
    _stuur(client, db, dossier, "spreekuurvoorkeur")

    bevestiging, tekst = _bevestiging(app, db, dossier.burger)
    assert bevestiging.gegevens["volgende_op"] is None  # nothing planned yet
    assert tekst.alineas[:2] == [
        "Wij hebben uw voorkeur voor het spreekuur ontvangen op 26 april 2027, 10.00.",
        "Wat er nu gebeurt: wij gebruiken uw voorkeur als wij uw spreekuur plannen.",
    ]
    assert dict(tekst.kopie) == {
        "Hoe wilt u het gesprek met de arts?": "Op kantoor, bij de arts",
        "Op welk kantoor? (niet nodig als u kiest voor de telefoon)": "UWV Utrecht",
        "Wanneer komt het u het best uit?": "'s Ochtends",
        "Wilt u nog iets zeggen? (mag leeg blijven)": OPMERKING,
    }


def test_with_a_spreekuur_planned_the_receipt_names_it_and_says_it_does_not_move(app, client, db):
    dossier = _persoon(db)
    _spreekuur(db, dossier)
    _stuur(client, db, dossier, "spreekuurvoorkeur")

    bevestiging, tekst = _bevestiging(app, db, dossier.burger)
    assert bevestiging.gegevens["volgende_op"] == "2027-05-11"
    assert (
        "Uw volgende spreekuur is al gepland: dinsdag 11 mei 2027, tussen 10.00 en 10.45 uur."
        in tekst.alineas
    )
    assert "Uw nieuwe voorkeur verandert dat spreekuur niet vanzelf." in tekst.alineas


def test_what_a_person_needs_gets_a_receipt_and_nothing_ticked_says_so(app, client, db):
    dossier = _persoon(db)
    _spreekuur(db, dossier)
    _stuur(client, db, dossier, "ondersteuning")

    bevestiging, tekst = _bevestiging(app, db, dossier.burger)
    assert bevestiging.gegevens["volgende_op"] == "2027-05-11"
    assert "Uw volgende spreekuur is op dinsdag 11 mei 2027, tussen 10.00 en 10.45 uur." in (
        tekst.alineas
    )
    assert dict(tekst.kopie) == {
        "Wat heeft u nodig?": "Een tolk, Extra tijd",
        "Welke taal spreekt de tolk? (alleen als u een tolk nodig heeft)": "Turks",
        "Wilt u nog iets zeggen? (mag leeg blijven)": OPMERKING,
    }

    assert _post(client, "/spreekuur/ondersteuning").status_code == 303  # all unticked
    laatste = _ontvangsten(db, dossier.burger)[-1]
    with app.test_request_context():
        assert dict(berichten.tekst(laatste).kopie) == {"Wat heeft u nodig?": "Niets gekozen"}


# --- belvoorkeuren and another moment for a call ------------------------------------------


def test_belvoorkeuren_get_a_receipt_and_a_planned_call_keeps_its_window(app, client, db):
    dossier = _persoon(db)
    _call(db, dossier)
    _stuur(client, db, dossier, "belvoorkeur")

    bevestiging, tekst = _bevestiging(app, db, dossier.burger)
    assert bevestiging.gegevens["volgende_op"] == "2027-04-28"
    assert tekst.alineas[1:4] == [
        "Wat er nu gebeurt: wij gebruiken dit als wij een gesprek met u plannen.",
        "Er staat al een gesprek gepland: woensdag 28 april 2027, tussen 10.00 en 12.00 uur.",
        "Voor dat gesprek verandert er niets.",
    ]
    assert dict(tekst.kopie) == {
        "Wanneer kunnen wij u het best bellen?": "'s Middags (12.00 tot 17.00 uur)",
        "Op welk nummer kunnen wij u bellen?": "020 123 4567",
    }


def test_belvoorkeuren_without_a_planned_call_have_no_date(app, client, db):
    dossier = _persoon(db)
    _stuur(client, db, dossier, "belvoorkeur")

    bevestiging, tekst = _bevestiging(app, db, dossier.burger)
    assert bevestiging.gegevens["volgende_op"] is None
    assert not any("gepland" in alinea for alinea in tekst.alineas)


def test_a_request_for_another_moment_gets_a_receipt_naming_the_call(app, client, db):
    dossier = _persoon(db)
    _stuur(client, db, dossier, "ander_moment")

    bevestiging, tekst = _bevestiging(app, db, dossier.burger)
    assert bevestiging.gegevens["volgende_op"] is None  # the casemanager plans a new moment
    assert tekst.alineas[:2] == [
        "Wij hebben uw vraag om een ander moment ontvangen op 26 april 2027, 10.00.",
        "Wat er nu gebeurt: wij plannen een nieuw moment. Daarover krijgt u een bericht.",
    ]
    assert dict(tekst.kopie) == {
        "Over welk gesprek gaat het?": "woensdag 28 april 2027, tussen 10.00 en 12.00 uur",
        "Wanneer kunt u wel?": "'s Middags (12.00 tot 17.00 uur)",
        "Wilt u nog iets zeggen? (mag leeg blijven)": OPMERKING,
    }


# --- for every submission -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("soort", "url", "velden"),
    [
        (
            "terugbellen",
            "/bel-mij-terug",
            {"dag": "2027-04-26", "dagdeel": "middag", "telefoon": "020 12"},
        ),
        ("spreekuurvoorkeur", "/spreekuur/voorkeur", {"vorm": "video", "dagdelen": ["ochtend"]}),
        ("ondersteuning", "/spreekuur/ondersteuning", {"behoeften": ["tolk"]}),
        ("belvoorkeur", "/gebeld-worden/voorkeuren", {"telefoon": "06 12345678"}),
        ("ander_moment", "/gebeld-worden/{call}/ander-moment", {"toelichting": ""}),
    ],
)
def test_a_refused_submission_gets_no_receipt(client, db, soort, url, velden):
    dossier = _persoon(db)
    if soort == "ander_moment":
        url = url.format(call=_call(db, dossier).id)
    log_in(client, dossier.burger)

    assert _post(client, url, **velden).status_code == 400
    assert _ontvangsten(db, dossier.burger) == []


@pytest.mark.parametrize(
    ("url", "eerst", "daarna"),
    [
        (
            "/spreekuur/voorkeur",
            {"vorm": "telefonisch", "dagdelen": ["ochtend"]},
            {"vorm": "telefonisch", "dagdelen": ["middag"]},
        ),
        (
            "/spreekuur/ondersteuning",
            {"behoeften": ["drempelvrij"]},
            {"behoeften": ["drempelvrij"], "toelichting": OPMERKING},
        ),
        (
            "/gebeld-worden/voorkeuren",
            {"dagdelen": ["ochtend"], "telefoon": "06 12345678"},
            {"dagdelen": ["ochtend"], "telefoon": "020 123 4567"},
        ),
    ],
)
def test_a_preference_saved_again_unchanged_gets_no_second_receipt_a_change_does(
    client, db, url, eerst, daarna
):
    dossier = _persoon(db)
    log_in(client, dossier.burger)

    for velden in (eerst, eerst, daarna, daarna, eerst):
        assert _post(client, url, **velden).status_code == 303

    # eerst, (the same again), daarna, (the same again), eerst once more: three receipts.
    assert len(_ontvangsten(db, dossier.burger)) == 3


@pytest.mark.parametrize("soort", list(INZENDINGEN))
def test_a_receipt_and_its_pdf_are_for_their_owner_only(client, db, soort):
    dossier = _persoon(db)
    _stuur(client, db, dossier, soort)
    (bevestiging,) = _ontvangsten(db, dossier.burger)
    assert bevestiging.gelezen_op is not None  # just sent: no nudge to read it

    pagina = client.get(f"/berichten/{bevestiging.id}")
    assert pagina.status_code == 200
    assert "Kopie van wat u stuurde" in pagina.get_data(as_text=True)
    pdf = client.get(f"/berichten/{bevestiging.id}/pdf")
    assert pdf.mimetype == "application/pdf"
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Bevestiging van ontvangst" in tekst and dossier.kenmerk in tekst

    log_in(client, _persoon(db).burger)
    assert client.get(f"/berichten/{bevestiging.id}").status_code == 404
    assert client.get(f"/berichten/{bevestiging.id}/pdf").status_code == 404
