"""Wie heeft mijn dossier bekeken: the person's own verwerkingslog and status history, per day
and per who (``services.bekeken``)."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, g, render_template, request

from portal.auth import burger_vereist
from portal.db import get_session
from portal.invoer import paginanummer
from portal.services import bekeken

bp = Blueprint("bekeken", __name__)


@bp.get("/wie-heeft-mijn-dossier-bekeken")
@burger_vereist
def lijst() -> str:
    """The person's own log and status history, per day and per who (``services.bekeken``)."""
    nummer = paginanummer(request.args)
    return render_template(
        "bekeken/lijst.html",
        pagina=bekeken.pagina(
            get_session(),
            g.burger.id,
            nummer=nummer,
            naam_tonen=current_app.config["VERWERKINGSLOG_NAAM_TONEN"],
        ),
    )


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
