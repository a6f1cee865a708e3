"""The person's pages for letters, money and objections, and the contact history: each person
sees only their own, opening and downloading are logged, the portal's letters are real PDFs,
and a late objection shows the route of Awb 4:17 with a filled-in model letter."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from decimal import Decimal

import pytest
from babel.dates import format_date
from pypdf import PdfReader
from sqlalchemy import select

import notificaties
from portal.models import Bericht, Brief, Verwerkingslog, utcnow
from portal.services import (
    bezwaren,
    brieven,
    geld,
    mijnbrieven,
    spreekuurvoorkeur,
    toezeggingen,
)
from portal.tijd import vandaag
from tests.conftest import csrf_token, log_in
from tests.factories import maak_burger, maak_dossier, maak_medewerker, maak_traject
from tests.pdf import PDF


@pytest.fixture(autouse=True)
def _documentenmap(app, tmp_path):
    app.config["DOCUMENTEN_MAP"] = str(tmp_path / "documenten")


def _persoon(db):
    burger = maak_burger(db)
    dossier = maak_dossier(db, burger=burger)
    db.commit()  # SQLite: the login session is written by another connection
    return burger, dossier


def _uwv_brief(app, db, dossier, *, soort="besluit", dagen=2, extern_id=None):
    brief, _ = mijnbrieven.lever(
        db,
        dossier,
        mijnbrieven.Aanlevering(
            extern_id=extern_id or f"B-{dossier.id}-{soort}-{dagen}",
            soort=soort,
            datum=vandaag() - timedelta(days=dagen),
            titel="Besluit over uw dagloon",
            traject_soort="dagloon",
            bestandsnaam="besluit.pdf",
            data=PDF,
        ),
        map_=app.config["DOCUMENTEN_MAP"],
        max_bytes=1024 * 1024,
        nu=utcnow(),
        api_client_id=None,
        trace_id="t" * 32,
    )
    db.commit()
    return brief


def _tekst(pdf: bytes) -> str:
    return " ".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(pdf)).pages)


def test_a_person_sees_their_new_letter_and_opening_it_is_logged_and_ends_new(app, client, db):
    burger, dossier = _persoon(db)
    brief = _uwv_brief(app, db, dossier)
    log_in(client, burger)

    lijst = client.get("/brieven").get_data(as_text=True)
    assert "Besluit over uw dagloon" in lijst and "Nieuw" in lijst

    pagina = client.get(f"/brieven/{brief.id}").get_data(as_text=True)
    assert "Bezwaar maken kan tot en met" in pagina
    db.expire_all()
    assert db.get(Brief, brief.id).geopend_op is not None
    assert "Nieuw" not in client.get("/brieven").get_data(as_text=True)

    download = client.get(f"/brieven/{brief.id}/pdf")
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Cache-Control"] == "no-store"
    download.close()
    acties = db.scalars(
        select(Verwerkingslog.verwerkingsactiviteit).where(
            Verwerkingslog.object == f"brief:{brief.id}", Verwerkingslog.medewerker_id.is_(None)
        )
    ).all()
    assert {"brief-openen", "brief-downloaden"} <= set(acties)
    assert "U heeft deze brief 1 keer gedownload" in client.get(f"/brieven/{brief.id}").get_data(
        as_text=True
    )


def test_another_persons_letter_answers_404_and_is_not_marked_opened(app, client, db):
    burger, _ = _persoon(db)
    _, ander_dossier = _persoon(db)
    brief = _uwv_brief(app, db, ander_dossier)
    log_in(client, burger)

    assert client.get(f"/brieven/{brief.id}").status_code == 404
    assert client.get(f"/brieven/{brief.id}/pdf").status_code == 404
    db.expire_all()
    assert db.get(Brief, brief.id).geopend_op is None


def test_the_portals_own_letter_is_the_portal_message_as_a_real_pdf_with_kenmerk(app, client, db):
    burger, dossier = _persoon(db)
    bericht = Bericht(
        burger_id=burger.id,
        soort="kwartaalupdate",
        gegevens={"trajecten": ["dagloon"], "volgende_update_op": "2027-09-30"},
    )
    db.add(bericht)
    db.flush()
    brief = Brief(burger_id=burger.id, bericht_id=bericht.id, soort="kwartaalupdate", gegevens={})
    db.add(brief)
    db.commit()
    log_in(client, burger)

    pagina = client.get(f"/brieven/{brief.id}").get_data(as_text=True)
    assert "Update over het onderzoek naar uw uitkering" in pagina
    pdf = client.get(f"/brieven/{brief.id}/pdf")
    assert pdf.mimetype == "application/pdf"
    tekst = _tekst(pdf.data)
    assert dossier.kenmerk in tekst and burger.naam in tekst
    assert "30 september 2027" in tekst  # the same text as the message: the next date


def test_the_print_batch_holds_the_list_and_every_letter_as_a_pdf(app, client, db):
    burger, dossier = _persoon(db)
    spreekuurvoorkeur.zet_briefvorm(
        db, burger.id, grote_letters=True, eenvoudige_taal=True, nu=utcnow()
    )
    db.add(Brief(burger_id=burger.id, soort="kwartaalupdate", gegevens={}))
    db.commit()
    _uwv_brief(app, db, dossier)  # UWV sent its own letter: not printed here
    batch = brieven.maak_batch(db)
    beheerder = maak_medewerker(db, rollen="beheerder")
    db.commit()
    log_in(client, beheerder)

    response = client.get(f"/medewerker/brieven/{batch}.zip")

    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    archief = zipfile.ZipFile(io.BytesIO(response.data))
    response.close()
    lijst = archief.read(f"brieven-{batch}.csv").decode().splitlines()
    assert len(lijst) == 2  # the header and the portal's one letter, not UWV's own
    regel = lijst[1].split(",")
    pdfnaam = regel[-1]
    assert regel[0] == dossier.kenmerk and regel[-2] == "ja"  # easy language asked for
    assert sorted(archief.namelist()) == sorted([f"brieven-{batch}.csv", pdfnaam])
    assert dossier.kenmerk in _tekst(archief.read(pdfnaam))


def test_the_form_of_letters_is_kept_and_shown_to_the_casemanager(app, client, db):
    burger, _ = _persoon(db)
    log_in(client, burger)
    token = csrf_token(client, "/brieven")
    response = client.post("/brieven/vorm", data={"csrf_token": token, "vorm": ["eenvoudige_taal"]})
    assert response.status_code == 303
    profiel = spreekuurvoorkeur.ondersteuning(db, burger.id)
    db.refresh(profiel)
    assert (profiel.grote_letters, profiel.eenvoudige_taal) == (False, True)
    assert "Brieven in eenvoudige taal" in spreekuurvoorkeur.behoeften_van(profiel)


def _betaling(db, dossier, **velden):
    jaar = vandaag().year - 2
    besluit = geld.Betaalbesluit(
        extern_id=f"NB-{dossier.id}",
        traject_soort="dagloon",
        besluit_op=vandaag() - timedelta(days=3),
        nabetaling=Decimal("1000.00"),
        compensatie=Decimal("50.00"),
        verwacht_op=vandaag() + timedelta(days=10),
        status="aangekondigd",
        perioden=(
            geld.Periode(
                vandaag().replace(year=jaar, month=1, day=1),
                vandaag().replace(year=jaar, month=12, day=31),
                Decimal("90.00"),
                Decimal("94.00"),
                Decimal("1000.00"),
            ),
        ),
        **velden,
    )
    betaling, _ = geld.lever(db, dossier, besluit, nu=utcnow(), api_client_id=None)
    db.commit()
    return betaling


def test_uw_geld_answers_how_much_and_when_with_the_specification_and_toeslagen(app, client, db):
    burger, dossier = _persoon(db)
    _betaling(db, dossier)
    log_in(client, burger)

    pagina = client.get("/uw-geld").get_data(as_text=True)

    assert "1.050,00 terug, uiterlijk op" in pagina
    assert "94,00" in pagina and "Compensatie voor de late betaling" in pagina
    assert "huurtoeslag" in pagina and "0800 0543" in pagina
    mijn = client.get("/mijn-dossier").get_data(as_text=True)
    assert "1.050,00 terug" in mijn


def test_a_dagloon_that_was_too_high_says_plainly_nothing_is_paid_back(app, client, db):
    burger, dossier = _persoon(db)
    maak_traject(
        db, dossier=dossier, route=("in_onderzoek", "onderzoek_afgerond", "dagloon_te_hoog")
    )
    db.commit()
    log_in(client, burger)
    assert "U hoeft niets terug te betalen." in client.get("/uw-geld").get_data(as_text=True)


def test_a_late_objection_shows_the_route_and_a_model_letter_filled_in_for_the_person(
    app, client, db
):
    burger, dossier = _persoon(db)
    besluit_op = vandaag() - timedelta(days=200)
    zaak, _ = bezwaren.lever(
        db,
        dossier,
        bezwaren.Zaakinvoer(
            extern_id=f"BZ-{dossier.id}",
            soort="bezwaar",
            besluit_op=besluit_op,
            ontvangen_op=besluit_op + timedelta(days=20),
            status="in_behandeling",
        ),
        nu=utcnow(),
        api_client_id=None,
    )
    db.commit()
    notificaties.verloop_toezeggingen(db, utcnow())
    db.commit()
    log_in(client, burger)

    mijn = client.get("/mijn-dossier").get_data(as_text=True)
    assert "Wij moesten uiterlijk" in mijn and "beslissen op uw bezwaar" in mijn
    overzicht = client.get("/bezwaar").get_data(as_text=True)
    assert f"/bezwaar/{zaak.id}/ingebrekestelling" in overzicht

    route = client.get(f"/bezwaar/{zaak.id}/ingebrekestelling").get_data(as_text=True)
    assert "1.442,00" in route and "23,00" in route
    assert dossier.kenmerk in route and burger.naam in route
    pdf = client.get(f"/bezwaar/{zaak.id}/ingebrekestelling.pdf")
    tekst = _tekst(pdf.data)
    assert "ingebrekestelling" in tekst and dossier.kenmerk in tekst
    assert "4:17" in tekst


def test_the_model_letter_is_only_for_ones_own_objection(app, client, db):
    burger, _ = _persoon(db)
    _, ander = _persoon(db)
    zaak, _ = bezwaren.lever(
        db,
        ander,
        bezwaren.Zaakinvoer(
            extern_id=f"BZ-{ander.id}",
            soort="bezwaar",
            besluit_op=vandaag() - timedelta(days=10),
            ontvangen_op=vandaag() - timedelta(days=5),
            status="in_behandeling",
        ),
        nu=utcnow(),
        api_client_id=None,
    )
    db.commit()
    log_in(client, burger)
    assert client.get(f"/bezwaar/{zaak.id}/ingebrekestelling").status_code == 404
    assert client.get(f"/bezwaar/{zaak.id}/ingebrekestelling.pdf").status_code == 404


def test_the_contact_history_lists_letters_and_messages_for_the_person_and_the_casemanager(
    app, client, db
):
    burger, dossier = _persoon(db)
    _uwv_brief(app, db, dossier)
    _, ander = _persoon(db)
    _uwv_brief(app, db, ander, extern_id="ANDER")
    casemanager = maak_medewerker(db, rollen="casemanager")
    db.commit()
    log_in(client, burger)

    eigen = client.get("/contact-met-uwv").get_data(as_text=True)
    assert eigen.count("Besluit over uw dagloon") == 1  # the other person's letter is not here
    assert "Er staat een brief voor u klaar" in eigen

    log_in(client, casemanager)
    pagina = client.get(f"/medewerker/dossiers/{dossier.kenmerk}/contact")
    assert pagina.status_code == 200 and "Besluit over uw dagloon" in pagina.get_data(as_text=True)
    assert db.scalar(
        select(Verwerkingslog).where(
            Verwerkingslog.medewerker_id == casemanager.id,
            Verwerkingslog.burger_id == burger.id,
        )
    )


def test_a_new_date_a_casemanager_sets_for_an_objection_is_its_one_extension(app, client, db):
    burger, dossier = _persoon(db)
    casemanager = maak_medewerker(db, rollen="casemanager")
    zaak, _ = bezwaren.lever(
        db,
        dossier,
        bezwaren.Zaakinvoer(
            extern_id=f"BZ-{dossier.id}",
            soort="bezwaar",
            besluit_op=vandaag() - timedelta(days=20),
            ontvangen_op=vandaag() - timedelta(days=5),
            status="in_behandeling",
        ),
        nu=utcnow(),
        api_client_id=None,
    )
    db.commit()
    belofte = toezeggingen.laatste(db, f"bezwaar:{zaak.id}")
    grens = belofte.wettelijke_grens
    assert grens == bezwaren.termijn(zaak, verdaagd=True)

    with pytest.raises(toezeggingen.ToezeggingFout) as fout:
        toezeggingen.verschuif(
            db,
            belofte,
            toezeggingen.Verschuiving(grens + timedelta(days=1), "Te laat.", None),
            nu=utcnow(),
            medewerker_id=casemanager.id,
        )
    assert fout.value.reden == "na_wettelijke_grens"
    db.rollback()

    nieuwe_datum = belofte.datum + timedelta(days=7)
    reden = "Wij vragen eerst advies aan een arts."
    toezeggingen.verschuif(
        db,
        db.merge(belofte),
        toezeggingen.Verschuiving(nieuwe_datum, reden, None),
        nu=utcnow(),
        medewerker_id=casemanager.id,
    )
    db.commit()
    db.expire_all()
    zaak = db.get(type(zaak), zaak.id)
    assert (zaak.status, zaak.verdaging_reden) == ("verdaagd", reden)
    log_in(client, burger)
    pagina = client.get("/bezwaar").get_data(as_text=True)
    assert reden in pagina
    assert format_date(nieuwe_datum, "long", locale="nl") in pagina


def test_a_decision_told_before_its_letter_says_the_period_counts_from_the_letter(app, client, db):
    burger, dossier = _persoon(db)
    maak_traject(
        db, dossier=dossier, route=("in_onderzoek", "onderzoek_afgerond", "geen_wijziging")
    )
    db.commit()
    log_in(client, burger)
    pagina = client.get("/bezwaar").get_data(as_text=True)
    assert "U krijgt daarover een brief." in pagina
    assert "6 weken na de datum van die brief" in pagina


def test_a_late_objection_cannot_be_extended_and_has_no_model_letter_before_it_is_late(
    app, client, db
):
    burger, dossier = _persoon(db)
    casemanager = maak_medewerker(db, rollen="casemanager")
    te_laat, _ = bezwaren.lever(
        db,
        dossier,
        bezwaren.Zaakinvoer(
            extern_id=f"BZ-oud-{dossier.id}",
            soort="bezwaar",
            besluit_op=vandaag() - timedelta(days=200),
            ontvangen_op=vandaag() - timedelta(days=190),
            status="in_behandeling",
        ),
        nu=utcnow(),
        api_client_id=None,
    )
    op_tijd, _ = bezwaren.lever(
        db,
        dossier,
        bezwaren.Zaakinvoer(
            extern_id=f"BZ-nieuw-{dossier.id}",
            soort="bezwaar",
            besluit_op=vandaag() - timedelta(days=10),
            ontvangen_op=vandaag() - timedelta(days=5),
            status="in_behandeling",
        ),
        nu=utcnow(),
        api_client_id=None,
    )
    db.commit()
    belofte = toezeggingen.laatste(db, f"bezwaar:{te_laat.id}")
    with pytest.raises(toezeggingen.ToezeggingFout) as fout:
        toezeggingen.verschuif(
            db,
            belofte,
            toezeggingen.Verschuiving(vandaag() + timedelta(days=7), "Meer tijd.", None),
            nu=utcnow(),
            medewerker_id=casemanager.id,
        )
    assert fout.value.reden == "na_wettelijke_grens"
    db.rollback()
    log_in(client, burger)
    assert client.get(f"/bezwaar/{te_laat.id}/ingebrekestelling").status_code == 200
    assert client.get(f"/bezwaar/{op_tijd.id}/ingebrekestelling").status_code == 404
