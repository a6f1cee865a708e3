from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from portal import create_app
from portal.auth import sessies
from portal.db import make_engine, upgrade
from portal.models import Base, Burger, Medewerker
from portal.models.base import zet_klok_vooruit
from tests import smtp
from tests.nep_twilio import nep_twilio  # noqa: F401
from tests.paginacontrole import PaginaControleClient

smtp_certificaten = smtp.smtp_certificaten
smtp_server = smtp.smtp_server
smtp_server_ssl = smtp.smtp_server_ssl
smtp_server_starttls = smtp.smtp_server_starttls

# CI sets this so a missing browser or database fails the run instead of skipping tests.
COMPONENTEN_VEREIST = os.environ.get("PORTAL_REQUIRE_COMPONENTS") == "1"


def eigen_database(url: str, achtervoegsel: str) -> str:
    """A PostgreSQL database beside ``url`` named with ``achtervoegsel``, created when missing.

    Each xdist worker (and the browser tests' live server) gets its own, so one worker
    emptying its tables never pulls data from under another.
    """
    from sqlalchemy.engine import make_url

    basis = make_url(url)
    naam = f"{basis.database}_{achtervoegsel}"
    engine = make_engine(url)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as verbinding:
        bestaat = verbinding.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :naam"), {"naam": naam}
        ).scalar()
        if not bestaat:
            verbinding.execute(text(f'CREATE DATABASE "{naam}"'))
    engine.dispose()
    return basis.set(database=naam).render_as_string(hide_password=False)


def leeg_schema(url: str) -> None:
    """A clean schema, so the migrations themselves are tested on every run."""
    engine = make_engine(url)
    with engine.begin() as verbinding:
        verbinding.execute(text("DROP SCHEMA public CASCADE"))
        verbinding.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> str:
    url = os.environ.get("PORTAL_TEST_DATABASE_URL")
    if url:
        if worker_id != "master":
            url = eigen_database(url, worker_id)
        leeg_schema(url)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    upgrade(url)
    return url


def test_config(database_url: str, **extra: object) -> dict[str, object]:
    return {
        "TESTING": True,
        "PORTAL_ENV": "test",
        "SECRET_KEY": "test-secret-key-not-for-production",
        "DATABASE_URL": database_url,
        "SERVER_NAME": "portal.test",
        "RATELIMIT_ENABLED": False,
        **extra,
    }


test_config.__test__ = False  # a helper, not a test, even when imported into a test module


def met_providers(twilio: object, smtp: object, **extra: object) -> dict[str, object]:
    """Settings that send through the real twilio client to the fake Twilio and over SMTP
    to aiosmtpd, as production sends to the real ones."""
    from tests.nep_twilio import ACCOUNT_SID, AUTH_TOKEN, MESSAGING_SERVICE_SID

    return {
        "DEV_KANAAL": False,
        "PUBLIEKE_URL": "https://portaal.uwv.test",
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_MESSAGING_SERVICE_SID": MESSAGING_SERVICE_SID,
        "TWILIO_API_URL": twilio.api_url,
        "SMTP_HOST": smtp.host,
        "SMTP_PORT": smtp.port,
        "SMTP_BEVEILIGING": "geen",
        **extra,
    }


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    app = create_app(test_config(database_url))
    app.test_client_class = PaginaControleClient
    yield app
    engine = app.extensions["portal.engine"]
    leeg_alle_tabellen(engine)
    engine.dispose()


def leeg_alle_tabellen(engine: Engine) -> None:
    with engine.begin() as verbinding:
        if verbinding.dialect.name == "postgresql":
            namen = ", ".join(tabel.name for tabel in Base.metadata.sorted_tables)
            verbinding.execute(text(f"TRUNCATE {namen} RESTART IDENTITY CASCADE"))
        else:
            for tabel in reversed(Base.metadata.sorted_tables):
                verbinding.execute(tabel.delete())


@pytest.fixture
def maak_app(database_url: str) -> Iterator[Callable[..., Flask]]:
    """Build an app with extra settings; its connections are closed after the test."""
    gemaakt: list[Flask] = []

    def maak(**extra: object) -> Flask:
        nieuwe = create_app(test_config(database_url, **extra))
        nieuwe.test_client_class = PaginaControleClient
        gemaakt.append(nieuwe)
        return nieuwe

    yield maak
    for oude in gemaakt:
        oude.extensions["portal.engine"].dispose()
    if gemaakt:
        # What these apps wrote must not leak into the next test.
        engine = make_engine(database_url)
        leeg_alle_tabellen(engine)
        engine.dispose()


@pytest.fixture
def db(app: Flask) -> Iterator[Session]:
    session = app.extensions["portal.sessionmaker"]()
    yield session
    session.close()


def log_in(client: FlaskClient, wie: Burger | Medewerker) -> None:
    """Start a real server-side session for ``wie``, as a successful login would."""
    app = client.application
    with app.app_context():
        session = app.extensions["portal.sessionmaker"]()
        if isinstance(wie, Burger):
            token = sessies.start(session, burger_id=wie.id)
        else:
            token = sessies.start(session, medewerker_id=wie.id)
        session.close()
    with client.session_transaction() as flask_session:
        flask_session["sessie"] = token


def csrf_token(client: FlaskClient, pagina: str = "/") -> str:
    html = client.get(pagina, follow_redirects=True).get_data(as_text=True)
    gevonden = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert gevonden, f"no CSRF token on {pagina}"
    return gevonden.group(1)


@pytest.fixture(autouse=True)
def _push_request_context() -> None:
    """Overrides pytest-flask's fixture of this name, which keeps one request context open
    for the whole test. Flask then reuses its app context, so ``g`` (the database session,
    the chosen language) would leak from one test-client request into the next, which
    never happens in production."""


def _vijandig_verzonden() -> list[str]:
    import sys

    return [
        adres
        for naam, module in list(sys.modules.items())
        if naam.endswith("test_vijandige_invoer")
        for adres in getattr(module, "VERZONDEN", [])
    ]


def pytest_sessionfinish(session: pytest.Session) -> None:
    if hasattr(session.config, "workeroutput"):  # an xdist worker reports to the controller
        session.config.workeroutput["vijandig"] = _vijandig_verzonden()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    config = node.config
    config.stash.setdefault(VIJANDIG, []).extend(node.workeroutput.get("vijandig", []))


VIJANDIG = pytest.StashKey[list[str]]()


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """How many hostile requests the sweep sent, and on which database: the proof that it
    ran (on PostgreSQL in CI), not only that it passed."""
    verzonden = config.stash.get(VIJANDIG, []) + _vijandig_verzonden()
    if verzonden:
        database = "PostgreSQL" if os.environ.get("PORTAL_TEST_DATABASE_URL") else "SQLite"
        terminalreporter.write_line(
            f"hostile-input sweep: {len(verzonden)} generated requests on {database}, "
            f"{len(set(verzonden))} distinct addresses"
        )


@pytest.fixture
def klok() -> Iterator[None]:
    """For tests that move the process's one clock (``zet_klok_vooruit``): it always goes back."""
    try:
        yield
    finally:
        zet_klok_vooruit(timedelta(0))
