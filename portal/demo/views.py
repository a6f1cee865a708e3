"""The persona picker: only registered when PORTAL_DEMO=1 outside production."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.auth.toegang import TERUG_SLEUTEL, log_in
from portal.db import get_session
from portal.invoer import als_id, veilig_terug
from portal.models import Burger, DevNotificatie, Dossier, Medewerker
from portal.services import dossiers

bp = Blueprint("demo", __name__, url_prefix="/demo")
AANTAL_PERSONAS = 20


@bp.get("/inloggen")
def personas() -> str:
    db = get_session()
    gevonden = db.scalars(
        select(Dossier)
        .order_by(Dossier.id)
        .limit(AANTAL_PERSONAS)
        .options(selectinload(Dossier.burger), selectinload(Dossier.trajecten))
    ).all()
    return render_template(
        "demo/personas.html",
        dossiers=[(d, dossiers.overzicht(d, None)) for d in gevonden],  # statuses only
        medewerkers=db.scalars(select(Medewerker).order_by(Medewerker.id)).all(),
    )


@bp.post("/inloggen")
def kies() -> ResponseReturnValue:
    db = get_session()
    burger_id = als_id(request.form.get("burger"))
    medewerker_id = als_id(request.form.get("medewerker"))
    if burger_id is not None:
        burger = db.get(Burger, burger_id)
        if burger is None:
            abort(404)
        terug = session.get(TERUG_SLEUTEL)
        log_in(burger=burger)
        return redirect(veilig_terug(terug, url_for("dossier.mijn_dossier")), code=303)
    if medewerker_id is not None:
        medewerker = db.get(Medewerker, medewerker_id)
        if medewerker is None:
            abort(404)
        terug = session.get(TERUG_SLEUTEL)
        log_in(medewerker=medewerker)
        # A pilot lead has no dossier search; her work starts at the pilots.
        pilots = medewerker.heeft_rol("pilotleider") and "pilot" in current_app.blueprints
        standaard = url_for("pilot.overzicht") if pilots else url_for("dossier.zoeken")
        return redirect(veilig_terug(terug, standaard), code=303)
    abort(400)


@bp.get("/verzonden")
def verzonden() -> str:
    """The dev inbox: what the dev channel 'sent' instead of real SMS and e-mail."""
    lijst = (
        get_session()
        .scalars(select(DevNotificatie).order_by(DevNotificatie.id.desc()).limit(50))
        .all()
    )
    return render_template("demo/verzonden.html", berichten=lijst)
