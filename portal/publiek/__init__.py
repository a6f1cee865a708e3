"""Public statements: the accessibility statement and the privacy statement."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Flask, render_template

bp = Blueprint("publiek", __name__)

# The date of the last check that the statement describes; update it with every new check.
VERKLARING_DATUM = date(2026, 11, 25)


@bp.get("/toegankelijkheid")
def toegankelijkheid():  # type: ignore[no-untyped-def]
    return render_template("publiek/toegankelijkheid.html", datum=VERKLARING_DATUM)


@bp.get("/privacy")
def privacy():  # type: ignore[no-untyped-def]
    return render_template("publiek/privacy.html", datum=VERKLARING_DATUM)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
