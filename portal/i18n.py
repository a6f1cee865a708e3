"""Languages: Flask-Babel set-up, the language switch and the translation CLI."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import urlsplit

import click
from flask import Blueprint, Flask, current_app, g, redirect, request, session
from flask_babel import Babel, format_date, format_datetime, get_locale

from portal.config import ROOT

bp = Blueprint("taal", __name__)


def kies_taal() -> str:
    """The person's choice, then their browser's, then Dutch."""
    talen: list[str] = current_app.config["TALEN"]
    gekozen = session.get("taal")
    if gekozen in talen:
        return gekozen
    burger = g.get("burger")
    if burger is not None and burger.taal in talen:
        return burger.taal
    return request.accept_languages.best_match(talen) or "nl"


def veilig_terug(doel: str | None, standaard: str = "/") -> str:
    """Only a path on this site; never an open redirect."""
    if not doel:
        return standaard
    delen = urlsplit(doel)
    if delen.scheme or delen.netloc or not doel.startswith("/") or doel.startswith("//"):
        return standaard
    return doel


@bp.post("/taal")
def wissel_taal():  # type: ignore[no-untyped-def]
    from portal.db import get_session

    taal = request.form.get("taal", "")
    if taal in current_app.config["TALEN"]:
        session["taal"] = taal
        burger = g.get("burger")
        if burger is not None:
            # Remembered for the messages we send later, not only for this session.
            burger.taal = taal
            get_session().commit()
    return redirect(veilig_terug(request.form.get("terug")), code=303)


@click.group("vertalingen", help="Extract, update and compile the message catalogs.")
def vertalingen_cli() -> None:
    pass


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True)  # noqa: S603


@vertalingen_cli.command("extract", help="Collect all strings into vertalingen/messages.pot.")
def extract() -> None:
    _pybabel(
        "extract",
        "-F",
        str(ROOT / "babel.cfg"),
        "-k",
        "_l",
        "--no-location",
        "--sort-output",
        "-o",
        str(ROOT / "vertalingen" / "messages.pot"),
        str(ROOT),
    )


@vertalingen_cli.command("update", help="Extract, then merge new strings into each catalog.")
@click.pass_context
def update(ctx: click.Context) -> None:
    ctx.invoke(extract)
    _pybabel(
        "update",
        "-i",
        str(ROOT / "vertalingen" / "messages.pot"),
        "-d",
        str(ROOT / "vertalingen"),
        "--no-fuzzy-matching",
    )


@vertalingen_cli.command("compile", help="Compile the catalogs to .mo files.")
def compile_() -> None:
    _pybabel("compile", "-d", str(ROOT / "vertalingen"))


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=kies_taal)
    app.register_blueprint(bp)
    app.cli.add_command(vertalingen_cli)
    app.jinja_env.filters["datum"] = lambda d, f="long": format_date(d, f) if d else ""
    app.jinja_env.filters["datumtijd"] = lambda d, f="medium": format_datetime(d, f) if d else ""
    app.jinja_env.globals["huidige_taal"] = lambda: str(get_locale() or "nl")
