"""Gerichte inzage: how the dagloon was computed, and the art. 15 information page."""

from __future__ import annotations

from decimal import Decimal

from flask import render_template, url_for
from flask_babel import format_currency

from portal.auth import burger_vereist, eigen_dossier
from portal.db import get_session
from portal.inzage.views import bp
from portal.services import dagloon, dossiers, toezeggingen


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
