"""Letters, payments and objections from the back office through the API: stored once,
told to the person without content, watched as promises; bad input refused with a problem
naming the field, and nothing half-stored."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal import termijnen
from portal.models import (
    Bericht,
    Betaling,
    Betalingsperiode,
    Bezwaar,
    Brief,
    Notificatie,
    Toezegging,
    Verwerkingslog,
    utcnow,
)
from portal.tijd import vandaag
from tests.api_hulp import PDF, maak_systeem, post, probleem, tel, velden
from tests.factories import maak_burger, maak_dossier, met_voorkeuren
from tests.pdf import maak_pdf


@pytest.fixture
def systeem(app):
    return maak_systeem(app)


@pytest.fixture(autouse=True)
def _documentenmap(app, tmp_path):
    app.config["DOCUMENTEN_MAP"] = str(tmp_path / "documenten")


@pytest.fixture
def dossier(db):
    burger = met_voorkeuren(db, maak_burger(db), kanalen=("sms",), soorten=("kwartaalupdate",))
    gevonden = maak_dossier(db, burger=burger)
    db.commit()
    return gevonden


def _brief(client, systeem, kenmerk, *, data=PDF, extern_id="B-1", **velden):
    formulier = {
        "extern_id": extern_id,
        "soort": "besluit",
        "datum": (vandaag() - timedelta(days=2)).isoformat(),
        "titel": "Besluit over uw dagloon",
        "traject_soort": "dagloon",
        **velden,
        "bestand": (io.BytesIO(data), "besluit.pdf"),
    }
    return post(
        client,
        f"/dossiers/{kenmerk}/brieven",
        systeem.token,
        data=formulier,
        content_type="multipart/form-data",
    )


# --- letters ---------------------------------------------------------------------------------


def test_a_letter_is_stored_once_told_without_content_and_delivered_again_unchanged(
    client, db, systeem, dossier
):
    eerste = _brief(client, systeem, dossier.kenmerk)
    nog_eens = _brief(client, systeem, dossier.kenmerk)

    assert eerste.status_code == 201, eerste.get_data(as_text=True)
    assert nog_eens.status_code == 200
    assert nog_eens.get_json()["id"] == eerste.get_json()["id"]
    brief = db.scalar(select(Brief))
    assert (brief.herkomst, brief.soort, brief.geopend_op, brief.batch) == (
        "uwv", "besluit", None, None
    )  # fmt: skip
    bericht = db.scalar(select(Bericht).where(Bericht.soort == "brief"))
    assert bericht.gegevens["brief_id"] == brief.id and bericht.belangrijk
    sms = db.scalars(select(Notificatie).where(Notificatie.soort == "brief")).all()
    assert [n.kanaal for n in sms] == ["sms"]
    # No title, no kind: the portal holds the content; only which message it announces.
    assert set(sms[0].gegevens or {}) <= {"bericht_id"}
    assert tel(db, Brief) == 1 and tel(db, Bericht, Bericht.soort == "brief") == 1


def test_another_file_under_the_same_letter_id_is_a_conflict(client, db, systeem, dossier):
    assert _brief(client, systeem, dossier.kenmerk).status_code == 201
    anders = _brief(client, systeem, dossier.kenmerk, data=maak_pdf(breedte=600))
    lichaam = probleem(anders, 409, "conflict")
    assert velden(lichaam) == ["extern_id"]
    assert tel(db, Brief) == 1


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"Dit is geen PDF", "geen_pdf"),
        (maak_pdf(wachtwoord="geheim"), "versleuteld"),
        (b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\nstartxref\n9\n%%EOF\n", "onleesbaar"),
    ],
)
def test_a_file_that_is_not_a_readable_pdf_is_refused_naming_the_field(
    client, db, systeem, dossier, data, code
):
    lichaam = probleem(_brief(client, systeem, dossier.kenmerk, data=data), 422)
    assert [(f["veld"], f["code"]) for f in lichaam["fouten"]] == [("bestand", code)]
    assert tel(db, Brief) == 0 and tel(db, Bericht) == 0


def test_a_file_over_the_limit_is_refused(app, client, db, systeem, dossier):
    app.config["DOCUMENT_MAX_MB"] = 0.001  # about 1 kB; the test PDF is smaller
    groot = maak_pdf() + b"%" + b"x" * 2000 + b"\n"
    response = _brief(client, systeem, dossier.kenmerk, data=groot)
    assert response.status_code in (413, 422)
    assert tel(db, Brief) == 0


def test_a_letter_dated_in_the_future_or_of_an_unknown_kind_is_refused(
    client, db, systeem, dossier
):
    morgen = (vandaag() + timedelta(days=1)).isoformat()
    lichaam = probleem(_brief(client, systeem, dossier.kenmerk, datum=morgen), 422)
    assert velden(lichaam) == ["datum"]
    lichaam = probleem(_brief(client, systeem, dossier.kenmerk, soort="reclame"), 422)
    assert velden(lichaam) == ["soort"]
    assert tel(db, Brief) == 0


def test_a_letter_for_an_unknown_kenmerk_answers_404(client, db, systeem):
    probleem(_brief(client, systeem, "WIA-9999999"), 404, "niet-gevonden")
    assert tel(db, Brief) == 0


def test_the_back_office_letter_is_never_put_in_a_print_batch(client, db, systeem, dossier):
    from portal.services import brieven

    assert _brief(client, systeem, dossier.kenmerk).status_code == 201
    assert brieven.aantal_open(db) == 0
    assert brieven.maak_batch(db) is None


# --- payments --------------------------------------------------------------------------------


def _betaling(**velden):
    jaar = vandaag().year - 2
    return {
        "extern_id": "NB-1",
        "traject_soort": "dagloon",
        "besluit_op": (vandaag() - timedelta(days=3)).isoformat(),
        "nabetaling": "1830.40",
        "compensatie": "120.00",
        "verwacht_op": (vandaag() + timedelta(days=14)).isoformat(),
        "perioden": [
            {
                "van": f"{jaar}-01-01",
                "tot": f"{jaar}-12-31",
                "dagloon_oud": "98.20",
                "dagloon_nieuw": "103.10",
                "bedrag": "1278.90",
            },
            {
                "van": f"{jaar + 1}-01-01",
                "tot": f"{jaar + 1}-06-30",
                "dagloon_oud": "99.40",
                "dagloon_nieuw": "103.60",
                "bedrag": "551.50",
            },
        ],
        **velden,
    }


def test_a_payment_is_promised_told_without_amounts_and_kept_once_paid(
    client, db, systeem, dossier
):
    pad = f"/dossiers/{dossier.kenmerk}/betalingen"
    response = post(client, pad, systeem.token, _betaling())

    assert response.status_code == 201, response.get_data(as_text=True)
    assert response.get_json()["totaal"] == "1950.40"
    belofte = db.scalar(select(Toezegging).where(Toezegging.soort == "betaling"))
    assert (belofte.status, belofte.datum) == ("open", vandaag() + timedelta(days=14))
    sms = db.scalar(select(Notificatie).where(Notificatie.idempotentiesleutel.like("betaling:%")))
    assert sms is not None and "1830" not in str(sms.gegevens)

    betaald = _betaling(status="betaald", betaald_op=vandaag().isoformat())
    response = post(client, pad, systeem.token, betaald)
    assert response.status_code == 200, response.get_data(as_text=True)
    db.expire_all()
    assert belofte.status == "nagekomen"
    assert tel(db, Betaling) == 1 and tel(db, Betalingsperiode) == 2
    assert tel(db, Bericht, Bericht.soort == "betaling") == 2  # announced, then paid


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({"nabetaling": "1830.41"}, "nabetaling"),  # not the sum of the periods
        ({"nabetaling": "1830.401"}, "nabetaling"),  # a tenth of a cent
        ({"compensatie": "-5.00"}, "compensatie"),  # negative
        ({"besluit_op": (vandaag() + timedelta(days=1)).isoformat()}, "besluit_op"),
        ({"verwacht_op": (vandaag() - timedelta(days=30)).isoformat()}, "verwacht_op"),
        ({"status": "betaald"}, "betaald_op"),  # paid, but when?
        ({"perioden": []}, "perioden"),
    ],
)
def test_a_payment_that_breaks_a_rule_is_refused_and_nothing_is_stored(
    client, db, systeem, dossier, wijziging, veld
):
    lichaam = probleem(
        post(
            client, f"/dossiers/{dossier.kenmerk}/betalingen", systeem.token, _betaling(**wijziging)
        ),
        422,
    )
    assert veld in velden(lichaam)
    assert tel(db, Betaling) == 0 and tel(db, Betalingsperiode) == 0 and tel(db, Toezegging) == 0


def test_periods_that_overlap_or_run_backwards_are_refused_by_number(client, db, systeem, dossier):
    overlapt = _betaling()
    overlapt["perioden"][1]["van"] = overlapt["perioden"][0]["tot"]  # one day in both
    achterstevoren = _betaling()
    eerste = achterstevoren["perioden"][0]
    eerste["van"], eerste["tot"] = eerste["tot"], eerste["van"]
    pad = f"/dossiers/{dossier.kenmerk}/betalingen"

    assert velden(probleem(post(client, pad, systeem.token, overlapt), 422)) == ["perioden/1/van"]
    assert "perioden/0/tot" in velden(
        probleem(post(client, pad, systeem.token, achterstevoren), 422)
    )
    assert tel(db, Betaling) == 0


def test_a_new_payment_date_needs_the_reason_the_person_reads(client, db, systeem, dossier):
    pad = f"/dossiers/{dossier.kenmerk}/betalingen"
    assert post(client, pad, systeem.token, _betaling()).status_code == 201
    later = (vandaag() + timedelta(days=30)).isoformat()

    lichaam = probleem(post(client, pad, systeem.token, _betaling(verwacht_op=later)), 422)
    assert velden(lichaam) == ["reden"]

    reden = "Wij wachten op een controle van de bank."
    response = post(client, pad, systeem.token, _betaling(verwacht_op=later, reden=reden))
    assert response.status_code == 200, response.get_data(as_text=True)
    beloften = db.scalars(
        select(Toezegging).where(Toezegging.soort == "betaling").order_by(Toezegging.id)
    ).all()
    assert [(b.status, b.datum.isoformat()) for b in beloften][-1] == ("open", later)
    assert beloften[0].status == "verschoven" and beloften[-1].reden == reden
    assert db.scalar(select(Betaling)).verwacht_op.isoformat() == later


# --- objections and complaints ---------------------------------------------------------------


def _zaak(**velden):
    return {
        "extern_id": "BZ-1",
        "soort": "bezwaar",
        "besluit_op": (vandaag() - timedelta(days=20)).isoformat(),
        "ontvangen_op": (vandaag() - timedelta(days=5)).isoformat(),
        **velden,
    }


def test_an_objection_is_promised_by_its_legal_term_extended_once_and_kept_by_the_decision(
    client, db, systeem, dossier
):
    pad = f"/dossiers/{dossier.kenmerk}/zaken"
    response = post(client, pad, systeem.token, _zaak())
    assert response.status_code == 201, response.get_data(as_text=True)
    besluit = vandaag() - timedelta(days=20)
    termijn = termijnen.beslissen_op_bezwaar_tot(besluit, adviescommissie=False)
    assert response.get_json()["termijn"] == termijn.isoformat()
    belofte = db.scalar(select(Toezegging).where(Toezegging.soort == "bezwaar"))
    assert (belofte.datum, belofte.status) == (termijn, "open")

    # The extension needs its reason; given, the promise moves six weeks, told with it.
    probleem(post(client, pad, systeem.token, _zaak(status="verdaagd")), 422)
    reden = "Wij vragen advies aan een arts."
    assert (
        post(
            client, pad, systeem.token, _zaak(status="verdaagd", verdaging_reden=reden)
        ).status_code
        == 200
    )
    verlengd = termijnen.beslissen_op_bezwaar_tot(besluit, adviescommissie=False, verdaagd=True)
    open_ = db.scalar(
        select(Toezegging).where(Toezegging.soort == "bezwaar", Toezegging.status == "open")
    )
    assert (open_.datum, open_.reden) == (verlengd, reden)
    verschoven = db.scalar(select(Bericht).where(Bericht.soort == "toezegging"))
    assert verschoven.toelichting == reden

    # Said again, the one extension changes nothing.
    post(client, pad, systeem.token, _zaak(status="verdaagd", verdaging_reden="Nog eens."))
    assert tel(db, Toezegging, Toezegging.soort == "bezwaar") == 2

    beslist = _zaak(status="beslist", beslist_op=vandaag().isoformat())
    assert post(client, pad, systeem.token, beslist).status_code == 200
    db.expire_all()
    assert open_.status == "nagekomen"
    assert db.scalar(select(Bezwaar)).status == "beslist"


def test_a_complaint_gets_its_own_term(client, db, systeem, dossier):
    ontvangen = vandaag() - timedelta(days=3)
    zaak = {"extern_id": "KL-1", "soort": "klacht", "ontvangen_op": ontvangen.isoformat()}
    response = post(client, f"/dossiers/{dossier.kenmerk}/zaken", systeem.token, zaak)
    assert response.status_code == 201
    assert (
        response.get_json()["termijn"]
        == termijnen.klacht_afhandelen_tot(ontvangen, commissie=False).isoformat()
    )


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({"besluit_op": None}, "besluit_op"),
        ({"ontvangen_op": (vandaag() + timedelta(days=1)).isoformat()}, "ontvangen_op"),
        ({"ontvangen_op": (vandaag() - timedelta(days=40)).isoformat()}, "ontvangen_op"),
        ({"status": "beslist"}, "beslist_op"),
    ],
)
def test_an_objection_that_breaks_a_rule_is_refused_and_nothing_is_stored(
    client, db, systeem, dossier, wijziging, veld
):
    lichaam = probleem(
        post(client, f"/dossiers/{dossier.kenmerk}/zaken", systeem.token, _zaak(**wijziging)), 422
    )
    assert veld in velden(lichaam)
    assert tel(db, Bezwaar) == 0 and tel(db, Toezegging) == 0


def test_an_extension_after_the_term_is_refused(client, db, systeem, dossier):
    lang_geleden = _zaak(
        besluit_op=(vandaag() - timedelta(days=200)).isoformat(),
        ontvangen_op=(vandaag() - timedelta(days=180)).isoformat(),
    )
    pad = f"/dossiers/{dossier.kenmerk}/zaken"
    assert post(client, pad, systeem.token, lang_geleden).status_code == 201
    lichaam = probleem(
        post(
            client,
            pad,
            systeem.token,
            {**lang_geleden, "status": "verdaagd", "verdaging_reden": "Te laat."},
        ),
        422,
    )
    assert lichaam["fouten"][0]["code"] == "verdaging_te_laat"


def test_every_delivery_is_in_the_verwerkingslog_of_the_person(client, db, systeem, dossier):
    _brief(client, systeem, dossier.kenmerk)
    post(client, f"/dossiers/{dossier.kenmerk}/betalingen", systeem.token, _betaling())
    post(client, f"/dossiers/{dossier.kenmerk}/zaken", systeem.token, _zaak())
    activiteiten = set(
        db.scalars(
            select(Verwerkingslog.verwerkingsactiviteit).where(
                Verwerkingslog.burger_id == dossier.burger_id,
                Verwerkingslog.api_client_id == systeem.id,
            )
        )
    )
    assert {"brief-bezorgen", "api-betaling-leveren", "api-zaak-leveren"} <= activiteiten
    assert utcnow()  # the log's moments are the server's, not the client's


def test_a_payment_reported_later_is_kept_by_the_day_it_was_paid(client, db, systeem, dossier):
    pad = f"/dossiers/{dossier.kenmerk}/betalingen"
    gisteren = (vandaag() - timedelta(days=1)).isoformat()
    eerder = {"besluit_op": (vandaag() - timedelta(days=3)).isoformat(), "verwacht_op": gisteren}
    betaald = _betaling(**eerder, status="betaald", betaald_op=gisteren)
    assert post(client, pad, systeem.token, betaald).status_code == 201
    belofte = db.scalar(select(Toezegging).where(Toezegging.soort == "betaling"))
    assert belofte.status == "nagekomen"  # paid on its day; told a day later


def test_a_payment_date_years_ahead_is_refused(client, db, systeem, dossier):
    ver = _betaling(verwacht_op="9999-12-31")
    lichaam = probleem(
        post(client, f"/dossiers/{dossier.kenmerk}/betalingen", systeem.token, ver), 422
    )
    assert [(f["veld"], f["code"]) for f in lichaam["fouten"]] == [("verwacht_op", "te_ver")]


def test_an_objection_delivered_again_with_other_dates_is_a_conflict(client, db, systeem, dossier):
    pad = f"/dossiers/{dossier.kenmerk}/zaken"
    assert post(client, pad, systeem.token, _zaak()).status_code == 201
    anders = _zaak(adviescommissie=True)
    probleem(post(client, pad, systeem.token, anders), 409, "conflict")


def test_a_withdrawn_objection_is_no_longer_late(client, db, systeem, dossier):
    import notificaties

    oud = _zaak(
        besluit_op=(vandaag() - timedelta(days=200)).isoformat(),
        ontvangen_op=(vandaag() - timedelta(days=180)).isoformat(),
    )
    pad = f"/dossiers/{dossier.kenmerk}/zaken"
    assert post(client, pad, systeem.token, oud).status_code == 201
    notificaties.verloop_toezeggingen(db, utcnow())
    db.commit()
    assert post(client, pad, systeem.token, {**oud, "status": "ingetrokken"}).status_code == 200
    db.expire_all()
    belofte = db.scalar(select(Toezegging).where(Toezegging.soort == "bezwaar"))
    assert belofte.status == "vervallen"


def test_a_paper_fallback_of_a_payment_notice_prints_the_payment_message(
    client, db, systeem, dossier
):
    from portal.services import mijnbrieven

    assert (
        post(
            client, f"/dossiers/{dossier.kenmerk}/betalingen", systeem.token, _betaling()
        ).status_code
        == 201
    )
    sms = db.scalar(select(Notificatie).where(Notificatie.idempotentiesleutel.like("betaling:%")))
    brief = Brief(
        burger_id=dossier.burger_id,
        soort=sms.soort,
        gegevens={**sms.gegevens, "terugval_van": sms.id},
    )
    db.add(brief)
    db.commit()
    [tekst] = mijnbrieven.inhoud(db, brief)
    assert "1.950,40" in tekst.onderwerp
