"""What the pages remember or skip to save CPU (issue 21) gives the same answers as the
work it replaces: addresses as Flask builds them, dates as Babel writes them, and the
queue's total as a count over the queue."""

from __future__ import annotations

from collections import ChainMap
from datetime import UTC, date, datetime

import pytest
from babel.dates import format_date
from flask import Flask, url_for
from flask_babel import force_locale, format_time, gettext
from sqlalchemy.orm import Session

from portal import datumtekst
from portal.models.inzage import INZAGE_STATUSSEN, Inzageverzoek
from portal.services import inzage as inzageservice
from portal.services import inzagewachtrij
from portal.sjablonen import Globals
from portal.talen import TALEN
from tests.factories import maak_inzageverzoek, maak_medewerker

NU = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)
TRACE = "t" * 32

ADRESSEN = [
    ("dossier.mijn_dossier", {}),
    ("static", {"filename": "css/portal.css"}),
    ("inzage.behandelen", {"verzoek_id": 7}),
    ("inzage.behandelen", {"verzoek_id": 0}),
    ("inzage.behandelen", {"verzoek_id": 2_147_483_647}),
    ("inzage.verzoek", {"verzoek_id": 12345}),
    ("servicecalls.gesprek", {"servicecall_id": 3}),
    ("dossier.tonen", {"kenmerk": "WIA-2026-000123"}),
    ("dossier.tonen", {"kenmerk": "a b/c?d&e=é#"}),  # quoted as Flask quotes it
    ("dossier.mijn_dossier", {"terug": "/berichten?x=1"}),  # an unknown value: a query
    ("inzage.wachtrij", {"pagina": 2}),
    ("inzage.wachtrij", {"filter": "mijn", "pagina": 2}),
    ("dossier.mijn_dossier", {"_anchor": "lopend"}),
]


def test_remembered_template_addresses_are_the_ones_flask_builds(app: Flask) -> None:
    sjabloon_url_for = app.jinja_env.globals["url_for"]
    assert sjabloon_url_for is not app.url_for  # the remembering one is in place
    # Both roots in one app: an address remembered under one root is not given under another.
    for script_root in ("", "/portaal", ""):
        with app.test_request_context("/", base_url=f"http://localhost{script_root}"):
            for _ in range(2):  # built, then remembered
                for endpoint, waarden in ADRESSEN:
                    assert sjabloon_url_for(endpoint, **waarden) == url_for(endpoint, **waarden)
            assert sjabloon_url_for("dossier.mijn_dossier").startswith(f"{script_root}/m")


def test_ids_outside_the_range_are_built_by_flask_itself(app: Flask) -> None:
    sjabloon_url_for = app.jinja_env.globals["url_for"]
    with app.test_request_context("/"):
        sjabloon_url_for("inzage.behandelen", verzoek_id=1)
        for buiten in (-1, 2_147_483_648, True):
            gebouwd = url_for("inzage.behandelen", verzoek_id=buiten)
            assert sjabloon_url_for("inzage.behandelen", verzoek_id=buiten) == gebouwd


@pytest.mark.parametrize("taal", list(TALEN))
def test_dates_are_written_as_babel_writes_them_in_every_language(app: Flask, taal: str) -> None:
    dagen = [date(2027, 2, 27), date(2026, 12, 9), date(2027, 2, 27)]  # one twice: remembered
    with app.test_request_context("/"), force_locale(taal):
        for dag in dagen:
            assert datumtekst.datum(dag) == format_date(dag, "long", locale=taal)
            assert datumtekst.datum_kort(dag) == format_date(dag, "medium", locale=taal)
    with app.test_request_context("/"), force_locale("nl"):
        assert datumtekst.datum(date(2027, 2, 27)) == "27 februari 2027"


@pytest.mark.parametrize("taal", list(TALEN))
def test_times_are_written_as_flask_babel_writes_them_in_amsterdam_time(
    app: Flask, taal: str
) -> None:
    momenten = [
        datetime(2027, 3, 28, 0, 59, tzinfo=UTC),  # 01.59 in winter time
        datetime(2027, 3, 28, 1, 0, tzinfo=UTC),  # 03.00 in summer time
        datetime(2026, 12, 9, 13, 5, tzinfo=UTC),
        datetime(2026, 12, 9, 13, 5),  # SQLite hands back UTC without its zone
    ]
    with app.test_request_context("/"), force_locale(taal):
        for moment in momenten * 2:  # worked out, then remembered
            patroon = gettext("HH.mm")
            verwacht = format_time(moment.replace(tzinfo=moment.tzinfo or UTC), patroon)
            assert datumtekst.tijd(moment) == verwacht
    with app.test_request_context("/"), force_locale("nl"):
        assert datumtekst.tijd(momenten[1]) == "03.00"


def test_the_queue_total_from_the_counts_per_status_equals_a_count_over_the_queue(
    db: Session,
) -> None:
    medewerker = maak_medewerker(db)
    for dag in (5, 6, 7):
        maak_inzageverzoek(db, nu=datetime(2027, 1, dag, 9, 0, tzinfo=UTC))
    klaar, toegewezen = (
        db.get(Inzageverzoek, r.id) for r in inzagewachtrij.wachtrij(db, nu=NU)[:2]
    )
    assert klaar is not None and toegewezen is not None
    inzageservice.trek_in(db, klaar, trace_id=TRACE)
    inzageservice.wijs_toe(db, toegewezen, medewerker, door=medewerker, trace_id=TRACE)
    db.commit()

    aantallen = inzagewachtrij.aantallen(db)
    for status in [None, *INZAGE_STATUSSEN]:
        geteld = inzagewachtrij.aantal(db, status=status, nu=NU)
        assert inzagewachtrij.aantal(db, status=status, nu=NU, aantallen=aantallen) == geteld
    assert inzagewachtrij.aantal(db, nu=NU, aantallen=aantallen) == 2  # open: not withdrawn
    # Other filters are counted, whatever counts are at hand.
    mijn = {"filter": "mijn", "medewerker_id": medewerker.id, "nu": NU}
    assert inzagewachtrij.aantal(db, **mijn, aantallen=aantallen) == 1


def test_template_globals_answer_as_jinjas_own_chainmap(app: Flask) -> None:
    omgeving = app.jinja_env
    assert isinstance(omgeving.get_template("base.html").globals, Globals)
    for eigen in ({}, {"extra": 1, "url_for": "eigen"}):
        snel, gewoon = omgeving.make_globals(dict(eigen)), ChainMap(dict(eigen), omgeving.globals)
        assert list(snel) == list(gewoon)
        assert set(snel.keys()) == set(gewoon.keys())
        for naam in ("url_for", "extra", "bestaat_niet", "_"):
            assert (naam in snel) == (naam in gewoon)
            assert snel.get(naam) == gewoon.get(naam)
