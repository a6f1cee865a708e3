"""The database: one engine per app, one session per request, migrations by Alembic."""

from __future__ import annotations

from pathlib import Path

import click
from alembic import command
from alembic.config import Config as AlembicConfig
from flask import Flask, Response, current_app, g, request
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from portal.config import ROOT


def make_engine(url: str) -> Engine:
    """An engine that behaves the same on SQLite and PostgreSQL."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(
            dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry
        ) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    # A database host that drops packets must fail a request (and /gezondheid/klaar) within
    # seconds, not hang until the web server's own timeout. No pre-ping: it costs a round trip
    # on every request. After a database restart the first statement on each stale connection
    # fails; SQLAlchemy then empties the whole pool, so one request per process gets an error
    # page and the next one reconnects. Recycling keeps connections younger than the idle
    # timeouts of firewalls and poolers.
    return create_engine(
        url, pool_pre_ping=False, pool_recycle=1800, connect_args={"connect_timeout": 5}
    )


def alembic_config(url: str) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.attributes["database_url"] = url
    return config


def upgrade(url: str) -> None:
    """Bring the database at ``url`` to the newest migration."""
    command.upgrade(alembic_config(url), "head")


def get_session() -> Session:
    """The session of the current request; closed when the request ends."""
    if "db_session" not in g:
        if g.get("zonder_database"):
            # Set by the error page after a failure: it must not touch the database again.
            raise RuntimeError("no database session while rendering an error page")
        g.db_session = current_app.extensions["portal.sessionmaker"]()
    session: Session = g.db_session
    return session


def _lezen_afsluiten(response: Response) -> Response:
    """End a successful read with COMMIT instead of the ROLLBACK that closing the session
    sends: psycopg deallocates its prepared statements at every rollback, so PostgreSQL would
    plan the page's statements again on every request. A read changed nothing, so COMMIT
    keeps everything as it was; writes commit (or roll back) in their services, as always."""
    session = g.get("db_session")
    if (
        session is not None
        and request.method in ("GET", "HEAD")
        and response.status_code < 400
        and session.in_transaction()
        and not (session.new or session.dirty or session.deleted)
    ):
        session.commit()
    return response


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


@click.group("db", help="Database management.")
def db_cli() -> None:
    pass


@db_cli.command("upgrade", help="Apply all migrations.")
def upgrade_command() -> None:
    upgrade(current_app.config["DATABASE_URL"])
    click.echo("Database is up to date.")


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["portal.engine"] = engine
    app.extensions["portal.sessionmaker"] = sessionmaker(engine, expire_on_commit=False)
    app.after_request(_lezen_afsluiten)
    app.teardown_appcontext(_close_session)
    app.cli.add_command(db_cli)
