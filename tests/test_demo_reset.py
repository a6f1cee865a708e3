"""`flask demo reset` (make demo-reset): the demo starts over with fresh data, and nowhere
but in a development demo can it empty a database."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, inspect, select, text

from portal.demo import personas
from portal.models import Burger, Dossier, Medewerker, Sessie
from portal.tijd import vandaag
from tests.factories import maak_burger


def _db(app: Flask):
    return app.extensions["portal.sessionmaker"]()


def _demo_met_sporen(app: Flask) -> None:
    """The demo as someone left it: the personas, and what they did and added."""
    session = _db(app)
    personas.seed(session, vandaag())
    extra = maak_burger(session, voornamen="Extra", achternaam="Persoon")
    session.add(Sessie(id="x" * 64, burger_id=extra.id))
    session.commit()
    session.close()


def _reset(app: Flask, *args: str):
    return app.test_cli_runner().invoke(args=["demo", "reset", *args])


def test_reset_starts_the_demo_over_with_fresh_data(maak_app):
    app = maak_app(PORTAL_ENV="development", PORTAL_DEMO=True)
    _demo_met_sporen(app)

    uitslag = _reset(app, "--yes")

    assert uitslag.exit_code == 0, uitslag.output
    assert f"added {len(personas.PERSONAS)} personas" in uitslag.output
    session = _db(app)
    assert session.scalar(select(func.count()).select_from(Burger)) == len(personas.PERSONAS)
    assert session.scalar(select(func.count()).select_from(Medewerker)) == len(personas.MEDEWERKERS)
    assert session.scalar(select(Dossier).where(Dossier.kenmerk == "WIA-1000001")) is not None
    assert session.scalar(select(Burger).where(Burger.voornamen == "Extra")) is None
    assert session.scalar(select(func.count()).select_from(Sessie)) == 0
    # The schema came from the migrations again, to their newest version.
    assert session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert "sessie" in inspect(session.get_bind()).get_table_names()
    session.close()


def test_reset_twice_in_a_row_works(maak_app):
    app = maak_app(PORTAL_ENV="development", PORTAL_DEMO=True)
    assert _reset(app, "--yes").exit_code == 0
    assert _reset(app, "--yes").exit_code == 0
    session = _db(app)
    assert session.scalar(select(func.count()).select_from(Burger)) == len(personas.PERSONAS)
    session.close()


def test_reset_asks_first_and_no_leaves_everything(maak_app):
    app = maak_app(PORTAL_ENV="development", PORTAL_DEMO=True)
    _demo_met_sporen(app)

    uitslag = app.test_cli_runner().invoke(args=["demo", "reset"], input="n\n")

    assert uitslag.exit_code != 0
    assert "Delete everything in" in uitslag.output
    session = _db(app)
    assert session.scalar(select(Burger).where(Burger.voornamen == "Extra")) is not None
    session.close()


@pytest.mark.parametrize(
    "instellingen",
    [
        {"PORTAL_ENV": "development", "PORTAL_DEMO": False},
        {"PORTAL_ENV": "test", "PORTAL_DEMO": True},
    ],
    ids=["development-without-demo", "test-environment"],
)
def test_reset_refuses_outside_a_development_demo(maak_app, instellingen):
    app = maak_app(**instellingen)
    _demo_met_sporen(app)

    uitslag = _reset(app, "--yes")

    assert uitslag.exit_code != 0
    assert "PORTAL_ENV=development and PORTAL_DEMO=1" in uitslag.output
    session = _db(app)
    assert session.scalar(select(Burger).where(Burger.voornamen == "Extra")) is not None
    assert session.get(Sessie, "x" * 64) is not None
    session.close()


def test_production_cannot_even_be_configured_for_a_reset():
    # PORTAL_DEMO is refused in production before any command runs (portal/config.py).
    from portal.config import ConfigError, check_config, load_config

    with pytest.raises(ConfigError, match="PORTAL_DEMO"):
        check_config(load_config({"PORTAL_ENV": "production", "PORTAL_DEMO": "1"}))
