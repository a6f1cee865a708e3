"""Wat kunt u van ons verwachten: only what will really come, and only the promises that apply."""

from __future__ import annotations

from datetime import timedelta

from portal.models import Notificatie, utcnow
from tests.conftest import log_in
from tests.factories import maak_burger, maak_dossier, maak_traject, met_voorkeuren


def _herinnering(db, burger, kanaal: str, adres: str) -> Notificatie:
    rij = Notificatie(
        idempotentiesleutel=f"test-verwacht-{burger.id}-{kanaal}",
        burger_id=burger.id,
        kanaal=kanaal,
        soort="statuswijziging",
        adres=adres,
        status="wachtend",
        volgende_poging_op=utcnow() + timedelta(days=2),
    )
    db.add(rij)
    return rij


def test_an_sms_to_a_removed_number_is_not_promised(client, db):
    burger = met_voorkeuren(db, maak_burger(db, telefoon="+31612345678", email="a@example.nl"))
    maak_traject(db, dossier=maak_dossier(db, burger=burger))
    _herinnering(db, burger, "sms", "+31612345678")
    _herinnering(db, burger, "email", "a@example.nl")
    db.commit()
    log_in(client, burger)
    pagina = client.get("/wat-kunt-u-verwachten").get_data(as_text=True)
    assert "Een sms op" in pagina and "Een e-mail op" in pagina

    # The person removes their number; the waiting SMS is only cancelled when it is due.
    burger.telefoon = None
    burger.telefoon_geverifieerd_op = None
    db.commit()
    pagina = client.get("/wat-kunt-u-verwachten").get_data(as_text=True)
    assert "Een sms op" not in pagina
    assert "Een e-mail op" in pagina


def test_the_three_monthly_update_is_promised_only_while_a_part_is_investigated(client, db):
    zonder = maak_traject(db, route=("geen_aanwijzingen",))
    db.commit()
    log_in(client, zonder.dossier.burger)
    assert "elke drie maanden" not in client.get("/wat-kunt-u-verwachten").get_data(as_text=True)

    client.post("/uitloggen")
    met = maak_traject(db, route=("in_onderzoek",))
    db.commit()
    log_in(client, met.dossier.burger)
    assert "elke drie maanden" in client.get("/wat-kunt-u-verwachten").get_data(as_text=True)


def test_one_message_for_all_parts_is_only_said_of_parts_under_investigation(client, db):
    dossier = maak_dossier(db)
    maak_traject(db, dossier=dossier, soort="dagloon", route=("geen_aanwijzingen",))
    maak_traject(db, dossier=dossier, soort="indexatie", route=("geen_aanwijzingen",))
    db.commit()
    log_in(client, dossier.burger)
    pagina = client.get("/mijn-dossier").get_data(as_text=True)
    assert "Kwaliteit WIA-dagloon en Indexatie" in pagina
    assert "één bericht" not in pagina
