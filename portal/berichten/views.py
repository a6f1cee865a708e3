"""Berichten: the person's inbox, the one place where the content of every update lives."""

from __future__ import annotations

from flask import Blueprint, abort, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from portal.auth import burger_vereist
from portal.db import get_session
from portal.models import utcnow
from portal.services import berichten, toezeggingen

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
    # Opening a message is reading it, as in every mail program.
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


@bp.post("/berichten/gelezen")
@burger_vereist
def alles_gelezen() -> ResponseReturnValue:
    berichten.markeer_alles_gelezen(get_session(), g.burger.id)
    return redirect(url_for("berichten.lijst"), code=303)
