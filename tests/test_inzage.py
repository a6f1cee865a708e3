"""Inzage (GDPR art. 15): the legal term at month ends and in leap years, the extension
rules, the status table, what the person and the casemanager may see, PDF checks, logged
downloads, notifications, the queue and the team view."""

import io
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from portal.models import Bericht, Notificatie, Verwerkingslog
from portal.models.inzage import Inzagedocument, Inzageverzoek
from portal.services import berichten, bestanden, inzagedocumenten, inzagewachtrij
from portal.services import inzage as service
from tests.conftest import csrf_token, log_in
from tests.factories import maak_burger, maak_dossier, maak_medewerker, met_voorkeuren
from tests.pdf import maak_pdf

# Monday 1 February 2027, 10.00 in Amsterdam.
NU = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)
TRACE = "t" * 32
PDF = maak_pdf()


@pytest.fixture(autouse=True)
def _documentenmap(app, tmp_path):
    app.config["DOCUMENTEN_MAP"] = str(tmp_path / "documenten")


def _verzoek(db, burger=None, nu=NU, **velden):
    burger = burger or maak_burger(db)
    dossier = burger.dossier or maak_dossier(db, burger=burger)
    verzoek = service.vraag_aan(
        db,
        burger,
        dossier,
        onderwerpen=velden.pop("onderwerpen", ["dagloon"]),
        anders=None,
        levering=velden.pop("levering", "portaal"),
        toelichting=None,
        nu=nu,
    )
    return verzoek


def _tel(db, model, *voorwaarden):
    db.expire_all()
    return db.scalar(select(func.count()).select_from(model).where(*voorwaarden))


def _upload(db, verzoek, medewerker, tmp_path, data=PDF, naam="inzage.pdf"):
    return inzagedocumenten.voeg_document_toe(
        db,
        verzoek,
        bestandsnaam=naam,
        data=data,
        map_=str(tmp_path),
        max_bytes=1024 * 1024,
        medewerker=medewerker,
        trace_id=TRACE,
        nu=NU,
    )


# --- the legal term ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ontvangen", "termijn", "uiterst"),
    [
        (date(2027, 1, 31), date(2027, 2, 28), date(2027, 4, 30)),
        (date(2028, 1, 31), date(2028, 2, 29), date(2028, 4, 30)),
        (date(2027, 3, 31), date(2027, 4, 30), date(2027, 6, 30)),
        (date(2027, 11, 30), date(2027, 12, 30), date(2028, 2, 29)),
    ],
)
def test_the_term_is_one_month_and_clips_at_month_ends(ontvangen, termijn, uiterst):
    assert service.termijn(ontvangen) == termijn
    assert service.uiterste_verlenging(ontvangen) == uiterst


def test_receipt_late_in_the_evening_counts_by_the_amsterdam_calendar(db):
    # 31 January 23.30 UTC is already 1 February in Amsterdam.
    verzoek = _verzoek(db, nu=datetime(2027, 1, 31, 23, 30, tzinfo=UTC))
    assert verzoek.termijn_op == date(2027, 3, 1)
    assert verzoek.kenmerk == f"INZ-2027-{verzoek.id:06d}"


# --- extension --------------------------------------------------------------------------------


def _verleng(db, verzoek, medewerker, tot=date(2027, 4, 1), reden="Veel documenten", nu=NU):
    service.verleng(db, verzoek, tot=tot, reden=reden, medewerker=medewerker, trace_id=TRACE, nu=nu)


@pytest.mark.parametrize(
    ("tot", "reden", "nu", "code"),
    [
        (date(2027, 4, 1), "  ", NU, "reden_nodig"),
        (date(2027, 5, 2), "Veel", NU, "verlenging_te_lang"),
        (date(2027, 2, 28), "Veel", NU, "verlenging_te_kort"),
        (
            date(2027, 4, 1),
            "Veel",
            datetime(2027, 3, 2, 9, 0, tzinfo=UTC),
            "te_laat_voor_verlenging",
        ),
    ],
)
def test_an_extension_against_the_rules_is_refused_and_changes_nothing(db, tot, reden, nu, code):
    verzoek = _verzoek(db)
    with pytest.raises(service.InzageFout) as fout:
        _verleng(db, verzoek, maak_medewerker(db), tot=tot, reden=reden, nu=nu)
    assert fout.value.code == code
    db.rollback()
    db.refresh(verzoek)
    assert (verzoek.status, verzoek.verlengd_tot) == ("ontvangen", None)
    assert _tel(db, Bericht, Bericht.soort != "ontvangst") == 0  # the receipt is the request's


def test_an_extension_tells_the_person_once_and_cannot_happen_twice(app, db):
    burger = met_voorkeuren(db, maak_burger(db))
    verzoek = _verzoek(db, burger=burger)
    medewerker = maak_medewerker(db)
    _verleng(db, verzoek, medewerker, tot=date(2027, 5, 1))  # received 1 Feb: 1 May at most

    assert (verzoek.status, verzoek.verlengd_tot) == ("verlengd", date(2027, 5, 1))
    (bericht,) = db.scalars(select(Bericht).where(Bericht.soort != "ontvangst")).all()
    with app.test_request_context():
        tekst = berichten.tekst(bericht)
    assert tekst.toelichting == "Veel documenten" and verzoek.kenmerk in tekst.alineas[0]
    sms_en_mail = db.scalars(select(Notificatie)).all()
    assert {n.kanaal for n in sms_en_mail} == {"sms", "email"}
    assert all(
        n.idempotentiesleutel.startswith(f"inzage:{verzoek.id}:verlengd") for n in sms_en_mail
    )

    with pytest.raises(service.InzageFout, match="al_verlengd"):
        _verleng(db, verzoek, medewerker, tot=date(2027, 4, 2))
    assert verzoek.verlengd_tot == date(2027, 5, 1)


# --- the status table -------------------------------------------------------------------------


def test_a_finished_request_cannot_be_withdrawn_or_answered_again(db):
    verzoek = _verzoek(db)
    service.trek_in(db, verzoek, trace_id=TRACE, nu=NU)
    assert verzoek.status == "ingetrokken"
    for poging in (
        lambda: service.trek_in(db, verzoek, trace_id=TRACE),
        lambda: service.rond_af(
            db,
            verzoek,
            naar="afgewezen",
            bericht="x",
            medewerker=maak_medewerker(db),
            trace_id=TRACE,
        ),
    ):
        with pytest.raises(service.InzageFout):
            poging()
    db.rollback()
    assert db.get(Inzageverzoek, verzoek.id).status == "ingetrokken"
    assert service.OVERGANGEN["ingetrokken"] == frozenset()


def test_answering_needs_documents_or_post_and_a_refusal_needs_a_reason(db, tmp_path):
    verzoek = _verzoek(db)
    medewerker = maak_medewerker(db)
    with pytest.raises(service.InzageFout, match="niets_verstrekt"):
        service.rond_af(
            db, verzoek, naar="verstrekt", bericht=None, medewerker=medewerker, trace_id=TRACE
        )
    with pytest.raises(service.InzageFout, match="reden_nodig"):
        service.rond_af(
            db, verzoek, naar="afgewezen", bericht=" ", medewerker=medewerker, trace_id=TRACE
        )
    db.rollback()
    assert db.get(Inzageverzoek, verzoek.id).status == "ontvangen"


def test_a_casemanager_cannot_handle_a_request_about_themselves(db):
    burger = maak_burger(db, email="esther@uwv.example")
    verzoek = _verzoek(db, burger=burger)
    zelf = maak_medewerker(db, email="Esther@uwv.example")
    with pytest.raises(service.InzageFout, match="eigen_verzoek"):
        service.wijs_toe(db, verzoek, zelf, door=zelf, trace_id=TRACE)
    collega = maak_medewerker(db)
    service.wijs_toe(db, verzoek, collega, door=collega, trace_id=TRACE, nu=NU)
    assert (verzoek.status, verzoek.medewerker_id) == ("in_behandeling", collega.id)


# --- PDF checks -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"MZ\x90\x00" + b"\x00" * 200, "geen_pdf"),
        (b"%PDF-1.4\n garbage without an end", "onleesbaar"),
        (b"%PDF-1.4\n" + b"x" * 2000, "te_groot"),
        (b"", "geen_pdf"),
        (maak_pdf(wachtwoord="geheim"), "versleuteld"),
        (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nstartxref\n9\n%%EOF\n", "onleesbaar"),
    ],
)
def test_a_file_that_is_not_a_whole_pdf_is_refused(data, code):
    with pytest.raises(service.InzageFout) as fout:
        inzagedocumenten.controleer_pdf(data, max_bytes=1000)
    assert fout.value.code == code


def test_a_real_pdf_is_stored_once_by_its_hash_with_a_safe_name(db, tmp_path):
    verzoek = _verzoek(db)
    medewerker = maak_medewerker(db)
    document = _upload(db, verzoek, medewerker, tmp_path, naam="../../etc/mijn dossier")
    assert document.bestandsnaam == "etc_mijn_dossier.pdf"
    assert bestanden.pad(tmp_path, document.sha256).read_bytes() == PDF
    _upload(db, verzoek, medewerker, tmp_path)
    assert len(list(tmp_path.rglob("*"))) == 2  # one folder, one file


# --- the person's pages -----------------------------------------------------------------------


def test_a_person_requests_inzage_and_sees_the_reference_and_the_due_date(client, db):
    burger = maak_burger(db)
    maak_dossier(db, burger=burger)
    db.commit()
    log_in(client, burger)
    token = csrf_token(client, "/inzage/aanvragen")
    antwoord = client.post(
        "/inzage/aanvragen",
        data={"csrf_token": token, "onderwerpen": ["dagloon", "brieven"], "levering": "portaal"},
    )
    assert antwoord.status_code == 303
    pagina = client.get(antwoord.headers["Location"]).get_data(as_text=True)
    verzoek = db.scalar(select(Inzageverzoek))
    assert verzoek.onderwerpen == ["dagloon", "brieven"]
    assert verzoek.kenmerk in pagina
    assert "UWV moet uiterlijk" in pagina and "Trek mijn verzoek in" in pagina


@pytest.mark.parametrize(
    ("velden", "fout"),
    [
        ({"levering": "portaal", "toelichting": "Graag snel"}, "Kies minstens één onderwerp."),
        (
            {"onderwerpen": "dossier", "levering": "portaal", "toelichting": "x" * 1001},
            "Gebruik ten hoogste 1000 tekens.",
        ),
        ({"onderwerpen": "anders", "levering": "post"}, "Schrijf op wat u nog meer wilt inzien."),
    ],
)
def test_bad_input_gets_an_error_beside_the_field_keeps_the_input_and_saves_nothing(
    client, db, velden, fout
):
    burger = maak_burger(db)
    maak_dossier(db, burger=burger)
    db.commit()
    log_in(client, burger)
    antwoord = client.post(
        "/inzage/aanvragen", data={"csrf_token": csrf_token(client, "/inzage/aanvragen"), **velden}
    )
    html = antwoord.get_data(as_text=True)
    assert antwoord.status_code == 400
    assert fout in html and 'class="veld__fout"' in html
    if "toelichting" in velden:
        assert velden["toelichting"] in html
    assert _tel(db, Inzageverzoek) == 0


def test_a_person_sees_only_their_own_requests_and_documents(client, db, tmp_path):
    eigen = maak_burger(db)
    ander_verzoek = _verzoek(db)
    document = _upload(db, ander_verzoek, maak_medewerker(db), tmp_path)
    maak_dossier(db, burger=eigen)
    db.commit()
    log_in(client, eigen)
    assert client.get(f"/inzage/{ander_verzoek.id}").status_code == 404
    assert client.get(f"/inzage/{ander_verzoek.id}/documenten/{document.id}").status_code == 404
    assert client.post(f"/inzage/{ander_verzoek.id}/intrekken", data={}).status_code in (400, 404)


def test_withdrawing_a_finished_request_changes_nothing(client, db):
    burger = maak_burger(db)
    verzoek = _verzoek(db, burger=burger)
    service.trek_in(db, verzoek, trace_id=TRACE)
    log_in(client, burger)
    token = csrf_token(client, f"/inzage/{verzoek.id}")
    antwoord = client.post(f"/inzage/{verzoek.id}/intrekken", data={"csrf_token": token})
    assert antwoord.status_code == 303
    assert (
        _tel(db, Verwerkingslog, Verwerkingslog.verwerkingsactiviteit == "inzageverzoek-intrekken")
        == 1
    )


def test_a_download_of_the_answer_is_logged_and_only_after_it_is_provided(app, client, db):
    burger = met_voorkeuren(db, maak_burger(db))
    verzoek = _verzoek(db, burger=burger)
    medewerker = maak_medewerker(db)
    document = _upload(db, verzoek, medewerker, app.config["DOCUMENTEN_MAP"])
    log_in(client, burger)
    pad = f"/inzage/{verzoek.id}/documenten/{document.id}"
    assert client.get(pad).status_code == 404  # not yet provided

    service.rond_af(
        db,
        verzoek,
        naar="verstrekt",
        bericht="Hier is uw dossier.",
        medewerker=medewerker,
        trace_id=TRACE,
        nu=NU,
    )
    assert {n.idempotentiesleutel for n in db.scalars(select(Notificatie))} >= {
        f"inzage:{verzoek.id}:verstrekt:sms",
        f"inzage:{verzoek.id}:verstrekt:email",
    }
    antwoord = client.get(pad)
    assert antwoord.status_code == 200 and antwoord.data == PDF
    assert antwoord.headers["Content-Type"] == "application/pdf"
    antwoord.close()
    assert (
        _tel(
            db,
            Verwerkingslog,
            Verwerkingslog.handeling == "downloaden",
            Verwerkingslog.burger_id == burger.id,
            Verwerkingslog.medewerker_id.is_(None),
        )
        == 1
    )


# --- the casemanager's pages ------------------------------------------------------------------


def test_staff_without_the_role_get_403(client, db):
    verzoek = _verzoek(db)
    pilotleider = maak_medewerker(db, rollen="pilotleider")
    casemanager = maak_medewerker(db)
    db.commit()
    log_in(client, pilotleider)
    assert client.get("/medewerker/inzage").status_code == 403
    assert client.get(f"/medewerker/inzage/{verzoek.id}").status_code == 403
    log_in(client, casemanager)
    assert client.get("/medewerker/inzage/team").status_code == 403
    assert client.get("/medewerker/inzage/999999").status_code == 404


def test_viewing_a_request_is_logged(client, db):
    verzoek = _verzoek(db)
    medewerker = maak_medewerker(db)
    db.commit()
    log_in(client, medewerker)
    assert client.get(f"/medewerker/inzage/{verzoek.id}").status_code == 200
    assert (
        _tel(
            db,
            Verwerkingslog,
            Verwerkingslog.object == f"inzageverzoek:{verzoek.id}",
            Verwerkingslog.handeling == "inzien",
            Verwerkingslog.medewerker_id == medewerker.id,
        )
        == 1
    )


def _stuur_bestand(client, verzoek, data, naam, content_type):
    token = csrf_token(client, f"/medewerker/inzage/{verzoek.id}")
    return client.post(
        f"/medewerker/inzage/{verzoek.id}/documenten",
        data={"csrf_token": token, "upload-bestand": (io.BytesIO(data), naam, content_type)},
        content_type="multipart/form-data",
    )


def test_uploads_are_judged_by_their_content(maak_app, db, tmp_path):
    app = maak_app(DOCUMENTEN_MAP=str(tmp_path), DOCUMENT_MAX_MB=0.01)  # about 10 kB
    client = app.test_client()
    sessie = app.extensions["portal.sessionmaker"]()
    verzoek = _verzoek(sessie)
    medewerker = maak_medewerker(sessie)
    sessie.commit()
    log_in(client, medewerker)

    nep = _stuur_bestand(
        client, verzoek, b"MZ\x90\x00" + b"\x00" * 64, "brief.pdf", "application/pdf"
    )
    assert nep.status_code == 400 and "Dit bestand is geen pdf." in nep.get_data(as_text=True)
    groot = _stuur_bestand(client, verzoek, PDF + b"%" * 20_000, "groot.pdf", "application/pdf")
    assert groot.status_code == 400 and "te groot" in groot.get_data(as_text=True)
    assert _tel(sessie, Inzagedocument) == 0

    echt = _stuur_bestand(client, verzoek, PDF, "Brief 1.pdf", "application/octet-stream")
    assert echt.status_code == 303
    (document,) = sessie.scalars(select(Inzagedocument)).all()
    assert (document.bestandsnaam, document.grootte) == ("Brief_1.pdf", len(PDF))
    sessie.close()


def test_extending_too_late_via_the_page_shows_the_reason_beside_the_field(client, db):
    verzoek = _verzoek(db, nu=datetime(2026, 1, 5, 9, 0, tzinfo=UTC))  # long ago
    medewerker = maak_medewerker(db)
    db.commit()
    log_in(client, medewerker)
    token = csrf_token(client, f"/medewerker/inzage/{verzoek.id}")
    antwoord = client.post(
        f"/medewerker/inzage/{verzoek.id}/verlengen",
        data={"csrf_token": token, "verleng-tot": "2026-03-01", "verleng-reden": "Drukte"},
    )
    html = antwoord.get_data(as_text=True)
    assert antwoord.status_code == 400
    assert "Verlengen kan alleen in de eerste maand" in html and "Drukte" in html
    db.refresh(verzoek)
    assert verzoek.verlengd_tot is None


def test_the_queue_filters_counts_and_flags_overdue_requests(client, db):
    medewerker = maak_medewerker(db)
    oud = _verzoek(db, nu=datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    nieuw = _verzoek(db, nu=NU)
    service.wijs_toe(db, nieuw, medewerker, door=medewerker, trace_id=TRACE)
    klaar = _verzoek(db)
    service.trek_in(db, klaar, trace_id=TRACE)

    assert service.te_laat(oud) and not service.te_laat(nieuw, NU)
    assert [v.id for v in inzagewachtrij.wachtrij(db, nu=NU)] == [oud.id, nieuw.id]
    assert [v.id for v in inzagewachtrij.wachtrij(db, filter="te_laat", nu=NU)] == [oud.id]
    assert [
        v.id for v in inzagewachtrij.wachtrij(db, filter="mijn", medewerker_id=medewerker.id)
    ] == [nieuw.id]
    assert [v.id for v in inzagewachtrij.wachtrij(db, filter="niet_toegewezen")] == [oud.id]
    assert inzagewachtrij.wachtrij(db, filter="binnen_5_werkdagen", nu=NU) == []
    bijna = datetime(2027, 2, 25, 9, 0, tzinfo=UTC)  # due 1 March: within 5 working days
    assert [v.id for v in inzagewachtrij.wachtrij(db, filter="binnen_5_werkdagen", nu=bijna)] == [
        nieuw.id
    ]
    aantallen = inzagewachtrij.aantallen(db)
    assert (aantallen["ontvangen"], aantallen["in_behandeling"], aantallen["ingetrokken"]) == (
        1,
        1,
        1,
    )

    log_in(client, medewerker)
    html = client.get("/medewerker/inzage?filter=te_laat").get_data(as_text=True)
    assert oud.kenmerk in html and nieuw.kenmerk not in html and "Te laat:" in html


def test_the_team_view_shows_the_share_answered_within_the_term_and_exports_csv(
    client, db, tmp_path
):
    medewerker = maak_medewerker(db)
    op_tijd = _verzoek(db, nu=datetime(2027, 1, 4, 9, 0, tzinfo=UTC))
    te_laat = _verzoek(db, nu=datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    for verzoek in (op_tijd, te_laat):
        service.rond_af(
            db,
            verzoek,
            naar="afgewezen",
            bericht="Geen gegevens",
            medewerker=medewerker,
            trace_id=TRACE,
            nu=datetime(2027, 1, 20, 9, 0, tzinfo=UTC),
        )
    (januari,) = inzagewachtrij.binnen_termijn_per_maand(db)
    assert (januari.maand, januari.beantwoord, januari.op_tijd, januari.percentage) == (
        "2027-01",
        2,
        1,
        50,
    )
    teamleider = maak_medewerker(db, rollen="teamleider")
    db.commit()
    log_in(client, teamleider)
    assert "50%" in client.get("/medewerker/inzage/team").get_data(as_text=True)
    csv = client.get("/medewerker/inzage/team.csv")
    assert csv.mimetype == "text/csv"
    assert csv.get_data(as_text=True).splitlines() == [
        "maand,beantwoord,binnen_termijn,percentage",
        "2027-01,2,1,50",
    ]


def test_a_damaged_pdf_is_refused_as_unreadable_never_an_error():
    """Bytes of a real PDF changed at random (as a broken disk or a hostile sender would):
    the check answers with a reason, never with an exception (pypdf has several of its own)."""
    import random

    goed = maak_pdf()
    willekeurig = random.Random(22)
    for _ in range(400):
        kapot = bytearray(goed)
        for _ in range(willekeurig.randint(1, 8)):
            kapot[willekeurig.randrange(len(kapot))] = willekeurig.randrange(256)
        assert inzagedocumenten.pdf_probleem(bytes(kapot), max_bytes=10_000) in (
            None, "geen_pdf", "onleesbaar", "versleuteld"
        )  # fmt: skip


def test_an_inzage_request_gets_a_receipt_with_a_copy_and_the_day_of_the_answer(app, db):
    from portal.models import Bericht
    from portal.services import berichten

    verzoek = _verzoek(db, onderwerpen=["dagloon", "brieven"], levering="post")
    bevestiging = db.scalar(select(Bericht).where(Bericht.soort == "ontvangst"))
    assert bevestiging.burger_id == verzoek.burger_id and bevestiging.gelezen_op is not None
    with app.test_request_context():
        tekst = berichten.tekst(bevestiging)
    assert tekst.onderwerp == "Bevestiging van ontvangst"
    assert any("verzoek om inzage ontvangen" in alinea for alinea in tekst.alineas)
    assert dict(tekst.kopie) == {
        "Wat wilt u inzien?": "Hoe mijn dagloon is berekend, Brieven die UWV mij stuurde",
        "Hoe wilt u de documenten krijgen?": "Per post, naar het adres dat UWV van u heeft",
    }
