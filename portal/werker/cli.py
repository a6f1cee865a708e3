"""``flask --app portal notificaties``: the worker process and its single jobs.

The worker runs in its own process, never inside web workers (docs/architectuur.md).
The command keeps the name it has always had in the README and the Containerfile.
"""

from __future__ import annotations

import contextlib
import logging
import os
from datetime import UTC, datetime

import click
from flask import current_app
from flask.cli import AppGroup

from notificaties.verzending import Verzender
from portal import logboek
from portal.models import utcnow
from portal.tijd import AMSTERDAM
from portal.werker import Werker, plan_alles

log = logging.getLogger(__name__)


@click.group(cls=AppGroup, name="notificaties", help="Send SMS and e-mail from the outbox.")
def notificaties_cli() -> None:
    pass


@notificaties_cli.command("run", help="Start the worker: it plans and sends what is due.")
@click.option("--interval", type=click.FloatRange(min=0.1), default=2.0, show_default=True)
def run(interval: float) -> None:
    app = current_app._get_current_object()  # type: ignore[attr-defined]  # typed as Flask, not its proxy
    # The same lines as the web app: JSON in production, masked, one object per line.
    logboek.configureer(logboek.formaat_uit(os.environ, str(app.config["PORTAL_ENV"])))
    # A line per job run every two seconds would drown what matters.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("twilio.http_client").setLevel(logging.WARNING)  # a dozen lines per SMS
    werker = Werker(app)
    kanalen = ", ".join(werker.verzender.kanalen) or "none"
    click.echo(f"Notification worker started; channels: {kanalen}; id {werker.houder}.")
    with contextlib.suppress(KeyboardInterrupt, SystemExit):
        werker.start(interval)


def _tijdstip(_ctx: click.Context, _param: click.Parameter, waarde: str | None) -> datetime:
    """``--nu 2027-03-02T09:00`` (Amsterdam time): move the clock, for demos and operators."""
    if not waarde:
        return utcnow()
    try:
        moment = datetime.fromisoformat(waarde)
    except ValueError as fout:
        raise click.BadParameter("use a date and time such as 2027-03-02T09:00") from fout
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=AMSTERDAM)
    return moment.astimezone(UTC)


@notificaties_cli.command("run-once", help="Run one job now: plan, dispatch or sweep.")
@click.argument("job", type=click.Choice(["plan", "dispatch", "sweep"]))
@click.option(
    "--nu",
    callback=_tijdstip,
    help="Pretend it is this moment (Amsterdam time), e.g. 2027-03-02T09:00.",
)
def run_once(job: str, nu: datetime) -> None:
    app = current_app._get_current_object()  # type: ignore[attr-defined]  # typed as Flask, not its proxy
    if job == "plan":
        uitkomst = plan_alles(app, nu)
        click.echo(", ".join(f"{k}: {v}" for k, v in sorted(uitkomst.items())))
        return
    verzender = Verzender(app)
    if job == "dispatch":
        uitkomsten = verzender.dispatch(nu)
        click.echo(", ".join(f"{k}: {v}" for k, v in sorted(uitkomsten.items())) or "Nothing due.")
    else:
        click.echo(f"Handed back {verzender.sweep(nu)} stuck messages.")
