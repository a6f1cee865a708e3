"""A call planned outside the day parts the person prefers needs a reason, which they see."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from portal.models import Bericht
from portal.services import berichten
from portal.services import servicecalls as calls
from portal.services.belmomenten import ServicecallFout
from tests.conftest import log_in
from tests.factories import maak_burger, met_voorkeuren
from tests.test_servicecalls import (
    NU,
    TOT,
    VAN,
    _casemanager,
    _plan,
    _post_plan,
    _taak,
    web_nu,  # noqa: F401 (a fixture: the pages' clock)
)

# Thursday 26 November 2026, 14.00 to 15.00 in Amsterdam: an afternoon window.
MIDDAG_VAN = datetime(2026, 11, 26, 13, 0, tzinfo=UTC)
MIDDAG_TOT = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)


def _wil_middag(db):
    burger = met_voorkeuren(db, maak_burger(db))
    calls.zet_belvoorkeur(db, burger, ["middag"], "0612345678", NU)
    return _taak(db, burger=burger)


def test_a_window_within_the_preferred_day_part_needs_no_reason(app, db):
    taak = _wil_middag(db)
    _plan(db, taak, van=MIDDAG_VAN, tot=MIDDAG_TOT)
    assert taak.status == "gepland" and taak.buiten_voorkeur_reden is None


def test_a_window_outside_the_preferred_day_parts_is_refused_without_a_reason(app, db):
    taak = _wil_middag(db)
    with pytest.raises(ServicecallFout) as fout:
        _plan(db, taak, van=VAN, tot=TOT, buiten_voorkeur_reden="   ")
    assert (fout.value.reden, fout.value.veld) == ("buiten_voorkeur", "buiten_voorkeur_reden")
    db.refresh(taak)
    assert taak.status == "te_plannen" and taak.venster_van is None  # nothing half-saved


def test_with_a_reason_it_is_planned_and_the_person_reads_why(app, db, client):
    taak = _wil_middag(db)
    _plan(db, taak, van=VAN, tot=TOT, buiten_voorkeur_reden="De arts kan alleen 's ochtends.")
    assert taak.buiten_voorkeur_reden == "De arts kan alleen 's ochtends."

    bericht = (
        db.query(Bericht).filter_by(burger_id=taak.dossier.burger_id, soort="servicecall").one()
    )
    with app.test_request_context():
        alineas = berichten.tekst(bericht).alineas
    assert any("De arts kan alleen 's ochtends." in a for a in alineas)

    log_in(client, taak.dossier.burger)
    pagina = client.get(f"/gebeld-worden/{taak.id}").get_data(as_text=True)
    assert "Uw casemanager schreef waarom het zo is gepland" in pagina
    assert "De arts kan alleen" in pagina


def test_without_a_preference_any_office_window_is_fine(app, db):
    taak = _taak(db)
    _plan(db, taak, van=VAN, tot=TOT)
    assert taak.status == "gepland" and taak.buiten_voorkeur_reden is None


def test_the_casemanager_form_names_the_preference_and_keeps_the_input(
    client,
    db,
    web_nu,  # noqa: F811
):
    taak = _wil_middag(db)
    _casemanager(client, db)

    response = _post_plan(client, taak, van="10:00", tot="11:00")  # a morning window
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="buiten_voorkeur_reden-fout"' in html
    assert "De klant wil op een ander dagdeel gebeld worden" in html
    assert 'value="10:00"' in html
    db.refresh(taak)
    assert taak.status == "te_plannen"

    response = _post_plan(
        client, taak, van="10:00", tot="11:00", buiten_voorkeur_reden="Alleen dan kan het."
    )
    assert response.status_code == 303
    db.refresh(taak)
    assert (taak.status, taak.buiten_voorkeur_reden) == ("gepland", "Alleen dan kan het.")


def test_a_casemanager_starts_a_call_about_a_coming_letter_from_the_dossier(client, db):
    from portal.models import Servicecall
    from tests.conftest import csrf_token
    from tests.factories import maak_traject

    traject = maak_traject(db)
    _casemanager(client, db)
    pad = f"/medewerker/dossiers/{traject.dossier.kenmerk}"
    pagina = client.get(pad).get_data(as_text=True)
    assert "Een brief met een beslissing over uw uitkering" in pagina

    antwoord = client.post(
        f"{pad}/belafspraak",
        data={"onderwerp": "brief_beslissing", "csrf_token": csrf_token(client, pad)},
    )
    assert antwoord.status_code == 302
    taak = db.query(Servicecall).filter_by(dossier_id=traject.dossier_id).one()
    assert (taak.onderwerp, taak.status) == ("brief_beslissing", "te_plannen")
    assert antwoord.headers["Location"].endswith(f"/medewerker/servicecalls/{taak.id}")

    # A subject that is not on the list is refused; nothing is made.
    client.post(
        f"{pad}/belafspraak",
        data={"onderwerp": "iets anders", "csrf_token": csrf_token(client, pad)},
    )
    assert db.query(Servicecall).filter_by(dossier_id=traject.dossier_id).count() == 1


@pytest.mark.parametrize("onderwerp", ["brief_geld", "uitkomst_onderzoek"])
@pytest.mark.parametrize("taal", ["nl", "en", "tr", "ar", "pl", "uk"])
def test_the_reminder_says_what_the_call_is_about_in_general_words(app, onderwerp, taal):
    from notificaties import teksten
    from portal import talen

    gegevens = {**teksten.VOORBEELDGEGEVENS["servicecall_herinnering"], "onderwerp": onderwerp}
    with app.app_context():
        _, sms, _, _ = teksten.render("servicecall_herinnering", "sms", taal, gegevens)
    assert len(sms) <= talen.sms_max(taal), sms
    if taal == "nl":
        verwacht = "over een brief" if onderwerp.startswith("brief") else "over uw uitkering"
        assert verwacht in sms
        assert "geld" not in sms  # the subject stays general: no personal content
