"""The JSON API for back-office systems, under /api/v1 (see docs in the OpenAPI document)."""

from __future__ import annotations

import click
from flask import Flask, Response, current_app, jsonify
from flask.cli import AppGroup
from sqlalchemy.orm import Session

from portal.api import (  # noqa: F401  (registers operations)
    dossiers,
    inzage,
    levering,
    openapi,
    planning,
    taken,
    toezeggingen,
)
from portal.api.operaties import bp
from portal.services import apiclients
from portal.web import csrf


@bp.get("/openapi.json")
def openapi_document() -> Response:
    return jsonify(openapi.document())


@click.group(cls=AppGroup, name="api", help="Tokens for back-office systems that use the API.")
def api_cli() -> None:
    pass


def _session() -> Session:
    session: Session = current_app.extensions["portal.sessionmaker"]()
    return session


@api_cli.command("token-maken", help="Create a client and print its token once.")
@click.argument("naam")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    required=True,
    type=click.Choice(sorted(apiclients.SCOPES)),
    help="Repeat for more scopes.",
)
def token_maken(naam: str, scopes: tuple[str, ...]) -> None:
    with _session() as session:
        try:
            client, token = apiclients.maak(session, naam, list(scopes))
        except apiclients.ApiClientFout as fout:
            raise click.ClickException(str(fout)) from fout
        click.echo(f"Client {client.naam!r} with scopes: {client.scopes}")
        click.echo("Token (shown once; store it in the client system's secret store):")
        click.echo(token)


@api_cli.command("token-intrekken", help="Revoke a client's token at once.")
@click.argument("naam")
def token_intrekken(naam: str) -> None:
    with _session() as session:
        try:
            apiclients.trek_in(session, naam)
        except apiclients.ApiClientFout as fout:
            raise click.ClickException(str(fout)) from fout
    click.echo(f"Token of {naam!r} revoked.")


@api_cli.command("clients", help="List clients (never their tokens).")
def clients() -> None:
    with _session() as session:
        for client in apiclients.alle(session):
            staat = (
                f"revoked {client.ingetrokken_op:%Y-%m-%d}" if client.ingetrokken_op else "active"
            )
            click.echo(f"{client.naam}\t{client.token_begin}…\t{staat}\t{client.scopes}")


def init_app(app: Flask) -> None:
    csrf.exempt(bp)  # bearer tokens, no cookies: there is no session to forge requests in
    app.register_blueprint(bp)
    app.cli.add_command(api_cli)
