"""The person's planned spreekuren, their calendar files, and the preparation checklist."""

from __future__ import annotations

from flask import Response, abort, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from portal.auth import burger_vereist, wat_er_loopt
from portal.db import get_session
from portal.kantoren import KANTOREN
from portal.models import Spreekuur, utcnow
from portal.services import contactfeedback, ics, spreekuren
from portal.services import spreekuurvoorkeur as voorkeuren
from portal.spreekuur import bp
from portal.spreekuur.meldingen import tegen_voorkeur_zin
from portal.vertalen import gettext as _


@bp.app_template_global("mijn_spreekuren")
def _mijn_spreekuren() -> list[Spreekuur]:
    """The logged-in person's coming spreekuren, for the small block on Mijn dossier."""
    if g.get("burger") is None or not wat_er_loopt().spreekuren:
        return []
    nu = utcnow()
    return [
        s
        for s in spreekuren.van_burger(get_session(), g.burger.id)
        if s.status == "gepland" and s.eind >= nu
    ]


@bp.get("/spreekuur/gepland")
@burger_vereist
def gepland() -> str:
    nu = utcnow()
    lijst = spreekuren.van_burger(get_session(), g.burger.id)
    return render_template(
        "spreekuur/gepland.html",
        komend=[s for s in lijst if s.status == "gepland" and s.eind >= nu],
        geannuleerd=[s for s in lijst if s.status == "geannuleerd" and s.eind >= nu],
        afgelopen=contactfeedback.recent_gehouden(lijst, nu),  # "Hoe ging het gesprek?"
        kantoren=KANTOREN,
        vormen=spreekuren.VORM_LABELS,
        rollen=spreekuren.ROLLEN,
        # What will be arranged, and why a spreekuur is not as the person would like it.
        ondersteuning=voorkeuren.ondersteuning(get_session(), g.burger.id),
        tegen_voorkeur_zin=tegen_voorkeur_zin,
    )


@bp.get("/spreekuur/gepland/<int:spreekuur_id>/agenda.ics")
@burger_vereist
def agenda(spreekuur_id: int) -> ResponseReturnValue:
    spreekuur = spreekuren.van_burger_op_id(get_session(), g.burger.id, spreekuur_id)
    if spreekuur is None:
        abort(404)
    antwoord = Response(ics.kalender(spreekuur), mimetype="text/calendar")
    antwoord.headers["Content-Disposition"] = 'attachment; filename="spreekuur-uwv.ics"'
    antwoord.headers["Cache-Control"] = "private, no-store"
    return antwoord


@bp.route("/spreekuur/voorbereiden", methods=["GET", "POST"])
@burger_vereist
def voorbereiden() -> ResponseReturnValue:
    db = get_session()
    if request.method == "POST":  # CSRF is checked for every POST by CSRFProtect
        spreekuren.zet_afgevinkt(db, g.burger.id, request.form.getlist("afgevinkt"), utcnow())
        flash(_("Uw lijst is opgeslagen."), "succes")
        return redirect(url_for(".voorbereiden"), code=303)
    return render_template(
        "spreekuur/voorbereiden.html",
        items=spreekuren.VOORBEREIDING,
        afgevinkt=set(spreekuren.afgevinkt(db, g.burger.id)),
    )
