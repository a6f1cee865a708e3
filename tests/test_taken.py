"""Taken: a casemanager (or the back office) asks the person for something by a deadline; it
shows at the top of Mijn dossier; the person sends PDF, JPEG or PNG files (judged by their
content, stored by their hash) or says they do not have them, and gets a receipt at once;
the casemanager accepts or asks again with a reason; a reminder comes once before the
deadline; every step is in the verwerkingslog; another person's task answers 404."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import func, select

import notificaties
from notificaties import taken as taakherinnering
from portal.kalender import werkdagen_verder
from portal.models import (
    Bericht,
    Brief,
    Notificatie,
    Taak,
    Taakbestand,
    Toezegging,
    Verwerkingslog,
    utcnow,
)
from portal.services import bestanden, ochtendoverzicht, taakinlevering, taken
from portal.tijd import vandaag
from tests.api_hulp import get, maak_systeem, post, probleem, tel, velden
from tests.conftest import csrf_token, log_in
from tests.factories import maak_burger, maak_dossier, maak_medewerker, maak_traject, met_voorkeuren
from tests.pdf import PDF, maak_pdf

TRACE = "t" * 32
TITEL = "Stuur uw loonstroken over 2019"


def beeld(formaat: str, grootte: tuple[int, int] = (40, 30)) -> bytes:
    """A real small photo, as a phone would make one."""
    uit = io.BytesIO()
    Image.new("RGB", grootte, (200, 120, 40)).save(uit, formaat)
    return uit.getvalue()


JPEG, PNG = beeld("JPEG"), beeld("PNG")


@pytest.fixture(autouse=True)
def _documentenmap(app, tmp_path):
    app.config["DOCUMENTEN_MAP"] = str(tmp_path / "documenten")


@pytest.fixture
def mensen(db):
    casemanager = maak_medewerker(db, rollen="casemanager")
    burger = met_voorkeuren(db, maak_burger(db), kanalen=("sms",), soorten=("kwartaalupdate",))
    dossier = maak_dossier(db, burger=burger, casemanager=casemanager)
    maak_traject(db, dossier=dossier, soort="loonloze_tijdvakken")
    db.commit()
    return burger, dossier, casemanager


def _taak(db, dossier, casemanager=None, **velden) -> Taak:
    return taken.vraag(
        db,
        dossier,
        taken.Taakinvoer(
            titel=velden.pop("titel", TITEL),
            uiterlijk=velden.pop("uiterlijk", vandaag() + timedelta(days=14)),
            toelichting=velden.pop("toelichting", "Wij hebben ze nodig voor uw herstel."),
        ),
        nu=velden.pop("nu", utcnow()),
        trace_id=TRACE,
        medewerker=casemanager,
    )


def _acties(db, taak) -> list[str]:
    db.expire_all()
    return list(
        db.scalars(
            select(Verwerkingslog.verwerkingsactiviteit)
            .where(Verwerkingslog.object.startswith("taak"))
            .where(Verwerkingslog.burger_id == taak.burger_id)
            .order_by(Verwerkingslog.id)
        )
    )


def _opgeslagen(app) -> list[Path]:
    map_ = Path(app.config["DOCUMENTEN_MAP"])
    return [p for p in map_.rglob("*") if p.is_file()] if map_.exists() else []


def _upload(client, taak_id, *bestanden_, token=None):
    token = token or csrf_token(client, f"/taken/{taak_id}")
    return client.post(
        f"/taken/{taak_id}/bestanden",
        data={
            "csrf_token": token,
            "inleveren-bestanden": [(io.BytesIO(data), naam) for naam, data in bestanden_],
        },
        content_type="multipart/form-data",
    )


# --- asking -----------------------------------------------------------------------------------


def test_a_casemanager_asks_and_the_person_sees_it_first_on_mijn_dossier(app, client, db, mensen):
    burger, dossier, casemanager = mensen
    log_in(client, casemanager)
    pagina = client.get(f"/medewerker/dossiers/{dossier.kenmerk}").get_data(as_text=True)
    assert "Taken voor de klant" in pagina and 'name="taak-titel"' in pagina
    uiterlijk = vandaag() + timedelta(days=10)
    antwoord = client.post(
        f"/medewerker/dossiers/{dossier.kenmerk}/taken/nieuw",
        data={
            "csrf_token": csrf_token(client, f"/medewerker/dossiers/{dossier.kenmerk}"),
            "taak-titel": TITEL,
            "taak-toelichting": "Van alle werkgevers.",
            "taak-traject_soort": "loonloze_tijdvakken",
            "taak-uiterlijk": uiterlijk.isoformat(),
        },
    )
    assert antwoord.status_code == 303
    taak = db.scalar(select(Taak))
    assert (taak.titel, taak.uiterlijk, taak.status, taak.casemanager_id) == (
        TITEL,
        uiterlijk,
        "open",
        casemanager.id,
    )
    assert taak.traject_soort == "loonloze_tijdvakken"

    log_in(client, burger)
    mijn = client.get("/mijn-dossier").get_data(as_text=True)
    te_doen = mijn[mijn.index('id="te-doen-titel"') :]
    assert TITEL in te_doen and f"/taken/{taak.id}" in te_doen and "Bestanden sturen" in te_doen
    assert mijn.index(TITEL) < mijn.index("Zo staat het ervoor")  # before the story
    # A message in the portal, and an SMS that says only that there is a task.
    bericht = db.scalar(select(Bericht).where(Bericht.soort == "taak"))
    assert bericht.gegevens["titel"] == TITEL
    sms = db.scalar(select(Notificatie).where(Notificatie.soort == "taak"))
    assert sms.kanaal == "sms" and TITEL not in str(sms.gegevens)
    with app.app_context():
        _, tekst, _, _ = notificaties.render("taak", "sms", "nl", sms.gegevens)
    assert "taak voor u klaar" in tekst and "http" not in tekst and "loon" not in tekst
    assert _acties(db, taak) == ["taak-vragen"]


@pytest.mark.parametrize(
    ("velden", "veld", "melding"),
    [
        ({"taak-titel": "  "}, "titel", "Vul dit veld in."),
        ({"taak-titel": "x" * 121}, "titel", "ten hoogste 120 tekens"),
        ({"taak-toelichting": "y" * 2001}, "toelichting", "ten hoogste 2000 tekens"),
        ({"taak-uiterlijk": "2020-01-01"}, "uiterlijk", "Kies een datum na vandaag."),
        ({"taak-uiterlijk": "vandaag"}, "uiterlijk", "zoals 14-02-2027"),
        ({"taak-uiterlijk": ""}, "uiterlijk", "Kies een datum."),
    ],
)
def test_asking_with_bad_input_is_refused_beside_the_field_and_stores_nothing(
    client, db, mensen, velden, veld, melding
):
    _burger, dossier, casemanager = mensen
    log_in(client, casemanager)
    data = {
        "csrf_token": csrf_token(client, f"/medewerker/dossiers/{dossier.kenmerk}"),
        "taak-titel": TITEL,
        "taak-toelichting": "Van alle werkgevers.",
        "taak-uiterlijk": (vandaag() + timedelta(days=5)).isoformat(),
        **velden,
    }
    antwoord = client.post(f"/medewerker/dossiers/{dossier.kenmerk}/taken/nieuw", data=data)
    html = antwoord.get_data(as_text=True)
    assert antwoord.status_code == 200
    fout = re.search(rf'id="taak-{veld}-fout">(.*?)</p>', html, re.S)
    assert fout and melding in fout.group(1), html
    if data["taak-titel"].strip():
        assert data["taak-titel"][:50] in html  # what was typed stays
    assert tel(db, Taak) == 0 and tel(db, Bericht) == 0


def test_a_part_the_dossier_does_not_have_is_refused(db, mensen):
    _burger, dossier, casemanager = mensen
    with pytest.raises(taken.TaakFout) as fout:
        taken.vraag(
            db,
            dossier,
            taken.Taakinvoer(TITEL, vandaag() + timedelta(days=9), traject_soort="indexatie"),
            nu=utcnow(),
            trace_id=TRACE,
            medewerker=casemanager,
        )
    assert (fout.value.veld, fout.value.code) == ("traject_soort", "onbekend_onderdeel")


def test_a_deadline_today_or_a_year_and_more_ahead_is_refused(db, mensen):
    _burger, dossier, casemanager = mensen
    for dag, code in [(vandaag(), "niet_na_vandaag"), (vandaag() + timedelta(days=400), "te_ver")]:
        with pytest.raises(taken.TaakFout) as fout:
            _taak(db, dossier, casemanager, uiterlijk=dag)
        assert (fout.value.veld, fout.value.code) == ("uiterlijk", code)
        db.rollback()
    assert tel(db, Taak) == 0


def test_someone_without_sms_or_email_gets_the_task_on_paper(db):
    burger = maak_burger(db)
    dossier = maak_dossier(db, burger=burger)
    db.commit()
    taak = _taak(db, dossier)
    brief = db.scalar(select(Brief).where(Brief.burger_id == burger.id))
    assert brief is not None and brief.soort == "taak" and brief.bericht_id is not None
    assert tel(db, Notificatie, Notificatie.burger_id == burger.id) == 0
    assert taak.casemanager_id is None  # no casemanager: the team's queue


# --- the person's answer ------------------------------------------------------------------------


def test_pdf_jpeg_and_png_are_taken_stored_by_hash_with_a_receipt_that_lists_them(
    app, client, db, mensen
):
    burger, dossier, casemanager = mensen
    taak = _taak(db, dossier, casemanager)
    log_in(client, burger)
    pagina = client.get(f"/taken/{taak.id}").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in pagina and TITEL in pagina
    assert "Stuur dit uiterlijk" in pagina

    antwoord = _upload(
        client, taak.id, ("loonstrook-jan.pdf", PDF), ("foto.JPG", JPEG), ("scan", PNG)
    )
    assert antwoord.status_code == 303
    db.expire_all()
    rijen = db.scalars(select(Taakbestand).order_by(Taakbestand.id)).all()
    assert [(r.bestandsnaam, r.soort) for r in rijen] == [
        ("loonstrook-jan.pdf", "pdf"),
        ("foto.JPG", "jpeg"),
        ("scan.png", "png"),
    ]
    for rij, data in zip(rijen, (PDF, JPEG, PNG), strict=True):
        assert bestanden.pad(app.config["DOCUMENTEN_MAP"], rij.sha256).read_bytes() == data
        assert rij.grootte == len(data)
    taak = db.get(Taak, taak.id)
    assert taak.status == "ingeleverd"
    # UWV promises to look at it within five working days.
    belofte = db.scalar(select(Toezegging).where(Toezegging.onderwerp == f"taak:{taak.id}"))
    assert (belofte.soort, belofte.status) == ("taak", "open")
    assert belofte.datum == werkdagen_verder(vandaag(), 5)

    # The receipt, at once: the files with their sizes and the start of their hash.
    bevestiging = client.get(antwoord.headers["Location"]).get_data(as_text=True)
    assert "Bevestiging van ontvangst" in bevestiging and "Wij hebben uw bestanden" in bevestiging
    for rij in rijen:
        assert rij.bestandsnaam in bevestiging and rij.sha256[:12] in bevestiging
    assert TITEL in bevestiging
    bericht_id = int(antwoord.headers["Location"].rsplit("/", 1)[1])
    pdf = client.get(f"/berichten/{bericht_id}/pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    tekst = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "loonstrook-jan.pdf" in tekst and rijen[0].sha256[:12] in tekst

    assert _acties(db, taak) == ["taak-vragen", "taak-inleveren"]
    # Mijn dossier no longer asks for it; the task page says when UWV will have looked.
    assert TITEL not in client.get("/mijn-dossier").get_data(as_text=True)
    pagina = client.get(f"/taken/{taak.id}").get_data(as_text=True)
    assert "Wij hebben uw bestanden ontvangen." in pagina and "loonstrook-jan.pdf" in pagina


GROOT = maak_pdf(breedte=600)


@pytest.mark.parametrize(
    ("bestanden_", "melding"),
    [
        ([], "Kies een of meer bestanden"),
        ([("brief.txt", b"Hier zijn mijn loonstroken.")], "is geen PDF, JPG of PNG"),
        ([("loonstrook.pdf", JPEG)], "is niet wat de naam zegt"),
        ([("foto.jpg", PNG)], "is niet wat de naam zegt"),
        ([("loonstrook.docx", PDF)], "is niet wat de naam zegt"),
        ([("foto.jpg", JPEG[: len(JPEG) // 2])], "niet openen"),
        ([("scan.png", PNG[:-20])], "niet openen"),
        ([("kapot.pdf", PDF[:-40])], "niet openen"),
        ([("geheim.pdf", maak_pdf(wachtwoord="x"))], "heeft een wachtwoord"),
        ([("leeg.pdf", b"")], "is leeg"),
        ([("goed.pdf", PDF), ("nep.png", b"\x89PNG\r\n\x1a\n" + b"0" * 40)], "niet openen"),
        ([(f"p{i}.pdf", PDF) for i in range(11)], "ten hoogste 10 bestanden"),
    ],
)
def test_a_refused_upload_says_why_beside_the_field_and_stores_nothing(
    app, client, db, mensen, bestanden_, melding
):
    burger, dossier, casemanager = mensen
    taak = _taak(db, dossier, casemanager)
    log_in(client, burger)
    antwoord = _upload(client, taak.id, *bestanden_)
    html = antwoord.get_data(as_text=True)
    assert antwoord.status_code == 200
    fout = re.search(r'id="inleveren-bestanden-fout">(.*?)</p>', html, re.S)
    assert fout and melding in fout.group(1), html
    assert 'aria-invalid="true"' in html and "Controleer wat u invulde" in html
    assert tel(db, Taakbestand) == 0 and _opgeslagen(app) == []
    assert db.get(Taak, taak.id).status == "open"
    assert tel(db, Bericht, Bericht.soort == "ontvangst") == 0


def test_a_file_over_the_limit_is_refused(app, client, db, mensen, monkeypatch):
    monkeypatch.setattr(taakinlevering, "MAX_BYTES", len(PDF) - 1)
    burger, dossier, casemanager = mensen
    taak = _taak(db, dossier, casemanager)
    log_in(client, burger)
    html = _upload(client, taak.id, ("loonstrook.pdf", PDF)).get_data(as_text=True)
    assert "is te groot. Een bestand mag ten hoogste 10 MB zijn." in html
    assert tel(db, Taakbestand) == 0 and _opgeslagen(app) == []


def test_more_files_in_a_second_upload_count_with_the_first(client, db, mensen):
    burger, dossier, casemanager = mensen
    taak = _taak(db, dossier, casemanager)
    log_in(client, burger)
    assert _upload(client, taak.id, *[(f"a{i}.pdf", PDF) for i in range(8)]).status_code == 303
    html = _upload(client, taak.id, ("b.png", PNG), ("c.png", PNG), ("d.png", PNG))
    assert "U stuurde er al 8." in html.get_data(as_text=True)
    assert _upload(client, taak.id, ("b.png", PNG), ("c.jpg", JPEG)).status_code == 303
    assert tel(db, Taakbestand) == 10


@pytest.mark.parametrize("afsluiten", [taken.accepteer, taken.trek_in])
def test_nothing_can_be_sent_after_the_task_is_closed(app, client, db, mensen, afsluiten):
    burger, dossier, casemanager = mensen
    taak = _taak(db, dossier, casemanager)
    log_in(client, burger)
    token = csrf_token(client, f"/taken/{taak.id}")
    if afsluiten is taken.accepteer:
        assert _upload(client, taak.id, ("a.pdf", PDF), token=token).status_code == 303
    db.expire_all()
    afsluiten(db, db.get(Taak, taak.id), casemanager, nu=utcnow(), trace_id=TRACE)
    voor = (tel(db, Taakbestand), len(_opgeslagen(app)))
    html = _upload(client, taak.id, ("b.png", PNG), token=token).get_data(as_text=True)
    assert "Deze taak is afgerond. U hoeft niets meer te sturen." in html
    niet = client.post(
        f"/taken/{taak.id}/niet-beschikbaar", data={"csrf_token": token, "niet-uitleg": "Weg."}
    )
    assert "Deze taak is afgerond." in niet.get_data(as_text=True)
    assert (tel(db, Taakbestand), len(_opgeslagen(app))) == voor
    assert db.get(Taak, taak.id).status in ("geaccepteerd", "ingetrokken")


def test_the_person_says_they_do_not_have_it_and_gets_a_receipt(client, db, mensen):
    burger, dossier, casemanager = mensen
    taak = _taak(db, dossier, casemanager)
    log_in(client, burger)
    token = csrf_token(client, f"/taken/{taak.id}")
    te_lang = client.post(
        f"/taken/{taak.id}/niet-beschikbaar", data={"csrf_token": token, "niet-uitleg": "z" * 2001}
    )
    assert "ten hoogste 2000 tekens" in te_lang.get_data(as_text=True)
    assert "z" * 2001 in te_lang.get_data(as_text=True)  # what was typed stays
    assert db.get(Taak, taak.id).status == "open"

    antwoord = client.post(
        f"/taken/{taak.id}/niet-beschikbaar",
        data={"csrf_token": token, "niet-uitleg": "Mijn werkgever bestaat niet meer."},
    )
    assert antwoord.status_code == 303
    bevestiging = client.get(antwoord.headers["Location"]).get_data(as_text=True)
    assert "Waarom u het niet heeft" in bevestiging
    assert "Mijn werkgever bestaat niet meer." in bevestiging
    db.expire_all()
    taak = db.get(Taak, taak.id)
    assert (taak.status, taak.uitleg) == ("niet_beschikbaar", "Mijn werkgever bestaat niet meer.")
    log_in(client, casemanager)
    assert "Mijn werkgever bestaat niet meer." in client.get(
        f"/medewerker/taken/{taak.id}"
    ).get_data(as_text=True)
    assert _acties(db, taak) == ["taak-vragen", "taak-niet-beschikbaar", "taak-bekijken"]


def test_another_persons_task_answers_404_and_changes_nothing(client, db, mensen):
    _burger, dossier, casemanager = mensen
    taak = _taak(db, dossier, casemanager)
    ander = maak_burger(db)
    maak_dossier(db, burger=ander)
    db.commit()
    log_in(client, ander)
    token = csrf_token(client, "/mijn-dossier")
    assert client.get(f"/taken/{taak.id}").status_code == 404
    assert _upload(client, taak.id, ("a.pdf", PDF), token=token).status_code == 404
    niet = client.post(f"/taken/{taak.id}/niet-beschikbaar", data={"csrf_token": token})
    assert niet.status_code == 404
    assert db.get(Taak, taak.id).status == "open" and tel(db, Taakbestand) == 0


# --- the casemanager's judgement ----------------------------------------------------------------


def test_the_casemanager_downloads_asks_again_with_a_reason_and_accepts(app, client, db, mensen):
    burger, dossier, casemanager = mensen
    taak = _taak(db, dossier, casemanager)
    log_in(client, burger)
    _upload(client, taak.id, ("loonstrook-jan.jpg", JPEG))

    log_in(client, casemanager)
    pagina = client.get(f"/medewerker/taken/{taak.id}").get_data(as_text=True)
    bestand = db.scalar(select(Taakbestand))
    assert f"/medewerker/taken/{taak.id}/bestanden/{bestand.id}" in pagina
    download = client.get(f"/medewerker/taken/{taak.id}/bestanden/{bestand.id}")
    assert download.status_code == 200 and download.data == JPEG
    assert (
        download.mimetype == "image/jpeg"
        and "attachment" in download.headers["Content-Disposition"]
    )
    download.close()

    token = csrf_token(client, f"/medewerker/taken/{taak.id}")
    zonder = client.post(
        f"/medewerker/taken/{taak.id}/opnieuw",
        data={"csrf_token": token, "opnieuw-reden": " ", "opnieuw-uiterlijk": "2020-01-01"},
    ).get_data(as_text=True)
    assert "Schrijf op waarom u het opnieuw vraagt." in zonder
    assert db.get(Taak, taak.id).ronde == 1
    nieuwe_datum = vandaag() + timedelta(days=7)
    reden = "Op de foto kan ik het bedrag niet lezen. Stuur een scherpere foto."
    antwoord = client.post(
        f"/medewerker/taken/{taak.id}/opnieuw",
        data={
            "csrf_token": token,
            "opnieuw-reden": reden,
            "opnieuw-uiterlijk": nieuwe_datum.isoformat(),
        },
    )
    assert antwoord.status_code == 303
    db.expire_all()
    taak = db.get(Taak, taak.id)
    assert (taak.status, taak.ronde, taak.uiterlijk, taak.reden) == (
        "open",
        2,
        nieuwe_datum,
        reden,
    )
    beloften = db.scalars(select(Toezegging).where(Toezegging.onderwerp == f"taak:{taak.id}"))
    assert [b.status for b in beloften] == ["nagekomen"]  # the judgement came in time

    log_in(client, burger)
    mijn = client.get("/mijn-dossier").get_data(as_text=True)
    assert TITEL in mijn and "Wij vragen het opnieuw." in mijn
    pagina = client.get(f"/taken/{taak.id}").get_data(as_text=True)
    assert reden in pagina and "Waarom wij het opnieuw vragen" in pagina
    assert "loonstrook-jan.jpg" in pagina  # what was sent before stays in view
    _upload(client, taak.id, ("beter.png", PNG))

    log_in(client, casemanager)
    client.get(f"/medewerker/taken/{taak.id}")
    antwoord = client.post(
        f"/medewerker/taken/{taak.id}/accepteren",
        data={"csrf_token": csrf_token(client, f"/medewerker/taken/{taak.id}")},
    )
    assert antwoord.status_code == 303
    db.expire_all()
    taak = db.get(Taak, taak.id)
    assert taak.status == "geaccepteerd" and taak.afgerond_op is not None
    assert [b.status for b in db.scalars(select(Toezegging).where(Toezegging.soort == "taak"))] == [
        "nagekomen",
        "nagekomen",
    ]
    nieuws = db.scalars(select(Bericht).where(Bericht.soort == "taak").order_by(Bericht.id))
    nieuws = [b.gegevens["gebeurtenis"] for b in nieuws]
    assert nieuws == ["gevraagd", "opnieuw", "geaccepteerd"]
    assert _acties(db, taak) == [
        "taak-vragen",
        "taak-inleveren",
        "taak-bekijken",
        "taakbestand-downloaden",
        "taak-bekijken",
        "taak-bekijken",
        "taak-opnieuw-vragen",
        "taak-inleveren",
        "taak-bekijken",
        "taak-bekijken",
        "taak-accepteren",
    ]
    log_in(client, burger)
    pagina = client.get(f"/taken/{taak.id}").get_data(as_text=True)
    assert "Klaar. Wij hebben wat wij nodig hadden." in pagina
    assert "inleveren-bestanden" not in pagina


def test_accepting_needs_an_answer_first(db, mensen):
    _burger, dossier, casemanager = mensen
    taak = _taak(db, dossier, casemanager)
    with pytest.raises(taken.TaakFout) as fout:
        taken.accepteer(db, taak, casemanager, nu=utcnow(), trace_id=TRACE)
    assert fout.value.code == "niets_ontvangen"


def test_the_queue_sorts_by_deadline_and_marks_the_overdue_and_the_morning_overview_counts(
    app, client, db, mensen
):
    _burger, dossier, casemanager = mensen
    nu = utcnow()
    later = _taak(db, dossier, casemanager, titel="Later", uiterlijk=vandaag() + timedelta(20))
    eerder = _taak(db, dossier, casemanager, titel="Eerder", uiterlijk=vandaag() + timedelta(3))
    verlopen = _taak(
        db, dossier, casemanager, titel="Verlopen", uiterlijk=vandaag() + timedelta(days=2)
    )
    # Its deadline passes: seen ten days on.
    over_tien = nu + timedelta(days=4)
    regels = taken.wachtrij(db, casemanager.id, over_tien)
    assert [r.taak.id for r in regels] == [verlopen.id, eerder.id, later.id]
    assert [r.verlopen for r in regels] == [True, True, False]
    ander = maak_medewerker(db, rollen="casemanager")
    db.commit()
    assert taken.wachtrij(db, ander.id, nu) == []
    db.commit()

    log_in(client, casemanager)
    html = client.get("/medewerker/taken").get_data(as_text=True)
    assert html.index("Eerder") < html.index("Later")
    overzicht = ochtendoverzicht.overzicht(db, casemanager.id, over_tien)
    assert (overzicht.taken_verlopen, overzicht.taken_te_beoordelen) == (2, 0)
    assert "Taken voor klanten" in client.get("/medewerker/overzicht").get_data(as_text=True)


# --- the reminder -------------------------------------------------------------------------------


def test_a_reminder_goes_once_some_days_before_the_deadline(db, mensen):
    _burger, dossier, casemanager = mensen
    nu = utcnow()
    taak = _taak(db, dossier, casemanager, uiterlijk=vandaag(nu) + timedelta(days=10), nu=nu)
    assert taakherinnering.plan_herinneringen(db, nu + timedelta(days=6)) == 0
    assert taakherinnering.plan_herinneringen(db, nu + timedelta(days=7)) == 1
    assert taakherinnering.plan_herinneringen(db, nu + timedelta(days=7, hours=1)) == 0
    assert taakherinnering.plan_herinneringen(db, nu + timedelta(days=8)) == 0
    herinneringen = db.scalars(
        select(Notificatie).where(Notificatie.soort == "taak_herinnering")
    ).all()
    assert [(h.kanaal, h.idempotentiesleutel) for h in herinneringen] == [
        ("sms", f"taak:{taak.id}:1:herinnering:sms")
    ]
    assert TITEL not in str(herinneringen[0].gegevens)


def test_no_reminder_for_a_task_answered_or_asked_days_before_its_deadline(app, client, db, mensen):
    burger, dossier, casemanager = mensen
    nu = utcnow()
    kort = _taak(db, dossier, casemanager, uiterlijk=vandaag(nu) + timedelta(days=2), nu=nu)
    beantwoord = _taak(db, dossier, casemanager, uiterlijk=vandaag(nu) + timedelta(days=10))
    log_in(client, burger)
    assert _upload(client, beantwoord.id, ("a.pdf", PDF)).status_code == 303
    assert taakherinnering.plan_herinneringen(db, nu + timedelta(days=7)) == 0
    assert tel(db, Notificatie, Notificatie.soort == "taak_herinnering") == 0
    assert db.get(Taak, kort.id).herinnerd_op is not None  # looked at once, not again


def test_a_reminder_still_waiting_is_cancelled_when_the_person_answers(client, db, mensen):
    burger, dossier, casemanager = mensen
    nu = utcnow()
    taak = _taak(db, dossier, casemanager, uiterlijk=vandaag(nu) + timedelta(days=10), nu=nu)
    assert taakherinnering.plan_herinneringen(db, nu + timedelta(days=7)) == 1
    log_in(client, burger)
    _upload(client, taak.id, ("a.pdf", PDF))
    db.expire_all()
    herinnering = db.scalar(select(Notificatie).where(Notificatie.soort == "taak_herinnering"))
    assert herinnering.status == "geannuleerd"


def test_the_reminder_honours_the_switches(db):
    burger = met_voorkeuren(db, maak_burger(db), kanalen=("sms",), soorten=("spreekuur",))
    dossier = maak_dossier(db, burger=burger)
    db.commit()
    nu = utcnow()
    _taak(db, dossier, uiterlijk=vandaag(nu) + timedelta(days=10), nu=nu)
    assert taakherinnering.plan_herinneringen(db, nu + timedelta(days=7)) == 0
    assert tel(db, Notificatie, Notificatie.burger_id == burger.id) == 0


# --- the API --------------------------------------------------------------------------------------


def test_the_back_office_asks_through_the_api_and_reads_the_state(app, client, db, mensen):
    burger, dossier, _casemanager = mensen
    systeem = maak_systeem(app, "taken:schrijven", "taken:lezen")
    alleen_lezen = maak_systeem(app, "taken:lezen")
    lichaam = {
        "titel": TITEL,
        "uiterlijk": (vandaag() + timedelta(days=14)).isoformat(),
        "traject_soort": "loonloze_tijdvakken",
    }
    probleem(post(client, f"/dossiers/{dossier.kenmerk}/taken", alleen_lezen.token, lichaam), 403)
    probleem(post(client, "/dossiers/WIA-9999999/taken", systeem.token, lichaam), 404)
    verleden = probleem(
        post(
            client,
            f"/dossiers/{dossier.kenmerk}/taken",
            systeem.token,
            {**lichaam, "uiterlijk": "2020-01-01"},
        ),
        422,
        "ongeldige-invoer",
    )
    assert velden(verleden) == ["uiterlijk"]
    assert verleden["fouten"][0]["code"] == "niet_na_vandaag"
    leeg = probleem(
        post(client, f"/dossiers/{dossier.kenmerk}/taken", systeem.token, {**lichaam, "titel": ""}),
        422,
    )
    assert velden(leeg) == ["titel"]
    assert tel(db, Taak) == 0

    pad = f"/dossiers/{dossier.kenmerk}/taken"
    antwoord = post(client, pad, systeem.token, lichaam, sleutel="k1")
    assert antwoord.status_code == 201, antwoord.get_json()
    taak_id = antwoord.get_json()["id"]
    assert antwoord.headers["Location"].endswith(f"/api/v1/taken/{taak_id}")
    herhaald = post(client, pad, systeem.token, lichaam, sleutel="k1")
    assert herhaald.headers.get("Idempotent-Replayed") == "true" and tel(db, Taak) == 1

    log_in(client, burger)
    _upload(client, taak_id, ("loonstrook.pdf", PDF))
    staat = get(client, f"/taken/{taak_id}", systeem.token).get_json()
    assert staat["status"] == "ingeleverd" and staat["kenmerk"] == dossier.kenmerk
    assert [(b["bestandsnaam"], b["soort"]) for b in staat["bestanden"]] == [
        ("loonstrook.pdf", "pdf")
    ]
    probleem(get(client, "/taken/999999", systeem.token), 404)
    taak = db.get(Taak, taak_id)
    assert taak.api_client_id == systeem.id and taak.medewerker_id is None
    document = client.get("/api/v1/openapi.json").get_json()
    assert "/api/v1/dossiers/{kenmerk}/taken" in document["paths"] or any(
        pad.endswith("/dossiers/{kenmerk}/taken") for pad in document["paths"]
    )
    gevraagd = select(func.count()).where(
        Verwerkingslog.api_client_id == systeem.id,
        Verwerkingslog.verwerkingsactiviteit == "taak-vragen",
    )
    assert db.scalar(gevraagd) == 1
