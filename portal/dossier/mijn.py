"""Mijn dossier: where the person's dossier stands, and what they can expect."""

from __future__ import annotations

from flask import current_app, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_date

from portal.auth import burger_vereist, eigen_dossier, wat_er_loopt
from portal.db import get_session
from portal.dossier.blueprint import bp
from portal.models import utcnow
from portal.services import (
    berichten,
    bezwaren,
    dossiers,
    spreekuurvoorkeur,
    taken,
    toezeggingen,
    verwachting,
    voorkeuren,
)
from portal.tijd import vandaag

# Promises not about a traject that Mijn dossier tells when UWV broke them.
ANDER_TE_LAAT = ("betaling", "bezwaar", "klacht", "taak")


@bp.get("/")
def start() -> ResponseReturnValue:
    if g.burger is not None:
        return redirect(url_for("dossier.mijn_dossier"))
    if g.medewerker is not None:
        return redirect(url_for("dossier.zoeken"))
    return render_template("dossier/start.html")


@bp.get("/mijn-dossier")
@burger_vereist
def mijn_dossier() -> str:
    db = get_session()
    dossier = eigen_dossier()
    nu = utcnow()
    beloften = toezeggingen.van_burger(db, g.burger.id)
    overzicht = dossiers.overzicht(dossier, beloften)
    loopt = wat_er_loopt()
    return render_template(
        "dossier/mijn_dossier.html",
        overzicht=overzicht,
        # Asked only while a medical assessment waits for its spreekuur: then a missing
        # preference is something the person can still do.
        spreekuurvoorkeur_gevraagd=(
            overzicht.wacht_op_spreekuur
            and spreekuurvoorkeur.huidige_voorkeur(db, g.burger.id) is None
        ),
        mislukt=(
            voorkeuren.mislukte_kanalen(db, g.burger.id) if loopt.mislukte_notificaties else {}
        ),
        # Most people have no payment, objection or decision letter: asked only when any is.
        geld=bezwaren.lopende(db, g.burger.id, nu, beloften) if loopt.geld_of_bezwaar else None,
        ander_te_laat=[
            (t, berichten.te_laat_zin(t.soort, format_date(t.datum, "long")))
            for t in beloften.te_laat(nu)
            if t.soort in ANDER_TE_LAAT
        ],
        kcc_telefoon=current_app.config["KCC_TELEFOON"],
        # What UWV asked of the person and they have not answered yet: at the top.
        taken=taken.open_van_burger(db, g.burger.id) if loopt.taken else [],
        vandaag=vandaag(nu),
    )


@bp.get("/wat-kunt-u-verwachten")
@burger_vereist
def verwachten() -> str:
    """Everything planned for this person, so that nothing arrives unannounced."""
    dossier = eigen_dossier()
    return render_template(
        "dossier/verwachten.html",
        overzicht=dossiers.overzicht(dossier, toezeggingen.van_burger(get_session(), g.burger.id)),
        verwacht=verwachting.voor(get_session(), g.burger.id, dossier.id),
    )
