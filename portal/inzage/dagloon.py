"""Gerichte inzage: how the dagloon was computed, the art. 15 information page, and who
looked at the person's dossier."""

from __future__ import annotations

from decimal import Decimal

from flask import Blueprint, current_app, g, render_template, request, url_for
from flask_babel import format_currency

from portal.auth import burger_vereist, eigen_dossier
from portal.db import get_session
from portal.invoer import paginanummer
from portal.services import bekeken, dagloon, dossiers, toezeggingen

bp = Blueprint("dagloon", __name__)


@bp.app_template_filter("bedrag")
def bedrag(waarde: Decimal | None) -> str:
    """An amount in euros, written the way the person's language writes it."""
    return format_currency(waarde, "EUR") if waarde is not None else ""


@bp.get("/mijn-dagloon")
@burger_vereist
def mijn_dagloon() -> str:
    dossier = eigen_dossier()
    berekening = dagloon.laatste_voor(get_session(), dossier.id)
    traject = next(
        (
            t
            for t in dossiers.overzicht(
                dossier, toezeggingen.van_burger(get_session(), dossier.burger_id)
            ).herstelacties
            if t.traject.soort == "dagloon"
        ),
        None,
    )
    return render_template(
        "inzage/dagloon.html",
        uitleg=dagloon.uitleg(berekening) if berekening else None,
        traject=traject,
        aanvragen_url=url_for("inzage.aanvragen"),
    )


@bp.get("/uw-rechten")
def uw_rechten() -> str:
    return render_template("inzage/art15.html", aanvragen_url=url_for("inzage.aanvragen"))


@bp.get("/wie-heeft-mijn-dossier-bekeken")
@burger_vereist
def bekeken_lijst() -> str:
    """The person's own log and status history, per day and per who (``services.bekeken``)."""
    nummer = paginanummer(request.args)
    return render_template(
        "inzage/bekeken.html",
        pagina=bekeken.pagina(
            get_session(),
            g.burger.id,
            nummer=nummer,
            naam_tonen=current_app.config["VERWERKINGSLOG_NAAM_TONEN"],
        ),
    )
