"""Berichten: the person's inbox, the one place where the content of every update lives."""

from __future__ import annotations

from flask import Blueprint, Response, abort, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from portal import pdf
from portal.auth import burger_vereist, eigen_dossier, namens
from portal.db import get_session
from portal.models import utcnow
from portal.services import berichten, toezeggingen
from portal.tijd import vandaag

bp = Blueprint("berichten", __name__)


@bp.get("/berichten")
@burger_vereist
def lijst() -> str:
    lijst = berichten.berichten_van(get_session(), g.burger.id)
    return render_template(
        "berichten/lijst.html",
        berichten=[(b, berichten.tekst(b)) for b in lijst],
    )


@bp.get("/berichten/<int:bericht_id>")
@burger_vereist
def bericht(bericht_id: int) -> str:
    db = get_session()
    gevonden = berichten.bericht_van(db, g.burger.id, bericht_id)
    if gevonden is None:
        abort(404)
    # Opening a message is reading it, as in every mail program (a begeleider's look is not).
    if namens.zelf_gelezen():
        berichten.markeer_gelezen(db, g.burger.id, bericht_id)
    nu = utcnow()
    belofte = toezeggingen.na_bericht(db, gevonden, nu)
    return render_template(
        "berichten/bericht.html",
        bericht=gevonden,
        tekst=berichten.tekst(gevonden),
        belofte=belofte,
        hulp=berichten.vraagt_om_hulp(gevonden),
        belofte_te_laat=belofte is not None and toezeggingen.is_te_laat(belofte, nu),
    )


@bp.get("/berichten/<int:bericht_id>/pdf", endpoint="pdf")
@burger_vereist
def pdf_(bericht_id: int) -> Response:
    """A message as a PDF to keep: a receipt (ontvangstbevestiging) above all."""
    gevonden = berichten.bericht_van(get_session(), g.burger.id, bericht_id)
    if gevonden is None:
        abort(404)
    tekst = berichten.tekst(gevonden)
    inhoud = pdf.als_pdf(
        render_template(
            "brieven/_afdruk.html",
            naam=g.burger.naam,
            kenmerk=eigen_dossier().kenmerk,
            datum=vandaag(gevonden.aangemaakt_op),
            titel=tekst.onderwerp,
            teksten=[tekst],
            volgende=None,
            grote_letters=False,
        )
    )
    antwoord = Response(inhoud, mimetype="application/pdf")
    naam = f"bericht-{vandaag(gevonden.aangemaakt_op).isoformat()}.pdf"
    antwoord.headers["Content-Disposition"] = f'attachment; filename="{naam}"'
    antwoord.headers["Cache-Control"] = "no-store"
    return antwoord


@bp.post("/berichten/gelezen")
@burger_vereist
def alles_gelezen() -> ResponseReturnValue:
    berichten.markeer_alles_gelezen(get_session(), g.burger.id)
    return redirect(url_for("berichten.lijst"), code=303)
