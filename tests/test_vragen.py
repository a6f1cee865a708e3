"""Questions: asked by the person, in the casemanager's (or the team's) queue by answer term,
read and answered in writing or by phone; the answer term is a promise; the person sees when
the question was read; an answer is told without content; another's question answers 404."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from babel.dates import format_date
from pypdf import PdfReader
from sqlalchemy import select

import notificaties
from portal.kalender import werkdagen_verder
from portal.models import Bericht, Notificatie, Toezegging, Verwerkingslog, Vraag, utcnow
from portal.services import vragen
from portal.tijd import vandaag
from tests.conftest import csrf_token, log_in
from tests.factories import maak_burger, maak_dossier, maak_medewerker, maak_traject, met_voorkeuren

TRACE = "t" * 32


@pytest.fixture
def mensen(db):
    casemanager = maak_medewerker(db, rollen="casemanager")
    burger = met_voorkeuren(db, maak_burger(db), kanalen=("sms",), soorten=("kwartaalupdate",))
    dossier = maak_dossier(db, burger=burger, casemanager=casemanager)
    maak_traject(db, dossier=dossier, soort="dagloon")
    db.commit()
    return burger, dossier, casemanager


def _vraag(db, burger, dossier, **velden):
    return vragen.stel(
        db,
        burger,
        dossier,
        soort=velden.pop("soort", "vraag"),
        onderwerp_=velden.pop("onderwerp_", "dagloon"),
        tekst=velden.pop("tekst", "Wanneer hoor ik of mijn dagloon goed is?"),
        nu=velden.pop("nu", utcnow()),
        trace_id=TRACE,
    )


def test_a_question_lands_with_the_casemanager_and_its_answer_term_is_promised(db, mensen):
    burger, dossier, casemanager = mensen
    vraag = _vraag(db, burger, dossier)

    belofte = db.scalar(select(Toezegging).where(Toezegging.onderwerp == f"vraag:{vraag.id}"))
    assert (belofte.soort, belofte.status) == ("vraag", "open")
    assert belofte.datum == werkdagen_verder(vandaag(), 5)
    assert vraag.casemanager_id == casemanager.id
    regels = vragen.wachtrij(db, casemanager.id, utcnow())
    assert [r.vraag.id for r in regels] == [vraag.id]


def test_a_suspected_error_goes_to_the_team_with_ten_working_days(db, mensen):
    burger, dossier, _casemanager = mensen
    melding = _vraag(db, burger, dossier, soort="melding")
    assert melding.casemanager_id is None
    belofte = db.scalar(select(Toezegging).where(Toezegging.onderwerp == f"vraag:{melding.id}"))
    assert belofte.datum == werkdagen_verder(vandaag(), 10)
    ander = maak_medewerker(db, rollen="casemanager")
    db.commit()
    assert [r.vraag.id for r in vragen.wachtrij(db, ander.id, utcnow())] == [melding.id]


@pytest.mark.parametrize(
    ("velden", "veld", "code"),
    [
        ({"tekst": "  "}, "tekst", "te_kort"),
        ({"tekst": "x" * 2001}, "tekst", "te_lang"),
        ({"tekst": "Vraag\x00met NUL"}, "tekst", "geen_tekens"),
        ({"onderwerp_": "indexatie"}, "onderwerp", "onbekend_onderwerp"),  # not in his dossier
    ],
)
def test_a_question_that_breaks_a_rule_is_refused_and_nothing_is_stored(
    db, mensen, velden, veld, code
):
    burger, dossier, _ = mensen
    with pytest.raises(vragen.VraagFout) as fout:
        _vraag(db, burger, dossier, **velden)
    assert (fout.value.veld, fout.value.code) == (veld, code)
    db.rollback()
    assert db.scalar(select(Vraag)) is None
    assert db.scalar(select(Toezegging).where(Toezegging.soort == "vraag")) is None


def test_reading_shows_when_and_an_answer_keeps_the_promise_and_is_told_without_content(
    app, db, mensen
):
    burger, dossier, casemanager = mensen
    vraag = _vraag(db, burger, dossier)
    vragen.lees(db, vraag, casemanager, nu=utcnow(), trace_id=TRACE)
    assert vraag.status == "gelezen" and vraag.gelezen_op is not None

    antwoord = "Uw dagloon is goed berekend. U hoeft niets te doen."
    vragen.beantwoord(
        db, vraag, casemanager, tekst=antwoord, gebeld=False, nu=utcnow(), trace_id=TRACE
    )

    db.expire_all()
    belofte = db.scalar(select(Toezegging).where(Toezegging.onderwerp == f"vraag:{vraag.id}"))
    assert belofte.status == "nagekomen"
    bericht = db.scalar(select(Bericht).where(Bericht.soort == "vraag"))
    assert bericht.toelichting == antwoord
    sms = db.scalar(select(Notificatie).where(Notificatie.soort == "vraag"))
    assert sms is not None and antwoord not in str(sms.gegevens)
    with app.app_context():
        _, tekst, _, _ = notificaties.render("vraag", "sms", "nl", {})
    assert "antwoord op uw vraag" in tekst and "http" not in tekst
    with pytest.raises(vragen.VraagFout):
        vragen.beantwoord(
            db, vraag, casemanager, tekst="Nog eens.", gebeld=False, nu=utcnow(), trace_id=TRACE
        )
    acties = set(
        db.scalars(
            select(Verwerkingslog.verwerkingsactiviteit).where(
                Verwerkingslog.object == f"vraag:{vraag.id}"
            )
        )
    )
    assert {"vraag-stellen", "vraag-lezen", "vraag-beantwoorden"} <= acties


def test_an_unanswered_question_past_its_term_is_late_in_the_queue(db, mensen):
    burger, dossier, casemanager = mensen
    vraag = _vraag(db, burger, dossier, nu=utcnow() - timedelta(days=14))
    notificaties.verloop_toezeggingen(db, utcnow())
    db.commit()
    regel = vragen.wachtrij(db, casemanager.id, utcnow())[0]
    assert regel.vraag.id == vraag.id and regel.te_laat


def test_the_person_asks_reads_the_answer_and_cannot_see_anothers_question(app, client, db, mensen):
    burger, _dossier, casemanager = mensen
    ander = maak_burger(db)
    ander_dossier = maak_dossier(db, burger=ander)
    db.commit()
    log_in(client, burger)

    token = csrf_token(client, "/vragen/nieuw")
    fout = client.post(
        "/vragen/nieuw", data={"csrf_token": token, "onderwerp": "dagloon", "tekst": "?"}
    )
    assert "Schrijf uw vraag op" in fout.get_data(as_text=True)
    assert "?</textarea>" in fout.get_data(as_text=True)  # what was typed stays
    assert db.scalar(select(Vraag)) is None

    response = client.post(
        "/vragen/nieuw",
        data={"csrf_token": token, "onderwerp": "dagloon", "tekst": "Klopt mijn dagloon wel?"},
    )
    assert response.status_code == 303
    vraag = db.scalar(select(Vraag))
    pagina = client.get(f"/vragen/{vraag.id}").get_data(as_text=True)
    assert "Klopt mijn dagloon wel?" in pagina and "Nog niet gelezen." in pagina

    log_in(client, casemanager)
    assert vraag.id and "Klopt mijn dagloon wel?" in client.get(
        f"/medewerker/vragen/{vraag.id}"
    ).get_data(as_text=True)
    token = csrf_token(client, f"/medewerker/vragen/{vraag.id}")
    client.post(
        f"/medewerker/vragen/{vraag.id}",
        data={"csrf_token": token, "tekst": "Ja, wij hebben het nagekeken.", "gebeld": "y"},
    )

    log_in(client, burger)
    pagina = client.get(f"/vragen/{vraag.id}").get_data(as_text=True)
    assert "Ja, wij hebben het nagekeken." in pagina and "Beantwoord op" in pagina
    assert "telefoongesprek met uw casemanager" in pagina

    andere = _vraag(db, ander, ander_dossier, onderwerp_="algemeen")
    assert client.get(f"/vragen/{andere.id}").status_code == 404


def test_a_question_is_in_the_contact_history_of_both_sides(app, client, db, mensen):
    burger, dossier, casemanager = mensen
    vraag = _vraag(db, burger, dossier)
    log_in(client, burger)
    assert f"/vragen/{vraag.id}" in client.get("/contact-met-uwv").get_data(as_text=True)
    log_in(client, casemanager)
    pagina = client.get(f"/medewerker/dossiers/{dossier.kenmerk}/contact").get_data(as_text=True)
    assert f"/medewerker/vragen/{vraag.id}" in pagina


def test_a_question_gets_a_receipt_with_a_copy_and_the_day_of_the_answer_also_as_pdf(
    app, client, db, mensen
):
    burger, dossier, _ = mensen
    log_in(client, burger)
    token = csrf_token(client, "/vragen/nieuw")
    client.post(
        "/vragen/nieuw",
        data={"csrf_token": token, "onderwerp": "dagloon", "tekst": "Klopt mijn dagloon wel?"},
    )
    bevestiging = db.scalar(select(Bericht).where(Bericht.soort == "ontvangst"))
    assert bevestiging is not None and bevestiging.gelezen_op is not None  # no nudge for it

    pagina = client.get(f"/berichten/{bevestiging.id}").get_data(as_text=True)
    termijn = format_date(werkdagen_verder(vandaag(), 5), "long", locale="nl")
    assert "Wij hebben uw vraag ontvangen op" in pagina
    assert f"u krijgt uiterlijk {termijn} antwoord" in pagina
    assert "Kopie van wat u stuurde" in pagina and "Klopt mijn dagloon wel?" in pagina
    assert "Kwaliteit WIA-dagloon" in pagina

    pdf = client.get(f"/berichten/{bevestiging.id}/pdf")
    assert pdf.mimetype == "application/pdf"
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Klopt mijn dagloon wel?" in tekst and dossier.kenmerk in tekst
