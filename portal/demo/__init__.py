"""Demo mode: personas, a persona picker and bulk data for benchmarks."""

from __future__ import annotations

import time

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import Engine, inspect
from sqlalchemy.engine import make_url

from portal.db import get_session, upgrade
from portal.tijd import vandaag


@click.group(cls=AppGroup, name="demo", help="Demo data and demo login.")
def demo_cli() -> None:
    pass


@demo_cli.command("seed", help="Add the demo personas and staff (and optionally N bulk dossiers).")
@click.option(
    "--volume", type=click.IntRange(min=0), default=0, help="Also add N generated dossiers."
)
def seed_command(volume: int) -> None:
    from portal.demo import personas

    upgrade(current_app.config["DATABASE_URL"])
    if personas.seed(get_session(), vandaag(), current_app.config["DOCUMENTEN_MAP"]):
        click.echo(
            f"Added {len(personas.PERSONAS)} personas and {len(personas.MEDEWERKERS)} staff."
        )
    else:
        click.echo("Demo personas were already present.")
    if volume:
        from portal.demo import volume as bulk

        begin = time.perf_counter()
        bulk.voeg_toe(current_app.extensions["portal.engine"], volume, vandaag())
        click.echo(f"Added {volume} dossiers in {time.perf_counter() - begin:.1f} s.")


def leeg(engine: Engine) -> None:
    """Drop every table, the migrations' bookkeeping included, so ``upgrade`` starts afresh.

    Tables are dropped in place rather than the SQLite file deleted: a portal or worker that
    is still running keeps its open file and would go on with the old data.
    """
    with engine.begin() as verbinding:
        volgorde = inspect(verbinding).get_sorted_table_and_fkc_names()
        # Referring tables first, so SQLite's foreign key checks never trip; PostgreSQL
        # cascades to whatever still depends on a table.
        achtervoegsel = " CASCADE" if verbinding.dialect.name == "postgresql" else ""
        quote = verbinding.dialect.identifier_preparer.quote
        for naam, _sleutels in reversed(volgorde):
            if naam is not None:
                verbinding.exec_driver_sql(f"DROP TABLE {quote(naam)}{achtervoegsel}")
    engine.dispose()


@demo_cli.command("reset", help="Empty the database and add the demo personas and staff again.")
@click.option("--yes", is_flag=True, help="Do not ask before deleting everything.")
def reset_command(yes: bool) -> None:
    from portal.demo import personas

    config = current_app.config
    # Only a demo database may be emptied: never one a real portal could be using.
    if config["PORTAL_ENV"] != "development" or not config["PORTAL_DEMO"]:
        raise click.ClickException(
            "demo reset deletes every row in the database; it only runs with "
            "PORTAL_ENV=development and PORTAL_DEMO=1."
        )
    url = str(config["DATABASE_URL"])
    getoond = make_url(url).render_as_string(hide_password=True)
    if not yes:
        click.confirm(f"Delete everything in {getoond} and add the demo data again?", abort=True)
    leeg(current_app.extensions["portal.engine"])
    upgrade(url)
    personas.seed(get_session(), vandaag(), current_app.config["DOCUMENTEN_MAP"])
    click.echo(
        f"Emptied {getoond}; added {len(personas.PERSONAS)} personas "
        f"and {len(personas.MEDEWERKERS)} staff."
    )


def init_app(app: Flask) -> None:
    app.cli.add_command(demo_cli)
    if app.config["PORTAL_DEMO"]:
        from portal.demo.views import bp

        app.register_blueprint(bp)
