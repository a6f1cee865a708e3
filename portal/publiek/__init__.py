"""Public pages: the accessibility statement, the privacy statement and the favicon."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Flask, current_app, render_template, send_from_directory
from flask.typing import ResponseReturnValue

bp = Blueprint("publiek", __name__)

# The date of the last check that the statement describes; update it with every new check.
VERKLARING_DATUM = date(2026, 11, 25)


@bp.get("/toegankelijkheid")
def toegankelijkheid() -> str:
    return render_template("publiek/toegankelijkheid.html", datum=VERKLARING_DATUM)


@bp.get("/favicon.ico")
def favicon() -> ResponseReturnValue:
    # Browsers ask for /favicon.ico on their own, whatever the page links to.
    return send_from_directory(
        current_app.static_folder or "static", "favicon.ico", mimetype="image/vnd.microsoft.icon"
    )


@bp.get("/privacy")
def privacy() -> str:
    return render_template("publiek/privacy.html", datum=VERKLARING_DATUM)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
