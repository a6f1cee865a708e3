from __future__ import annotations

from flask import Blueprint, abort, current_app, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from portal.auth import burger_vereist, eigen_dossier, wat_er_loopt
from portal.db import get_session
from portal.models import utcnow
from portal.services import (
    berichten,
    dossiers,
    spreekuurvoorkeur,
    toezeggingen,
    verwachting,
    voorkeuren,
)

bp = Blueprint("burger", __name__)


@bp.get("/")
def start() -> ResponseReturnValue:
    if g.burger is not None:
        return redirect(url_for("burger.mijn_dossier"))
    if g.medewerker is not None:
        return redirect(url_for("casemanager.zoeken"))
    return render_template("burger/start.html")


@bp.get("/mijn-dossier")
@burger_vereist
def mijn_dossier() -> str:
    db = get_session()
    dossier = eigen_dossier()
    overzicht = dossiers.overzicht(dossier, toezeggingen.van_burger(db, g.burger.id))
    return render_template(
        "burger/mijn_dossier.html",
        overzicht=overzicht,
        # Asked only while a medical assessment waits for its spreekuur: then a missing
        # preference is something the person can still do.
        spreekuurvoorkeur_gevraagd=(
            overzicht.wacht_op_spreekuur
            and spreekuurvoorkeur.huidige_voorkeur(db, g.burger.id) is None
        ),
        mislukt=(
            voorkeuren.mislukte_kanalen(db, g.burger.id)
            if wat_er_loopt().mislukte_notificaties
            else {}
        ),
        kcc_telefoon=current_app.config["KCC_TELEFOON"],
    )


@bp.get("/berichten")
@burger_vereist
def berichten_lijst() -> str:
    lijst = berichten.berichten_van(get_session(), g.burger.id)
    return render_template(
        "burger/berichten.html",
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
        "burger/bericht.html",
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
    return redirect(url_for("burger.berichten_lijst"), code=303)


@bp.get("/wat-kunt-u-verwachten")
@burger_vereist
def verwachten() -> str:
    """Everything planned for this person, so that nothing arrives unannounced."""
    dossier = eigen_dossier()
    return render_template(
        "burger/verwachten.html",
        overzicht=dossiers.overzicht(dossier, toezeggingen.van_burger(get_session(), g.burger.id)),
        verwacht=verwachting.voor(get_session(), g.burger.id, dossier.id),
    )
