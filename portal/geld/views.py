"""The person's pages about money and objections."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, g, render_template
from flask_babel import force_locale
from markupsafe import Markup

from portal import pdf, termijnen
from portal.auth import burger_vereist, eigen_dossier
from portal.db import get_session
from portal.models import utcnow
from portal.services import berichten, bezwaren, geld, toezeggingen
from portal.services.bezwaren import Zaakstand
from portal.tijd import vandaag

bp = Blueprint("geld", __name__)


@bp.get("/uw-geld")
@burger_vereist
def uw_geld() -> str:
    db = get_session()
    nu = utcnow()
    beloften = toezeggingen.van_burger(db, g.burger.id)
    betalingen = [(b, beloften.get(geld.onderwerp(b))) for b in geld.van_burger(db, g.burger.id)]
    dossier = eigen_dossier()
    return render_template(
        "geld/uw_geld.html",
        betalingen=betalingen,
        te_laat={
            b.id for b, belofte in betalingen if belofte and toezeggingen.is_te_laat(belofte, nu)
        },
        te_hoog=any(t.status == "dagloon_te_hoog" for t in dossier.trajecten),
    )


@bp.get("/bezwaar")
@burger_vereist
def bezwaar() -> str:
    db = get_session()
    nu = utcnow()
    termijnen_ = bezwaren.bezwaartermijnen(db, g.burger.id, nu)
    return render_template(
        "geld/bezwaar.html",
        termijnen=termijnen_,
        # A decision told as a status, before its letter is in Mijn brieven: the period
        # counts from the letter's date, which the person will find in that letter.
        besluit_zonder_brief=not termijnen_
        and any(t.status in berichten.BESLISSINGEN for t in eigen_dossier().trajecten),
        zaken=bezwaren.zaken_van(db, g.burger.id, nu),
        dwangsom=termijnen.DWANGSOM,
        dwangsom_maximum=termijnen.DWANGSOM_MAXIMUM,
        postadres=current_app.config["BEZWAAR_POSTADRES"],
    )


def _te_late_zaak(zaak_id: int) -> Zaakstand:
    stand = bezwaren.zaak_van(get_session(), g.burger.id, zaak_id, utcnow())
    # The notice of default has effect only once the term has passed, and only for an
    # objection (a complaint has no penalty): otherwise there is no such letter to show.
    if stand is None or stand.zaak.soort != "bezwaar" or not stand.te_laat:
        abort(404)
    return stand


def _brief(stand: Zaakstand) -> dict[str, object]:
    dossier = eigen_dossier()
    return {
        "stand": stand,
        "naam": g.burger.naam,
        "kenmerk": dossier.kenmerk,
        "vandaag": vandaag(),
        "postadres": current_app.config["BEZWAAR_POSTADRES"],
    }


@bp.get("/bezwaar/<int:zaak_id>/ingebrekestelling")
@burger_vereist
def ingebrekestelling(zaak_id: int) -> str:
    stand = _te_late_zaak(zaak_id)
    gegevens = _brief(stand)
    # The letter goes to UWV: in Dutch, whatever language the page is in.
    with force_locale("nl"):
        # Autoescaped by Jinja: the names in it cannot become markup.
        voorbeeld = Markup(render_template("geld/_ingebrekestelling_brief.html", **gegevens))  # noqa: S704
    return render_template(
        "geld/ingebrekestelling.html",
        **gegevens,
        voorbeeld=voorbeeld,
        dwangsom=termijnen.DWANGSOM,
        dwangsom_maximum=termijnen.DWANGSOM_MAXIMUM,
    )


@bp.get("/bezwaar/<int:zaak_id>/ingebrekestelling.pdf")
@burger_vereist
def ingebrekestelling_pdf(zaak_id: int) -> Response:
    stand = _te_late_zaak(zaak_id)
    # The letter goes to UWV: in Dutch, whatever language the page is in.
    with force_locale("nl"):
        inhoud = pdf.als_pdf(
            render_template("geld/_ingebrekestelling_afdruk.html", **_brief(stand))
        )
    antwoord = Response(inhoud, mimetype="application/pdf")
    antwoord.headers["Content-Disposition"] = 'attachment; filename="ingebrekestelling.pdf"'
    antwoord.headers["Cache-Control"] = "no-store"
    return antwoord
