"""`flask --app portal import dossiers|statussen|brieven FILE.csv [--dry-run] [--rapport PATH]`.

Exit codes: 0 every row was accepted, 1 some rows were refused (the others were applied),
2 the file could not be imported at all (nothing was written).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import force_locale

from portal.importeren import brieven, dossiers, statussen
from portal.importeren.csvbestand import Bestandsfout
from portal.importeren.uitslag import Uitslag, schrijf_rapport
from portal.models import utcnow
from portal.tijd import vandaag

BESTAND = click.argument(
    "bestand", type=click.Path(exists=True, dir_okay=False, readable=True, path_type=Path)
)
DRY_RUN = click.option("--dry-run", is_flag=True, help="Check every row; write nothing.")
RAPPORT = click.option(
    "--rapport",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write the refused rows to this CSV file (regelnummer, veld, reden).",
)


@click.group(cls=AppGroup, name="import", help="Import dossiers or statuses from a CSV file.")
def import_cli() -> None:
    pass


@import_cli.command(
    "dossiers", help="Create or update dossiers and their trajecten; one row per traject."
)
@BESTAND
@DRY_RUN
@RAPPORT
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=dossiers.BATCH,
    show_default=True,
    help="Dossiers per transaction.",
)
def dossiers_command(bestand: Path, dry_run: bool, rapport: Path | None, batch_size: int) -> None:
    nu = utcnow()
    _voer_uit(
        lambda trace_id: dossiers.importeer(
            current_app.extensions["portal.engine"],
            bestand,
            nu=nu,
            vandaag=vandaag(nu),
            trace_id=trace_id,
            dry_run=dry_run,
            batch=batch_size,
        ),
        dry_run=dry_run,
        rapport=rapport,
    )


@import_cli.command("statussen", help="Change traject statuses, with a message to the person.")
@BESTAND
@DRY_RUN
@RAPPORT
def statussen_command(bestand: Path, dry_run: bool, rapport: Path | None) -> None:
    _voer_uit(
        lambda trace_id: statussen.importeer(
            current_app.extensions["portal.sessionmaker"],
            bestand,
            vandaag=vandaag(),
            trace_id=trace_id,
            dry_run=dry_run,
        ),
        dry_run=dry_run,
        rapport=rapport,
    )


@import_cli.command(
    "brieven", help="Put UWV's letters in Mijn brieven: a manifest CSV and the PDFs beside it."
)
@BESTAND
@DRY_RUN
@RAPPORT
def brieven_command(bestand: Path, dry_run: bool, rapport: Path | None) -> None:
    _voer_uit(
        lambda trace_id: brieven.importeer(
            current_app.extensions["portal.sessionmaker"],
            bestand,
            map_=current_app.config["DOCUMENTEN_MAP"],
            max_bytes=int(current_app.config["DOCUMENT_MAX_MB"] * 1024 * 1024),
            trace_id=trace_id,
            dry_run=dry_run,
        ),
        dry_run=dry_run,
        rapport=rapport,
    )


def _voer_uit(importeer: Callable[[str], Uitslag], *, dry_run: bool, rapport: Path | None) -> None:
    # One trace id for the whole run: every log row it writes can be found with it.
    trace_id = secrets.token_hex(16)
    # Reasons are reported in Dutch, the language of the back office and of its files.
    with force_locale("nl"):
        try:
            uitslag = importeer(trace_id)
        except Bestandsfout as fout:
            click.echo(f"Error: {fout.melding}", err=True)
            click.get_current_context().exit(2)
        # Only line numbers, fields and reasons: never a value, so never a BSN.
        for afwijzing in uitslag.gesorteerd():
            click.echo(afwijzing.als_tekst())
        if rapport is not None:
            schrijf_rapport(rapport, uitslag)
    samenvatting = uitslag.samenvatting()
    if dry_run:
        samenvatting += " (dry run: nothing was written)"
    click.echo(samenvatting)
    if not dry_run:
        click.echo(f"trace_id: {trace_id}")
    click.get_current_context().exit(1 if uitslag.afgewezen else 0)
