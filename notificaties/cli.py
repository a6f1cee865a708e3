"""``flask --app portal notificaties``: the worker process and its single jobs.

The worker runs in its own process, never inside web workers (DESIGN.md section 3).
"""

from __future__ import annotations

import contextlib
import logging

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from notificaties.verzending import Verzender

log = logging.getLogger(__name__)


@click.group(cls=AppGroup, name="notificaties", help="Send SMS and e-mail from the outbox.")
def notificaties_cli() -> None:
    pass


@notificaties_cli.command("run", help="Start the worker: it sends what is due, every few seconds.")
@click.option("--interval", type=click.FloatRange(min=0.5), default=2.0, show_default=True)
def run(interval: float) -> None:
    from apscheduler.schedulers.blocking import BlockingScheduler

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    # A line per job run every two seconds would drown what matters.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    verzender = Verzender(current_app._get_current_object())  # type: ignore[attr-defined]
    scheduler = BlockingScheduler(timezone="UTC")
    gewoon = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600}
    scheduler.add_job(verzender.dispatch, "interval", seconds=interval, id="dispatch", **gewoon)
    scheduler.add_job(verzender.sweep, "interval", minutes=1, id="sweep", **gewoon)
    click.echo(f"Notification worker started; channels: {', '.join(verzender.kanalen) or 'none'}.")
    with contextlib.suppress(KeyboardInterrupt, SystemExit):
        scheduler.start()


@notificaties_cli.command("run-once", help="Run one job now: dispatch or sweep.")
@click.argument("job", type=click.Choice(["dispatch", "sweep"]))
def run_once(job: str) -> None:
    verzender = Verzender(current_app._get_current_object())  # type: ignore[attr-defined]
    if job == "dispatch":
        uitkomsten = verzender.dispatch()
        click.echo(", ".join(f"{k}: {v}" for k, v in sorted(uitkomsten.items())) or "Nothing due.")
    else:
        click.echo(f"Handed back {verzender.sweep()} stuck messages.")


def init_app(app: Flask) -> None:
    app.cli.add_command(notificaties_cli)
