"""Mijn dossier puts the answer first and leaves out what does not apply."""

from __future__ import annotations

from datetime import date

from portal.services import inzage
from tests.conftest import log_in
from tests.factories import maak_dossier, maak_traject


def _pagina(client, burger) -> str:
    log_in(client, burger)
    return client.get("/mijn-dossier").get_data(as_text=True)


def test_the_answer_names_the_person_where_they_stand_and_when_they_hear_more(client, db):
    traject = maak_traject(db, volgende_update_op=date(2027, 2, 14))
    db.commit()
    html = _pagina(client, traject.dossier.burger)

    antwoord = html[html.index('class="antwoord"') : html.index('id="verhaal-titel"')]
    assert traject.dossier.burger.naam in html[html.index("<h1") : html.index("</h1>")]
    assert "Wij onderzoeken of wij uw uitkering goed hebben berekend." in antwoord
    assert "Uiterlijk 14 februari 2027 hoort u weer van ons." in antwoord
    assert antwoord.count("data-antwoord=") == 2


def test_parts_that_differ_get_a_line_each_and_no_claim_of_one_message(client, db):
    dossier = maak_dossier(db)
    maak_traject(db, dossier=dossier, soort="dagloon")
    maak_traject(
        db, dossier=dossier, soort="indexatie", route=("in_onderzoek", "onderzoek_afgerond")
    )
    db.commit()
    html = _pagina(client, dossier.burger)

    assert "Wij werken aan 2 onderdelen van uw uitkering." in html
    assert "Kwaliteit WIA-dagloon: <strong>Uw uitkering wordt onderzocht</strong>" in html
    assert "Indexatie: <strong>Onderzoek klaar</strong>" in html
    assert html.count('class="tijdlijn"') == 2
    # The parts no longer move together, so the page must not promise one message for all.
    assert "één bericht" not in html


def test_done_steps_show_their_date_and_the_current_step_says_you_are_here(client, db):
    traject = maak_traject(db)
    db.commit()
    html = _pagina(client, traject.dossier.burger)

    huidige = html[html.index('aria-current="step"') :]
    huidige = huidige[: huidige.index("</li>")]
    assert "u bent hier" in huidige
    assert 'class="tijdlijn__datum"' in html
    assert "bijgewerkt op" in html


def test_the_spreekuur_is_only_asked_about_while_an_assessment_waits_for_one(client, db):
    herstel = maak_traject(db)
    db.commit()
    html = _pagina(client, herstel.dossier.burger)
    assert "Uw voorkeur voor het spreekuur" not in html
    assert "Wat moet u doen?" not in html

    beoordeling = maak_traject(db, soort="ewt", route=("wacht_op_beoordeling",))
    db.commit()
    client.post("/uitloggen")
    html = _pagina(client, beoordeling.dossier.burger)
    assert "Wat moet u doen?" in html
    assert "Geef uw voorkeur door" in html


def test_an_open_inzage_request_shows_under_what_is_running_with_its_term(client, db):
    traject = maak_traject(db)
    verzoek = inzage.vraag_aan(
        db,
        traject.dossier.burger,
        traject.dossier,
        onderwerpen=["dagloon"],
        anders=None,
        levering="portaal",
        toelichting=None,
    )
    db.commit()
    html = _pagina(client, traject.dossier.burger)

    lopend = html[html.index('id="lopend-titel"') :]
    assert f"/inzage/{verzoek.id}" in lopend or f"verzoek_id={verzoek.id}" in lopend
    assert "U krijgt uiterlijk" in lopend


def test_a_finished_dossier_says_so_instead_of_a_date(client, db):
    traject = maak_traject(db, route=("geen_aanwijzingen", "afgerond"))
    db.commit()
    html = _pagina(client, traject.dossier.burger)

    assert "Alles is afgerond. U hoeft niets te doen." in html
    assert "Verandert er iets? Dan krijgt u bericht van ons." in html
    assert "hoort u weer van ons" not in html
    assert 'class="tijdlijn"' not in html
