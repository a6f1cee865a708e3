"""Demo mode: personas, a persona picker and bulk data for benchmarks."""

from __future__ import annotations

import time

import click
from flask import Flask, current_app
from flask.cli import AppGroup

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
    if personas.seed(get_session(), vandaag()):
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


def init_app(app: Flask) -> None:
    app.cli.add_command(demo_cli)
    if app.config["PORTAL_DEMO"]:
        from portal.demo.views import bp

        app.register_blueprint(bp)
