"""The hot pages run a fixed number of SQL statements, however much data a person has.

Each page is measured at one data size and at three times that size: the same count at
both is the proof that no query runs per traject, bericht or inzageverzoek (no N+1).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from portal.models import Bericht, Burger, Medewerker
from portal.models.inzage import Inzageverzoek
from portal.models.servicecall import Servicecall
from portal.models.spreekuur import Spreekuur
from tests.conftest import COMPONENTEN_VEREIST, log_in
from tests.factories import (
    maak_burger,
    maak_dossier,
    maak_medewerker,
    maak_mislukte_sms,
    maak_terugbelverzoek,
    maak_traject,
)

# Measured on SQLite and PostgreSQL; a new query on these pages must be a conscious choice.
MAX_MIJN_DOSSIER = 8  # with service-calls, spreekuren and messages: a section each
# The session with what is going on for the person (one statement), the dossier, and the
# promises made to the person (every date on the page comes from that ledger, including
# whether it passed unkept).
MIJN_DOSSIER_ZONDER_BIJZONDERHEDEN = 3
MAX_BERICHTEN = 4
MAX_INZAGEWACHTRIJ = (
    4  # the session, the page of rows, the counts per status (which give the total)
)

ROUTES = [
    ("dagloon", ("in_onderzoek", "onderzoek_afgerond", "dagloon_te_laag")),
    ("indexatie", ("in_onderzoek",)),
    ("ewt", ("wacht_op_beoordeling", "spreekuur_gepland")),
]


@contextmanager
def tel_queries(app: Flask) -> Iterator[list[str]]:
    """Collect every statement the app's engine sends while the block runs."""
    statements: list[str] = []
    engine = app.extensions["portal.engine"]

    def noteer(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", noteer)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", noteer)


def aantal_queries(client: FlaskClient, pad: str) -> int:
    # A first request warms what is loaded once per process (translations, templates).
    assert client.get(pad).status_code == 200
    with tel_queries(client.application) as statements:
        antwoord = client.get(pad)
    assert antwoord.status_code == 200
    return len(statements)


def berichten_voor(db: Session, burger: Burger, aantal: int) -> None:
    begin = datetime(2026, 1, 5, 9, tzinfo=UTC)
    db.add_all(
        Bericht(
            burger_id=burger.id,
            soort="statuswijziging",
            gegevens={"soort": "dagloon", "status": "in_onderzoek", "volgende_update_op": None},
            aangemaakt_op=begin + timedelta(hours=n),
            gelezen_op=None if n % 3 else begin + timedelta(hours=n + 1),
        )
        for n in range(aantal)
    )


def persoon_met_dossier(db: Session, schaal: int) -> Burger:
    """Trajecten with history, berichten, and something in every section of Mijn dossier: a
    spreekuur, a servicecall, an inzageverzoek, a callback request and a failed message."""
    burger = maak_burger(db)
    dossier = maak_dossier(db, burger=burger)
    for _ in range(schaal):
        for soort, route in ROUTES:
            maak_traject(db, dossier=dossier, soort=soort, route=route)
    berichten_voor(db, burger, 20 * schaal)
    morgen = datetime.now(UTC).replace(microsecond=0) + timedelta(days=7)
    for n in range(schaal):
        db.add(
            Spreekuur(
                dossier_id=dossier.id,
                uid=f"spreekuur-{dossier.id}-{n}@uwv.example",
                begin=morgen + timedelta(days=n),
                eind=morgen + timedelta(days=n, minutes=45),
                vorm="kantoor",
                kantoor="amsterdam",
            )
        )
        db.add(
            Servicecall(
                dossier_id=dossier.id,
                onderwerp="uitslag",
                status="gepland",
                venster_van=morgen + timedelta(days=n, hours=2),
                venster_tot=morgen + timedelta(days=n, hours=4),
                belnummer="088 - 898 92 94",
                telefoon=burger.telefoon,
                belcode=f"K{n:04d}",
            )
        )
        db.add(inzageverzoek(dossier.id, burger.id, n))
        maak_terugbelverzoek(db, dossier, morgen)
        maak_mislukte_sms(db, burger)
    db.commit()
    return burger


def inzageverzoek(dossier_id: int, burger_id: int, n: int) -> Inzageverzoek:
    return Inzageverzoek(
        kenmerk=f"INZ-2026-{dossier_id:06d}{n}",
        burger_id=burger_id,
        dossier_id=dossier_id,
        onderwerpen=["dagloon"],
        status="ontvangen",
        termijn_op=date.today() + timedelta(days=20 + n % 10),
    )


def wachtrij_met(db: Session, aantal: int) -> Medewerker:
    """A casemanager and ``aantal`` open requests, each on its own dossier."""
    casemanager = maak_medewerker(db)
    for n in range(aantal):
        dossier = maak_dossier(db, casemanager_id=casemanager.id)
        verzoek = inzageverzoek(dossier.id, dossier.burger_id, 0)
        verzoek.medewerker_id = casemanager.id if n % 2 else None
        db.add(verzoek)
    db.commit()
    return casemanager


@pytest.mark.parametrize("schaal", [1, 3])
def test_mijn_dossier_runs_a_fixed_number_of_queries(app: Flask, db: Session, schaal: int) -> None:
    client = app.test_client()
    log_in(client, persoon_met_dossier(db, schaal))
    assert aantal_queries(client, "/mijn-dossier") <= MAX_MIJN_DOSSIER


def test_mijn_dossier_skips_the_sections_a_person_has_nothing_in(app: Flask, db: Session) -> None:
    """Most people have no service-call, spreekuur, callback or failed message: one statement
    says so, instead of one per empty section."""
    burger = maak_burger(db)
    dossier = maak_dossier(db, burger=burger)
    maak_traject(db, dossier=dossier, route=("in_onderzoek", "onderzoek_afgerond"))
    db.commit()
    client = app.test_client()
    log_in(client, burger)
    assert aantal_queries(client, "/mijn-dossier") == MIJN_DOSSIER_ZONDER_BIJZONDERHEDEN


@pytest.mark.parametrize("aantal", [50, 150])
def test_berichten_runs_a_fixed_number_of_queries(app: Flask, db: Session, aantal: int) -> None:
    burger = maak_burger(db)
    maak_dossier(db, burger=burger)
    berichten_voor(db, burger, aantal)
    db.commit()
    client = app.test_client()
    log_in(client, burger)
    assert aantal_queries(client, "/berichten") <= MAX_BERICHTEN


@pytest.mark.parametrize("aantal", [30, 90])
def test_inzagewachtrij_runs_a_fixed_number_of_queries(
    app: Flask, db: Session, aantal: int
) -> None:
    client = app.test_client()
    log_in(client, wachtrij_met(db, aantal))
    assert aantal_queries(client, "/medewerker/inzage") <= MAX_INZAGEWACHTRIJ


def test_query_count_grows_with_data_when_a_page_loads_per_row(app: Flask, db: Session) -> None:
    """The counter itself: a loop that loads per row is seen, so the limits above can fail."""
    burger = persoon_met_dossier(db, 1)
    ids = list(db.scalars(select(Bericht.id).where(Bericht.burger_id == burger.id)))
    with tel_queries(app) as statements, app.extensions["portal.sessionmaker"]() as session:
        for bericht_id in ids:
            session.get(Bericht, bericht_id)
    assert len(statements) >= len(ids) == 20


@pytest.mark.postgres
def test_reading_a_page_keeps_postgresqls_prepared_statements(
    app: Flask, db: Session, database_url: str
) -> None:
    # psycopg prepares a statement after it ran five times on a connection, and drops every
    # prepared statement at a ROLLBACK: a read that ended in one would be planned anew on
    # every request. A read ends in COMMIT instead (portal/db.py).
    if not database_url.startswith("postgresql"):
        melding = "needs PostgreSQL: set PORTAL_TEST_DATABASE_URL"
        if COMPONENTEN_VEREIST:
            pytest.fail(melding)
        pytest.skip(melding)
    client = app.test_client()
    log_in(client, persoon_met_dossier(db, 1))
    db.close()  # the test's own connection back to the pool, out of the way
    engine = app.extensions["portal.engine"]
    engine.dispose()  # one fresh connection, used by every request below

    for _ in range(8):
        assert client.get("/mijn-dossier").status_code == 200

    with engine.connect() as verbinding:
        voorbereid = verbinding.exec_driver_sql("SELECT count(*) FROM pg_prepared_statements")
        assert voorbereid.scalar_one() >= 3  # the page's statements, planned once
